package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

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
		want:    "content/themes/staff-capacity.md:4:8: error: `order` should be a number, not `second`\n  hint: write a number, e.g. `order: 2.5`\n",
	},
	{
		name:    "a date written out in words",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: s\ndate: November 20, 2026\n---\n"},
		want:    "content/case-studies/coaching.md:6:7: error: `November 20, 2026` is written as people write dates; casebook reads dates as year-month-day\n  hint: write it as `date: 2026-11-20` (November 20, 2026)\n",
	},
	{
		name:    "a date written month first with slashes",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: s\ndate: 3/4/2026\n---\n"},
		want:    "content/case-studies/coaching.md:6:7: error: `3/4/2026` is written as people write dates; casebook reads dates as year-month-day\n  hint: write it as `date: 2026-03-04` (March 4, 2026)\n",
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
		want: "content/journey/district-dossier.md:3:8: error: journey stages `design-studios` (content/journey/design-studios.md) and this one both have order 1\n" +
			"  hint: give each stage its own number; `order: 2` puts this one just after `design-studios`\n",
	},
	{
		name: "duplicate decimal stage order",
		changes: testsite.Files{
			"content/journey/district-dossier.md": "---\ntitle: District dossier\norder: 2.5\nsummary: s\n---\n",
			"content/journey/design-studios.md":   "---\ntitle: Design studios\norder: 2.5\nsummary: s\n---\n## Who came\n",
			"content/journey/scale-up.md":         "---\ntitle: Scale up\norder: 3\nsummary: s\n---\n",
		},
		want: "content/journey/district-dossier.md:3:8: error: journey stages `design-studios` (content/journey/design-studios.md) and this one both have order 2.5\n" +
			"  hint: give each stage its own number; `order: 2.8` puts this one just after `design-studios`\n",
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
		want:    "content/themes/staff-capacity.md:2:8: error: a value contains a colon, which YAML reads as a new field\n  hint: put the value in quotes: `title: \"Staff: the people\"`\n",
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
		name:    "an image in static/ named from beside the page",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\n![Our team](images/team.png)\n", "static/images/team.png": "\x89PNG\r\n\x1a\n"},
		want: "content/about.md:4:1: error: the image `images/team.png` points to content/images/team.png, which does not exist\n" +
			"  hint: static/images/team.png is there: write `/images/team.png`, since a name without a leading / is looked for beside the page\n",
	},
	{
		name:    "link to a missing heading",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nSee [who came](journey/design-studios.md#who-come).\n"},
		want:    "content/about.md:4:5: error: content/journey/design-studios.md has no heading with the id `who-come`\n  hint: did you mean `who-came`?\n",
	},
	{
		name:    "no knock-on error for an anchor into a page that cannot be decoded",
		changes: testsite.Files{"content/case-studies/mentors.md": "---\ntitle: \"Mentors\ndistrict: riverbend\n---\n## What they tried\n"},
		want:    "content/case-studies/mentors.md:2:8: error: the quote \" that starts this value is never closed\n  hint: close it at the end of the line: `title: \"Mentors\"`\n",
	},
	{
		name:    "link outside the site",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nSee [secrets](../../etc/passwd).\n"},
		want:    "content/about.md:4:5: error: the link `../../etc/passwd` points outside the site\n  hint: link to a file inside the site\n",
	},
	{
		name:    "image that is not a picture",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![The team at the studio](team.jpg)\n", "content/team.jpg": "<html>a saved web page</html>"},
		want: "content/about.md:6:1: error: `team.jpg` is not a picture casebook can read: it is a web page (HTML), perhaps saved from a browser under a picture's name\n" +
			"  hint: open it in an image editor and save it again as a JPEG or PNG\n",
	},
	{
		name:    "an iPhone's HEIC photo",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![The team at the studio](IMG_0042.HEIC)\n", "content/IMG_0042.HEIC": "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"},
		want: "content/about.md:6:1: error: `IMG_0042.HEIC` is not a picture casebook can read: it is a HEIC photo, the iPhone's own format, which most browsers cannot show; export it as a JPEG (on the iPhone: Settings > Camera > Formats > Most Compatible)\n" +
			"  hint: open it in an image editor and save it again as a JPEG or PNG\n",
	},
	{
		name:    "a TIFF scan in static/",
		changes: testsite.Files{"static/scans/board-minutes.tif": "II*\x00\x08\x00\x00\x00\x00\x00"},
		want: "static/scans/board-minutes.tif: error: casebook cannot remove what this file records (such as where a photo was taken), so it does not publish it: it is a TIFF picture, which browsers do not show; save it as a JPEG or PNG\n" +
			"  hint: export it as a JPEG or PNG, which casebook publishes without their metadata\n",
	},
	{
		name: "photo damaged after its header",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![The team at the studio](team.jpg)\n",
			"content/team.jpg": func() string { p := testsite.Picture("jpeg", 400, 300); return p[:len(p)*2/3] }()},
		want: "content/team.jpg: error: this is not a picture casebook can read: the file is damaged or cut short\n" +
			"  hint: open it in an image editor and save it again as a JPEG or PNG\n",
	},
	{
		name:    "image cut short",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![The team at the studio](team.png)\n", "content/team.png": testsite.Picture("png", 40, 30)[:30]},
		want: "content/about.md:6:1: error: `team.png` is not a picture casebook can read: the PNG file is cut short\n" +
			"  hint: open it in an image editor and save it again as a JPEG or PNG\n",
	},
	{
		name:    "image wider than 4,000 pixels",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![The whole school on the field](school.png)\n", "content/school.png": testsite.Picture("png", 4200, 8)},
		want: "content/about.md:6:1: warning: `school.png` is 4200×8 pixels: it will be resized, but the original still slows your builds; save it smaller\n" +
			"  hint: save it at most 4,000 pixels wide and under 5 MB; 2,000 pixels is plenty for a web page\n",
	},
	{
		name:    "alt text that says it is an image",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![Image of families at the spring open house](open-house.jpg)\n", "content/open-house.jpg": testsite.Picture("jpeg", 40, 30)},
		want: "content/about.md:6:1: warning: the alt text starts `Image of`, but screen readers already say it is an image\n" +
			"  hint: say what it shows straight away: `Families at the spring open house`\n",
	},
	{
		name:    "decorative image needs no alt text",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![](border.png \"decorative\")\n", "content/border.png": testsite.Picture("png", 40, 30)},
		want:    "",
	},
	{
		name: "lead image without alt text",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\nimage: coach.jpg\n---\nText.\n",
			"content/case-studies/coach.jpg": testsite.Picture("jpeg", 40, 30)},
		want: "content/case-studies/coaching.md:6:8: error: the image has no alt text, so readers who cannot see it miss what it shows\n" +
			"  hint: add `image_alt: ` with a sentence saying what the picture shows, or `image_decorative: true` if it shows nothing the page does not say\n",
	},
	{
		name: "lead image that is not a picture",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\nimage: coach.jpg\nimage_alt: A coach and a teacher\n---\nText.\n",
			"content/case-studies/coach.jpg": "GIF89a"},
		want: "content/case-studies/coaching.md:6:8: error: `coach.jpg` is not a picture casebook can read: the GIF is cut short\n" +
			"  hint: open it in an image editor and save it again as a JPEG or PNG\n",
	},
	{
		name:    "lead picture on another site",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\nimage: https://example.org/photos/coach.jpg\nimage_alt: A coach and a teacher\n---\nText.\n"},
		want: "content/case-studies/coaching.md:6:8: warning: this picture is on another site: every reader's browser fetches it from there, and casebook cannot remove what the file records (such as where it was taken) or make copies sized for phones\n" +
			"  hint: save the picture beside the page and use its file name (`coach.jpg`)\n",
	},
	{
		name:    "picture in a body on another site, and a link to one",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\n---\nThe [photo album](https://example.org/album) has more.\n\n![A coach and a teacher](//cdn.example.org/p?id=3)\n"},
		want: "content/case-studies/coaching.md:9:1: warning: this picture is on another site: every reader's browser fetches it from there, and casebook cannot remove what the file records (such as where it was taken) or make copies sized for phones\n" +
			"  hint: save the picture beside the page and use its file name\n",
	},
	{
		name: "decorative lead image",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\nimage: coach.jpg\nimage_decorative: true\n---\nText.\n",
			"content/case-studies/coach.jpg": testsite.Picture("jpeg", 40, 30)},
		want: "",
	},
	{
		name: "decorative lead image with alt text",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\nimage: coach.jpg\nimage_alt: A coach and a teacher\nimage_decorative: true\n---\nText.\n",
			"content/case-studies/coach.jpg": testsite.Picture("jpeg", 40, 30)},
		want: "content/case-studies/coaching.md:7:12: warning: the picture is marked decorative, so screen readers pass over it and this alt text is not used\n" +
			"  hint: remove `image_decorative: true` if the picture shows something the page does not say, or remove `image_alt`\n",
	},
	{
		name:    "picture fields without a picture",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\nimage_alt: A coach and a teacher\nimage_credit: \"Photo: Ana Ruiz\"\n---\nText.\n"},
		want: "content/case-studies/coaching.md:6:12: warning: `image_alt` goes with a picture, but this case study has no `image:`, so it is not shown\n" +
			"  hint: add `image: ` with the picture's file name, or remove `image_alt`\n" +
			"content/case-studies/coaching.md:7:15: warning: `image_credit` goes with a picture, but this case study has no `image:`, so it is not shown\n" +
			"  hint: add `image: ` with the picture's file name, or remove `image_credit`\n",
	},
	{
		name: "lead image alt text that is a file name",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\nimage: coach.jpg\nimage_alt: coach.jpg\n---\nText.\n",
			"content/case-studies/coach.jpg": testsite.Picture("jpeg", 40, 30)},
		want: "content/case-studies/coaching.md:7:12: error: the alt text `coach.jpg` is a file name, so readers who cannot see the image hear the file name instead of what it shows\n" +
			"  hint: write a few words saying what the picture shows instead, e.g. `image_alt: Students at the design studio`\n",
	},
	{
		name: "two pictures with one name shown on one page",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\n---\n![The 2023 team](2023/team.jpg)\n\n![The 2024 team](2024/team.jpg)\n",
			"content/case-studies/2023/team.jpg": testsite.Picture("jpeg", 40, 30), "content/case-studies/2024/team.jpg": testsite.Picture("jpeg", 40, 50)},
		want: "content/case-studies/coaching.md: error: content/case-studies/2023/team.jpg and content/case-studies/2024/team.jpg would both be published at /case-studies/coaching/team-40w.jpg\n" +
			"  hint: rename one of the two pictures\n",
	},
	{
		name:    "image without alt text",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![](team.png)\n", "content/team.png": testsite.Picture("png", 40, 30)},
		want:    "content/about.md:6:1: error: this image has no alt text, so readers who cannot see it miss what it shows\n  hint: describe the image inside the brackets: ![Students at the design studio](team.png), or mark it ![](team.png \"decorative\") if it shows nothing the text does not say\n",
	},
	{
		name:    "raw HTML",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText <b>bold</b>.\n"},
		want: "content/about.md:4:6: warning: raw HTML is shown as text on the page\n  hint: use markdown instead, or set unsafe_html = true under [markdown] in casebook.toml if you trust every author\n" +
			"content/about.md:4:13: warning: raw HTML is shown as text on the page\n  hint: use markdown instead, or set unsafe_html = true under [markdown] in casebook.toml if you trust every author\n",
	},
	{
		name:    "alt text that is a file name",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![IMG_2041.jpg](IMG_2041.jpg)\n", "content/IMG_2041.jpg": testsite.Picture("jpeg", 40, 30)},
		want:    "content/about.md:6:1: error: the alt text `IMG_2041.jpg` is a file name, so readers who cannot see the image hear the file name instead of what it shows\n  hint: replace it with a few words saying what the picture shows: ![Students at the design studio](IMG_2041.jpg)\n",
	},
	{
		name:    "alt text that is the image's own file name",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nText.\n\n![team-photo](team-photo.jpg)\n", "content/team-photo.jpg": testsite.Picture("jpeg", 40, 30)},
		want:    "content/about.md:6:1: error: the alt text `team-photo` is a file name, so readers who cannot see the image hear the file name instead of what it shows\n  hint: replace it with a few words saying what the picture shows: ![Students at the design studio](team-photo.jpg)\n",
	},
	{
		name:    "level-1 heading in a body",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\n# About us\n\nA cohort.\n"},
		want:    "content/about.md:4:1: warning: this is a level-1 heading (# ...), but the page title is already the page's one main heading\n  hint: use ## for the sections of the page, and ### for parts of a section\n",
	},
	{
		name:    "skipped heading level",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\n## Who we are\n\nA cohort.\n\n#### Members\n"},
		want:    "content/about.md:8:1: warning: this heading (####) skips a level after the heading above it (##), so readers who move through the page by headings lose their place\n  hint: use ### here: one # more than the heading above it\n",
	},
	{
		name:    "first heading of a body below ##",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\n### Who we are\n\nA cohort.\n"},
		want:    "content/about.md:4:1: warning: this heading (###) skips a level after the page title (which counts as #), so readers who move through the page by headings lose their place\n  hint: use ## here: the page title counts as #, so the body's first heading is ##\n",
	},
	{
		name:    "vague link text",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nFor our vision, [Click here!](themes/equity-vision.md)\n"},
		want:    "content/about.md:4:17: warning: the link text `Click here!` does not say where the link goes; screen reader users often hear a page's links as a list, out of context\n  hint: write what the link leads to as its text, e.g. [the family survey results](results.md) rather than [click here](results.md)\n",
	},
	{
		name:    "link without text",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nOur vision: [](themes/equity-vision.md)\n"},
		want:    "content/about.md:4:13: warning: this link has no text, so screen readers read out its address instead\n  hint: write what the link leads to inside the brackets, e.g. [the planning template](planning-template.pdf)\n",
	},
	{
		name:    "table without a header row",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nWho meets:\n\n|  |  |\n|---|---|\n| Principals | Weekly |\n"},
		want:    "content/about.md:6:1: warning: this table has no header row: its first row is empty, so screen readers cannot say what each column holds\n  hint: write the column names in the first row, e.g. | Role | Meets |, above the |---|---| line\n",
	},
	{
		name:    "link to a document, with type and size shown and no diagnostic",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nSee [the planning template](planning-template.pdf).\n", "content/planning-template.pdf": "%PDF-1.4"},
		want:    "",
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
		want:    "content/case-studies/coaching.md:14:6: error: the link `mentors.md#what-they-tried` points to content/case-studies/mentors.md, which is a draft and is left out of the site\n  hint: remove `draft: true` from content/case-studies/mentors.md to publish it, or remove the link\n",
	},
	{
		name:    "site address of a draft",
		changes: testsite.Files{"content/case-studies/mentors.md": "---\ntitle: Mentors\ndraft: true\n---\n", "content/about.md": "---\ntitle: About\n---\nSee [mentors](/case-studies/mentors/).\n"},
		want: "content/about.md:4:5: error: the link `/case-studies/mentors/` points to content/case-studies/mentors.md, which is a draft and is left out of the site\n  hint: remove `draft: true` from content/case-studies/mentors.md to publish it, or remove the link\n" +
			"content/case-studies/coaching.md:14:6: error: the link `mentors.md#what-they-tried` points to content/case-studies/mentors.md, which is a draft and is left out of the site\n  hint: remove `draft: true` from content/case-studies/mentors.md to publish it, or remove the link\n",
	},
	{
		name:    "draft left out with missing fields",
		changes: testsite.Files{"content/case-studies/unfinished.md": "---\ntitle: Unfinished\ndraft: true\nthemes: [equity-visoin]\n---\n[soon](nowhere.md)\n"},
		want:    "",
	},
	{
		name:    "draft whose YAML cannot be read",
		changes: testsite.Files{"content/case-studies/unfinished.md": "---\ntitle: Unfinished\ndraft: true\nsummary: [oops\n---\n"},
		want:    "content/case-studies/unfinished.md:4:10: error: the list that starts with [ is never closed\n  hint: end the list with ] on the same line, e.g. `themes: [equity-vision, staff-capacity]`; put a value in quotes if it contains a comma or a bracket\n",
	},
	{
		name:    "site address of a page",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nSee [vision](/themes/equity-vision/), [all themes](themes/) and [home](./).\n"},
		want:    "",
	},
	{
		name:    "site address of a missing page",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nSee [vision](/themes/equity-visoin/).\n"},
		want:    "content/about.md:4:5: error: the link `/themes/equity-visoin/` points to the address /themes/equity-visoin/, where the site has no page\n  hint: did you mean `/themes/equity-vision/`?\n",
	},
	{
		name:    "heading on a page casebook makes",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\n---\nSee [the themes](themes/#top).\n"},
		want:    "content/about.md:4:5: error: the page /themes/ is made by casebook and has no headings to link to\n  hint: remove the #top part of the link\n",
	},
	{
		name:    "page file with an uppercase extension",
		changes: testsite.Files{"content/case-studies/secret.MD": "---\ntitle: Secret\ndraft: true\n---\n"},
		want:    "content/case-studies/secret.MD:1:1: error: the file name `secret.MD` must end in .md, in lowercase\n  hint: rename the file to secret.md\n",
	},
	{
		name:    "page file ending in .markdown",
		changes: testsite.Files{"content/themes/family-voice.markdown": "---\ntitle: Family voice\nsummary: s\n---\n"},
		want:    "content/themes/family-voice.markdown: error: casebook reads pages from .md files only, so this file would not be published\n  hint: rename the file to family-voice.md\n",
	},
	{
		name:    "case study without themes",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching\ndistrict: lakeside\nsummary: s\n---\n"},
		want:    "content/case-studies/coaching.md:2:1: error: a case study needs the field `themes` (themes the story teaches about; at least one)\n  hint: write `themes: [equity-vision]`; the themes are: equity-vision, staff-capacity\n",
	},
	{
		name:    "title written as empty quotes",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: \"\"\nsummary: s\n---\n"},
		want:    "content/themes/staff-capacity.md:2:8: error: the field `title` is empty\n  hint: write the value on the same line, after `title:`\n",
	},
	{
		name:    "empty entry in a list of slugs",
		changes: testsite.Files{"content/problems/el-graduation.md": "---\ntitle: EL\nproblem: p\nsolution: s\ndistrict: riverbend\nthemes: [equity-vision, '']\n---\n"},
		want:    "content/problems/el-graduation.md:6:25: error: the list `themes` has an empty entry\n  hint: write `themes: [equity-vision]`; the themes are: equity-vision, staff-capacity\n",
	},
	{
		name:    "negative enrollment",
		changes: testsite.Files{"content/districts/lakeside.md": "---\ntitle: Lakeside\nregion: Midwest\nenrollment: -1200\n---\n"},
		want:    "content/districts/lakeside.md:4:13: error: `enrollment` should be a whole number from 0 to 10,000,000, not `-1200`\n  hint: write a whole number, e.g. `enrollment: 12000`\n",
	},
	{
		name:    "percent over 100",
		changes: testsite.Files{"content/districts/lakeside.md": "---\ntitle: Lakeside\nregion: Midwest\nfrl_percent: 610\n---\n"},
		want:    "content/districts/lakeside.md:4:14: error: `frl_percent` should be a number from 0 to 100, not `610`\n  hint: write a number, e.g. `frl_percent: 38.5`\n",
	},
	{
		name:    "number no one means",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff\nsummary: s\norder: -9223372036854775808\n---\n"},
		want:    "content/themes/staff-capacity.md:4:8: error: `order` should be a number from -1,000,000,000 to 1,000,000,000, not `-9223372036854775808`\n  hint: write a number, e.g. `order: 2.5`\n",
	},
	{
		name:    "resource address without https://",
		changes: testsite.Files{"content/resources/dossier-template.md": "---\ntitle: Template\nsummary: s\nurl: www.example.org/template\n---\n"},
		want:    "content/resources/dossier-template.md:4:6: error: `url` should be a full web address, not `www.example.org/template`\n  hint: write the full address, starting with https://, e.g. `url: https://example.org/guide`\n",
	},
	{
		name:    "unclosed list",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff\nsummary: [unclosed\n---\n"},
		want:    "content/themes/staff-capacity.md:3:10: error: the list that starts with [ is never closed\n  hint: end the list with ] on the same line, e.g. `themes: [equity-vision, staff-capacity]`; put a value in quotes if it contains a comma or a bracket\n",
	},
	{
		name:    "unclosed quote",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff\nsummary: \"unclosed\norder: 2\n---\n"},
		want:    "content/themes/staff-capacity.md:3:10: error: the quote \" that starts this value is never closed\n  hint: close it at the end of the line: `summary: \"unclosed\"`\n",
	},
	{
		name:    "field indented under another",
		changes: testsite.Files{"content/districts/lakeside.md": "---\ntitle: Lakeside\nregion: Midwest\n  locale: urban\n---\n"},
		want:    "content/districts/lakeside.md:4:1: error: this line's indentation does not match the lines above it\n  hint: start each field at the beginning of the line; in a list such as `lessons:`, line up `text:` with `theme:` above it\n",
	},
	{
		name:    "lesson field out of line",
		changes: testsite.Files{"content/case-studies/coaching.md": "---\ntitle: Coaching\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: s\nlessons:\n  - theme: staff-capacity\n   text: Coach often.\n---\n"},
		want:    "content/case-studies/coaching.md:8:1: error: this line's indentation does not match the list above it\n  hint: line up each `- ` item with the one above it, and each field of an item (such as `text:`) with its first field (such as `theme:`)\n",
	},
	{
		name:    "text after a closing quote",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: 'Families' voice'\nsummary: s\n---\n"},
		want:    "content/themes/staff-capacity.md:2:8: error: this value has a quote inside its quotes, which YAML reads as the closing quote\n  hint: use double quotes outside, or write '' for each ' inside: `title: \"Families' voice\"`\n",
	},
	{
		name:    "line that is not a field",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff\nsummary: s\nmore words\n---\n"},
		want:    "content/themes/staff-capacity.md:4:1: error: this line is not a `field: value` line\n  hint: write each field as `field: value`; a long value continues on the next lines only if they are indented\n",
	},
	{
		name:    "value starting with *",
		changes: testsite.Files{"content/districts/lakeside.md": "---\ntitle: Lakeside\nregion: Midwest\nlocale: *x\n---\n"},
		want:    "content/districts/lakeside.md:4:9: error: the value of `locale` starts with *, which YAML reads as a reference to another value\n  hint: put the value in quotes: `locale: \"*x\"`\n",
	},
	{
		name:    "value starting with &",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: &Co Partners\nsummary: s\n---\n"},
		want:    "content/themes/staff-capacity.md:2:8: error: the value of `title` starts with &, which YAML reads as a label rather than text\n  hint: put the value in quotes: `title: \"&Co Partners\"`\n",
	},
	{
		name:    "value starting with @",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Staff\nsummary: @district\n---\n"},
		want:    "content/themes/staff-capacity.md:3:10: error: the value of `summary` starts with @, which YAML reserves for its own use\n  hint: put the value in quotes: `summary: \"@district\"`\n",
	},
	{
		name:    "alias as a field value",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\nx: &title Staff\ntitle: Staff\nsummary: *title\n---\n"},
		want: "content/themes/staff-capacity.md:2:1: warning: unknown field `x` in a theme; it is ignored\n  hint: a theme has the fields title, summary, order\n" +
			"content/themes/staff-capacity.md:4:10: error: the field `summary` uses a YAML alias (*title); casebook does not support aliases\n  hint: write the value out in full instead of *title\n",
	},
	{
		name:    "tab inside a quoted value",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: \"Staff\tcapacity\"\nsummary: s\n---\n"},
		want:    "",
	},
	{
		name:    "control character",
		changes: testsite.Files{"content/themes/staff-capacity.md": "---\ntitle: Sta\x01ff\nsummary: s\n---\n"},
		want:    "content/themes/staff-capacity.md:2:11: error: the frontmatter contains an invisible control character\n  hint: delete this line and type it again; such characters often come with text pasted from another program\n",
	},
	{
		name:    "byte-order mark",
		changes: testsite.Files{"content/themes/staff-capacity.md": "\xEF\xBB\xBF---\ntitle: Staff\nsummary: s\n---\nBody.\n"},
		want:    "",
	},
	{
		name:    "TOML value inside [[lessons]]",
		changes: testsite.Files{"content/case-studies/coaching.md": "+++\ntitle = \"Coaching\"\ndistrict = \"lakeside\"\nthemes = [\"staff-capacity\"]\nsummary = \"s\"\n\n[[lessons]]\ntheme = \"staff-capacty\"\ntext = \"Coach often.\"\n+++\n"},
		want:    "content/case-studies/coaching.md:8:9: error: unknown theme `staff-capacty`\n  hint: did you mean `staff-capacity`?\n",
	},
	{
		name:    "TOML frontmatter with a typo",
		changes: testsite.Files{"content/themes/staff-capacity.md": "+++\ntitle = \"Staff\"\nsummary = \"s\"\nordr = 2\n+++\n"},
		want:    "content/themes/staff-capacity.md:4:1: warning: unknown field `ordr` in a theme; it is ignored\n  hint: did you mean `order`?\n",
	},
	{
		name:    "broken TOML frontmatter",
		changes: testsite.Files{"content/themes/staff-capacity.md": "+++\ntitle = \"Staff\nsummary = \"s\"\n+++\n"},
		want: "content/themes/staff-capacity.md:2:15: error: the frontmatter is not valid TOML: strings cannot contain newlines\n" +
			"  hint: close the text with \" on the same line, or write text over several lines between \"\"\" and \"\"\"\n",
	},
	{
		name:    "unknown config key",
		changes: testsite.Files{"casebook.toml": "title = \"T\"\nbase_ulr = \"https://example.org/\"\n"},
		want:    "casebook.toml:2:1: warning: unknown setting `base_ulr`; it is ignored\n  hint: did you mean `base_url`?\n",
	},
	{
		name:    "list page size out of range",
		changes: testsite.Files{"casebook.toml": "title = \"T\"\n\n[lists]\npage_size = 0\n"},
		want:    "casebook.toml:4:1: error: [lists] page_size = 0 is out of range\n  hint: write a whole number from 1 to 1000; the default is 24\n",
	},
	{
		name:    "list setting misspelled",
		changes: testsite.Files{"casebook.toml": "title = \"T\"\n\n[lists]\npagesize = 10\n"},
		want:    "casebook.toml:4:1: warning: unknown setting `lists.pagesize`; it is ignored\n  hint: did you mean `page_size`?\n",
	},
	{
		name:    "list setting of the wrong type",
		changes: testsite.Files{"casebook.toml": "title = \"T\"\n\n[lists]\npreview = \"six\"\n"},
		want:    "casebook.toml:4:1: error: `lists.preview` should be a whole number\n  hint: write a whole number, e.g. preview = 6\n",
	},
	{
		name:    "a page where the search page goes",
		changes: testsite.Files{"content/search.md": "---\ntitle: Search tips\n---\nHow to search.\n"},
		want:    "content/search.md:1:1: error: the page `search` would have the same address as the site's own /search/ page\n  hint: rename the file\n",
	},
	{
		name:    "a page where a section's later pages go",
		changes: testsite.Files{"content/case-studies/page.md": "---\ntitle: Page\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: s\n---\n"},
		want:    "content/case-studies/page.md:1:1: error: the file name `page.md` would publish the page at /case-studies/page/, which casebook keeps for the pages of long lists\n  hint: rename the file\n",
	},
	{
		name:    "a page where the pages that link home go",
		changes: testsite.Files{"content/links.md": "---\ntitle: Links\n---\nBack [home](/).\n"},
		want:    "content/links.md:1:1: error: the file name `links.md` would publish the page at /links/, which casebook keeps for the pages of long lists\n  hint: rename the file\n",
	},
	{
		name:    "template error in a site layout",
		changes: testsite.Files{"layouts/page.html": "{{define \"main\"}}\n<h1>{{.Page.Titel}}</h1>{{end}}\n"},
		want:    "layouts/page.html:2:12: error: a page has no field `Titel` (in {{.Page.Titel}})\n  hint: did you mean `Title`?\n",
	},
	{
		name:    "template error in a site's partial that the default theme's baseof calls",
		changes: testsite.Files{"layouts/partials/footer.html": "<footer>{{.Site.Pagez}}</footer>\n"},
		want:    "layouts/partials/footer.html:1:16: error: the site has no field `Pagez` (in {{.Site.Pagez}})\n  hint: did you mean `Pages`?\n",
	},
	{
		name: "a misspelled theme is reported once, not again on its lessons",
		changes: testsite.Files{"content/case-studies/mentors.md": strings.Replace(testsite.Minimal()["content/case-studies/mentors.md"],
			"themes: [equity-vision, staff-capacity]", "themes: [equity-vison, staff-capacity]", 1)},
		want: "content/case-studies/mentors.md:4:10: error: unknown theme `equity-vison`\n  hint: did you mean `equity-vision`?\n",
	},
	{
		name:    "an unquoted title with ` #` in it",
		changes: testsite.Files{"content/about.md": "---\ntitle: Families' homework - what we learned #1\n---\n## Who we are\n\nA cohort.\n"},
		want: "content/about.md:2:45: warning: YAML reads ` #` and what follows as a comment, so the title is published as `Families' homework - what we learned`\n" +
			"  hint: put the value in quotes: `title: \"Families' homework - what we learned #1\"`\n",
	},
	{
		name: "links from a folder named like another kind: within the folder, its own kind",
		changes: testsite.Files{
			"content/resources/case-studies/guide.md": "---\ntitle: Guide\nsummary: s\n---\nSee [coaching](coaching.md) and [the template](dossier-template.md).\n",
		},
		want: "content/resources/case-studies/guide.md:5:5: error: the link `coaching.md` points to content/resources/case-studies/coaching.md, which does not exist\n" +
			"  hint: check the file name and the ../ steps; links are relative to this file's folder\n",
	},
	{
		name:    "a layout leaves an if open",
		changes: testsite.Files{"layouts/partials/footer.html": "<footer>\n  {{- with .Site.Title}}<p>{{.}}</p>{{end}}\n  {{if .Site.Title}}\n<p>{{\"}}\"}}</p>\n</footer>\n"},
		want: "layouts/partials/footer.html:3:3: error: this {{if}} is never closed: the layout ends before its {{end}}\n" +
			"  hint: add {{end}} where the {{if}} should stop\n",
	},
	{
		name:    "a layout calls a function that does not exist",
		changes: testsite.Files{"layouts/page.html": "{{define \"main\"}}\n<p>{{.Page.Title}}, {{dat .Page.Date}}</p>{{end}}\n"},
		want:    "layouts/page.html:2:23: error: there is no function `dat`\n  hint: did you mean `date`?\n",
	},
	{
		name:    "a layout calls a function that nothing is like",
		changes: testsite.Files{"layouts/partials/footer.html": "<footer>{{titlecase .Site.Title}}</footer>\n"},
		want:    "layouts/partials/footer.html:1:11: error: there is no function `titlecase`\n  hint: casebook's docs/layouts.md lists the functions layouts can use\n",
	},
	{
		name:    "a layout calls a template that does not exist",
		changes: testsite.Files{"layouts/page.html": "{{define \"main\"}}\n<p>\n  {{template \"nope\" .}}</p>{{end}}\n"},
		want:    "layouts/page.html:3:14: error: no such template \"nope\"\n",
	},
	{
		name: "links that would run code, however disguised",
		changes: testsite.Files{"content/help.md": "---\ntitle: Help\n---\n[a](&#106;avascript:alert(1))\n[b](java&#x09;script:alert(1))\n" +
			"[c](JavaScript:alert(1))\n[d](vbscript:msgbox)\n[e](data:text/html,x)\n<javascript:alert(2)>\n" +
			"![A one-pixel picture](data:image/png;base64,iVBOR=)\n![A picture that runs code](data:image/svg+xml,x)\n"},
		want: codeLink(4, "link") + codeLink(5, "link") + codeLink(6, "link") + codeLink(7, "link") + codeLink(8, "link") + codeLink(9, "link") +
			"content/help.md:11:1: error: this image would run code in the reader's browser; casebook does not publish it\n  hint: put the picture in a file beside the page and use its name\n",
	},
	{
		name: "two files with one slug in different folders",
		changes: testsite.Files{
			"content/case-studies/2022/mentors.md": testsite.Minimal()["content/case-studies/mentors.md"],
		},
		want: "content/case-studies/mentors.md: error: content/case-studies/2022/mentors.md has the slug `mentors` too, so both would be published at /case-studies/mentors/\n" +
			"  hint: rename one of the two files; the folders inside content/case-studies/ do not change a page's address\n",
	},
	{
		name:    "a section page in a folder inside the section",
		changes: testsite.Files{"content/case-studies/2022/_index.md": "---\ntitle: 2022\n---\n"},
		want: "content/case-studies/2022/_index.md: error: a folder inside content/case-studies/ has no page of its own; only content/case-studies/_index.md introduces the section\n" +
			"  hint: move it to content/case-studies/_index.md\n",
	},
	{
		name:    "translation that changes its source's references",
		changes: bilingual(testsite.Files{"content/case-studies/mentors.es.md": "---\ntranslation_of: c0ddbdb27bf3\ntitle: Mentores\nthemes: [staff-capacity]\ndistrict: riverbend\nsummary: La mentoría subió la graduación.\nlessons:\n  - theme: equity-vision\n    text: Nombrar la meta.\n  - theme: staff-capacity\n    text: Formar a los mentores.\n---\nHola.\n"}),
		want: "content/case-studies/mentors.es.md:4:9: error: `themes` here is [staff-capacity], but a translation shares its source's references\n" +
			"  hint: remove `themes` from the translation; it takes content/case-studies/mentors.md's ([equity-vision, staff-capacity]), where it can be changed\n",
	},
	{
		name:    "translation of a case study that names another pair",
		changes: bilingual(testsite.Files{"content/case-studies/mentors.es.md": "---\ntranslation_of: c0ddbdb27bf3\ntitle: Mentores\nproblem: el-graduacion\nsummary: La mentoría subió la graduación.\nlessons:\n  - theme: equity-vision\n    text: Nombrar la meta.\n  - theme: staff-capacity\n    text: Formar a los mentores.\n---\nHola.\n"}),
		want: "content/case-studies/mentors.es.md:4:10: error: `problem` here is `el-graduacion`, but a translation shares its source's references\n" +
			"  hint: remove `problem` from the translation; it takes content/case-studies/mentors.md's (`el-graduation`), where it can be changed\n",
	},
	{
		name:    "translation whose lessons are not its source's",
		changes: bilingual(testsite.Files{"content/case-studies/mentors.es.md": "---\ntranslation_of: c0ddbdb27bf3\ntitle: Mentores\nlessons:\n  - theme: staff-capacity\n    text: Formar.\n  - theme: equity-vision\n    text: Nombrar.\nsummary: La mentoría subió la graduación.\n---\nHola.\n"}),
		want: "content/case-studies/mentors.es.md:5:12: error: lesson 1 is under `staff-capacity` here, and under `equity-vision` in the source\n" +
			"  hint: write `theme: equity-vision`, as lesson 1 of content/case-studies/mentors.md has\n" +
			"content/case-studies/mentors.es.md:7:12: error: lesson 2 is under `equity-vision` here, and under `staff-capacity` in the source\n" +
			"  hint: write `theme: staff-capacity`, as lesson 2 of content/case-studies/mentors.md has\n",
	},
	{
		name:    "translation with no source",
		changes: bilingual(testsite.Files{"content/case-studies/mentor.es.md": "---\ntitle: Mentores\n---\nHola.\n"}),
		want: "content/case-studies/mentor.es.md: error: there is no content/case-studies/mentor.md for this file to translate\n" +
			"  hint: did you mean `mentors`? (name the translation after its source: <slug>.es.md)\n",
	},
	{
		name:    "translation into a language the site is not in",
		changes: bilingual(testsite.Files{"content/about.fr.md": "---\ntitle: À propos\n---\nBonjour.\n"}),
		want: "content/about.fr.md: warning: this is a translation into `fr`, which the site is not published in, so it is left out\n" +
			"  hint: add \"fr\" to `languages` in casebook.toml to publish it\n",
	},
	{
		name:    "translation that leaves a text field out",
		changes: bilingual(testsite.Files{"content/case-studies/mentors.es.md": "---\ntranslation_of: c0ddbdb27bf3\ntitle: Mentores\n---\nHola.\n"}),
		want: "content/case-studies/mentors.es.md: warning: `lessons` is not translated, so the page in `es` shows content/case-studies/mentors.md's, untranslated\n" +
			"  hint: add `lessons:` with its translation\n" +
			"content/case-studies/mentors.es.md: warning: `summary` is not translated, so the page in `es` shows content/case-studies/mentors.md's, untranslated\n" +
			"  hint: add `summary:` with its translation\n",
	},
	{
		name:    "translation that does not say what it translates",
		changes: bilingual(testsite.Files{"content/case-studies/mentors.es.md": "---\ntitle: Mentores\nsummary: La mentoría subió la graduación.\nlessons:\n  - theme: equity-vision\n    text: Nombrar la meta.\n  - theme: staff-capacity\n    text: Formar a los mentores.\n---\nHola.\n"}),
		want: "content/case-studies/mentors.es.md: warning: this translation does not say which version of content/case-studies/mentors.md it translates, so casebook cannot tell you when that page changes\n" +
			"  hint: once it matches content/case-studies/mentors.md as it is now, add `translation_of: c0ddbdb27bf3`\n",
	},
	{
		name:    "translation_of on a page that is not a translation",
		changes: testsite.Files{"content/about.md": "---\ntitle: About\ntranslation_of: abc\n---\nText.\n"},
		want: "content/about.md:3:1: warning: `translation_of` belongs in a translation; this page is in the site's own language, so it is ignored\n" +
			"  hint: remove it, or name the file <slug>.<language>.md if it is a translation\n",
	},
	{
		name:    "a page where another language's edition goes",
		changes: bilingual(testsite.Files{"content/es.md": "---\ntitle: Español\n---\nHola.\n", "static/es/feed.xml": "<feed/>"}),
		want: "content/es.md: error: this page would be published at /es/, where the pages in `es` go\n" +
			"  hint: rename the file\n" +
			"static/es/feed.xml: error: this file would be published at /es/feed.xml, where the pages in `es` go\n" +
			"  hint: move it out of static/es/\n",
	},
	{
		name:    "a file name with a dot that is no language",
		changes: testsite.Files{"content/about.old.md": "---\ntitle: Old about\n---\nText.\n"},
		want: "content/about.old.md:1:1: error: the file name `about.old.md` is not a valid slug: use lowercase letters, digits and single hyphens (a translation is named <slug>.<language>.md, and `old` is no language code)\n" +
			"  hint: rename the file to about-old.md\n",
	},
	{
		name:    "a language that is no language code",
		changes: testsite.Files{"casebook.toml": "title = \"T\"\nlanguages = [\"en\", \"Spanish\"]\n"},
		want: "casebook.toml:2:1: error: \"Spanish\" is not a language code\n" +
			"  hint: write lowercase language codes, e.g. languages = [\"en\", \"es\"]\n",
	},
	{
		name:    "a layout asks for interface text no table has",
		changes: testsite.Files{"layouts/page.html": "{{define \"main\"}}{{T \"no_such_text\"}}{{end}}\n"},
		want:    "layouts/page.html:1:20: error: {{T \"no_such_text\"}}: no interface text has the key \"no_such_text\"; add it to i18n/en.toml\n",
	},
	{
		name:    "interface text in an ambiguous context is quoted as the layout writes it",
		changes: testsite.Files{"layouts/page.html": "{{define \"main\"}}<a href=\"{{if .Page.Title}}/p/{{else}}/s?q={{end}}{{T \"skip_link\"}}\">x</a>{{end}}\n"},
		want:    "layouts/page.html:1:70: error: {{T \"skip_link\"}} appears in an ambiguous context within a URL\n",
	},
	{
		name:    "a site's table misspells a key",
		changes: testsite.Files{"i18n/en.toml": "serch_button = \"Find\"\n"},
		want: "i18n/en.toml:1:1: warning: `serch_button` is not a key of the default theme; only a layout of the site's own can show it\n" +
			"  hint: did you mean `search_button`?\n",
	},
}

