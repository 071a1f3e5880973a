// Package watch reports changes to a casebook's sources (content/, layouts/,
// static/ and casebook.toml) as debounced, classified batches, using fsnotify
// or, when events cannot be had, a poller.
package watch

import (
	"path/filepath"
	"strings"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/fsutil"
)

// Class says what kind of source a changed file is, which decides how much a
// rebuild has to redo.
type Class int

const (
	Content Class = iota // a file under content/
	Layout               // a file under layouts/
	Static               // a file under static/
	Config               // the site's casebook.toml
)

func (c Class) String() string {
	switch c {
	case Content:
		return "content"
	case Layout:
		return "layout"
	case Static:
		return "static"
	case Config:
		return "config"
	}
	return "unknown"
}

// Change is one changed source file.
type Change struct {
	Path    string // relative to the site root, with forward slashes
	Class   Class
	Removed bool // the file no longer exists
}

// ConfigFile is the site's configuration file, relative to the root.
const ConfigFile = config.File

// sourceDirs are the top-level folders that are watched, with their classes.
var sourceDirs = map[string]Class{
	"content": Content,
	"layouts": Layout,
	"static":  Static,
	// The interface text is the theme's, in each language.
	"i18n": Layout,
}

// Classify maps an absolute path under root to a Change; ok is false for
// paths casebook ignores: hidden files and folders, editors' temp and swap
// files, anything outside content/, layouts/, static/ and root/casebook.toml,
// and the output folder (public/ and the .public.casebook-staging folder a
// build makes beside it). It does no I/O: a directory path under a source
// folder classifies like a file would.
func Classify(root, path string) (Change, bool) {
	rel, ok := relPath(root, path)
	if !ok {
		return Change{}, false
	}
	class, ok := ClassOf(rel)
	if !ok {
		return Change{}, false
	}
	return Change{Path: rel, Class: class}, true
}

// ClassOf classifies a path relative to the site root, with forward
// slashes, as Classify does: the one rule for what a source file is,
// shared by the watcher and the rebuilds it triggers.
func ClassOf(rel string) (Class, bool) {
	if rel == ConfigFile {
		return Config, true
	}
	parts := strings.Split(rel, "/")
	class, ok := sourceDirs[parts[0]]
	if !ok || len(parts) < 2 {
		return 0, false
	}
	for _, p := range parts {
		if fsutil.Ignored(p) {
			return 0, false
		}
	}
	return class, true
}

// relPath returns path relative to root with forward slashes; ok is false if
// path is root itself or not under it.
func relPath(root, path string) (string, bool) {
	rel, err := filepath.Rel(filepath.Clean(root), filepath.Clean(path))
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// dirWanted reports whether a directory should be watched (or walked by the
// poller): a source folder or a folder inside one that is not ignored.
func dirWanted(root, path string) bool {
	rel, ok := relPath(root, path)
	if !ok {
		return false
	}
	parts := strings.Split(rel, "/")
	if _, ok := sourceDirs[parts[0]]; !ok {
		return false
	}
	for _, p := range parts[1:] {
		if fsutil.Ignored(p) {
			return false
		}
	}
	return true
}
