package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/render"
)

// publish renders every output into a staging folder beside out and swaps
// it in; out is never written in place, so a failed build leaves it as it
// was. The staging folder is the build before last, kept as a spare: on
// most disks creating and deleting thousands of files costs far more than
// overwriting them, so a rebuild mostly overwrites. out must be the real,
// absolute path that CheckOutput approved.
func publish(res *Result, out string, minify bool, diags *diag.List) (err error) {
	cleanLeftovers(out)
	staging, previous, err := stagingFolder(out)
	if err != nil {
		return err
	}
	if staging != sparePath(out) {
		defer func() {
			if err != nil {
				os.RemoveAll(staging)
			}
		}()
	}
	root, err := os.OpenRoot(staging)
	if err != nil {
		return err
	}
	defer root.Close()
	planned := make([]string, len(res.Outputs))
	for i, o := range res.Outputs {
		planned[i] = o.Path
	}
	// Until the build is done, the marker lists every file that may be in
	// the folder and vouches for none, so a crash leaves nothing a later
	// build cannot clean up, and no half-written file is trusted.
	if err := writeMarker(root, unvouched(previous.paths(), planned)); err != nil {
		return err
	}
	w := &writer{root: root, previous: previous, written: make(manifest, len(planned))}
	var renderDiags diag.List
	if err := renderAll(res.Outputs, minify, func(o render.Output, b []byte) error { return w.put(o.Path, b) }, &renderDiags); err != nil {
		return err
	}
	diags.Merge(renderDiags)
	if renderDiags.HasErrors() {
		return nil
	}
	if err := removeStale(root, previous, planned); err != nil {
		return err
	}
	if err := writeMarker(root, w.written); err != nil {
		return err
	}
	return swap(staging, out)
}

// sparePath is where the build before last is kept, beside out.
func sparePath(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".casebook-spare")
}

// stagingFolder returns the spare folder, with its manifest, when it holds
// exactly what casebook wrote there; otherwise a new empty folder beside out.
func stagingFolder(out string) (dir string, previous manifest, err error) {
	spare := sparePath(out)
	if m, err := readMarker(spare); err == nil {
		if extra, err := unlisted(spare, m.paths()); err == nil && len(extra) == 0 {
			return spare, m, nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(spare), 0o755); err != nil {
		return "", nil, fmt.Errorf("cannot create the folder for %s: %w", out, err)
	}
	if _, statErr := os.Lstat(spare); statErr == nil {
		// Something else sits at the spare's name: leave it alone and
		// stage in a fresh folder.
		dir, err = os.MkdirTemp(filepath.Dir(spare), filepath.Base(spare)+"-")
	} else {
		dir, err = spare, os.Mkdir(spare, 0o755)
	}
	if err != nil {
		return "", nil, fmt.Errorf("cannot create a staging folder beside %s: %w", out, err)
	}
	return dir, nil, nil
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

// swap moves staging into out's place. The old output becomes the spare
// for the next build; it is moved aside before the new one moves in, so at
// every moment out is either the whole old build or the whole new one.
func swap(staging, out string) error {
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(staging, out)
	}
	aside := sparePath(out) + "-old"
	if err := os.RemoveAll(aside); err != nil {
		return err
	}
	if err := os.Rename(out, aside); err != nil {
		return fmt.Errorf("cannot move the previous %s aside: %w", out, err)
	}
	if err := os.Rename(staging, out); err != nil {
		_ = os.Rename(aside, out)
		return fmt.Errorf("cannot move the new build into %s: %w", out, err)
	}
	spare := sparePath(out)
	if _, err := os.Lstat(spare); err == nil {
		return os.RemoveAll(aside) // the spare's name is taken by something else
	}
	return os.Rename(aside, spare)
}

// cleanLeftovers removes what an interrupted build may have left beside
// out: the old output moved aside, and fresh staging folders, each only
// when casebook's marker shows it wrote it.
func cleanLeftovers(out string) {
	matches, _ := filepath.Glob(sparePath(out) + "-*")
	for _, m := range matches {
		if _, err := readMarker(m); err == nil {
			os.RemoveAll(m)
		}
	}
}
