package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/testsite"
)

// themedSite is the minimal site with every [theme] setting used.
func themedSite() testsite.Files {
	return testsite.Minimal().With(testsite.Files{
		"casebook.toml": `title = "Test Casebook"
base_url = "https://example.org/casebook/"

[theme]
logo = "images/logo.svg"
logo_alt = "Riverbend Unified School District"
accent = "#7a1f3d"
header_background = "#5a1e1e"
header_text = "#fff4d6"
footer_contact = ["Office of Communications", "(555) 010-0100"]

[[theme.nav]]
text = "Stories"
url = "/case-studies/"

[[theme.nav]]
text = "About us"
url = "/about/"

[[theme.nav]]
text = "District home"
url = "https://example.org/"

[[theme.footer_links]]
text = "Board meetings"
url = "https://example.org/board/"
`,
		"static/images/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>`,
	})
}

func TestThemeSettingsReachEveryPage(t *testing.T) {
	src := testsite.Write(t, themedSite())
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := Build(Options{Src: src, Out: out, NoMinify: true, Theme: casebook.Theme}, &diags); err != nil || diags.Len() > 0 {
		t.Fatalf("build: %v\n%v", err, diags.Items())
	}
	files := snapshot(t, out)
	for _, page := range []string{"index.html", "case-studies/mentors/index.html", "about/index.html", "404.html"} {
		html := files[page]
		for _, want := range []string{
			`<meta name="theme-color" content="#5a1e1e">`,
			`<style>:root{--link:#7a1f3d;--marker:#7a1f3d;--link-hover:#511428;--brand:#5a1e1e;--brand-ink:#fff4d6;--brand-text:#fff4d6;--focus-on-dark:#fff4d6;--brand-hover:#5a1e1e}</style>`,
			`<img class="site-logo" src="/casebook/images/logo.svg" alt="Riverbend Unified School District">`,
			`<li><a href="https://example.org/">District home</a></li>`,
			"<address class=\"footer-contact\">Office of Communications<br>(555) 010-0100\n</address>",
			`<li><a href="https://example.org/board/">Board meetings</a></li>`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
		if strings.Contains(html, `class="site-mark"`) || strings.Contains(html, ">Themes</a>") {
			t.Errorf("%s still has the default mark or navigation", page)
		}
	}
	for page, want := range map[string]string{
		"about/index.html":                `<li><a href="/casebook/about/" aria-current="page">About us</a></li>`,
		"case-studies/mentors/index.html": `<li><a href="/casebook/case-studies/" aria-current="true">Stories</a></li>`,
		"index.html":                      `<li><a href="/casebook/case-studies/">Stories</a></li>`,
	} {
		if !strings.Contains(files[page], want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
	if files["images/logo.svg"] == "" {
		t.Error("the logo was not published")
	}
}

func TestThemeContrastFailureStopsTheBuild(t *testing.T) {
	site := themedSite()
	site["casebook.toml"] = strings.Replace(site["casebook.toml"], `accent = "#7a1f3d"`, `accent = "#e07a9b"`, 1)
	out := filepath.Join(t.TempDir(), "public")
	diags, err := build(t, testsite.Write(t, site), out)
	if err != nil || !diags.HasErrors() {
		t.Fatalf("the build succeeded with a failing accent (err %v)", err)
	}
	if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
		t.Errorf("the failed build wrote %s", out)
	}
	var b strings.Builder
	diags.Print(&b)
	want := "casebook.toml:7:1: error: [theme] accent: text #e07a9b on the page backgrounds (worst on #e8f1f3) has a contrast ratio of 2.46:1; WCAG 2.1 AA needs at least 4.5:1\n" +
		"  hint: the nearest color that passes is #c92f61 (4.50:1): accent = \"#c92f61\"\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// A [theme] link to an address with no page, or one that repeats the base
// path, is a warning with the fix.
func TestThemeLinkWarnings(t *testing.T) {
	cases := []struct{ url, want string }{
		{"/abuot/", "casebook.toml:16:1: warning: the [theme] link \"About us\" goes to `/abuot/`, which is not a page of this site\n" +
			"  hint: did you mean `/about/`?\n"},
		{"/casebook/about/", "casebook.toml:16:1: warning: the [theme] link \"About us\" starts with the base path /casebook/, which would then be in its address twice\n" +
			"  hint: write it as `/about/`; casebook adds /casebook/\n"},
	}
	for _, c := range cases {
		site := themedSite()
		site["casebook.toml"] = strings.Replace(site["casebook.toml"], `url = "/about/"`, `url = "`+c.url+`"`, 1)
		if got := check(t, testsite.Write(t, site)); got != c.want {
			t.Errorf("url %s: got:\n%s\nwant:\n%s", c.url, got, c.want)
		}
	}
}

// A section with no pages stays out of the navigation: a new site does not
// send readers to an empty "Resources" page.
func TestNavLeavesOutEmptySections(t *testing.T) {
	site := testsite.Minimal().With(testsite.Files{
		"content/resources/dossier-template.md": "",
		"content/journey/district-dossier.md":   strings.Replace(testsite.Minimal()["content/journey/district-dossier.md"], "resources: [dossier-template]\n", "", 1),
	})
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := Build(Options{Src: testsite.Write(t, site), Out: out, NoMinify: true, Theme: casebook.Theme}, &diags); err != nil || diags.HasErrors() {
		t.Fatalf("build: %v\n%v", err, diags.Items())
	}
	home := snapshot(t, out)["index.html"]
	nav := home[strings.Index(home, `<nav class="site-nav"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	if strings.Contains(nav, "/resources/") {
		t.Errorf("the navigation links to the empty resources section:\n%s", nav)
	}
	for _, want := range []string{"/themes/", "/journey/", "/case-studies/", "/problems/", "/districts/"} {
		if !strings.Contains(nav, want) {
			t.Errorf("the navigation lacks %s:\n%s", want, nav)
		}
	}
}

// TestOverriddenPartialsShowTheirPage: the default theme caches its
// header and footer by key (kind and section; the site), which fix all
// the theme's own partials show. A site's versions may show the page, and
// then each page shows its own, not the first of those with its key; a
// layout of the site's own that asks for the cache keeps it.
func TestOverriddenPartialsShowTheirPage(t *testing.T) {
	titles := map[string]string{"mentors": "Mentors for English learners", "coaching": "Coaching teachers"}
	page := func(t *testing.T, out, slug string) string {
		b, err := os.ReadFile(filepath.Join(out, "case-studies", slug, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, name := range []string{"header", "footer"} {
		t.Run(name, func(t *testing.T) {
			src := testsite.Write(t, testsite.Minimal().With(testsite.Files{
				"layouts/partials/" + name + ".html": "<" + name + "><b>{{.Page.Title}}</b></" + name + ">",
			}))
			out := filepath.Join(t.TempDir(), "public")
			if diags, err := build(t, src, out); err != nil || diags.HasErrors() {
				t.Fatal(err, diags.Items())
			}
			for slug, title := range titles {
				if want := "<" + name + "><b>" + title + "</b>"; !strings.Contains(page(t, out, slug), want) {
					t.Errorf("case-studies/%s/ has no %s", slug, want)
				}
			}
		})
	}
	t.Run("cached by the site", func(t *testing.T) {
		src := testsite.Write(t, testsite.Minimal().With(testsite.Files{
			"layouts/partials/note.html": `<b>{{.Page.Title}}</b>`,
			"layouts/case-studies/single.html": `{{define "title"}}{{.Page.Title}}{{end}}` +
				`{{define "main"}}<main>{{partialCached "partials/note.html" . .Page.Kind}}</main>{{end}}`,
		}))
		out := filepath.Join(t.TempDir(), "public")
		if diags, err := build(t, src, out); err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
		main := func(slug string) string {
			html := page(t, out, slug)
			return html[strings.Index(html, "<main>"):strings.Index(html, "</main>")]
		}
		if a, b := main("mentors"), main("coaching"); a != b {
			t.Errorf("a partial the site caches by kind differs from page to page: %q and %q", a, b)
		}
	})
}
