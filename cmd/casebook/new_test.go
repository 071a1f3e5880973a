package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/placeholder"
	"github.com/casebook/casebook/internal/publish"
	"github.com/casebook/casebook/internal/scaffold"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/testsite"

	"go.yaml.in/yaml/v3"
)

// checkSite runs build.Check on the site and returns every diagnostic but
// the placeholder warnings of pages `casebook new` wrote, as
// "path:line:col: severity: message".
func checkSite(t *testing.T, dir string) []string {
	t.Helper()
	return slices.DeleteFunc(checkSiteAll(t, dir), func(d string) bool { return strings.HasSuffix(d, site.PlaceholderMessage) })
}

// checkSiteAll is checkSite with the placeholder warnings every new page
// has, for the tests of those.
func checkSiteAll(t *testing.T, dir string) []string {
	t.Helper()
	var diags diag.List
	if _, err := build.Check(build.Options{Src: dir, Theme: casebook.Theme}, &diags); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range diags.Items() {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s: %s", d.Path, d.Line, d.Col, d.Severity, d.Message))
	}
	return out
}

// withInput runs f with stdin replaced by in, as a terminal or not.
func withInput(t *testing.T, in string, terminal bool) {
	t.Helper()
	oldIn, oldTerm, oldNow := stdin, isTerminal, scaffold.Now
	stdin = strings.NewReader(in)
	isTerminal = func(io.Reader) bool { return terminal }
	scaffold.Now = func() time.Time { return time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { stdin, isTerminal, scaffold.Now = oldIn, oldTerm, oldNow })
}

func TestNewWithFlags(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		path    string
		url     string
		missing []string // exactly the errors check must report
	}{
		{"case study, complete", []string{"case-study", "Latino/a/x families", "--district", "riverbend", "--theme", "equity-vision", "--theme", "staff-capacity", "--stage", "design-studios", "--summary", "Families led."},
			"content/case-studies/latino-a-x-families.md", "https://example.org/case-studies/latino-a-x-families/", nil},
		{"case study, bare", []string{"case-study", "Latino/a/x families"}, "content/case-studies/latino-a-x-families.md", "https://example.org/case-studies/latino-a-x-families/", []string{
			"content/case-studies/latino-a-x-families.md:3:10: error: the field `district` is empty",
			"content/case-studies/latino-a-x-families.md:4:8: error: the field `themes` is empty",
			"content/case-studies/latino-a-x-families.md:5:9: error: the field `summary` is empty",
		}},
		{"case study, themes as a,b", []string{"case-study", "Two themes", "--district", "riverbend", "--theme", "equity-vision, staff-capacity", "--summary", "S."},
			"content/case-studies/two-themes.md", "https://example.org/case-studies/two-themes/", nil},
		{"case study, --set themes=a, b", []string{"case-study", "Set themes", "--district", "riverbend", "--set", "themes=equity-vision, staff-capacity,", "--summary", "S."},
			"content/case-studies/set-themes.md", "https://example.org/case-studies/set-themes/", nil},
		{"pair, complete", []string{"problem", "Late buses", "--district", "lakeside", "--set", "problem=Buses come late.", "--set", "solution=Stagger the bells.", "--theme", "equity-vision", "--stage", "district-dossier"},
			"content/problems/late-buses.md", "https://example.org/problems/late-buses/", nil},
		{"pair, bare", []string{"problem", "Late buses"}, "content/problems/late-buses.md", "https://example.org/problems/late-buses/", []string{
			"content/problems/late-buses.md:3:9: error: the field `problem` is empty",
			"content/problems/late-buses.md:4:10: error: the field `solution` is empty",
			"content/problems/late-buses.md:5:10: error: the field `district` is empty",
		}},
		{"stage, complete", []string{"stage", "Celebrate", "--summary", "Share what worked."}, "content/journey/celebrate.md", "https://example.org/journey/celebrate/", nil},
		{"stage, bare", []string{"stage", "Celebrate"}, "content/journey/celebrate.md", "https://example.org/journey/celebrate/", []string{
			"content/journey/celebrate.md:4:9: error: the field `summary` is empty",
		}},
		{"district, complete", []string{"district", "Cañon City Schools", "--set", "region=Mountain West"}, "content/districts/canon-city-schools.md", "https://example.org/districts/canon-city-schools/", nil},
		{"district, bare", []string{"district", "Cañon City Schools"}, "content/districts/canon-city-schools.md", "https://example.org/districts/canon-city-schools/", []string{
			"content/districts/canon-city-schools.md:3:8: error: the field `region` is empty",
		}},
		{"resource, complete", []string{"resource", "Survey kit", "--summary", "Questions to ask.", "--theme", "equity-vision", "--stage", "design-studios", "--set", "url=https://example.org/kit", "--set", "audience=principals,teachers"},
			"content/resources/survey-kit.md", "https://example.org/resources/survey-kit/", nil},
		{"resource, bare", []string{"resource", "Survey kit"}, "content/resources/survey-kit.md", "https://example.org/resources/survey-kit/", []string{
			"content/resources/survey-kit.md:3:9: error: the field `summary` is empty",
		}},
		{"theme, complete", []string{"--summary", "Count what matters.", "theme", "Use data well"}, "content/themes/use-data-well.md", "https://example.org/themes/use-data-well/", nil},
		{"theme, bare", []string{"theme", "Use data well"}, "content/themes/use-data-well.md", "https://example.org/themes/use-data-well/", []string{
			"content/themes/use-data-well.md:3:9: error: the field `summary` is empty",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			withInput(t, "", false)
			dir := testsite.Write(t, testsite.Minimal())
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"new", "--src", dir}, c.args...), &stdout, &stderr)
			if code != exitOK {
				t.Fatalf("exit %d, stderr %s", code, stderr.String())
			}
			want := fmt.Sprintf("created %s\n  it will be published at %s\n", c.path, c.url)
			if len(c.missing) > 0 {
				var names []string
				for _, m := range c.missing {
					names = append(names, strings.Trim(m[strings.Index(m, "`"):strings.LastIndex(m, "`")+1], "`"))
				}
				want += "  still to fill in: " + strings.Join(names, ", ") + " (casebook check shows where)\n"
			}
			if stdout.String() != want {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
			}
			got := checkSite(t, dir)
			if strings.Join(got, "\n") != strings.Join(c.missing, "\n") {
				t.Errorf("check said:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.missing, "\n"))
			}
		})
	}
}

