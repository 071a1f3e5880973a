package scaffold

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/placeholder"
)

// starter is a theme or stage of a new site.
type starter struct{ slug, title, summary string }

// Themes are the six themes of a new site, in order.
var themes = []starter{
	{"equity-vision", "Set a clear and explicit vision for equity", "Say in plain words what equity means for your students, so later decisions have something to answer to."},
	{"shared-ownership", "Ensure that equity is owned at all levels", "Board, principals, teachers, students and families each carry a real part of the work."},
	{"plans-into-action", "Translate equity plans into actions", "Turn written commitments into budgets, routines and pilots that change an ordinary school day."},
	{"staff-capacity", "Build equity capacity among school staff and leaders", "Give adults the time, coaching and practice to examine beliefs and change what they do."},
	{"quality-instruction", "Ensure equitable access to quality instruction", "Bring strong teaching and rigorous courses to the students most often shut out of them."},
	{"students-and-families", "Enable students and families to thrive", "Treat students and families as partners whose voices shape decisions."},
}

// stages are the nine stages of the journey map, in order. They name no
// cohort's coach or model: a new district's site starts neutral, and its
// authors name their own partners.
var stages = []starter{
	{"district-dossier", "District dossier with problem of practice", "Describe the district and name the problem of practice to tackle."},
	{"conditions-map", "Conditions map", "Map the policies, relationships and beliefs that hold the problem in place."},
	{"equity-coaching", "Equity coaching", "Work with an equity coach to test the analysis and sharpen the focus."},
	{"theory-of-action", "Theory of action with barriers and solutions", "Link each barrier to the shift wanted, the actions that drive it and the results expected."},
	{"design-studios", "Solution design studios with community stakeholders", "Design possible solutions side by side with students, families, staff and partners."},
	{"pilot-definition", "Pilot solution definition", "Shape the best ideas into a small pilot with roles, timelines and measures."},
	{"pilot-implementation", "Pilot solution implementation", "Run the pilot in schools and adjust it as problems show up."},
	{"pilot-learnings", "Pilot solution learnings", "Look at what the pilot changed, for whom, and decide what to keep."},
	{"final-design", "Final solution design, report and recommendations", "Settle the final design and share recommendations other districts can use."},
}

const siteConfig = `title = "Our equity casebook"
description = "Case studies, problems of practice and lessons from our district's equity work."
# Where the site will be published; every internal link carries its path.
base_url = "https://example.org/"
language = "en"
# A case study marked ` + "`illustrative: true`" + ` (a composite or invented example)
# shows this note; without the line, casebook uses its own wording.
# illustrative_note = "A composite story, not a report of what one district did."

[build]
minify = true

[markdown]
unsafe_html = false

[lists]
# Entries on one page of a long list, and how many of each list a theme or
# stage page shows before a link to the whole list.
page_size = 24
preview = 6

# Make the site look like the district's own. casebook checks each color
# pair for WCAG 2.1 AA contrast and suggests the nearest color that passes.
[theme]
# logo = "images/logo.svg"        # a file in static/
# logo_alt = "Our School District" # what the logo says or shows
# accent = "#0b5e75"              # links and markers
# header_background = "#0f3d4a"
# header_text = "#ffffff"
# footer_contact = ["Office of Communications", "(555) 010-0100"]
#
# The navigation, in place of the default one (uncomment to use):
# [[theme.nav]]
# text = "Stories"
# url = "/case-studies/"
`

const homePage = `---
title: Our equity casebook
summary: Stories and lessons from our district's work to serve every student well.
---

Browse the case studies by theme, or follow the journey map stage by stage.
` + placeholder.HomeBody + ` ` + "`casebook new case-study \"Title\"`" + `.
Read [about this casebook](about.md).
`

const aboutPage = `---
title: About this casebook
summary: Who wrote this casebook and why.
---

## Who we are

` + placeholder.AboutBody + `
`

// gitignore keeps what casebook builds out of the site's repository: the
// output folder, and the staging folder a build makes beside it while it
// runs. A host builds the site itself (see the README's publishing steps).
const gitignore = `# What casebook builds: publish it, do not commit it.
/public/
# Beside public/ while a build runs; a build removes it when it ends.
/.public.casebook-staging/
# casebook's own: the picture widths it made, so no build makes them twice.
/.casebook/
`

// pagesWorkflow builds the site on GitHub and publishes it with GitHub
// Pages. configure-pages gives the site's address, with the repository's
// name as its path for a project site, so every link carries the path.
// %s is the casebook version to install.
const pagesWorkflow = `# Builds the casebook and publishes it with GitHub Pages on every push to
# main. Once, in the repository's Settings > Pages, set "Source" to
# "GitHub Actions". The site is published at the address Pages gives the
# repository (https://OWNER.github.io/REPOSITORY/ for a project site), and
# every link in it carries that path.
name: Publish the casebook

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: stable
      - name: Install casebook
        run: go install github.com/casebook/casebook/cmd/casebook@%s
      - id: pages
        uses: actions/configure-pages@v5
      - name: Build the site
        run: casebook build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`

