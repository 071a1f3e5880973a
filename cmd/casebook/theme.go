package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
)

const themeSynopsis = `theme list  [--src DIR]
       casebook theme eject [--src DIR] [--force] [FILE...]

list shows the default theme's files and which of them the site replaces.
eject copies the default theme's layouts and stylesheet (or only the named
files or folders, e.g. partials/footer.html or css/casebook.css) into the
site's layouts/ and static/, where they replace the built-in ones.`

// runTheme lists or ejects the default theme's files.
func runTheme(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("theme", themeSynopsis, stderr)
	src := fs.String("src", ".", "the site folder (holding casebook.toml)")
	force := fs.Bool("force", false, "with eject: replace files the site already has")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return &usageError{Msg: "theme needs a subcommand: list or eject"}
	}
	if err := checkSiteSrc(*src); err != nil {
		return err
	}
	files, err := themeFiles()
	if err != nil {
		return err
	}
	switch pos[0] {
	case "list":
		if len(pos) > 1 {
			return &usageError{Msg: "theme list takes no file names"}
		}
		return listTheme(files, *src, stdout)
	case "eject":
		chosen, err := chooseThemeFiles(files, pos[1:])
		if err != nil {
			return err
		}
		return ejectTheme(chosen, *src, *force, stdout)
	}
	msg := fmt.Sprintf("unknown theme subcommand %q; use list or eject", pos[0])
	if h := diag.DidYouMean(pos[0], []string{"list", "eject"}); h != "" {
		msg += " (" + h + ")"
	}
	return &usageError{Msg: msg}
}

// themeFiles lists the default theme's files as site paths
// ("layouts/partials/footer.html"), sorted.
func themeFiles() ([]string, error) {
	var files []string
	err := fs.WalkDir(casebook.Theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	slices.Sort(files)
	return files, err
}

// ejectedByDefault says which files eject copies when none are named: the
// layouts and the stylesheet, what an author changes to restyle a site.
// The search script and the icon are left to be named.
func ejectedByDefault(p string) bool {
	return strings.HasPrefix(p, "layouts/") || p == "static/css/casebook.css"
}

// chooseThemeFiles resolves the names an author gave: a file or folder of
// the theme, with or without its layouts/ or static/ prefix, or a file name
// that only one theme file has.
func chooseThemeFiles(files, names []string) ([]string, error) {
	if len(names) == 0 {
		return slices.DeleteFunc(slices.Clone(files), func(p string) bool { return !ejectedByDefault(p) }), nil
	}
	var chosen []string
	for _, name := range names {
		name = strings.Trim(filepath.ToSlash(name), "/")
		var match []string
		for _, p := range files {
			rel := strings.SplitN(p, "/", 2)[1]
			if p == name || rel == name || strings.HasPrefix(p, name+"/") || strings.HasPrefix(rel, name+"/") || path.Base(p) == name {
				match = append(match, p)
			}
		}
		if len(match) > 1 && !strings.Contains(name, "/") && path.Ext(name) != "" {
			return nil, &usageError{Msg: fmt.Sprintf("%q names %d files (%s); give its folder too", name, len(match), strings.Join(match, ", "))}
		}
		if len(match) == 0 {
			msg := fmt.Sprintf("the default theme has no file %q; `casebook theme list` shows them", name)
			if h := diag.DidYouMean(name, themeNames(files)); h != "" {
				msg += " (" + h + ")"
			}
			return nil, &usageError{Msg: msg}
		}
		chosen = append(chosen, match...)
	}
	slices.Sort(chosen)
	return slices.Compact(chosen), nil
}

// insideSite reports whether dir, once symbolic links are followed, is
// within the site folder src, so eject never writes (or makes a folder)
// through a link that leads elsewhere. Folders not made yet are judged by
// the nearest one that exists.
func insideSite(src, dir string) bool {
	for {
		if _, err := os.Lstat(dir); err == nil || filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	_, inside, err := fsutil.FollowLink(src, dir)
	return err == nil && inside
}

// themeNames is every way a theme file can be named, for suggestions.
func themeNames(files []string) []string {
	var names []string
	for _, p := range files {
		names = append(names, p, strings.SplitN(p, "/", 2)[1], path.Base(p))
	}
	slices.Sort(names)
	return slices.Compact(names)
}

func listTheme(files []string, src string, stdout io.Writer) error {
	for _, p := range files {
		mark := ""
		if st, err := os.Stat(filepath.Join(src, filepath.FromSlash(p))); err == nil && st.Mode().IsRegular() {
			mark = "  (the site's own file replaces it)"
		}
		fmt.Fprintf(stdout, "%s%s\n", p, mark)
	}
	return nil
}

// ejectTheme copies files into the site, keeping any the site already has
// unless force is set. When a file cannot be copied it stops there, and
// still lists the files it copied.
func ejectTheme(files []string, src string, force bool, stdout io.Writer) error {
	copied, kept, err := copyThemeFiles(files, src, force)
	for _, p := range copied {
		fmt.Fprintf(stdout, "copied %s\n", p)
	}
	for _, p := range kept {
		fmt.Fprintf(stdout, "kept   %s (the site has its own; --force replaces it)\n", p)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, `
%s copied. A file in the site's layouts/ or static/ replaces the default
theme's file at the same path. Change what you need, and delete the files you
leave as they are: those keep getting the default theme's fixes.
`, plural(len(copied), "file"))
	return nil
}

// copyThemeFiles copies the default theme's files into the site, in order,
// until one fails: the ones copied, and the ones kept because the site has
// its own (a file that is not a plain one is kept even with force).
func copyThemeFiles(files []string, src string, force bool) (copied, kept []string, err error) {
	for _, p := range files {
		dst := filepath.Join(src, filepath.FromSlash(p))
		st, err := os.Lstat(dst)
		if err == nil && (!force || !st.Mode().IsRegular()) {
			kept = append(kept, p)
			continue
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return copied, kept, fsutil.CannotWrite(src, p, err)
		}
		body, err := casebook.Theme.ReadFile(p)
		if err != nil {
			return copied, kept, err
		}
		if !insideSite(src, filepath.Dir(dst)) {
			return copied, kept, fmt.Errorf("%s leads outside the site through a symbolic link; casebook writes only inside the site", filepath.ToSlash(filepath.Dir(p)))
		}
		if err := fsutil.WriteFile(src, p, body); err != nil {
			return copied, kept, err
		}
		copied = append(copied, p)
	}
	return copied, kept, nil
}
