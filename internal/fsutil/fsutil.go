// Package fsutil holds the file-system rules every stage shares: which names
// are never content, and how far symbolic links may be followed.
package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Ignored reports whether a path component names something casebook never
// builds or watches: hidden entries (which also covers vim's .name.swp,
// Emacs' .#name lock links and a build's .public.casebook-staging folder),
// Emacs' #autosave# files, and the temp and swap files editors write while
// saving. The build, the theme and the file watcher share this one rule, so
// a file the server ignores is one a build ignores too.
func Ignored(name string) bool {
	if name == "" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") {
		return true
	}
	if name == "4913" { // vim's probe for whether it can create files here
		return true
	}
	for _, suffix := range []string{"~", ".swp", ".swx", ".swo", ".tmp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// Within reports whether path p lies inside dir (or is dir). Both must be
// clean and absolute, or both relative to the same folder.
func Within(dir, p string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// FollowLink resolves the symbolic link p and reports whether its target lies
// inside root. A build follows links only within the site, so it never reads
// and publishes a file from elsewhere on the machine.
func FollowLink(root, p string) (target string, inside bool, err error) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", false, err
	}
	target, err = filepath.EvalSymlinks(p)
	if err != nil {
		return "", false, err
	}
	realRoot, _ = filepath.Abs(realRoot)
	target, _ = filepath.Abs(target)
	return target, Within(realRoot, target), nil
}

// IsDir reports whether p is an existing folder.
func IsDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// LinkLoop reports whether p is reached through symbolic links that lead
// round in a loop, which the system gives up on ("too many levels of
// symbolic links"): p itself, or a folder above it.
func LinkLoop(p string) bool {
	_, err := os.Stat(p)
	return IsLoop(err)
}

// IsLoop reports whether err is the system giving up on symbolic links
// that lead round in a loop.
func IsLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }

// BrokenLink reports whether p, which os.Stat found missing, is a
// symbolic link, to nothing then: a name is there, and a message should
// say so rather than "no such folder".
func BrokenLink(p string) bool {
	info, err := os.Lstat(p)
	return err == nil && info.Mode()&fs.ModeSymlink != 0
}
