package fsutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// WriteFile writes data to the file rel under root, making the folders it
// needs. With exclusive set it never replaces a file, and fails with an
// error that is fs.ErrExist when one is there. Other failures name rel as
// given, since messages name files relative to the site (CannotWrite).
// root may be "" for a rel the user named as they typed it.
func WriteFile(root, rel string, data []byte, exclusive bool) error {
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return CannotWrite(root, rel, err)
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if exclusive {
		flag = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	}
	f, err := os.OpenFile(p, flag, 0o644)
	if exclusive && errors.Is(err, fs.ErrExist) {
		return err
	}
	if err == nil {
		_, err = f.Write(data)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		return CannotWrite(root, rel, err)
	}
	return nil
}

// CannotWrite is the error for the file or folder rel under root that
// could not be written or made: "cannot write content/x.md: " and the
// reason, with what to do about it where that is clear, rather than the
// system's "mkdir /home/…/content: not a directory".
func CannotWrite(root, rel string, err error) error {
	rel = filepath.ToSlash(rel)
	return fmt.Errorf("cannot write %s: %s", rel, writeReason(root, rel, err))
}

func writeReason(root, rel string, err error) string {
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		if file := fileInTheWay(root, rel); file != "" {
			return file + " is a file, not a folder; rename or move it"
		}
	case errors.Is(err, syscall.EISDIR):
		return "it is a folder; rename or move it"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied; check that you may write in " + existingFolder(root, path.Dir(rel))
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full"
	case errors.Is(err, syscall.EROFS):
		return "the file system is read-only"
	}
	return Reason(err).Error()
}

// fileInTheWay is the first of rel's folders, from the top, that is
// something other than a folder under root; "" when there is none.
func fileInTheWay(root, rel string) string {
	parts := strings.Split(rel, "/")
	for i := range parts {
		prefix := strings.Join(parts[:i+1], "/")
		if prefix == "" {
			continue // the root of an absolute path
		}
		info, err := os.Stat(filepath.Join(root, filepath.FromSlash(prefix)))
		if err != nil {
			return ""
		}
		if !info.IsDir() {
			return prefix
		}
	}
	return ""
}

// existingFolder is dir, or the nearest folder above it that exists:
// the one that refused a new file or folder. "." is named as the folder
// the paths start from.
func existingFolder(root, dir string) string {
	for dir != "." && dir != "/" {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(dir))); err == nil {
			return dir
		}
		dir = path.Dir(dir)
	}
	if dir == "." {
		return "this folder"
	}
	return dir
}