func TestNewCaseStudyFile(t *testing.T) {
	withInput(t, "", false)
	dir := testsite.Write(t, testsite.Minimal())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "case-study", "Latino/a/x families", "--src", dir, "--district", "riverbend"}, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	got, err := os.ReadFile(filepath.Join(dir, "content/case-studies/latino-a-x-families.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\n" +
		"title: Latino/a/x families\n" +
		"district: riverbend\n" +
		"themes:  # required: themes the story teaches about; at least one; a list, e.g. [a, b], of: equity-vision, staff-capacity\n" +
		"summary:  # required: one or two sentences shown in lists and feeds\n" +
		"problem:  # the problem-of-practice pair the story tells; one of: el-graduation\n" +
		"stages:  # journey stages the story went through; a list, e.g. [a, b], of: district-dossier, design-studios\n" +
		"date: 2026-03-15\n" +
		"authors:  # who wrote it\n" +
		"illustrative:  # true marks a composite or invented story; the site says so wherever the story or its lessons appear\n" +
		"lessons:  # lessons learned, each with a theme and a sentence; a list of `- theme: SLUG` / `text: ...` items\n" +
		"image:  # a picture for the story, beside the page or in static/\n" +
		"image_alt:  # what the picture shows, for readers who cannot see it\n" +
		"image_caption:  # a sentence shown under the picture\n" +
		"image_credit:  # who took or made the picture, shown under it\n" +
		"image_decorative:  # true when the picture only decorates and says nothing the text does not: it needs no alt text\n" +
		"draft:  # true keeps the page out of the site unless built with --drafts\n" +
		"---\n"
	if !strings.HasPrefix(string(got), want) {
		t.Errorf("frontmatter:\n%s\nwant:\n%s", got, want)
	}
	for _, h := range []string{"## The challenge", "## What they tried", "## What happened", "## What's next", "../problems/some-pair.md"} {
		if !strings.Contains(string(got), h) {
			t.Errorf("body lacks %q", h)
		}
	}
}

func TestNewRefuses(t *testing.T) {
	withInput(t, "", false)
	dir := testsite.Write(t, testsite.Minimal())
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"existing page", []string{"case-study", "Mentors"}, exitContent,
			"casebook: error: content/case-studies/mentors.md already exists; casebook new never overwrites a page: edit it, or choose another title\n"},
		{"unknown kind", []string{"case-stuy", "X"}, exitUsage, "casebook: unknown kind \"case-stuy\"; new makes one of: theme, stage, district, problem, case-study, resource, or site (did you mean `case-study`?)\n"},
		{"misspelled district", []string{"case-study", "X", "--district", "riverbnd"}, exitUsage, "casebook: this site has no district `riverbnd`; did you mean `riverbend`?\n"},
		{"field the kind lacks", []string{"theme", "X", "--district", "riverbend"}, exitUsage, "casebook: a theme has no field `district`, so --district does not apply (its fields: title, summary, order)\n"},
		{"title without letters", []string{"theme", "¿¡!?"}, exitContent,
			"casebook: error: the title \"¿¡!?\" has no letter from a to z or digit, which a page's file name and address are made of; start with a title that has some, then change `title:` in the file\n"},
		{"unquoted title", []string{"theme", "Use", "data"}, exitUsage, "casebook: unexpected argument \"data\"; put the title in quotes: casebook new theme \"A title with spaces\"\n"},
		{"no site", []string{"theme", "X", "--src", t.TempDir()}, exitContent, "is not a casebook site"},
		{"a --theme with no slug", []string{"case-study", "X", "--theme", " , "}, exitUsage, "casebook: --theme \" , \": give a slug, or several as a,b; see casebook new --help\n"},
		{"two stages for a pair", []string{"problem", "X", "--stage", "design-studios,district-dossier"}, exitUsage, "casebook: a problem-of-practice pair has one stage; give one --stage\n"},
		{"values check would refuse", []string{"case-study", "Bad values", "--set", "date=2026-13-01", "--set", "illustrative=maybe"}, exitUsage,
			"casebook: date: `2026-13-01` is not a real date (write dates as 2026-03-15, e.g. `date: 2026-03-15`)\n" +
				"casebook: illustrative: `illustrative` should be true or false, not `maybe` (write `illustrative: true` or `illustrative: false`)\n"},
		{"non-empty site folder", []string{"site", dir}, exitContent, "is not empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"new", "--src", dir}, c.args...), &stdout, &stderr)
			if code != c.code || !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr.String(), c.code, c.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "content/case-studies/bad-values.md")); err == nil {
		t.Error("a page with values check refuses was written")
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/case-studies/mentors.md"))
	if string(b) != testsite.Minimal()["content/case-studies/mentors.md"] {
		t.Error("the existing page was changed")
	}
}