// PagesWorkflowPath is where NewSite writes the GitHub Pages workflow.
const PagesWorkflowPath = ".github/workflows/casebook.yml"

// SiteOptions say what NewSite adds to a new site besides its content.
type SiteOptions struct {
	// GitHubPages adds a workflow that publishes the site with GitHub
	// Pages, installing this casebook version ("latest" for a build
	// without one).
	GitHubPages bool
	Version     string
}

// betweenTags matches what `git describe` adds to a tag for a commit after
// it: the count of commits since and the abbreviated hash ("-3-gabc1234").
var betweenTags = regexp.MustCompile(`-[0-9]+-g[0-9a-f]+$`)

// installVersion is the version the GitHub Pages workflow installs: a
// release's own, or "latest" for a build without one. A version
// `go install` cannot fetch, such as a build from a working tree with
// changes ("-dirty") or from a commit between tags, is also "latest".
func installVersion(v string) string {
	v = strings.TrimSpace(v)
	if v == "" || v == "dev" || strings.HasSuffix(v, "-dirty") || betweenTags.MatchString(v) || strings.ContainsAny(v, " /\\") {
		return "latest"
	}
	return v
}

// NewSite creates a new site in dir: casebook.toml, a .gitignore, a home
// and an about page, the six themes, the nine journey stages, one district
// and one sample case study, and with opts a publishing workflow. It
// refuses a dir that exists and is not empty.
func NewSite(dir string, opts SiteOptions) error {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("%s is not empty; casebook new site only writes into a new or empty folder", dir)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fsutil.CannotWrite("", dir, err)
	}
	files := siteFiles()
	if opts.GitHubPages {
		files[PagesWorkflowPath] = fmt.Sprintf(pagesWorkflow, installVersion(opts.Version))
	}
	for _, name := range sortedKeys(files) {
		// Named as the user named the folder: there is no site yet.
		if err := fsutil.WriteFile("", filepath.Join(dir, filepath.FromSlash(name)), []byte(files[name])); err != nil {
			return err
		}
	}
	return nil
}

// SiteFiles is every file of a new site by slash-separated path.
func siteFiles() map[string]string {
	empty := &Site{Config: config.Default(), Choices: map[content.Kind][]Choice{}}
	files := map[string]string{
		config.File:         siteConfig,
		".gitignore":        gitignore,
		"content/_index.md": homePage,
		"content/about.md":  aboutPage,
	}
	add := func(k content.Kind, slug string, vals Values, body string) {
		spec := content.SpecFor(k)
		files["content/"+spec.Dir+"/"+slug+".md"] = Frontmatter(spec, vals, empty, true) + body
	}
	for i, t := range themes {
		add(content.Theme, t.slug, Values{"title": {t.title}, "summary": {t.summary}, "order": {strconv.Itoa(i + 1)}},
			"\n"+placeholder.ThemeBody+"\n")
	}
	for i, s := range stages {
		add(content.Stage, s.slug, Values{"title": {s.title}, "order": {strconv.Itoa(i + 1)}, "summary": {s.summary}},
			"\n"+placeholder.StageBody+"\n")
	}
	add(content.District, "sample-district", Values{
		"title": {placeholder.DistrictName}, "region": {"Midwest"}, "locale": {"suburban"},
		"enrollment": {"12000"}, "frl_percent": {"45"},
	}, "\n"+placeholder.DistrictBody+"\n")
	cs := content.SpecFor(content.CaseStudy)
	files["content/case-studies/sample-case-study.md"] = Frontmatter(cs, Values{
		"title":    {"A sample case study"},
		"district": {"sample-district"},
		"themes":   {"students-and-families", "shared-ownership"},
		"summary":  {"A sample to copy: how a district listened to families and acted on what it heard."},
		"stages":   {"district-dossier", "design-studios", "pilot-implementation"},
		"date":     {"2026-01-15"},
		"authors":  {"Communications Office"},
		"lessons": {
			"students-and-families=Families answer more when they see what changed because of their last answers.",
			"shared-ownership=Principals owned the follow-up once the results were theirs to share.",
		},
	}, empty, true) + `
` + placeholder.SampleStudy + `

## The challenge

Families said they filled in the yearly survey but never heard what came of it.

## What they tried

The district shared each school's results at a family evening, as described
at the [design studios](../journey/design-studios.md) stage. Link to other
pages by their .md files like this, so links work on a git host too.

## What happened

More families answered the next survey, and principals reported back on what changed.

## What's next

The [sample district](../districts/sample-district.md) plans to run the
evenings every term.
`
	return files
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }
