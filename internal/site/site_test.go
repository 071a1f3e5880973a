package site_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/testsite"
)

func buildSite(t *testing.T, files testsite.Files, baseURL string) (*site.Site, *diag.List) {
	t.Helper()
	dir := testsite.Write(t, files)
	var diags diag.List
	cfg := config.Default()
	if err := cfg.SetBaseURL(baseURL); err != nil {
		t.Fatal(err)
	}
	loaded, err := content.Load(dir, content.Options{}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	static := func(rel string) bool { return rel == "img/logo.png" }
	s, err := site.Build(cfg, loaded, site.Options{Converter: markdown.New(false), StaticExists: static}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	return s, &diags
}

func page(t *testing.T, s *site.Site, url string) *site.Page {
	t.Helper()
	for _, p := range s.Pages {
		if p.URL == url {
			return p
		}
	}
	t.Fatalf("no page at %s", url)
	return nil
}

// contentOf is p's body as HTML.
func contentOf(t *testing.T, p *site.Page) string {
	t.Helper()
	html, err := p.Content()
	if err != nil {
		t.Fatalf("%s: %v", p.URL, err)
	}
	return string(html)
}

func TestLinkRewriting(t *testing.T) {
	body := "---\ntitle: About\n---\n" +
		"[pair](problems/el-graduation.md) " +
		"[stage anchor](journey/design-studios.md#who-came) " +
		"[same page](#who-we-are) " +
		"[external](https://example.com/x.md) " +
		"[mail](mailto:a@example.org) " +
		"[query](themes/equity-vision.md?x=1) " +
		"![Team photo](team.png) " +
		"![Logo](/img/logo.png)\n\n## Who we are\n"
	files := testsite.Minimal().With(testsite.Files{"content/about.md": body, "content/team.png": testsite.Picture("png", 40, 30)})
	cases := []struct{ base, prefix string }{
		{"/", "/"},
		{"https://example.org/casebook/", "/casebook/"},
		{"https://example.org/a%20b/", "/a%20b/"},
	}
	for _, tc := range cases {
		t.Run(tc.base, func(t *testing.T) {
			s, diags := buildSite(t, files, tc.base)
			if diags.Len() > 0 {
				t.Fatalf("diagnostics: %v", diags.Items())
			}
			html := contentOf(t, page(t, s, tc.prefix+"about/"))
			for _, want := range []string{
				`href="` + tc.prefix + `problems/el-graduation/"`,
				`href="` + tc.prefix + `journey/design-studios/#who-came"`,
				`href="#who-we-are"`,
				`href="https://example.com/x.md"`,
				`href="mailto:a@example.org"`,
				`href="` + tc.prefix + `themes/equity-vision/?x=1"`,
				`src="` + tc.prefix + `team.png"`,
				`src="` + tc.prefix + `img/logo.png"`,
			} {
				if !strings.Contains(html, want) {
					t.Errorf("missing %s in\n%s", want, html)
				}
			}
		})
	}
}

func slugs(pages []*site.Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.Slug
	}
	return out
}

func TestRelationsFromBothEnds(t *testing.T) {
	// Design studios names its resources from the stage's end only; the
	// dossier template names district-dossier from the resource's end.
	files := testsite.Minimal().With(testsite.Files{
		"content/journey/design-studios.md":  "---\ntitle: Design studios\norder: 2\nsummary: Design with the community.\nresources: [family-survey, dossier-template]\n---\n## Who came\n\nFamilies and staff.\n",
		"content/resources/family-survey.md": "---\ntitle: Family survey\nsummary: Questions for families.\n---\nAsk.\n",
	})
	s, diags := buildSite(t, files, "/")
	if diags.Len() > 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	mentors := page(t, s, "/case-studies/mentors/")
	coaching := page(t, s, "/case-studies/coaching/")
	vision := page(t, s, "/themes/equity-vision/")
	staff := page(t, s, "/themes/staff-capacity/")
	studios := page(t, s, "/journey/design-studios/")
	dossier := page(t, s, "/journey/district-dossier/")
	pair := page(t, s, "/problems/el-graduation/")
	riverbend := page(t, s, "/districts/riverbend/")
	template := page(t, s, "/resources/dossier-template/")
	survey := page(t, s, "/resources/family-survey/")

	check := func(name string, got []*site.Page, want ...string) {
		t.Helper()
		if g := slugs(got); !slices.Equal(g, want) {
			t.Errorf("%s = %v, want %v", name, g, want)
		}
	}
	// theme ↔ case studies, pairs, resources, lessons
	check("mentors.Themes", mentors.Themes, "equity-vision", "staff-capacity")
	check("staff.CaseStudies (newest first)", staff.CaseStudies, "coaching", "mentors")
	check("vision.PairsHere", vision.PairsHere, "el-graduation")
	check("vision.Resources", vision.Resources, "dossier-template")
	check("template.Themes", template.Themes, "equity-vision")
	if len(staff.Lessons) != 2 || staff.Lessons[0].Text != "Coach often." || staff.Lessons[0].CaseStudy != coaching {
		t.Errorf("staff.Lessons = %+v", staff.Lessons)
	}
	// stage ↔ case studies, resources; previous and next
	check("mentors.Stages", mentors.Stages, "district-dossier", "design-studios")
	check("studios.CaseStudies", studios.CaseStudies, "coaching", "mentors")
	check("dossier.Resources", dossier.Resources, "dossier-template")
	check("studios.Resources (by title)", studios.Resources, "dossier-template", "family-survey")
	check("template.Stages (by order)", template.Stages, "district-dossier", "design-studios")
	check("survey.Stages", survey.Stages, "design-studios")
	if !survey.HasStage(studios) || survey.HasStage(dossier) {
		t.Error("survey.HasStage is wrong")
	}
	check("studios.PairsHere", studios.PairsHere, "el-graduation")
	if studios.Prev != dossier || dossier.Next != studios || dossier.Prev != nil || studios.Next != nil {
		t.Error("stage previous/next are wrong")
	}
	// pair ↔ district ↔ case studies
	if mentors.Problem != pair || pair.District != riverbend || mentors.District != riverbend {
		t.Error("pair and district links are wrong")
	}
	check("pair.CaseStudies", pair.CaseStudies, "mentors")
	check("riverbend.PairsHere", riverbend.PairsHere, "el-graduation")
	check("riverbend.CaseStudies", riverbend.CaseStudies, "mentors")
	// related and backlinks
	check("mentors.Related", mentors.Related, "coaching")
	check("coaching.Related", coaching.Related, "mentors")
	check("pair.Backlinks", pair.Backlinks, "mentors")
	check("mentors.Backlinks", mentors.Backlinks, "coaching")
	check("vision.Backlinks", vision.Backlinks, "about")
}

func TestRelatedRanking(t *testing.T) {
	files := testsite.Minimal()
	themes := []string{"a", "b", "c", "d"}
	for _, th := range themes {
		files["content/themes/"+th+".md"] = "---\ntitle: Theme " + th + "\nsummary: s\n---\n"
	}
	study := func(slug, date string, themes ...string) {
		files["content/case-studies/"+slug+".md"] = "---\ntitle: " + slug + "\ndistrict: lakeside\nsummary: s\ndate: " + date +
			"\nthemes: [" + strings.Join(themes, ", ") + "]\n---\n"
	}
	study("target", "2020-01-01", "a", "b", "c")
	study("three", "2019-01-01", "a", "b", "c")
	study("two-old", "2018-01-01", "a", "b")
	study("two-new", "2021-01-01", "b", "c", "d")
	study("one", "2022-01-01", "c")
	study("none", "2023-01-01", "d")
	study("two-same-date-b", "2017-01-01", "a", "c")
	study("two-same-date-a", "2017-01-01", "a", "b")
	s, diags := buildSite(t, files, "/")
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	// Most shared themes first; ties newest first, then by title.
	got := slugs(page(t, s, "/case-studies/target/").Related)
	want := []string{"three", "two-new", "two-old", "two-same-date-a"}
	if !slices.Equal(got, want) {
		t.Errorf("related = %v, want %v", got, want)
	}
}

// Links to a content folder lead to its list page, ../ from a section to
// the home page, and a site address of a page gets the base path.
func TestLinksToFoldersAndAddresses(t *testing.T) {
	files := testsite.Minimal().With(testsite.Files{
		"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: s\n---\n" +
			"[all themes](../themes/) [stages](../journey) [list](../themes/_index.md) [home](../) " +
			"[vision](/themes/equity-vision/#x) [no slash](/themes/equity-vision) [with base](/casebook/about/) [section](/journey/)\n",
	})
	s, diags := buildSite(t, files, "https://example.org/casebook/")
	html := contentOf(t, page(t, s, "/casebook/case-studies/coaching/"))
	for _, want := range []string{
		`href="/casebook/themes/">all themes`,
		`href="/casebook/journey/">stages`,
		`href="/casebook/themes/">list`,
		`href="/casebook/">home`,
		`href="/casebook/themes/equity-vision/#x">vision`,
		`href="/casebook/themes/equity-vision/">no slash`,
		`href="/casebook/about/">with base`,
		`href="/casebook/journey/">section`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if bl := slugs(page(t, s, "/casebook/themes/equity-vision/").Backlinks); !slices.Contains(bl, "coaching") {
		t.Errorf("equity-vision backlinks = %v, want coaching among them", bl)
	}
	if got := diags.Items(); len(got) != 1 || got[0].Message != "content/themes/equity-vision.md has no heading with the id `x`" {
		t.Errorf("want only the missing anchor of a site address reported, got %v", got)
	}
}

func TestBacklinksOncePerPage(t *testing.T) {
	// Coaching links to mentors three times, and to itself: mentors lists
	// it once, and no page lists itself.
	files := testsite.Minimal().With(testsite.Files{
		"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: s\n---\n## Story\n\n" +
			"Like [mentoring](mentors.md#what-they-tried), [mentors](mentors.md) worked; [the mentors' story](mentors.md) and [this story](coaching.md#story).\n",
	})
	s, diags := buildSite(t, files, "/")
	if diags.Len() > 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	if got := slugs(page(t, s, "/case-studies/mentors/").Backlinks); !slices.Equal(got, []string{"coaching"}) {
		t.Errorf("mentors.Backlinks = %v, want [coaching]", got)
	}
	if got := slugs(page(t, s, "/case-studies/coaching/").Backlinks); len(got) != 0 {
		t.Errorf("coaching.Backlinks = %v, want none: a page does not mention itself", got)
	}
}