// TestNewPrompts drives the questions through the terminal hook: a real
// pseudo-terminal would need a dependency.
func TestNewPrompts(t *testing.T) {
	withInput(t, "riverbend\n9\n2, 1\nFamilies led the way.\nel-graduation\n2\n", true)
	dir := testsite.Write(t, testsite.Minimal())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "case-study", "Latino/a/x families", "--src", dir}, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	want := "District (the district the story is about):\n" +
		"   1  Lakeside Schools  (lakeside)\n" +
		"   2  Riverbend Unified  (riverbend)\n" +
		"Choose a number (Enter to leave it for later): " +
		"Themes (themes the story teaches about; at least one):\n" +
		"   1  Set a clear vision for equity  (equity-vision)\n" +
		"   2  Build staff capacity  (staff-capacity)\n" +
		"Choose one or more numbers, separated by commas (Enter to leave it for later): " +
		"  \"9\" is not one of the choices; type a number from 1 to 2\n" +
		"Choose one or more numbers, separated by commas (Enter to leave it for later): " +
		"Summary (one or two sentences shown in lists and feeds): " +
		"Problem (the problem-of-practice pair the story tells):\n" +
		"   1  English learners' graduation  (el-graduation)\n" +
		"Choose a number (Enter to skip): " +
		"Stages (journey stages the story went through):\n" +
		"   1  District dossier  (district-dossier)\n" +
		"   2  Design studios  (design-studios)\n" +
		"Choose one or more numbers, separated by commas (Enter to skip): " +
		"created " + "content/case-studies/latino-a-x-families.md" + "\n" +
		"  it will be published at https://example.org/case-studies/latino-a-x-families/\n"
	if stdout.String() != want {
		t.Errorf("transcript:\n%s\nwant:\n%s", stdout.String(), want)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/case-studies/latino-a-x-families.md"))
	for _, l := range []string{"district: riverbend\n", "themes: [staff-capacity, equity-vision]\n", "summary: Families led the way.\n", "problem: el-graduation\n", "stages: [design-studios]\n"} {
		if !strings.Contains(string(b), l) {
			t.Errorf("file lacks %q:\n%s", l, b)
		}
	}
	if got := checkSite(t, dir); len(got) > 0 {
		t.Errorf("check: %v", got)
	}
}

