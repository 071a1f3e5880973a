package publish

import (
	"errors"
	"os"
)

// siteFiles writes a build's files into the staging folder's site folder
// through root, an *os.Root, which refuses any path, symbolic links
// included, that would lead outside the folder. On Linux a file is opened
// with openat2 instead, in one system call that refuses those paths and
// any symbolic link (see files_linux.go).
type siteFiles struct {
	root   *os.Root
	direct directOpener
}

// newSiteFiles writes into root, the folder at dir. It does not own root.
func newSiteFiles(root *os.Root, dir string) *siteFiles {
	return &siteFiles{root: root, direct: openDirect(root, dir)}
}

// mkdir makes the folder at rel, whose parent must be there.
func (d *siteFiles) mkdir(rel string) error {
	if ok, err := d.direct.mkdir(rel); ok {
		return err
	}
	return d.root.Mkdir(rel, 0o755)
}

// write creates the file at rel, or empties it, and writes b into it. It
// returns the file's size and modification time (Unix nanoseconds), read
// from the open file rather than looked up by name again.
func (d *siteFiles) write(rel string, b []byte) (size, mtime int64, err error) {
	if size, mtime, ok, err := d.direct.write(rel, b); ok {
		return size, mtime, err
	}
	f, err := d.root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, 0, err
	}
	_, err = f.Write(b)
	if err == nil {
		var info os.FileInfo
		if info, err = f.Stat(); err == nil {
			size, mtime = info.Size(), info.ModTime().UnixNano()
		}
	}
	return size, mtime, errors.Join(err, f.Close())
}

// close lets go of what write keeps open; root stays open.
func (d *siteFiles) close() {
	if d != nil {
		d.direct.close()
	}
}
