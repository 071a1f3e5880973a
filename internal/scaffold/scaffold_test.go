package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/content"
)

func TestSlugOfTitle(t *testing.T) {
	cases := []struct{ title, path string }{
		{"Latino/a/x families", "content/case-studies/latino-a-x-families.md"},
		{"Éducation: première année!", "content/case-studies/education-premiere-annee.md"},
		{"  Closing the loop -- with parents  ", "content/case-studies/closing-the-loop-with-parents.md"},
		{"K–12 & beyond", "content/case-studies/k-12-beyond.md"},
	}
	s := &Site{Root: ".", Choices: map[content.Kind][]Choice{}}
	for _, c := range cases {
		rel, _ := Page(content.SpecFor(content.CaseStudy), c.title, Values{}, s)
		if filepath.ToSlash(rel) != c.path {
			t.Errorf("%q → %s, want %s", c.title, rel, c.path)
		}
	}
}

func TestQuote(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Latino/a/x families", "Latino/a/x families"},
		{"Closing: the loop", `"Closing: the loop"`},
		{"yes", `"yes"`},
		{"2022", `"2022"`},
		{"a, b", `"a, b"`},
		{`Say "hi" #1`, `"Say \"hi\" #1"`},
		{"&Co", `"&Co"`},
	}
	for _, c := range cases {
		if got := Quote(c.in); got != c.want {
			t.Errorf("Quote(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestFrontmatterRequiredFirst(t *testing.T) {
	s := &Site{Choices: map[content.Kind][]Choice{content.District: {{Slug: "a"}, {Slug: "b"}}}}
	got := Frontmatter(content.SpecFor(content.Problem), Values{"title": {"T: x"}, "stage": {"s"}}, s, false)
	want := "---\n" +
		"title: \"T: x\"\n" +
		"problem:  # required: the problem of practice\n" +
		"solution:  # required: the pilot solution\n" +
		"district:  # required: the district that owns the pair; one of: a, b\n" +
		"themes:  # themes the pair addresses; this site has no themes yet (casebook new theme \"Title\")\n" +
		"stage: s\n" +
		"---\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestPick(t *testing.T) {
	cs := []Choice{{Slug: "a"}, {Slug: "b"}, {Slug: "c"}}
	cases := []struct {
		ans, want, bad string
	}{
		{"1", "a", ""}, {"3, 1", "c a", ""}, {"b 2", "b", ""}, {"c,4", "", "4"}, {"x", "", "x"},
	}
	for _, c := range cases {
		got, bad := pick(c.ans, cs)
		if strings.Join(got, " ") != c.want || bad != c.bad {
			t.Errorf("pick(%q) = %v, %q", c.ans, got, bad)
		}
	}
}

func TestNewSiteRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := NewSite(dir, SiteOptions{}); err != nil { // empty: fine
		t.Fatal(err)
	}
	if err := NewSite(dir, SiteOptions{}); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Fatalf("got %v", err)
	}
	for _, f := range []string{"casebook.toml", "content/_index.md", "content/about.md", "content/districts/sample-district.md", "content/case-studies/sample-case-study.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	themes, _ := filepath.Glob(filepath.Join(dir, "content/themes/*.md"))
	stages, _ := filepath.Glob(filepath.Join(dir, "content/journey/*.md"))
	if len(themes) != 6 || len(stages) != 9 {
		t.Errorf("%d themes, %d stages", len(themes), len(stages))
	}
}

// TestNewSiteIsNeutral: a new district's site names no one cohort's coach
// or model in its stages.
func TestNewSiteIsNeutral(t *testing.T) {
	for name, text := range siteFiles() {
		for _, borrowed := range []string{"Lisa Williams", "Water of Systems Change"} {
			if strings.Contains(text, borrowed) {
				t.Errorf("%s names %q", name, borrowed)
			}
		}
	}
}

// A new stage goes after the last, at the next whole number, even when the
// last was put between two others with a decimal order.
func TestNextOrder(t *testing.T) {
	s := &Site{Choices: map[content.Kind][]Choice{content.Stage: {{Slug: "a", Order: 1}, {Slug: "b", Order: 2.5}, {Slug: "c", Order: 2}}}}
	if got := s.NextOrder(content.Stage); got != 3 {
		t.Errorf("NextOrder = %d, want 3", got)
	}
	if got := s.NextOrder(content.Theme); got != 1 {
		t.Errorf("NextOrder with no themes = %d, want 1", got)
	}
}

// TestInstallVersion: the GitHub Pages workflow installs a version that
// `go install` can fetch.
func TestInstallVersion(t *testing.T) {
	for v, want := range map[string]string{
		"":                        "latest",
		"dev":                     "latest",
		"v0.4.0":                  "v0.4.0",
		"v0.4.0-rc.1":             "v0.4.0-rc.1",
		"e41f100":                 "e41f100",
		"v0.4.0-dirty":            "latest",
		"v0.4.0-3-ge41f100":       "latest",
		"v0.4.0-3-ge41f100-dirty": "latest",
		"e41f100-dirty":           "latest",
	} {
		if got := installVersion(v); got != want {
			t.Errorf("installVersion(%q) = %q, want %q", v, got, want)
		}
	}
}

// A title that is a long sentence makes a slug cut at a word, short enough
// for any file system's file names.
func TestPageSlug(t *testing.T) {
	long := strings.Repeat("Very long title ", 30)
	for _, tc := range []struct{ title, want string }{
		{"Latino/a/x families", "latino-a-x-families"},
		{long, "very-long-title-very-long-title-very-long-title-very-long-title-very-long-title"},
		{strings.Repeat("x", 100), strings.Repeat("x", maxSlug)},
		{"A " + strings.Repeat("x", 100), "a-" + strings.Repeat("x", maxSlug-2)}, // not cut down to "a"
	} {
		if got := pageSlug(tc.title); got != tc.want || len(got) > maxSlug {
			t.Errorf("pageSlug(%.30q…) = %q, want %q", tc.title, got, tc.want)
		}
	}
}