// TestNewPromptsEndOfInput leaves what was not answered for check.
func TestNewPromptsEndOfInput(t *testing.T) {
	withInput(t, "2\n", true)
	dir := testsite.Write(t, testsite.Minimal())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "case-study", "Short", "--src", dir}, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	got := checkSite(t, dir)
	want := []string{
		"content/case-studies/short.md:4:8: error: the field `themes` is empty",
		"content/case-studies/short.md:5:9: error: the field `summary` is empty",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("check:\n%s\nwant:\n%s\ntranscript:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), stdout.String())
	}
}

func TestNewSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "site", dir}, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	// The next steps are commands for an installed casebook, on this site.
	for _, step := range []string{"casebook serve --src ", "casebook new case-study \"Title\" --src ", "casebook check --src ", "casebook build --src "} {
		if !strings.Contains(stdout.String(), step+dir+"\n") {
			t.Errorf("new site does not suggest %q:\n%s", step+dir, stdout.String())
		}
	}
	// Its only diagnostics are one placeholder warning per line of text
	// the author is to replace: every page but the case study's lessons.
	placeholders := map[string]string{
		"content/_index.md": "7", "content/about.md": "8", "content/case-studies/sample-case-study.md": "16",
		"content/districts/sample-district.md": "2", // the name, then the body
	}
	for _, slug := range []string{"equity-vision", "shared-ownership", "plans-into-action", "staff-capacity", "quality-instruction", "students-and-families"} {
		placeholders["content/themes/"+slug+".md"] = "7"
	}
	for _, slug := range []string{"district-dossier", "conditions-map", "equity-coaching", "theory-of-action", "design-studios", "pilot-definition", "pilot-implementation", "pilot-learnings", "final-design"} {
		placeholders["content/journey/"+slug+".md"] = "7"
	}
	var want []string
	for path, line := range placeholders {
		want = append(want, path+":"+line+":1: warning: "+site.PlaceholderMessage)
	}
	want = append(want, "content/districts/sample-district.md:9:1: warning: "+site.PlaceholderMessage)
	slices.Sort(want)
	if got := checkSiteAll(t, dir); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("a new site has diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	stdout.Reset()
	if code := run([]string{"build", "--src", dir}, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	if !strings.Contains(stdout.String(), "built 1 case study, 0 pairs, 6 themes, 9 stages, 1 district, 0 resources, 1 page") ||
		!strings.Contains(stdout.String(), "with 20 warnings") ||
		!strings.Contains(stdout.String(), "\nnote: 19 pages still have placeholder text from `casebook new` (`casebook check` gives each line)\n") {
		t.Errorf("build said %q", stdout.String())
	}
}

// A page from `casebook new` says where its instructions still are.
func TestNewPagePlaceholders(t *testing.T) {
	dir := testsite.Write(t, testsite.Minimal())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "case-study", "Homework clubs", "--src", dir, "--district", "riverbend", "--theme", "equity-vision", "--summary", "Clubs after school."}, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	page, _ := os.ReadFile(filepath.Join(dir, "content", "case-studies", "homework-clubs.md"))
	lines := strings.Split(string(page), "\n")
	var want []string
	for i, l := range lines {
		for _, p := range []string{placeholder.Challenge, placeholder.LinkHowTo, placeholder.Happened, placeholder.Next} {
			if strings.HasPrefix(l, p) {
				want = append(want, fmt.Sprintf("content/case-studies/homework-clubs.md:%d:1: warning: %s", i+1, site.PlaceholderMessage))
			}
		}
	}
	if got := checkSiteAll(t, dir); len(want) != 4 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Once the author writes over a prompt, its warning goes.
	edited := strings.Replace(string(page), placeholder.Happened, "Forty families came to the first club.", 1)
	os.WriteFile(filepath.Join(dir, "content", "case-studies", "homework-clubs.md"), []byte(edited), 0o644)
	if got := checkSiteAll(t, dir); len(got) != 3 {
		t.Errorf("after an edit, check:\n%s", strings.Join(got, "\n"))
	}
}

