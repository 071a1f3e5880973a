package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
)

// Marker is the file casebook leaves in every output folder it writes. A
// non-empty folder without it holds someone else's files, and casebook will
// not replace it.
const Marker = ".casebook-output"

// RefusedError explains why casebook will not use an output folder.
type RefusedError struct {
	Out    string
	Reason string
	Hint   string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refusing to write to %s: %s", e.Out, e.Reason)
}

// Diagnostic gives the refusal in the form casebook prints every problem
// in, pointing at the output folder as it was named.
func (e *RefusedError) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{Path: e.Out, Severity: diag.Error, Message: "casebook will not write here: " + e.Reason, Hint: e.Hint}
}

// loopReason and loopHint refuse an output folder reached through links
// that lead round in a loop: the folder itself or one above it.
const (
	loopReason = "it is reached through symbolic links that lead round in a loop"
	loopHint   = "remove one of the links, or choose another --out"
)

// mountReason refuses an output folder that is a mount point.
const mountReason = "it is a mount point (a disk, share or volume of its own), which a build cannot swap for the new site"

func mountHint(out string) string {
	return "build into a folder inside it, such as " + filepath.ToSlash(filepath.Join(out, "site")) + ", and publish that"
}

// maxListed is how many foreign files a refusal names.
const maxListed = 5

// checkPlace refuses output folders by where they are: the site itself, its
// content/layouts/static folders or anything inside them, a folder that
// contains the site or the working folder, the root or home folder. It
// reads nothing but the paths, so a refusal never writes anything.
func checkPlace(src, out string) error {
	absSrc, err := realAbs(src)
	if err != nil {
		return err
	}
	absOut, err := realAbs(out)
	if err != nil {
		return err
	}
	refuse := func(reason, hint string) error { return &RefusedError{Out: out, Reason: reason, Hint: hint} }
	home, _ := os.UserHomeDir()
	wd, _ := os.Getwd()
	switch {
	case absOut == filepath.Dir(absOut):
		return refuse("it is the root of the file system", "choose a folder of its own, such as public/")
	case home != "" && absOut == filepath.Clean(home):
		return refuse("it is your home folder", "choose a folder of its own, such as public/")
	case absOut == absSrc:
		return refuse("it is the site folder itself", "the default, public/ inside the site, is safe")
	case fsutil.Within(absOut, absSrc):
		return refuse("it contains the site", "choose a folder inside or beside the site, such as public/")
	case wd != "" && fsutil.Within(absOut, wd):
		return refuse("it is the folder you are working in, or contains it", "choose a folder of its own, such as public/")
	}
	for _, dir := range []string{"content", "layouts", "static"} {
		if fsutil.Within(filepath.Join(absSrc, dir), absOut) {
			return refuse(fmt.Sprintf("it is inside the site's %s/ folder", dir), "choose a folder of its own, such as public/")
		}
	}
	return nil
}

// checkContents refuses an output folder whose contents casebook may not
// replace: a file, a non-empty folder without casebook's marker, or one
// holding files the marker does not list. Build runs it while holding the
// lock, so no other build changes the folder between check and swap.
func checkContents(out, absOut string) error {
	refuse := func(reason, hint string) error { return &RefusedError{Out: out, Reason: reason, Hint: hint} }
	info, err := os.Stat(absOut)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case fsutil.IsLoop(err):
		return refuse(loopReason, loopHint)
	case err != nil:
		return refuse(fmt.Sprintf("casebook cannot look into it: %v", fsutil.Reason(err)), "choose another --out")
	case !info.IsDir():
		return refuse("it is a file, not a folder", "remove the file or choose another --out")
	case mountPoint(absOut):
		return refuse(mountReason, mountHint(out))
	}
	entries, err := os.ReadDir(absOut)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	listed, err := readMarker(absOut)
	if err != nil {
		return refuse("it already holds files that casebook did not write", "empty it yourself, or choose another --out")
	}
	// A folder casebook wrote may have gained files since: a build replaces
	// the whole folder, so they would be lost.
	extra, err := unlisted(absOut, listed.paths())
	if err != nil {
		return err
	}
	if len(extra) > 0 {
		names := extra[:min(maxListed, len(extra))]
		more := ""
		if len(extra) > maxListed {
			more = fmt.Sprintf(" and %d more", len(extra)-maxListed)
		}
		return refuse(fmt.Sprintf("it holds files casebook did not write: %s%s", strings.Join(names, ", "), more),
			"move files you want published into static/ (they are copied into every build), or delete them")
	}
	return nil
}

// realAbs makes p absolute and resolves symbolic links in the part of it
// that exists, so two names for one folder compare equal.
func realAbs(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		if cur == filepath.Dir(cur) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// unlisted walks dir and returns what it holds besides the listed files and
// their folders: other files, and symbolic links of any kind.
func unlisted(dir string, listed []string) ([]string, error) {
	want := make(map[string]bool, len(listed)*2)
	for _, f := range listed {
		for p := f; p != "." && p != "/"; p = filepath.ToSlash(filepath.Dir(p)) {
			want[p] = true
		}
	}
	var extra []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == Marker {
			return nil
		}
		if !want[rel] || e.Type()&fs.ModeSymlink != 0 {
			extra = append(extra, rel)
			if e.IsDir() {
				return filepath.SkipDir
			}
		}
		return nil
	})
	slices.Sort(extra)
	return extra, err
}
