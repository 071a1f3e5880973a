package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/scaffold"
	"github.com/casebook/casebook/internal/testsite"
	"time"
)

// checkSite runs build.Check on the site and returns every diagnostic as
// "path:line:col: severity: message".
func checkSite(t *testing.T, dir string) []string {
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
			want := fmt.Sprintf("created %s\n  it will be published at %s\n", filepath.ToSlash(filepath.Join(dir, c.path)), c.url)
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
		"lessons:  # lessons learned, each with a theme and a sentence; a list of `- theme: SLUG` / `text: ...` items\n" +
		"image:  # a picture for the story, beside the page or in static/\n" +
		"image_alt:  # what the picture shows, for readers who cannot see it\n" +
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
			"casebook: error: " + filepath.ToSlash(filepath.Join(dir, "content/case-studies/mentors.md")) + " already exists; casebook new never overwrites a page: edit it, or choose another title\n"},
		{"unknown kind", []string{"case-stuy", "X"}, exitUsage, "casebook: unknown kind \"case-stuy\"; new makes one of: theme, stage, district, problem, case-study, resource, or site (did you mean `case-study`?)\n"},
		{"misspelled district", []string{"case-study", "X", "--district", "riverbnd"}, exitUsage, "casebook: this site has no district `riverbnd`; did you mean `riverbend`?\n"},
		{"field the kind lacks", []string{"theme", "X", "--district", "riverbend"}, exitUsage, "casebook: a theme has no field `district`, so --district does not apply (its fields: title, summary, order)\n"},
		{"unquoted title", []string{"theme", "Use", "data"}, exitUsage, "casebook: unexpected argument \"data\"; put the title in quotes: casebook new theme \"A title with spaces\"\n"},
		{"no site", []string{"theme", "X", "--src", t.TempDir()}, exitContent, "is not a casebook site"},
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
	b, _ := os.ReadFile(filepath.Join(dir, "content/case-studies/mentors.md"))
	if string(b) != testsite.Minimal()["content/case-studies/mentors.md"] {
		t.Error("the existing page was changed")
	}
}

// TestNewPrompts drives the questions through the terminal hook: a real
// pseudo-terminal would need a dependency.
func TestNewPrompts(t *testing.T) {
	withInput(t, "riverbend\n9\n2, 1\nFamilies led the way.\n2\n", true)
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
		"Stages (journey stages the story went through):\n" +
		"   1  District dossier  (district-dossier)\n" +
		"   2  Design studios  (design-studios)\n" +
		"Choose one or more numbers, separated by commas (Enter to skip): " +
		"created " + filepath.ToSlash(filepath.Join(dir, "content/case-studies/latino-a-x-families.md")) + "\n" +
		"  it will be published at https://example.org/case-studies/latino-a-x-families/\n"
	if stdout.String() != want {
		t.Errorf("transcript:\n%s\nwant:\n%s", stdout.String(), want)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/case-studies/latino-a-x-families.md"))
	for _, l := range []string{"district: riverbend\n", "themes: [staff-capacity, equity-vision]\n", "summary: Families led the way.\n", "stages: [design-studios]\n"} {
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
	if got := checkSite(t, dir); len(got) > 0 {
		t.Errorf("a new site has diagnostics:\n%s", strings.Join(got, "\n"))
	}
	stdout.Reset()
	if code := run([]string{"build", "--src", dir}, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	if !strings.Contains(stdout.String(), "built 1 case study, 0 pairs, 6 themes, 9 stages, 1 district, 0 resources, 1 page") || !strings.Contains(stdout.String(), "with 0 warnings") {
		t.Errorf("build said %q", stdout.String())
	}
}