// TestPublishingSteps follows the README's publishing steps on a new site:
// the .gitignore covers what a build writes into the site, the GitHub Pages
// workflow is valid YAML whose build command publishes under the
// repository's path, and each host's build leaves nothing but public/.
func TestPublishingSteps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "our-casebook")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "site", dir, "--github-pages"}, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	ignore, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	var workflow struct {
		Jobs map[string]struct {
			Steps []struct {
				Run  string            `yaml:"run"`
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	src, err := os.ReadFile(filepath.Join(dir, ".github/workflows/casebook.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(src, &workflow); err != nil {
		t.Fatalf("the workflow is not valid YAML: %v", err)
	}
	var buildCmd, uploaded string
	for _, step := range workflow.Jobs["build"].Steps {
		if strings.HasPrefix(step.Run, "casebook build") {
			buildCmd = step.Run
		}
		if strings.HasPrefix(step.Uses, "actions/upload-pages-artifact") {
			uploaded = step.With["path"]
		}
	}
	if buildCmd != `casebook build --base-url "${{ steps.pages.outputs.base_url }}/"` || uploaded != "public" {
		t.Fatalf("the workflow builds with %q and uploads %q", buildCmd, uploaded)
	}
	if workflow.Jobs["deploy"].Steps[0].Uses != "actions/deploy-pages@v4" {
		t.Errorf("the workflow does not deploy: %+v", workflow.Jobs["deploy"])
	}
	// What configure-pages gives a project site, and what Netlify sets.
	for _, base := range []string{"https://owner.github.io/our-casebook", "https://our-casebook.netlify.app"} {
		before := listTree(t, dir)
		stdout.Reset()
		stderr.Reset()
		if code := run([]string{"build", "--src", dir, "--base-url", base + "/"}, &stdout, &stderr); code != exitOK {
			t.Fatal(stderr.String())
		}
		home, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		path := strings.TrimPrefix(strings.TrimPrefix(base, "https://owner.github.io"), "https://our-casebook.netlify.app")
		if !strings.Contains(string(home), `href="`+path+`/themes/`) {
			t.Errorf("under %s, the home page's links lack the path %q", base, path+"/")
		}
		// Under a path, robots.txt is not where crawlers look.
		note := "note: the site lives under /our-casebook/, so crawlers will not read its robots.txt; " +
			"add this line to the robots.txt at the root of the host: Sitemap: https://owner.github.io/our-casebook/sitemap.xml\n"
		if got := strings.Contains(stdout.String(), note); got != (path != "") {
			t.Errorf("under %s, the summary %q the robots.txt note:\n%s", base, map[bool]string{true: "has", false: "lacks"}[got], stdout.String())
		}
		for _, name := range strings.Fields(listTree(t, dir)) {
			if !strings.Contains(before, name+"\n") && !ignored(string(ignore), name) {
				t.Errorf("the build added %s, which .gitignore does not cover", name)
			}
		}
	}
	// The staging folder exists only while a build runs; a commit made
	// then must not take it either.
	if staging := publish.StagingName("public"); !ignored(string(ignore), staging) {
		t.Errorf(".gitignore does not cover %s", staging)
	}
	// A web server's folder: nothing is left beside it.
	www := t.TempDir()
	out := filepath.Join(www, "casebook")
	for range 2 {
		if code := run([]string{"build", "--src", dir, "--base-url", "https://schools.example.org/casebook/", "--out", out}, &stdout, &stderr); code != exitOK {
			t.Fatal(stderr.String())
		}
	}
	if entries, _ := os.ReadDir(www); len(entries) != 1 || entries[0].Name() != "casebook" {
		t.Errorf("beside the served folder: %v", entries)
	}
}

// listTree names the top-level entries of dir, sorted, one per line.
func listTree(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Name() + "\n")
	}
	return b.String()
}

// ignored reports whether a top-level name is covered by one of the
// anchored folder patterns (/name/) the generated .gitignore uses.
func ignored(gitignore, name string) bool {
	for _, line := range strings.Split(gitignore, "\n") {
		if line == "/"+name+"/" {
			return true
		}
	}
	return false
}

// TestNewInFolder: --folder files a page in a folder inside its kind
// folder, and a slug taken in any folder is refused.
func TestNewInFolder(t *testing.T) {
	dir := testsite.Write(t, testsite.Minimal())
	var stdout, stderr bytes.Buffer
	args := []string{"new", "case-study", "Family nights", "--src", dir, "--folder", "2024/spring", "--district", "riverbend"}
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "content/case-studies/2024/spring/family-nights.md")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "published at https://example.org/case-studies/family-nights/") {
		t.Errorf("new said %q", stdout.String())
	}
	stderr.Reset()
	if code := run([]string{"new", "case-study", "Family nights", "--src", dir}, &stdout, &stderr); code == exitOK ||
		!strings.Contains(stderr.String(), "content/case-studies/2024/spring/family-nights.md already exists") {
		t.Errorf("a slug taken in a folder was reused: exit %d, %q", code, stderr.String())
	}
	for _, bad := range []string{"../elsewhere", "/tmp", ".hidden"} {
		stderr.Reset()
		if code := run([]string{"new", "case-study", "Another", "--src", dir, "--folder", bad}, &stdout, &stderr); code != exitUsage {
			t.Errorf("--folder %s: exit %d, %q", bad, code, stderr.String())
		}
	}
}

