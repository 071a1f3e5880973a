package render

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/site"
)

func TestAbsolute(t *testing.T) {
	cfg := config.Default()
	if err := cfg.SetBaseURL("https://example.org/casebook/"); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"/casebook/themes/x/":           "https://example.org/casebook/themes/x/",
		"https://cdn.example.net/a.jpg": "https://cdn.example.net/a.jpg",
		"//cdn.example.net/a.jpg":       "//cdn.example.net/a.jpg",
	}
	for in, want := range cases {
		if got := absolute(cfg, in); got != want {
			t.Errorf("absolute(%q) = %q, want %q", in, got, want)
		}
	}
	if got := absolute(config.Default(), "/themes/x/"); got != "/themes/x/" {
		t.Errorf("with a path-only base URL: %q", got)
	}
}

func TestFirst(t *testing.T) {
	first := funcs(config.Default(), i18n.English(), nil)["first"].(func(int, []*site.Page) []*site.Page)
	pages := []*site.Page{{Slug: "a"}, {Slug: "b"}, {Slug: "c"}}
	for n, want := range map[int]int{-1: 0, 0: 0, 2: 2, 3: 3, 8: 3} {
		if got := len(first(n, pages)); got != want {
			t.Errorf("first %d of 3 pages gives %d, want %d", n, got, want)
		}
	}
	if got := first(2, nil); len(got) != 0 {
		t.Errorf("first 2 of none gives %d", len(got))
	}
}

// The sitemap is written by hand; it must be what encoding/xml writes for
// the same entries, escapes included.
func TestSitemapMatchesEncoder(t *testing.T) {
	cfg := config.Default()
	if err := cfg.SetBaseURL("https://example.org/a&b's/"); err != nil {
		t.Fatal(err)
	}
	s := &site.Site{Config: cfg, Pages: []*site.Page{
		{URL: "/a&b's/"},
		{URL: "/a&b's/case-studies/x/", Date: time.Date(2024, 9, 3, 0, 0, 0, 0, time.UTC)},
		{URL: "/a&b's/search/", Kind: site.KindSearch},
		{URL: `/a&b's/<odd>"name"/`},
	}}
	r := &Renderer{cfg: cfg}
	var got bytes.Buffer
	if _, err := r.sitemap(s).Render(&got, nil); err != nil {
		t.Fatal(err)
	}
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlSet struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	set := urlSet{URLs: []url{
		{Loc: "https://example.org/a&b's/"},
		{Loc: "https://example.org/a&b's/case-studies/x/", LastMod: "2024-09-03"},
		{Loc: `https://example.org/a&b's/<odd>"name"/`},
	}}
	var want bytes.Buffer
	want.WriteString(xml.Header)
	enc := xml.NewEncoder(&want)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	if got.String() != want.String() {
		t.Errorf("sitemap:\n%s\nencoding/xml writes:\n%s", got.String(), want.String())
	}
}

// The sitemap's key changes when what it shows changes, and only then:
// a save that changes a title leaves the sitemap as it was.
func TestSitemapKeyFollowsWhatItShows(t *testing.T) {
	day := time.Date(2024, 9, 3, 10, 0, 0, 0, time.UTC)
	site1 := func(edit func(pages []*site.Page)) *site.Site {
		pages := []*site.Page{
			{URL: "/", Title: "Home"},
			{URL: "/case-studies/x/", Title: "X", Date: day},
			{URL: "/case-studies/y/", Title: "Y"},
			{URL: "/search/", Kind: site.KindSearch},
		}
		if edit != nil {
			edit(pages)
		}
		return &site.Site{Config: config.Default(), Pages: pages}
	}
	render := func(s *site.Site) string {
		var b bytes.Buffer
		if _, err := (&Renderer{cfg: s.Config}).sitemap(s).Render(&b, nil); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	base := site1(nil)
	for _, c := range []struct {
		name  string
		edit  func(pages []*site.Page)
		shown bool // the sitemap's text changes
	}{
		{"a title", func(p []*site.Page) { p[1].Title = "X, retitled" }, false},
		{"the hour of a date", func(p []*site.Page) { p[1].Date = day.Add(time.Hour) }, false},
		{"the search page's address", func(p []*site.Page) { p[3].URL = "/find/" }, false},
		{"a date", func(p []*site.Page) { p[1].Date = day.AddDate(0, 0, 1) }, true},
		{"a date removed", func(p []*site.Page) { p[1].Date = time.Time{} }, true},
		{"a date given", func(p []*site.Page) { p[2].Date = day }, true},
		{"an address", func(p []*site.Page) { p[2].URL = "/case-studies/z/" }, true},
		{"two pages swapped", func(p []*site.Page) { p[1], p[2] = p[2], p[1] }, true},
	} {
		edited := site1(c.edit)
		if shown := render(edited) != render(base); shown != c.shown {
			t.Fatalf("%s: the sitemap's text changes: %v, want %v", c.name, shown, c.shown)
		}
		if changed := sitemapKey(edited) != sitemapKey(base); changed != c.shown {
			t.Errorf("%s: the sitemap's key changes: %v, want %v, as its text", c.name, changed, c.shown)
		}
	}
}
