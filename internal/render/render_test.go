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
