package publish_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/publish"
	"github.com/casebook/casebook/internal/testsite"
)

func build1(t *testing.T, src, out string) (*diag.List, error) {
	t.Helper()
	var diags diag.List
	_, err := build.Build(build.Options{Src: src, Out: out, Theme: casebook.Theme}, &diags)
	return &diags, err
}

// mustBuild builds and fails the test on any error or diagnostic.
func mustBuild(t *testing.T, src, out string) {
	t.Helper()
	if diags, err := build1(t, src, out); err != nil || diags.Len() > 0 {
		t.Fatalf("build: %v %v", err, diags.Items())
	}
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string { return testsite.Snapshot(t, dir) }

// listing names everything in dir, sorted: what a build may not add to.
func listing(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// sameSite fails unless got holds exactly a clean build of src.
func sameSite(t *testing.T, src string, got map[string]string) {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "fresh")
	mustBuild(t, src, fresh)
	want := snapshot(t, fresh)
	for k, v := range want {
		if k != publish.Marker && got[k] != v {
			t.Errorf("%s differs from a clean build", k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s is not in a clean build", k)
		}
	}
}

// TestNothingLeftBeside builds, rebuilds, removes a page and fails a build:
// each time the output's folder holds exactly what it held before, and
// the removed page is gone from everything casebook wrote.
func TestNothingLeftBeside(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	www := t.TempDir()
	if err := os.WriteFile(filepath.Join(www, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(www, "public")
	mustBuild(t, src, out)
	want := "notes.txt public"
	if got := listing(t, www); got != want {
		t.Fatalf("after a first build, beside the output: %s; want %s", got, want)
	}
	mustBuild(t, src, out)
	if got := listing(t, www); got != want {
		t.Fatalf("after a rebuild: %s", got)
	}
	if err := os.Remove(filepath.Join(src, "content/about.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content/_index.md"), []byte("---\ntitle: Home\n---\nHi.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, src, out)
	got := snapshot(t, out)
	if _, ok := got["about/index.html"]; ok {
		t.Error("a removed page is still in the output")
	}
	for path, text := range got {
		if strings.Contains(text, "/about/") {
			t.Errorf("%s still links to the removed page", path)
		}
	}
	sameSite(t, src, got)
	if err := os.WriteFile(filepath.Join(src, "content/_index.md"), []byte("---\ntitle: [unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if diags, err := build1(t, src, out); err != nil || !diags.HasErrors() {
		t.Fatalf("want content errors, got %v %v", err, diags.Items())
	}
	if got := listing(t, www); got != want {
		t.Errorf("after a failed build: %s", got)
	}
	if notes, _ := os.ReadFile(filepath.Join(www, "notes.txt")); string(notes) != "mine" {
		t.Error("a file beside the output was changed")
	}
}

func TestFailedBuildLeavesPreviousOutput(t *testing.T) {
	files := testsite.Minimal()
	src := testsite.Write(t, files)
	out := filepath.Join(src, "public")
	mustBuild(t, src, out)
	mustBuild(t, src, out) // the live files are now links' sources
	before := snapshot(t, out)
	cases := []struct{ name, path, text string }{
		{"content error", "content/themes/staff-capacity.md", "---\ntitle: [unclosed\n---\n"},
		{"template error", "layouts/baseof.html", "<html>{{.Nope.Nope}}{{block \"main\" .}}{{end}}</html>"},
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
			diags, err := build1(t, src, out)
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
			if got := listing(t, src); strings.Contains(got, "casebook-staging") {
				t.Errorf("a failed build left its staging folder: %s", got)
			}
		})
	}
}

// TestChangedFilesAreNewFiles: an unchanged file is a hard link to the
// live one (same bytes, same time, no rewrite), and a changed file is
// written as a new file, so bytes the live site still serves (and any
// other link to them) are never written into.
func TestChangedFilesAreNewFiles(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	css := filepath.Join(out, "css/casebook.css")
	before, err := os.Stat(css)
	if err != nil {
		t.Fatal(err)
	}
	// Another name for the live about page: what a server holding the file
	// open, or a deploy tool's copy by link, would see.
	about := filepath.Join(out, "about/index.html")
	held := filepath.Join(t.TempDir(), "held.html")
	if err := os.Link(about, held); err != nil {
		t.Skipf("no hard links on this file system: %v", err)
	}
	old, _ := os.ReadFile(about)
	if err := os.WriteFile(filepath.Join(src, "content/about.md"), []byte("---\ntitle: About us\n---\n## Who we are\n\nA cohort.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, src, out)
	after, err := os.Stat(css)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged file was rewritten rather than linked")
	}
	if b, _ := os.ReadFile(about); !strings.Contains(string(b), "About us") {
		t.Error("a changed page was not rewritten")
	}
	if b, _ := os.ReadFile(held); string(b) != string(old) {
		t.Error("a changed page was written into the live file's bytes")
	}
	sameSite(t, src, snapshot(t, out))
}

// TestHandEditedFilesAreNotTrusted: a file changed in the output since
// casebook wrote it is written anew, never linked.
func TestHandEditedFilesAreNotTrusted(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	edited := filepath.Join(out, "districts/lakeside/index.html")
	if err := os.WriteFile(edited, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, src, out)
	if b, _ := os.ReadFile(edited); string(b) == "edited by hand" {
		t.Error("a file edited since it was written was trusted")
	}
	sameSite(t, src, snapshot(t, out))
}

// TestKilledBuildLeftovers: a build killed mid-way leaves its staging
// folder, and perhaps an output half committed; the next build clears the
// one and completes the other.
func TestKilledBuildLeftovers(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	www := t.TempDir()
	out := filepath.Join(www, "public")
	mustBuild(t, src, out)
	staging := filepath.Join(www, ".public.casebook-staging")
	for _, f := range []string{".casebook-staging", "site/index.html", "site/css/half-written.css"} {
		p := filepath.Join(staging, filepath.FromSlash(f))
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustBuild(t, src, out)
	if got := listing(t, www); got != "public" {
		t.Errorf("after a build following a killed one, beside the output: %s", got)
	}
	sameSite(t, src, snapshot(t, out))

	// Killed part way through a commit: the marker vouches for nothing
	// the commit touches, a new page is in, a removed one still there.
	marker := filepath.Join(out, publish.Marker)
	m, err := os.ReadFile(marker)
	if err != nil {
		t.Fatal(err)
	}
	m = append(m, "gone/index.html\nnew/index.html\n"...)
	for _, f := range []string{"gone/index.html", "new/index.html"} {
		_ = os.MkdirAll(filepath.Join(out, filepath.Dir(f)), 0o755)
		if err := os.WriteFile(filepath.Join(out, f), []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(marker, m, 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, src, out)
	sameSite(t, src, snapshot(t, out))
	if got := listing(t, www); got != "public" {
		t.Errorf("beside the output: %s", got)
	}
}

// TestForeignFolderAtStagingName: a folder of someone else's at the
// staging folder's name is refused and left alone.
func TestForeignFolderAtStagingName(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	www := t.TempDir()
	out := filepath.Join(www, "public")
	foreign := filepath.Join(www, ".public.casebook-staging")
	if err := os.Mkdir(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := build1(t, src, out)
	var refused *publish.RefusedError
	if !errors.As(err, &refused) {
		t.Fatalf("want a refusal, got %v", err)
	}
	want := "casebook will not write here: a folder casebook did not make is in the way: .public.casebook-staging, where casebook stages each build"
	if got := refused.Diagnostic().Message; got != want {
		t.Errorf("message %q\nwant %q", got, want)
	}
	if got := snapshot(t, foreign); len(got) != 1 || got["notes.txt"] != "mine" {
		t.Errorf("the foreign folder was changed: %v", got)
	}
	if got := listing(t, www); got != ".public.casebook-staging" {
		t.Errorf("beside the output: %s", got)
	}
}

// TestOldSpareIsRemoved: the copy of the build before last and the lock
// file that earlier versions kept beside the output go, when casebook's
// marker shows they are its own; a folder with other files stays.
func TestOldSpareIsRemoved(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	www := t.TempDir()
	out := filepath.Join(www, "public")
	mustBuild(t, src, out)
	spare := filepath.Join(www, ".public.casebook-spare")
	copyTree(t, out, spare)
	if err := os.WriteFile(spare+".lock", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, src, out)
	if got := listing(t, www); got != "public" {
		t.Errorf("beside the output: %s; want the old spare and lock gone", got)
	}
	copyTree(t, out, spare)
	if err := os.WriteFile(filepath.Join(spare, "mine.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, src, out)
	if b, _ := os.ReadFile(filepath.Join(spare, "mine.txt")); string(b) != "mine" {
		t.Error("a spare holding a file casebook did not write was removed")
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	for rel, text := range snapshot(t, from) {
		p := filepath.Join(to, filepath.FromSlash(rel))
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOutputParentsAreCreated(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "deep", "er", "public")
	mustBuild(t, src, out)
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
	if got := listing(t, filepath.Dir(out)); got != "public" {
		t.Errorf("beside the output: %s", got)
	}
}

// TestFailedBuildMakesNoFolders: a build that fails writes nothing, so
// the folders it made for its output on the way are gone after it too,
// and only those: a parent that was there stays.
func TestFailedBuildMakesNoFolders(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal().With(testsite.Files{
		"content/themes/staff-capacity.md": "---\ntitle: [unclosed\n---\n",
	}))
	root := t.TempDir()
	diags, err := build1(t, src, filepath.Join(root, "deep", "er", "public"))
	if err != nil || !diags.HasErrors() {
		t.Fatalf("want content errors, got err=%v diags=%v", err, diags.Items())
	}
	if got := listing(t, root); got != "" {
		t.Errorf("the failed build left %s", got)
	}
	if _, err := os.Stat(root); err != nil {
		t.Errorf("the folder that was there is gone: %v", err)
	}
	// A folder that cannot be made (its name is too long) stops the build
	// before it starts; the ones above it go too.
	long := filepath.Join(root, "deep", strings.Repeat("n", 300), "public")
	if _, err := build1(t, src, long); err == nil || !strings.Contains(err.Error(), "cannot create the folder for") {
		t.Errorf("want a folder that cannot be made, got %v", err)
	}
	if got := listing(t, root); got != "" {
		t.Errorf("the build that could not start left %s", got)
	}
}

func TestSameInputSameOutput(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		mustBuild(t, src, out)
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) != len(sb) {
		t.Fatalf("%d files vs %d", len(sa), len(sb))
	}
	// The marker is casebook's own record of when it wrote each file, not
	// part of the site; everything else must match to the byte.
	for k, v := range sa {
		if k != publish.Marker && sb[k] != v {
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
			parent := filepath.Dir(tc.out)
			var besides string
			if _, err := os.Stat(parent); err == nil && tc.out != "/" && tc.out != "." {
				besides = listing(t, parent)
			}
			_, err := build1(t, src, tc.out)
			var refused *publish.RefusedError
			if !errors.As(err, &refused) {
				t.Fatalf("want a refusal, got %v", err)
			}
			if refused.Reason != tc.reason {
				t.Errorf("reason %q, want %q", refused.Reason, tc.reason)
			}
			if after := snapshot(t, src); len(after) != len(before) {
				t.Errorf("the site changed: %d files, had %d", len(after), len(before))
			}
			if besides != "" && listing(t, parent) != besides {
				t.Errorf("a refused build changed the folder beside the output: %s, was %s", listing(t, parent), besides)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(foreign, "thesis.docx")); err != nil || string(b) != "years of work" {
		t.Errorf("a refused folder's file was touched: %v", err)
	}
}

func TestRefusalPrintsAsDiagnostic(t *testing.T) {
	e := &publish.RefusedError{Out: "docs", Reason: "it is a file, not a folder", Hint: "remove the file or choose another --out"}
	want := "docs: error: casebook will not write here: it is a file, not a folder\n  hint: remove the file or choose another --out"
	if got := e.Diagnostic().String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
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
		mustBuild(t, src, link+"/")
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d replaced the link: %v", i, err)
		}
		if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
			t.Fatalf("build %d: the linked folder has no site: %v", i, err)
		}
	}
	if got := listing(t, base); got != "public www" {
		t.Errorf("beside the output: %s", got)
	}
}

// TestPlantedSymlinksAreRefused plants a link to a victim folder in the
// output: the output is refused and the victim's file survives.
func TestPlantedSymlinksAreRefused(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	victim := t.TempDir()
	precious := filepath.Join(victim, "casebook.css")
	if err := os.WriteFile(precious, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, src, out)
	outCSS := filepath.Join(out, "css")
	if err := os.RemoveAll(outCSS); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, outCSS); err != nil {
		t.Fatal(err)
	}
	var refused *publish.RefusedError
	if _, err := build1(t, src, out); !errors.As(err, &refused) {
		t.Errorf("an output holding a symbolic link was not refused: %v", err)
	}
	if b, _ := os.ReadFile(precious); string(b) != "precious" {
		t.Errorf("the victim's file was overwritten: %q", b)
	}
}

func TestConcurrentBuildIsRefused(t *testing.T) {
	if _, err := os.Stat("/proc"); err != nil {
		t.Skip("flock is only used on unix systems")
	}
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	first, err := publish.Begin(src, out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = build1(t, src, out)
	if err == nil || !strings.Contains(err.Error(), "another casebook build is writing") {
		t.Errorf("a second build ran while the first held the lock: %v", err)
	}
	first.Abort()
	mustBuild(t, src, out)
	if got := listing(t, filepath.Dir(out)); got != "public" {
		t.Errorf("beside the output: %s", got)
	}
}

func TestAddedFilesInOutputAreRefused(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	if err := os.WriteFile(filepath.Join(out, "CNAME"), []byte("casebook.example.org"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := build1(t, src, out)
	var refused *publish.RefusedError
	if !errors.As(err, &refused) || refused.Reason != "it holds files casebook did not write: CNAME" {
		t.Fatalf("got %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "CNAME")); string(b) != "casebook.example.org" {
		t.Error("the added file was touched")
	}
	if got := listing(t, filepath.Dir(out)); got != "public" {
		t.Errorf("a refused build left something beside the output: %s", got)
	}
}

// TestUnchangedFilesKeepTheirTimes: deploy tools compare modification
// times, so a file whose bytes did not change keeps its time over many
// rebuilds.
func TestUnchangedFilesKeepTheirTimes(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, src, out)
	times := map[string]time.Time{}
	walk := func(f func(rel string, info fs.FileInfo)) {
		_ = filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && e.Name() != publish.Marker {
				info, _ := e.Info()
				rel, _ := filepath.Rel(out, p)
				f(rel, info)
			}
			return err
		})
	}
	walk(func(rel string, info fs.FileInfo) { times[rel] = info.ModTime() })
	for range 3 {
		mustBuild(t, src, out)
	}
	var changed []string
	walk(func(rel string, info fs.FileInfo) {
		if !info.ModTime().Equal(times[rel]) {
			changed = append(changed, rel)
		}
	})
	slices.Sort(changed)
	if len(changed) > 0 {
		t.Errorf("rebuilding unchanged input rewrote %v", changed)
	}
}
