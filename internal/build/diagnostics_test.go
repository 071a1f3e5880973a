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

// check runs the pipeline without writing and returns its diagnostics as
// the text casebook prints.
func check(t *testing.T, dir string) string {
	t.Helper()
	var diags diag.List
	if _, err := Check(Options{Src: dir, Theme: casebook.Theme}, &diags); err != nil {
		t.Fatalf("Check: %v", err)
	}
	var b strings.Builder
	diags.Print(&b)
	return b.String()
}

func TestMinimalSiteIsClean(t *testing.T) {
	if got := check(t, testsite.Write(t, testsite.Minimal())); got != "" {
		t.Fatalf("minimal site has diagnostics:\n%s", got)
	}
}

// Each case changes the minimal site in one way and expects exactly these
// diagnostics, in the order casebook prints them.
var diagnosticCases = []struct {
	name    string
	changes testsite.Files
	want    string
}{
	{
		name:    "unknown theme with did-you-mean",
		changes: testsite.Files{"content/problems/el-graduation.md": "---\ntitle: EL\nproblem: p\nsolution: s\ndistrict: riverbend\nthemes: [equity-vison]\n---\n"},
		want:    "content/problems/el-graduation.md:6:10: error: unknown theme `equity-vison`\n  hint: did you mean `equity-vision`?\n",
	},
	{
		name:    "reference to a page of another kind",
		changes: testsite.Files{"content/problems/el-graduation.md": "---\ntitle: EL\nproblem: p\nsolution: s\ndistrict: design-studios\n---\n"},
		want:    "content/problems/el-graduation.md:5:11: error: unknown district `design-studios`\n  hint: `design-studios` is a journey stage, not a district\n",
	},
	{
		name:    "missing required field",
		changes: testsite.Files{"content/districts/lakeside.md": "---\ntitle: Lakeside\n---\n"},
		want:    "content/districts/lakeside.md:2:1: error: a district needs the field `region` (where the district is, e.g. Midwest)\n  hint: add a line `region: ...` to the frontmatter\n",
	},
	{
		name:    "wrong type",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff\nsummary: s\norder: second\n---\n"},
		want:    "content/themes/staff-capacity.md:4:8: error: `order` should be a whole number, not `second`\n  hint: write a whole number, e.g. `order: 3`\n",
	},
	{
		name:    "impossible date",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: s\ndate: 2026-02-30\n---\n"},
		want:    "content/case-studies/coaching.md:6:7: error: `2026-02-30` is not a real date\n  hint: write dates as 2026-03-15, e.g. `date: 2026-03-15`\n",
	},
	{
		name:    "unknown field with did-you-mean",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff\nsumary: s\n---\n"},
		want: "content/themes/staff-capacity.md:2:1: error: a theme needs the field `summary` (one or two sentences shown in lists and feeds)\n  hint: add a line `summary: ...` to the frontmatter\n" +
			"content/themes/staff-capacity.md:3:1: warning: unknown field `sumary` in a theme; it is ignored\n  hint: did you mean `summary`?\n",
	},
	{
		name:    "duplicate stage order",
		changes: testsite.Files{"content/journey/design-studios.md": "---\ntitle: Design studios\norder: 1\nsummary: s\n---\n## Who came\n"},
		want:    "content/journey/district-dossier.md:3:8: error: two journey stages have order 1\n  hint: give each stage its own number; content/journey/design-studios.md already has 1\n",
	},
	{
		name:    "file name that is not a slug",
		changes: testsite.Files{"content/themes/Family Voice.md": "---\ntitle: Family voice\nsummary: s\n---\n"},
		want:    "content/themes/Family Voice.md:1:1: error: the file name `Family Voice.md` is not a valid slug: use lowercase letters, digits and single hyphens\n  hint: rename the file to family-voice.md\n",
	},
	{
		name:    "slug with dots",
		changes: testsite.Files{"content/themes/a..b.md": "---\ntitle: Dots\nsummary: s\n---\n"},
		want:    "content/themes/a..b.md:1:1: error: the file name `a..b.md` is not a valid slug: use lowercase letters, digits and single hyphens\n  hint: rename the file to a-b.md\n",
	},
	{
		name:    "colon in an unquoted title",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff: the people\nsummary: s\n---\n"},
		want:    "content/themes/staff-capacity.md:2:7: error: a value contains a colon, which YAML reads as a new field\n  hint: put the value in quotes, e.g. `title: \"Equity: a district's story\"`\n",
	},
	{
		name:    "tab indentation",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff\nsummary: s\n\torder: 2\n---\n"},
		want:    "content/themes/staff-capacity.md:4:1: error: the frontmatter is indented with a tab\n  hint: indent with spaces, not tabs\n",
	},
	{
		name:    "frontmatter never closed",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff\nsummary: s\n\nBody text.\n"},
		want:    "content/themes/staff-capacity.md:1:1: error: the frontmatter opened with --- on line 1 is never closed\n  hint: add a line with only --- after the last field\n",
	},
	{
		name:    "no frontmatter",
		changes: testsite.Files{"content/themes/staff-capacity.md": "# Staff\n\nBody.\n"},
		want:    "content/themes/staff-capacity.md:1:1: error: the file has no frontmatter\n  hint: start the file with a line ---, then fields such as `title: My title`, then another line ---\n",
	},
	{
		name:    "empty file",
		changes: testsite.Files{"content/themes/staff-capacity.md": "\n"},
		want:    "content/themes/staff-capacity.md:1:1: error: the file is empty\n  hint: start the file with a line ---, then fields such as `title: My title`, then another line ---\n",
	},
	{
		name:    "invalid UTF-8",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Sta\xffff\nsummary: s\n---\n"},
		want:    "content/themes/staff-capacity.md:2:11: error: the file is not valid UTF-8 text\n  hint: save the file as UTF-8 in your editor\n",
	},
	{
		name:    "link to a missing file",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nSee [the pair](problems/el-graduaton.md).\n"},
		want:    "content/about.md:4:5: error: the link `problems/el-graduaton.md` points to content/problems/el-graduaton.md, which does not exist\n  hint: did you mean `el-graduation.md`?\n",
	},
	{
		name:    "link to a missing heading",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nSee [who came](journey/design-studios.md#who-come).\n"},
		want:    "content/about.md:4:5: error: content/journey/design-studios.md has no heading with the id `who-come`\n  hint: did you mean `who-came`?\n",
	},
	{
		name:    "link outside the site",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nSee [secrets](../../etc/passwd).\n"},
		want:    "content/about.md:4:5: error: the link `../../etc/passwd` points outside the site\n  hint: link to a file inside the site\n",
	},
	{
		name:    "image without alt text",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![](team.png)\n", "content/team.png": "png"},
		want:    "content/about.md:6:1: error: this image has no alt text, so readers who cannot see it miss what it shows\n  hint: describe the image inside the brackets: ![Students at the design studio](photo.jpg)\n",
	},
	{
		name:    "raw HTML",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText <b>bold</b>.\n"},
		want: "content/about.md:4:6: warning: raw HTML is shown as text on the page\n  hint: use markdown instead, or set unsafe_html = true under [markdown] in casebook.toml if you trust every author\n" +
			"content/about.md:4:13: warning: raw HTML is shown as text on the page\n  hint: use markdown instead, or set unsafe_html = true under [markdown] in casebook.toml if you trust every author\n",
	},
	{
		name:    "locale outside its choices",
		changes: testsite.Files{"content/districts/lakeside.md": "---\ntitle: Lakeside\nregion: Midwest\nlocale: suburbn\n---\n"},
		want:    "content/districts/lakeside.md:4:9: error: `suburbn` is not a valid locale; use one of urban, suburban, rural\n  hint: did you mean `suburban`?\n",
	},
	{
		name:    "case study whose pair belongs to another district",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: s\nproblem: el-graduation\n---\n## What they tried\n"},
		want:    "content/case-studies/coaching.md:6:10: error: the pair `el-graduation` belongs to Riverbend Unified, but this case study is about Lakeside Schools\n  hint: set `district: riverbend`, or choose a pair of Lakeside Schools\n",
	},
	{
		name:    "lesson under a theme the study does not have",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: s\nlessons:\n  - theme: equity-vision\n    text: Say it.\n---\n## What they tried\n"},
		want:    "content/case-studies/coaching.md:7:12: warning: this lesson's theme `equity-vision` is not one of the case study's themes\n  hint: add `equity-vision` to the case study's themes\n",
	},
	{
		name:    "unknown content folder",
		changes: testsite.Files{"content/case-study/x.md": "---\ntitle: X\n---\n"},
		want:    "content/case-study: error: `case-study` is not a content folder, so its files would not be published\n  hint: did you mean `case-studies`?\n",
	},
	{
		name:    "link to a draft",
		changes: testsite.Files{"content/case-studies/mentors.md": "---\ntitle: Mentors\ndistrict: riverbend\nthemes: [equity-vision]\nsummary: s\ndraft: true\n---\n## What they tried\n"},
		want:    "content/case-studies/coaching.md:14:6: error: the link `mentors.md#what-they-tried` points to content/case-studies/mentors.md, which does not exist\n  hint: check the file name and the ../ steps; links are relative to this file's folder\n",
	},
	{
		name:    "TOML frontmatter with a typo",
		changes: testsite.Files{"content/themes/staff-capacity.md": "+++\ntitle = \"Staff\"\nsummary = \"s\"\nordr = 2\n+++\n"},
		want:    "content/themes/staff-capacity.md:4:1: warning: unknown field `ordr` in a theme; it is ignored\n  hint: did you mean `order`?\n",
	},
	{
		name:    "broken TOML frontmatter",
		changes: testsite.Files{"content/themes/staff-capacity.md": "+++\ntitle = \"Staff\nsummary = \"s\"\n+++\n"},
		want:    "content/themes/staff-capacity.md:2:15: error: the frontmatter is not valid TOML: strings cannot contain newlines\n",
	},
	{
		name:    "unknown config key",
		changes: testsite.Files{"casebook.toml": "title = \"T\"\nbase_ulr = \"https://example.org/\"\n"},
		want:    "casebook.toml:2:1: warning: unknown setting `base_ulr`; it is ignored\n  hint: did you mean `base_url`?\n",
	},
	{
		name:    "template error in a site layout",
		changes: testsite.Files{"layouts/page.html": "{{define \"main\"}}\n<h1>{{.Page.Titel}}</h1>{{end}}\n"},
		want:    "layouts/page.html:2:12: error: executing \"main\" at <.Page.Titel>: can't evaluate field Titel in type *site.Page\n",
	},
}

func TestDiagnostics(t *testing.T) {
	for _, tc := range diagnosticCases {
		t.Run(tc.name, func(t *testing.T) {
			got := check(t, testsite.Write(t, testsite.Minimal().With(tc.changes)))
			if got != tc.want {
				t.Errorf("diagnostics differ\n got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestSymlinkOutOfSiteIsRefused(t *testing.T) {
	dir := testsite.Write(t, testsite.Minimal())
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("---\ntitle: Secret\nsummary: s\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "content/themes/secret.md")); err != nil {
		t.Fatal(err)
	}
	want := "content/themes/secret.md: error: this symbolic link points outside the site; casebook does not follow it\n  hint: copy the file into the site instead of linking to it\n"
	if got := check(t, dir); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
