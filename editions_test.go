package casebook_test

import (
	"html"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
)

var (
	alternateTag = regexp.MustCompile(`<link rel="?alternate"? hreflang="?([a-zA-Z-]+)"? href="?([^" >]+)"?>`)
	canonicalTag = regexp.MustCompile(`<link rel="?canonical"? href="?([^" >]+)"?>`)
	htmlLang     = regexp.MustCompile(`<html lang="?([a-z-]+)"?>`)
	sitemapURL   = regexp.MustCompile(`(?s)<url>\s*<loc>([^<]+)</loc>(.*?)</url>`)
	sitemapAlt   = regexp.MustCompile(`<xhtml:link rel="alternate" hreflang="([a-zA-Z-]+)" href="([^"]+)"/>`)
)

// TestAlternates checks the hreflang links of every page of the bundled
// casebook, minified as it is published under /casebook/: each points at a
// page that exists, in the language it names, and lists the same
// alternates back; each set has the page itself and an x-default; an
// untranslated page has none and is canonical to its original; the
// sitemap lists every translated page with the same alternates, and no
// untranslated one.
func TestAlternates(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := build.Build(build.Options{Src: ".", Out: out, BaseURL: baseURL, Theme: casebook.Theme}, &diags); err != nil || diags.Len() > 0 {
		t.Fatalf("build: %v %v", err, diags.Items())
	}
	fileOf := func(u string) string {
		rel := strings.TrimPrefix(u, baseURL)
		if rel == u {
			t.Fatalf("%s is not under %s", u, baseURL)
		}
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		return filepath.Join(out, filepath.FromSlash(rel))
	}
	type page struct {
		lang, canonical string
		alts            map[string]string
	}
	pages := map[string]page{} // by URL
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || filepath.Base(p) == "404.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		u := baseURL + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		pg := page{alts: map[string]string{}}
		if m := htmlLang.FindSubmatch(b); m != nil {
			pg.lang = string(m[1])
		}
		if m := canonicalTag.FindSubmatch(b); m != nil {
			pg.canonical = html.UnescapeString(string(m[1]))
		}
		for _, m := range alternateTag.FindAllSubmatch(b, -1) {
			pg.alts[string(m[1])] = html.UnescapeString(string(m[2]))
		}
		pages[u] = pg
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	translated := 0
	for u, pg := range pages {
		if len(pg.alts) == 0 {
			continue
		}
		translated++
		if pg.alts[pg.lang] != u {
			t.Errorf("%s (lang %s) does not list itself among its alternates %v", u, pg.lang, pg.alts)
		}
		if pg.alts["x-default"] == "" || pg.alts["x-default"] != pg.alts["en"] {
			t.Errorf("%s: x-default %q, want the English page", u, pg.alts["x-default"])
		}
		for lang, target := range pg.alts {
			other, ok := pages[target]
			if _, err := os.Stat(fileOf(target)); err != nil || !ok {
				t.Errorf("%s: the %s alternate %s does not exist", u, lang, target)
				continue
			}
			if lang != "x-default" && other.lang != lang {
				t.Errorf("%s: the %s alternate %s is in %q", u, lang, target, other.lang)
			}
			if !maps.Equal(other.alts, pg.alts) {
				t.Errorf("%s lists %v, but its alternate %s lists %v", u, pg.alts, target, other.alts)
			}
		}
	}
	if translated < 14 {
		t.Errorf("only %d pages have alternates; the Spanish edition translates seven pages", translated)
	}
	untranslated := 0
	for u, pg := range pages {
		if !strings.HasPrefix(u, baseURL+"es/") || len(pg.alts) > 0 || strings.Contains(u, "/search/") {
			continue
		}
		if want := baseURL + strings.TrimPrefix(u, baseURL+"es/"); pg.canonical != want && pg.canonical != u {
			t.Errorf("%s: canonical %s", u, pg.canonical)
		}
		if pg.canonical != u {
			untranslated++
		}
	}
	if untranslated == 0 {
		t.Error("no untranslated page is canonical to its original")
	}

	sitemap, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, m := range sitemapURL.FindAllStringSubmatch(string(sitemap), -1) {
		u := html.UnescapeString(m[1])
		listed[u] = true
		pg, ok := pages[u]
		if !ok {
			t.Errorf("the sitemap lists %s, which is no page", u)
			continue
		}
		alts := map[string]string{}
		for _, a := range sitemapAlt.FindAllStringSubmatch(m[2], -1) {
			alts[a[1]] = html.UnescapeString(a[2])
		}
		if !maps.Equal(alts, pg.alts) {
			t.Errorf("the sitemap gives %s the alternates %v, its page %v", u, alts, pg.alts)
		}
		if pg.canonical != u {
			t.Errorf("the sitemap lists %s, which is canonical to %s", u, pg.canonical)
		}
	}
	for _, u := range slices.Sorted(maps.Keys(pages)) {
		if pg := pages[u]; pg.canonical == u && !listed[u] && !strings.Contains(u, "/search/") {
			t.Errorf("the sitemap leaves out %s", u)
		}
	}
}
