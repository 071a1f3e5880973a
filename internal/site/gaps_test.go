package site_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/testsite"
)

func TestGaps(t *testing.T) {
	s, diags := buildSite(t, testsite.Minimal(), "/")
	if diags.HasErrors() {
		t.Fatal("minimal site has errors")
	}
	if gaps := s.Gaps(); len(gaps) != 0 {
		t.Fatalf("minimal site has gaps: %v", gaps)
	}

	// A pair no case study tells, a stage none goes through, a theme with
	// no lesson; and a draft does not fill a gap.
	s, diags = buildSite(t, testsite.Minimal().With(testsite.Files{
		"content/problems/family-voice.md":   "---\ntitle: Family voice\nproblem: p\nsolution: s\ndistrict: lakeside\n---\n",
		"content/journey/pilot.md":           "---\ntitle: Pilot\norder: 3\nsummary: Try it.\n---\n",
		"content/themes/shared-ownership.md": "---\ntitle: Shared ownership\nsummary: s\norder: 3\n---\n",
		"content/case-studies/draft.md":      "---\ntitle: Draft\ndistrict: lakeside\nthemes: [shared-ownership]\nsummary: s\nproblem: family-voice\nstages: [pilot]\ndraft: true\nlessons:\n  - theme: shared-ownership\n    text: Share.\n---\n",
	}), "/")
	if diags.HasErrors() {
		var b strings.Builder
		diags.Print(&b)
		t.Fatal(b.String())
	}
	var got []string
	for _, g := range s.Gaps() {
		got = append(got, g.String())
	}
	want := []string{
		"content/problems/family-voice.md: no case study tells this pair yet (set `problem: family-voice` in one)",
		"content/journey/pilot.md: no case study goes through this stage yet (add `pilot` to a case study's `stages`)",
		"content/themes/shared-ownership.md: no case study has a lesson under this theme yet (add one with `theme: shared-ownership` under `lessons`)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A link to a document beside the page or in static/ shows its type and
// size; one the site does not hold a file for shows its type only.
func TestDocumentLinkSizes(t *testing.T) {
	files := testsite.Minimal().With(testsite.Files{
		"content/about.md":           "---\ntitle: About\n---\nSee [the plan](plan.pdf), [the budget](/files/budget.xlsx), [the theme's guide](/guide.pdf) and [the state's form](https://example.org/form.docx).\n",
		"content/plan.pdf":           strings.Repeat("x", 240*1024),
		"static/files/budget.xlsx":   strings.Repeat("x", 900),
		"static/css/placeholder.css": "x",
	})
	dir := testsite.Write(t, files)
	var diags diag.List
	cfg := config.Default()
	if err := cfg.SetBaseURL("https://example.org/casebook/"); err != nil {
		t.Fatal(err)
	}
	loaded, err := content.Load(dir, content.Options{}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	static := func(rel string) bool { return rel == "files/budget.xlsx" || rel == "guide.pdf" } // guide.pdf: from the default theme
	s, err := site.Build(cfg, loaded, site.Options{Converter: markdown.New(false), StaticExists: static, Root: dir}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		var b strings.Builder
		diags.Print(&b)
		t.Fatal(b.String())
	}
	got := contentOf(t, page(t, s, "/casebook/about/"))
	for _, want := range []string{
		`<a href="/casebook/plan.pdf">the plan</a> <span class="doc-info">(PDF, 240 KB)</span>,`,
		`<a href="/casebook/files/budget.xlsx">the budget</a> <span class="doc-info">(Excel spreadsheet, 900 bytes)</span>,`,
		`<a href="/casebook/guide.pdf">the theme&rsquo;s guide</a> <span class="doc-info">(PDF)</span>`,
		`<a href="https://example.org/form.docx">the state&rsquo;s form</a> <span class="doc-info">(Word document)</span>.`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}
