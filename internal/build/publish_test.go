package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/testsite"
)

func build(t *testing.T, src, out string) (*diag.List, error) {
	t.Helper()
	var diags diag.List
	_, err := Build(Options{Src: src, Out: out, Theme: casebook.Theme}, &diags)
	return &diags, err
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBuildWritesMarkerAndPages(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(src, "public")
	if diags, err := build(t, src, out); err != nil || diags.Len() > 0 {
		t.Fatalf("build: %v %v", err, diags.Items())
	}
	files := snapshot(t, out)
	for _, want := range []string{Marker, "index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt",
		"themes/index.html", "themes/equity-vision/index.html", "themes/equity-vision/feed.xml",
		"journey/design-studios/index.html", "case-studies/mentors/index.html", "problems/el-graduation/index.html",
		"districts/riverbend/index.html", "resources/dossier-template/index.html", "about/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("output lacks %s", want)
		}
	}
	if _, err := os.Stat(sparePath(out)); !os.IsNotExist(err) {
		t.Errorf("a first build left a spare folder: %v", err)
	}
}

// TestRebuildsReuseTheSpare checks the double buffer: the build before last
// is reused as staging, files a build no longer produces disappear, and no
// other folder is left beside the output.
func TestRebuildsReuseTheSpare(t *testing.T) {
	files := testsite.Minimal()
	src := testsite.Write(t, files)
	out := filepath.Join(t.TempDir(), "public")
	for range 2 {
		if _, err := build(t, src, out); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := readMarker(sparePath(out)); err != nil {
		t.Fatalf("after two builds the spare has no marker: %v", err)
	}
	// Delete a page and rebuild twice: the second rebuild stages in the
	// folder that still holds the page.
	if err := os.Remove(filepath.Join(src, "content/about.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content/_index.md"), []byte("---\ntitle: Home\n---\nHi.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if diags, err := build(t, src, out); err != nil || diags.Len() > 0 {
			t.Fatalf("%v %v", err, diags.Items())
		}
	}
	got := snapshot(t, out)
	if _, ok := got["about/index.html"]; ok {
		t.Error("a deleted page is still in the output")
	}
	listed, _ := readMarker(out)
	if len(listed) != len(got)-1 {
		t.Errorf("marker lists %d files, output has %d besides it", len(listed), len(got)-1)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 2 {
		t.Errorf("beside the output: %v, want public and its spare", entries)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if _, err := build(t, src, fresh); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, fresh)
	for k, v := range want {
		if k != Marker && got[k] != v {
			t.Errorf("%s differs from a clean build", k)
		}
	}
}

func TestForeignSpareIsLeftAlone(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	foreign := sparePath(out)
	if err := os.MkdirAll(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := build(t, src, out); err != nil {
			t.Fatal(err)
		}
	}
	if got := snapshot(t, foreign); len(got) != 1 || got["notes.txt"] != "mine" {
		t.Errorf("the folder at the spare's name was changed: %v", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 2 {
		t.Errorf("beside the output: %v", entries)
	}
}

func TestFailedBuildLeavesPreviousOutput(t *testing.T) {
	files := testsite.Minimal()
	src := testsite.Write(t, files)
	out := filepath.Join(src, "public")
	if _, err := build(t, src, out); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	cases := []struct {
		name, path, text string
		staged           bool // whether the failure happens after staging began
	}{
		{"content error", "content/themes/staff-capacity.md", "---\ntitle: [unclosed\n---\n", false},
		{"template error", "layouts/baseof.html", "<html>{{.Nope.Nope}}{{block \"main\" .}}{{end}}</html>", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(src, filepath.FromSlash(tc.path))
			original, hadOriginal := files[tc.path]
			_ = os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if hadOriginal {
					_ = os.WriteFile(p, []byte(original), 0o644)
				} else {
					_ = os.Remove(p)
				}
			}()
			diags, err := build(t, src, out)
			if err != nil || !diags.HasErrors() {
				t.Fatalf("want content errors, got err=%v diags=%v", err, diags.Items())
			}
			after := snapshot(t, out)
			if len(after) != len(before) {
				t.Fatalf("output has %d files, had %d", len(after), len(before))
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("%s changed after a failed build", k)
				}
			}
			_, err = readMarker(sparePath(out))
			if tc.staged && err != nil {
				t.Errorf("the staging folder a failed build leaves has no marker: %v", err)
			}
			if !tc.staged && !os.IsNotExist(err) {
				t.Errorf("a build with content errors created a staging folder: %v", err)
			}
		})
	}
}

func TestOutputParentsAreCreated(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "deep", "er", "public")
	if _, err := build(t, src, out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

func TestSameInputSameOutput(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		if _, err := build(t, src, out); err != nil {
			t.Fatal(err)
		}
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) != len(sb) {
		t.Fatalf("%d files vs %d", len(sa), len(sb))
	}
	for k, v := range sa {
		if sb[k] != v {
			t.Errorf("%s differs between two builds of the same input", k)
		}
	}
}

func TestRefusedOutputFolders(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	home, _ := os.UserHomeDir()
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "thesis.docx"), []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	aFile := filepath.Join(t.TempDir(), "file")
	_ = os.WriteFile(aFile, []byte("x"), 0o644)
	cases := []struct{ name, out, reason string }{
		{"site root", src, "it is the site folder itself"},
		{"content folder", filepath.Join(src, "content"), "it is inside the site's content/ folder"},
		{"inside content", filepath.Join(src, "content", "out"), "it is inside the site's content/ folder"},
		{"layouts folder", filepath.Join(src, "layouts"), "it is inside the site's layouts/ folder"},
		{"static folder", filepath.Join(src, "static", "x"), "it is inside the site's static/ folder"},
		{"parent of the site", filepath.Dir(src), "it contains the site"},
		{"file system root", "/", "it is the root of the file system"},
		{"home folder", home, "it is your home folder"},
		{"folder of other files", foreign, "it already holds files that casebook did not write"},
		{"a file", aFile, "it is a file, not a folder"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.out == "" {
				t.Skip("no home folder on this machine")
			}
			before := snapshot(t, src)
			_, err := build(t, src, tc.out)
			var refused *RefusedError
			if !errors.As(err, &refused) {
				t.Fatalf("want a refusal, got %v", err)
			}
			if refused.Reason != tc.reason {
				t.Errorf("reason %q, want %q", refused.Reason, tc.reason)
			}
			if after := snapshot(t, src); len(after) != len(before) {
				t.Errorf("the site changed: %d files, had %d", len(after), len(before))
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(foreign, "thesis.docx")); err != nil || string(b) != "years of work" {
		t.Errorf("a refused folder's file was touched: %v", err)
	}
}

func TestInsideRefusesEscapes(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"../x", "a/../../x", "/etc/passwd", ".", ""} {
		if _, err := inside(dir, rel); err == nil {
			t.Errorf("inside(%q) accepted a path outside the output folder", rel)
		}
	}
	if _, err := inside(dir, "themes/x/index.html"); err != nil {
		t.Errorf("inside refused a good path: %v", err)
	}
}
