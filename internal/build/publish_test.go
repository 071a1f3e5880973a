package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	if got := besides(t, out); got != "public .public.casebook-spare .public.casebook-spare.lock" {
		t.Errorf("beside the output: %s, want public, its spare and the lock", got)
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
	// No fresh staging folder or old output is left behind either.
	if got := besides(t, out); got != "public .public.casebook-spare .public.casebook-spare.lock" {
		t.Errorf("beside the output: %s", got)
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
	// The marker is casebook's own record of when it wrote each file, not
	// part of the site; everything else must match to the byte.
	for k, v := range sa {
		if k != Marker && sb[k] != v {
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
		{"working folder", ".", "it is the folder you are working in, or contains it"},
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

// besides lists the names in out's folder: out first, then the rest sorted.
func besides(t *testing.T, out string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	names := []string{filepath.Base(out)}
	for _, e := range entries {
		if e.Name() != filepath.Base(out) {
			names = append(names, e.Name())
		}
	}
	return strings.Join(names, " ")
}

func TestWritesStayInsideTheFolder(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	victim := t.TempDir()
	if err := os.Symlink(victim, filepath.Join(dir, "css")); err != nil {
		t.Fatal(err)
	}
	w := &writer{root: root, written: manifest{}}
	for _, rel := range []string{"../x", "a/../../x", "/etc/passwd", "", "css/casebook.css"} {
		if err := w.put(rel, []byte("x")); err == nil {
			t.Errorf("writing %q succeeded; it leads outside the folder", rel)
		}
	}
	if entries, _ := os.ReadDir(victim); len(entries) != 0 {
		t.Errorf("a write went through the symbolic link: %v", entries)
	}
	if err := w.put("themes/x/index.html", []byte("x")); err != nil {
		t.Errorf("a good path was refused: %v", err)
	}
}

// TestSymlinkedOutputFolder builds into a symbolic link to a folder: the
// link stays a link and the folder it names gets the site.
func TestSymlinkedOutputFolder(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	base := t.TempDir()
	www := filepath.Join(base, "www")
	link := filepath.Join(base, "public")
	if err := os.Mkdir(www, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(www, link); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := build(t, src, link+"/"); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d replaced the link: %v", i, err)
		}
		if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
			t.Fatalf("build %d: the linked folder has no site: %v", i, err)
		}
	}
}

// TestPlantedSymlinksAreNotFollowed plants links to a victim folder in the
// output and in the spare: the output is refused, the spare is not reused,
// and the victim's file survives.
func TestPlantedSymlinksAreNotFollowed(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	victim := t.TempDir()
	precious := filepath.Join(victim, "casebook.css")
	if err := os.WriteFile(precious, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := build(t, src, out); err != nil {
			t.Fatal(err)
		}
	}
	spareCSS := filepath.Join(sparePath(out), "css")
	if err := os.RemoveAll(spareCSS); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, spareCSS); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := build(t, src, out); err != nil {
			t.Fatal(err)
		}
	}
	outCSS := filepath.Join(out, "css")
	if err := os.RemoveAll(outCSS); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, outCSS); err != nil {
		t.Fatal(err)
	}
	var refused *RefusedError
	if _, err := build(t, src, out); !errors.As(err, &refused) {
		t.Errorf("an output holding a symbolic link was not refused: %v", err)
	}
	if b, _ := os.ReadFile(precious); string(b) != "precious" {
		t.Errorf("the victim's file was overwritten: %q", b)
	}
}

func TestConcurrentBuildIsRefused(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	unlock, err := lock(out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = build(t, src, out)
	if err == nil || !strings.Contains(err.Error(), "another casebook build is writing") {
		t.Errorf("a second build ran while the first held the lock: %v", err)
	}
	unlock()
	if _, err := build(t, src, out); err != nil {
		t.Errorf("after the lock was released: %v", err)
	}
}

func TestAddedFilesInOutputAreRefused(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "CNAME"), []byte("casebook.example.org"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := build(t, src, out)
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Reason != "it holds files casebook did not write: CNAME" {
		t.Fatalf("got %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "CNAME")); string(b) != "casebook.example.org" {
		t.Error("the added file was touched")
	}
}

// TestUnchangedFilesAreNotRewritten: a rebuild leaves files whose bytes did
// not change alone (their modification times stay, which deploy tools use),
// rewrites changed ones, and never trusts a file edited since it was written.
func TestUnchangedFilesAreNotRewritten(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	for range 2 {
		if _, err := build(t, src, out); err != nil {
			t.Fatal(err)
		}
	}
	mtime := func(dir, rel string) time.Time {
		t.Helper()
		info, err := os.Stat(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return info.ModTime()
	}
	// The spare now holds the first build; the third build reuses it.
	stable := mtime(sparePath(out), "css/casebook.css")
	edited := filepath.Join(sparePath(out), "districts/lakeside/index.html")
	if err := os.WriteFile(edited, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content/about.md"), []byte("---\ntitle: About us\n---\n## Who we are\n\nA cohort.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build(t, src, out); err != nil {
		t.Fatal(err)
	}
	if got := mtime(out, "css/casebook.css"); !got.Equal(stable) {
		t.Errorf("an unchanged file was rewritten: mtime %v, was %v", got, stable)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "about/index.html")); !strings.Contains(string(b), "About us") {
		t.Error("a changed page was not rewritten")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "districts/lakeside/index.html")); string(b) == "edited by hand" {
		t.Error("a file edited since it was written was trusted")
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if _, err := build(t, src, fresh); err != nil {
		t.Fatal(err)
	}
	got, want := snapshot(t, out), snapshot(t, fresh)
	for k, v := range want {
		if k != Marker && got[k] != v {
			t.Errorf("%s differs from a clean build", k)
		}
	}
}

// TestFailedRenderVouchesForNothing: while a build writes, the marker lists
// files without records, so a build that stops half way leaves nothing a
// later build would skip rewriting.
func TestFailedRenderVouchesForNothing(t *testing.T) {
	files := testsite.Minimal()
	src := testsite.Write(t, files)
	out := filepath.Join(t.TempDir(), "public")
	for range 2 {
		if _, err := build(t, src, out); err != nil {
			t.Fatal(err)
		}
	}
	bad := filepath.Join(src, "layouts/page.html")
	_ = os.MkdirAll(filepath.Dir(bad), 0o755)
	if err := os.WriteFile(bad, []byte(`{{define "main"}}{{.Page.Nope}}{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if diags, err := build(t, src, out); err != nil || !diags.HasErrors() {
		t.Fatalf("want a template error: %v", err)
	}
	m, err := readMarker(sparePath(out))
	if err != nil {
		t.Fatal(err)
	}
	for p, r := range m {
		if r.sum != "" {
			t.Fatalf("after a failed build the marker vouches for %s", p)
		}
	}
}
