package render

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
)

// Theme is the default theme (an fs.FS holding layouts/ and static/) under a
// site's own layouts/ and static/: a site file overrides the theme file of
// the same path.
type Theme struct {
	base fs.FS
	root string
}

// defaultThemePrefix starts the Path of a default theme's file.
const defaultThemePrefix = "(default theme) "

// NewTheme layers the site at root over the default theme base.
func NewTheme(base fs.FS, root string) *Theme { return &Theme{base: base, root: root} }

// File is one theme file, from the site or from the default theme.
type File struct {
	Rel  string // path under its folder: "css/casebook.css"
	Path string // for messages: "layouts/index.html" or "(default theme) layouts/index.html"
	read func() ([]byte, error)
}

// FromTheme reports whether the file is the default theme's, not the
// site's own.
func (f File) FromTheme() bool { return strings.HasPrefix(f.Path, defaultThemePrefix) }

// Read returns the file's bytes.
func (f File) Read() ([]byte, error) { return f.read() }

// Files lists the files under dir ("layouts" or "static"), sorted by Rel.
// Site files that are symbolic links out of the site are reported, not read.
func (t *Theme) Files(dir string, diags *diag.List) ([]File, error) {
	files := map[string]File{}
	if t.base != nil {
		err := fs.WalkDir(t.base, dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel := strings.TrimPrefix(p, dir+"/")
			files[rel] = File{Rel: rel, Path: defaultThemePrefix + p, read: func() ([]byte, error) { return fs.ReadFile(t.base, p) }}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if t.root != "" {
		if err := t.siteFiles(dir, files, diags); err != nil {
			return nil, err
		}
	}
	out := make([]File, 0, len(files))
	for _, f := range files {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Rel, b.Rel) })
	return out, nil
}

func (t *Theme) siteFiles(dir string, files map[string]File, diags *diag.List) error {
	top := filepath.Join(t.root, dir)
	if !fsutil.IsDir(top) {
		return nil
	}
	return filepath.WalkDir(top, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			rel, _ := filepath.Rel(t.root, p)
			rel = filepath.ToSlash(rel)
			fsutil.Report(diags, rel, err, e != nil && e.IsDir())
			if e != nil && e.IsDir() && p != top {
				return filepath.SkipDir
			}
			return nil
		}
		if p != top && fsutil.Ignored(e.Name()) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(top, p)
		rel = filepath.ToSlash(rel)
		sitePath := dir + "/" + rel
		if e.Type()&fs.ModeSymlink != 0 {
			target, inside, err := fsutil.FollowLink(t.root, p)
			if err != nil || !inside {
				diags.Errorf(sitePath, 0, 0, "copy the file into the site instead of linking to it",
					"this symbolic link points outside the site (or nowhere); casebook does not follow it")
				return nil
			}
			if fsutil.IsDir(target) {
				diags.Errorf(sitePath, 0, 0, "replace the link with a real folder", "casebook does not follow symbolic links to folders")
				return nil
			}
			p = target
		} else if e.IsDir() {
			return nil
		}
		if kind := fsutil.Special(e.Type()); kind != "" {
			fsutil.Report(diags, sitePath, &fsutil.NotPlainError{Path: sitePath, Kind: kind}, false)
			return nil
		}
		files[rel] = File{Rel: rel, Path: sitePath, read: func() ([]byte, error) { return fsutil.ReadFile(p) }}
		return nil
	})
}

// staticIndex returns a lookup of the static files by path, which package
// site uses to check links to static files.
func staticIndex(files []File) func(rel string) bool {
	set := make(map[string]bool, len(files))
	for _, f := range files {
		set[f.Rel] = true
	}
	return func(rel string) bool { return set[rel] }
}