// bilingual is changes to the minimal site with an edition in Spanish.
func bilingual(changes testsite.Files) testsite.Files {
	changes["casebook.toml"] = "title = \"Test Casebook\"\nbase_url = \"https://example.org/\"\nlanguages = [\"en\", \"es\"]\n"
	return changes
}

// codeLink is the diagnostic for a link on line n of content/help.md that
// would run code.
func codeLink(line int, kind string) string {
	return fmt.Sprintf("content/help.md:%d:1: error: this %s would run code in the reader's browser; casebook does not publish it\n"+
		"  hint: link to a page or a web address (https://...) instead\n", line, kind)
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

// With --drafts a draft is built, so its problems are reported; without,
// they are not (see "draft left out with missing fields").
func TestDraftProblemsWithDrafts(t *testing.T) {
	dir := testsite.Write(t, testsite.Minimal().With(testsite.Files{
		"content/case-studies/unfinished.md": "---\ntitle: Unfinished\ndistrict: lakeside\nsummary: s\ndraft: true\n---\n",
	}))
	var diags diag.List
	if _, err := Check(Options{Src: dir, Theme: casebook.Theme, Drafts: true}, &diags); err != nil {
		t.Fatalf("Check: %v", err)
	}
	var b strings.Builder
	diags.Print(&b)
	want := "content/case-studies/unfinished.md:2:1: error: a case study needs the field `themes` (themes the story teaches about; at least one)\n  hint: write `themes: [equity-vision]`; the themes are: equity-vision, staff-capacity\n"
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
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

// TestFilesGoneMidBuild: a page or a picture deleted after the folders were
// listed (by an editor or a sync tool) is a diagnostic naming it, not a
// system error with an absolute path.
func TestFilesGoneMidBuild(t *testing.T) {
	dir := testsite.Write(t, testsite.Minimal().With(testsite.Files{
		"content/case-studies/chart.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>`,
	}))
	var diags diag.List
	res, err := Load(Options{Src: dir, Theme: casebook.Theme}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	if err := os.Remove(filepath.Join(dir, "content/case-studies/chart.svg")); err != nil {
		t.Fatal(err)
	}
	if _, err := Render(res, &diags); err != nil {
		t.Fatalf("a vanished file is a system error: %v", err)
	}
	var b strings.Builder
	diags.Print(&b)
	want := "content/case-studies/chart.svg: error: this file disappeared while casebook was reading the site\n" +
		"  hint: if it was moved or deleted on purpose (or by a sync tool), run casebook again\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestDefaultThemeTemplateErrorPosition: an error in one of the default
// theme's layouts points at layouts/NAME:line:col like a site's own, and
// says how to change it.
func TestDefaultThemeTemplateErrorPosition(t *testing.T) {
	theme := fstest.MapFS{}
	err := fs.WalkDir(casebook.Theme, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(casebook.Theme, p)
		theme[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	theme["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte("<footer>\n  {{template \"nope\" .}}</footer>\n")}
	var diags diag.List
	if _, err := Check(Options{Src: testsite.Write(t, testsite.Minimal()), Theme: theme}, &diags); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	diags.Print(&b)
	want := "layouts/partials/footer.html:2:14: error: no such template \"nope\"\n" +
		"  hint: this layout is part of casebook's default theme; a file at layouts/partials/footer.html in the site replaces it\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// Hints for a reference name the site's real pages: all of them when
// there are few, one as an example when there are many, and how to make
// the first when there are none.
func TestReferenceHintsNameTheRealChoices(t *testing.T) {
	many := testsite.Files{"content/case-studies/mentors.md": strings.Replace(testsite.Minimal()["content/case-studies/mentors.md"], "district: riverbend\n", "district:\n", 1)}
	for i := range 13 {
		many[fmt.Sprintf("content/districts/d%02d.md", i)] = "---\ntitle: D\nregion: West\n---\n"
	}
	none := testsite.Minimal().With(testsite.Files{
		"content/districts/riverbend.md": "", "content/districts/lakeside.md": "", "content/problems/el-graduation.md": "",
		"content/case-studies/coaching.md": "",
		"content/case-studies/mentors.md":  strings.Replace(testsite.Minimal()["content/case-studies/mentors.md"], "district: riverbend\n", "district: ''\n", 1),
	})
	for _, tc := range []struct {
		name  string
		files testsite.Files
		want  string
	}{
		{"many districts", testsite.Minimal().With(many),
			"content/case-studies/mentors.md:3:10: error: the field `district` is empty\n" +
				"  hint: write the file name of one of the 15 districts in content/districts/ without .md, e.g. `district: d00`\n"},
		{"no districts", none,
			"content/case-studies/mentors.md:3:11: error: the field `district` is empty\n" +
				"  hint: the site has no districts yet: create one with `casebook new district \"Title\"`, then write its file name here\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := check(t, testsite.Write(t, tc.files))
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got:\n%s\nwant it to start:\n%s", got, tc.want)
			}
		})
	}
}

func TestSameTitleWarns(t *testing.T) {
	site := testsite.Minimal().With(testsite.Files{
		"content/case-studies/coaching.md": strings.Replace(testsite.Minimal()["content/case-studies/coaching.md"], "title: Coaching teachers", "title: mentors for  English learners", 1),
	})
	got := check(t, testsite.Write(t, site))
	want := "content/case-studies/mentors.md:2:8: warning: content/case-studies/coaching.md has the same title, \"Mentors for English learners\", so readers cannot tell the two apart in lists and search results\n" +
		"  hint: give each its own title, e.g. with the district or the year\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
