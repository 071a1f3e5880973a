package content

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/diag"
)

// A hint that names the site's pages follows the pages: once the first
// district exists, the case study missing one is told its name.
func TestLoaderHintsFollowNewPages(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) { writeSiteFile(t, root, rel, text) }
	write("content/case-studies/x.md", "---\ntitle: X\ndistrict:\nthemes: [t]\nsummary: s\n---\n")
	l := NewLoader(root, Options{})
	load := func(changed ...string) string {
		var diags diag.List
		if _, err := l.Load(changed, &diags); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		diags.Print(&b)
		return b.String()
	}
	if got := load(); !strings.Contains(got, "the site has no districts yet") {
		t.Fatalf("first load:\n%s", got)
	}
	write("content/districts/riverbend.md", "---\ntitle: Riverbend\nregion: West\n---\n")
	if got := load("content/districts/riverbend.md"); !strings.Contains(got, "hint: write `district: riverbend`; the districts are: riverbend") {
		t.Errorf("after adding a district:\n%s", got)
	}
}

// A load of the whole site lets each text go as it is decoded; a load of
// a few saved files keeps theirs until LetGo, and both read the same body.
func TestLoaderLetsGoOfLargeLoads(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) { writeSiteFile(t, root, rel, text) }
	study := func(i int) string {
		return fmt.Sprintf("content/case-studies/s%d.md", i)
	}
	for i := range leanFrom {
		write(study(i), fmt.Sprintf("---\ntitle: S%d\n---\nBody %d.\n", i, i))
	}
	l := NewLoader(root, Options{})
	load := func(changed ...string) {
		t.Helper()
		var diags diag.List
		if _, err := l.Load(changed, &diags); err != nil {
			t.Fatal(err)
		}
	}
	body := func(p *Page) string {
		t.Helper()
		_, b, err := p.Source()
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	load()
	for i := range leanFrom {
		p := l.Page(study(i))
		if p.Src != nil {
			t.Fatalf("%s holds its text after a load of %d files", study(i), leanFrom)
		}
		if got, want := body(p), fmt.Sprintf("Body %d.\n", i); got != want {
			t.Fatalf("%s: body read again is %q, want %q", study(i), got, want)
		}
	}
	write(study(3), "---\ntitle: S3\n---\nBody three.\n")
	load(study(3))
	p := l.Page(study(3))
	if p.Src == nil {
		t.Fatalf("%s let go of its text on a load of one file", study(3))
	}
	if got := body(p); got != "Body three.\n" {
		t.Fatalf("body = %q", got)
	}
	l.LetGo()
	if p.Src != nil {
		t.Fatalf("%s holds its text after LetGo", study(3))
	}
	if got := body(p); got != "Body three.\n" {
		t.Fatalf("body read again after LetGo = %q", got)
	}
}

// writeSiteFile writes text to rel (forward slashes) under root, making
// its folders.
func writeSiteFile(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A file's path alone says what page it holds, if any.
func TestPlaceOf(t *testing.T) {
	for _, tc := range []struct {
		path string
		want placement // kind "" when the file holds no page
	}{
		{"content/_index.md", placement{Home, "", "", ""}},
		{"content/_index.es.md", placement{Home, "", "", "es"}},
		{"content/about.md", placement{Plain, "about", "", ""}},
		{"content/about.es.md", placement{Plain, "about", "", "es"}},
		{"content/case-studies/_index.md", placement{List, "case-studies", "case-studies", ""}},
		{"content/case-studies/x.md", placement{CaseStudy, "x", "case-studies", ""}},
		{"content/case-studies/x.es.md", placement{CaseStudy, "x", "case-studies", "es"}},
		{"content/case-studies/2024/x.md", placement{CaseStudy, "x", "case-studies", ""}},
		{"content/case-studies/2024/_index.md", placement{"", "_index", "case-studies", ""}},
		{"content/themes/equity.v2.md", placement{Theme, "equity.v2", "themes", ""}},
		{"content/notes/_index.md", placement{"", "_index", "notes", ""}},
		{"content/notes/x.md", placement{"", "x", "notes", ""}},
	} {
		spec, got := placeOf(tc.path)
		if got != tc.want || (spec == nil) != (tc.want.kind == "") {
			t.Errorf("placeOf(%q) = %v, %+v; want %+v", tc.path, spec != nil, got, tc.want)
		}
		if _, p := classify(tc.path); p.Kind != got.kind || p.Slug != got.slug || p.Section != got.section || p.Lang != got.lang || p.Path != tc.path {
			t.Errorf("classify(%q) made %+v, unlike placeOf's %+v", tc.path, p, got)
		}
	}
	// A listing asks it of every file on every change of the file list.
	if n := testing.AllocsPerRun(100, func() { placeOf("content/case-studies/2024/x.es.md") }); n != 0 {
		t.Errorf("placeOf allocates %v times; want 0", n)
	}
}

// TestNoContentFolder checks the one diagnostic a site without a usable
// content/ folder gets, by what stands in its place.
func TestNoContentFolder(t *testing.T) {
	cases := []struct {
		name  string
		setUp func(root string) error
		want  string
	}{
		{"missing", func(string) error { return nil },
			"content: error: the site has no content/ folder\n  hint: create a content/ folder beside casebook.toml, or run `casebook new site DIR`\n"},
		{"a file", func(root string) error { return os.WriteFile(filepath.Join(root, "content"), nil, 0o644) },
			"content: error: content is a file, where the site's pages need a content/ folder\n  hint: move or rename that file, and make content/ a folder for the site's pages\n"},
		{"a link to nothing", func(root string) error { return os.Symlink("../moved-away", filepath.Join(root, "content")) },
			"content: error: content is a symbolic link to a folder that is not there\n  hint: point the link at the folder of the site's pages, or make content/ a folder\n"},
	}
	for _, c := range cases {
		root := t.TempDir()
		if err := c.setUp(root); err != nil {
			t.Fatal(err)
		}
		var diags diag.List
		if _, err := Load(root, Options{}, &diags); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		diags.Print(&b)
		if b.String() != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, b.String(), c.want)
		}
	}
}
