package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// directOpener writes files with bare system calls, relative to a
// descriptor for the site folder. An *os.Root opens a path a folder at a
// time (an open and a close for each), and an *os.File offers each file to
// the poller, which a regular file refuses (four fcntl and an epoll_ctl):
// ten system calls a file more than needed. At 10,000 case studies, where
// each of 20,000 files has a folder of its own, they were a seventh of the
// build's system time. openat2 with RESOLVE_BENEATH and
// RESOLVE_NO_SYMLINKS refuses in one call any path that leaves the folder
// and any that passes a symbolic link: stricter than the Root, which
// follows a link that stays inside, and the staging folder has none of
// its own. A kernel without openat2 (before 5.6, or one that forbids it)
// leaves every file to the Root.
type directOpener struct {
	fd      int
	ok      bool // fd is open, and openat2 works on it
	parents *parentFolders
}

// parentFolders keeps descriptors for the folders mkdir last made
// folders in: a section's pages, each in a folder of its own, share one.
type parentFolders struct {
	mu  sync.Mutex
	fds map[string]int
}

// keptParents is how many parent folders' descriptors mkdir keeps open.
const keptParents = 8

// openDirect opens dir, the folder root is, for writing files into
// directly; the zero directOpener, which declines every file, when it
// cannot. openat2 is tried once here, so that a kernel or sandbox without
// it costs nothing more, and an error from a file's openat2 later is
// that file's.
func openDirect(root *os.Root, dir string) directOpener {
	fd, err := retry(func() (int, error) {
		return unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return directOpener{}
	}
	o := directOpener{fd: fd, ok: true, parents: &parentFolders{fds: map[string]int{}}}
	if !o.works() || !sameFolder(root, fd) {
		o.close()
	}
	return o
}

// works tries openat2 on the folder itself.
func (o *directOpener) works() bool {
	how := unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS}
	fd, err := retry(func() (int, error) { return unix.Openat2(o.fd, ".", &how) })
	if err != nil {
		return false
	}
	unix.Close(fd)
	return true
}

// sameFolder reports whether fd is the folder root is: the two were
// opened by name one after the other, and the Root still makes what fd
// declines.
func sameFolder(root *os.Root, fd int) bool {
	info, err := root.Stat(".")
	if err != nil {
		return false
	}
	r, ok := info.Sys().(*syscall.Stat_t)
	var st unix.Stat_t
	if !ok || unix.Fstat(fd, &st) != nil {
		return false
	}
	return uint64(r.Dev) == uint64(st.Dev) && uint64(r.Ino) == uint64(st.Ino)
}

// active reports whether write writes files itself.
func (o *directOpener) active() bool { return o.ok }

// write is siteFiles.write; ok is false when the file is left to the Root.
func (o *directOpener) write(rel string, b []byte) (size, mtime int64, ok bool, err error) {
	if !o.ok {
		return 0, 0, false, nil
	}
	how := unix.OpenHow{
		Flags:   unix.O_WRONLY | unix.O_CREAT | unix.O_TRUNC | unix.O_CLOEXEC,
		Mode:    0o644,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	}
	fd, err := retry(func() (int, error) { return unix.Openat2(o.fd, rel, &how) })
	switch {
	case errors.Is(err, unix.EAGAIN):
		return 0, 0, false, nil // a rename raced the lookup: the Root tries
	case err != nil:
		return 0, 0, true, &fs.PathError{Op: "open", Path: rel, Err: err}
	}
	err = writeAll(fd, b)
	var st unix.Stat_t
	if err == nil {
		_, err = retry(func() (int, error) { return 0, unix.Fstat(fd, &st) })
	}
	if cerr := unix.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, 0, true, &fs.PathError{Op: "write", Path: rel, Err: err}
	}
	return st.Size, st.Mtim.Nano(), true, nil
}

// mkdir makes the folder rel, whose parent must be there, with mkdirat on
// a descriptor for the parent opened as write opens files: an *os.Root
// opens and closes every folder on the way for each folder it makes, and
// at 10,000 case studies it makes 20,000. ok is false when the folder is
// left to the Root.
func (o *directOpener) mkdir(rel string) (ok bool, err error) {
	if !o.ok {
		return false, nil
	}
	o.parents.mu.Lock()
	defer o.parents.mu.Unlock() // a kept descriptor is closed only under the lock
	parent, err := o.parent(filepath.Dir(rel))
	switch {
	case errors.Is(err, unix.EAGAIN):
		return false, nil // a rename raced the lookup: the Root tries
	case err != nil:
		return true, &fs.PathError{Op: "mkdir", Path: rel, Err: err}
	}
	if _, err := retry(func() (int, error) { return 0, unix.Mkdirat(parent, filepath.Base(rel), 0o755) }); err != nil {
		return true, &fs.PathError{Op: "mkdir", Path: rel, Err: err}
	}
	return true, nil
}

// parent returns a descriptor for the folder dir, opened beneath the site
// folder without passing a symbolic link, and kept for the next folder
// made in it. The caller holds o.parents.mu.
func (o *directOpener) parent(dir string) (int, error) {
	if dir == "." {
		return o.fd, nil
	}
	if fd, ok := o.parents.fds[dir]; ok {
		return fd, nil
	}
	how := unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS}
	fd, err := retry(func() (int, error) { return unix.Openat2(o.fd, dir, &how) })
	if err != nil {
		return -1, err
	}
	if len(o.parents.fds) >= keptParents {
		o.closeParents()
	}
	o.parents.fds[dir] = fd
	return fd, nil
}

// closeParents closes the kept descriptors. The caller holds
// o.parents.mu.
func (o *directOpener) closeParents() {
	for dir, fd := range o.parents.fds {
		unix.Close(fd)
		delete(o.parents.fds, dir)
	}
}

func writeAll(fd int, b []byte) error {
	for len(b) > 0 {
		n, err := retry(func() (int, error) { return unix.Write(fd, b) })
		if err != nil {
			return err
		}
		if n == 0 {
			return unix.EIO // a regular file takes at least a byte a call
		}
		b = b[n:]
	}
	return nil
}

// close closes the folder's descriptor, once: its number may be another
// file's afterwards. It is called once every write has returned.
func (o *directOpener) close() {
	if o.ok {
		o.ok = false
		o.parents.mu.Lock()
		o.closeParents()
		o.parents.mu.Unlock()
		unix.Close(o.fd)
	}
}

// retry calls f again while a signal interrupts it, as the os package
// does for files on filesystems where that happens (FUSE, NFS).
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
