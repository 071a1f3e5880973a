package publish

import (
	"errors"
	"io/fs"
	"sync/atomic"

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
// or passes a symbolic link, as the Root does. A kernel without it (before
// 5.6, or one that forbids it) leaves every file to the Root.
type directOpener struct {
	fd  int
	ok  bool        // fd is open
	off atomic.Bool // the kernel refused openat2 itself
}

func openDirect(dir string) directOpener {
	fd, err := retry(func() (int, error) {
		return unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	return directOpener{fd: fd, ok: err == nil}
}

// write is siteFiles.write; ok is false when the file is left to the Root.
func (o *directOpener) write(rel string, b []byte) (size, mtime int64, ok bool, err error) {
	if !o.ok || o.off.Load() {
		return 0, 0, false, nil
	}
	how := unix.OpenHow{
		Flags:   unix.O_WRONLY | unix.O_CREAT | unix.O_TRUNC | unix.O_CLOEXEC,
		Mode:    0o644,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	}
	fd, err := retry(func() (int, error) { return unix.Openat2(o.fd, rel, &how) })
	switch {
	case errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL):
		o.off.Store(true)
		return 0, 0, false, nil
	case errors.Is(err, unix.EPERM) || errors.Is(err, unix.EAGAIN):
		return 0, 0, false, nil // a sandbox's refusal, or a rename racing: the Root says
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
// file's afterwards.
func (o *directOpener) close() {
	if o.ok {
		o.ok = false
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