// TestNewPromptedTitleIsCheckedFirst: a title typed at the prompt is
// checked as one given on the command line, before any other question.
func TestNewPromptedTitleIsCheckedFirst(t *testing.T) {
	dir := testsite.Write(t, testsite.Minimal())
	for title, want := range map[string]string{
		"Mentors": "casebook: error: " + "content/case-studies/mentors.md" +
			" already exists; casebook new never overwrites a page: edit it, or choose another title\n",
		"???": "casebook: error: the title \"???\" has no letter from a to z or digit, which a page's file name and address are made of; " +
			"start with a title that has some, then change `title:` in the file\n",
	} {
		withInput(t, title+"\nriverbend\n", true)
		var stdout, stderr bytes.Buffer
		code := run([]string{"new", "case-study", "--src", dir}, &stdout, &stderr)
		if code != exitContent || stdout.String() != "Title: " || stderr.String() != want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d, \"Title: \", %q", title, code, stdout.String(), stderr.String(), exitContent, want)
		}
	}
}

// TestNewNamesTheFileFromHere: new names the file it made, or found in
// the way, so that it opens from the folder the command ran in; a site
// given as an absolute path is named from the site instead, since no
// message carries an absolute path.
func TestNewNamesTheFileFromHere(t *testing.T) {
	withInput(t, "", false)
	parent := t.TempDir()
	dir := filepath.Join(parent, "my site")
	for rel, text := range testsite.Minimal() {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(parent)
	for _, c := range []struct{ src, title, stdout, stderr string }{
		{"my site", "Homework clubs", "created my site/content/case-studies/homework-clubs.md\n", ""},
		{"my site", "Homework clubs", "", "casebook: error: my site/content/case-studies/homework-clubs.md already exists;"},
		{dir, "Family nights", "created content/case-studies/family-nights.md\n", ""},
		{dir, "Family nights", "", "casebook: error: content/case-studies/family-nights.md already exists;"},
	} {
		var stdout, stderr bytes.Buffer
		run([]string{"new", "case-study", c.title, "--src", c.src}, &stdout, &stderr)
		if !strings.HasPrefix(stdout.String(), c.stdout) || !strings.HasPrefix(stderr.String(), c.stderr) {
			t.Errorf("--src %q %q: stdout %q, stderr %q; want them to start %q, %q", c.src, c.title, stdout.String(), stderr.String(), c.stdout, c.stderr)
		}
		if strings.Contains(stdout.String()+stderr.String(), parent) {
			t.Errorf("--src %q: a message names the absolute path: %q", c.src, stdout.String()+stderr.String())
		}
	}
}

// A new site's placeholders are warnings by the score: build shows three
// and says how many more check lists, so an error among them stands out.
func TestBuildShowsAFewPlaceholders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "site", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("new site: exit %d: %s", code, stderr.String())
	}
	const placeholder = "warning: this is placeholder text from `casebook new`"
	stderr.Reset()
	if code := run([]string{"check", "--src", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("check: exit %d: %s", code, stderr.String())
	}
	all := strings.Count(stderr.String(), placeholder)
	stderr.Reset()
	if code := run([]string{"build", "--src", dir, "--out", filepath.Join(t.TempDir(), "public")}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	more := fmt.Sprintf("…and %d more warnings like those above; `casebook check` lists them all\n", all-warningsShown)
	if shown := strings.Count(stderr.String(), placeholder); all <= warningsShown || shown != warningsShown || !strings.Contains(stderr.String(), more) {
		t.Errorf("check lists %d placeholders, build %d, want %d and %q:\n%s", all, shown, warningsShown, more, stderr.String())
	}
}
