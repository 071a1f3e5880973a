package casebook_test

import (
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/linkcheck"
)

const baseURL = "https://example.org/casebook/"

// buildBundled builds the example casebook in this repository under a
// subpath, as a district would publish it.
func buildBundled(t *testing.T) (*build.Result, *linkcheck.Site) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	res, err := build.Build(build.Options{Src: ".", Out: out, BaseURL: baseURL, Theme: casebook.Theme}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.Len() > 0 {
		var b strings.Builder
		diags.Print(&b)
		t.Fatalf("the bundled site has diagnostics:\n%s", b.String())
	}
	site, err := linkcheck.Load(out, baseURL)
	if err != nil {
		t.Fatal(err)
	}
	return res, site
}

func TestBundledSite(t *testing.T) {
	res, out := buildBundled(t)
	s := res.Site
	if len(s.Themes) != 6 || len(s.Stages) != 9 || len(s.Problems) != 6 || len(s.Districts) != 8 || len(s.CaseStudies) < 6 {
		t.Errorf("bundled site has %d themes, %d stages, %d pairs, %d districts, %d case studies",
			len(s.Themes), len(s.Stages), len(s.Problems), len(s.Districts), len(s.CaseStudies))
	}
	for _, p := range out.Check() {
		t.Errorf("broken reference: %s", p)
	}
	for _, p := range s.Problems {
		if len(p.CaseStudies) == 0 {
			t.Errorf("no case study tells the pair %s", p.Slug)
		}
	}
	for _, th := range s.Themes {
		if len(th.Lessons) == 0 {
			t.Errorf("theme %s has no lessons", th.Slug)
		}
	}
}

// TestEveryPageWithinTwoClicks follows links from the home page of each
// edition (the site's own and /es/): every page of an edition must be
// reachable from its home in at most two clicks.
func TestEveryPageWithinTwoClicks(t *testing.T) {
	res, out := buildBundled(t)
	depth := map[string]int{}
	var frontier []string
	for _, e := range res.Editions {
		home := strings.TrimPrefix(e.Home.URL, res.Site.Config.BasePath) + "index.html"
		depth[home] = 0
		frontier = append(frontier, home)
	}
	if len(frontier) < 2 {
		t.Fatalf("the bundled casebook has %d editions, want English and Spanish", len(frontier))
	}
	for d := 1; d <= 2; d++ {
		var next []string
		for _, p := range frontier {
			for _, l := range out.Links(p) {
				if _, seen := depth[l]; !seen && strings.HasSuffix(l, ".html") {
					depth[l] = d
					next = append(next, l)
				}
			}
		}
		frontier = next
	}
	for _, p := range out.Pages() {
		if _, ok := depth[p]; !ok && path.Base(p) != "404.html" {
			t.Errorf("%s is more than two clicks from home", p)
		}
	}
}
