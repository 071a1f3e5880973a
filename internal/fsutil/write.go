package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// WriteFile writes data to the file rel under root, making the folders it
// needs, over any file there. Failures name rel as given, since messages
// name files relative to the site (CannotWrite); root may be "" for a rel
// the user named as they typed it.
func WriteFile(root, rel string, data []byte) error {
	return write(root, rel, data, os.O_TRUNC)
}

// CreateFile is WriteFile that never replaces a file: its error is then
// fs.ErrExist, for the caller to word.
func CreateFile(root, rel string, data []byte) error {
	return write(root, rel, data, os.O_EXCL)
}

func write(root, rel string, data []byte, flag int) error {
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return CannotWrite(root, rel, err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|flag, 0o644)
	if flag == os.O_EXCL && errors.Is(err, fs.ErrExist) {
		return err
	}
	if err == nil {
		_, err = f.Write(data)
		if err = errors.Join(err, f.Close()); err != nil && flag == os.O_EXCL {
			// The file is this call's: a part of it would read as a page
			// that exists, and the next try would refuse to replace it.
			os.Remove(p)
		}
	}
	if err != nil {
		return CannotWrite(root, rel, err)
	}
	return nil
}

// A WriteError is a file or folder that could not be written or made,
// worded for the user; it wraps the system's error without its path.
type WriteError struct {
	msg string
	err error
}

func (e *WriteError) Error() string { return e.msg }
func (e *WriteError) Unwrap() error { return e.err }

// CannotWrite is the error for the file or folder rel under root that
// could not be written or made: "cannot write content/x.md: " and the
// reason, with what to do about it where that is clear, rather than the
// system's "mkdir /home/…/content: not a directory".
func CannotWrite(root, rel string, err error) error {
	rel = filepath.ToSlash(rel)
	return &WriteError{msg: "cannot write " + rel + ": " + writeReason(root, rel, err), err: Reason(err)}
}

func writeReason(root, rel string, err error) string {
	switch {
	case IsLoop(err), errors.Is(err, fs.ErrExist) && LinkLoop(filepath.Join(root, filepath.FromSlash(rel))):
		// MkdirAll reports a loop of links above rel as "file exists".
		return "it is reached through symbolic links that lead round in a loop; remove one of the links"
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
// the one that refused a new file or folder. "." is the site folder, or
// without a root the folder the user's paths start from.
func existingFolder(root, dir string) string {
	for {
		if dir == "." {
			if root != "" {
				return "the site folder"
			}
			return "this folder"
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(dir))); err == nil {
			return dir
		}
		parent := path.Dir(dir)
		if parent == dir { // "/" or a volume
			return dir
		}
		dir = parent
	}
}
