package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/scaffold"
)

// stdin is where `casebook new` reads answers; tests replace it.
var stdin io.Reader = os.Stdin

// isTerminal reports whether r is an interactive terminal, so `new` asks
// questions rather than leaving fields empty. Tests replace it to drive the
// prompts with scripted input.
var isTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	// /dev/null is a character device too, but nobody is there to answer.
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(info, null)
}

const newSynopsis = `new KIND "Title" [--src DIR] [--folder DIR] [--district SLUG] [--theme SLUG]... [--stage SLUG]... [--summary TEXT] [--set FIELD=VALUE]...
       casebook new --lang LANG PAGE [--src DIR]
       casebook new site DIR [--github-pages]

KIND is one of: case-study, problem, stage, district, resource, theme.
With --lang, new starts a translation of PAGE (content/case-studies/x.md)
into LANG beside it (x.es.md), with the text to translate in place.`

// listFlag is a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// slugsFlag is a repeatable flag of slugs, several to a value as a,b too,
// as --set takes a list: a slug has no comma.
type slugsFlag struct{ listFlag }

func (l *slugsFlag) Set(v string) error {
	slugs := splitList(v)
	if len(slugs) == 0 {
		return errors.New("give a slug, or several as a,b")
	}
	for _, slug := range slugs {
		if !slices.Contains(l.listFlag, slug) {
			l.listFlag = append(l.listFlag, slug)
		}
	}
	return nil
}

// splitList splits a list given as a,b on the command line: spaces around
// an item go, as do empty items and repeats.
func splitList(v string) []string {
	var items []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" && !slices.Contains(items, item) {
			items = append(items, item)
		}
	}
	return items
}

// runNew creates a page, or with `site` a new site.
func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", newSynopsis, stderr)
	src := fs.String("src", ".", "the site folder (holding casebook.toml and content/)")
	district := fs.String("district", "", "the district's slug")
	summary := fs.String("summary", "", "the page's summary")
	var themes, stages slugsFlag
	var sets listFlag
	fs.Var(&themes, "theme", "a theme's slug (repeat for several, or a,b)")
	fs.Var(&stages, "stage", "a journey stage's slug (repeat for several, or a,b)")
	fs.Var(&sets, "set", "any field of the kind, as FIELD=VALUE (repeatable; a list as a,b)")
	folder := fs.String("folder", "", "the folder inside the kind folder to put the page in, e.g. 2024 for content/case-studies/2024/")
	githubPages := fs.Bool("github-pages", false, "with new site: add a workflow that publishes the site with GitHub Pages")
	lang := fs.String("lang", "", "start a translation of a page into this language (one of the site's languages, such as es), beside it")
	// Flags may come before, between or after the kind and the title.
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return &usageError{Msg: "new needs a kind: case-study, problem, stage, district, resource, theme or site"}
	}
	if *lang != "" {
		return runNewTranslation(*src, *lang, pos, stdout)
	}
	kind := pos[0]
	if kind == "site" {
		return runNewSite(pos[1:], *githubPages, stdout)
	}
	if *githubPages {
		return &usageError{Msg: "--github-pages is for `casebook new site DIR`"}
	}
	spec, err := kindSpec(kind)
	if err != nil {
		return err
	}
	if len(pos) > 2 {
		return &usageError{Msg: fmt.Sprintf("unexpected argument %q; put the title in quotes: casebook new %s \"A title with spaces\"", pos[2], kind)}
	}
	if err := scaffold.CheckFolder(*folder); err != nil {
		return &usageError{Msg: err.Error()}
	}
	if err := checkSrc(*src); err != nil {
		return err
	}
	site, err := scaffold.LoadSite(*src)
	if err != nil {
		return err
	}
	site.Folder = filepath.ToSlash(filepath.Clean(*folder))
	if *folder == "" {
		site.Folder = ""
	}
	vals := scaffold.Values{}
	if len(pos) == 2 {
		vals["title"] = []string{pos[1]}
	}
	errs := flagValues(spec, vals, *district, *summary, themes.listFlag, stages.listFlag, sets)
	errs = append(errs, checkRefs(spec, vals, site))
	if err := errors.Join(errs...); err != nil {
		return &usageError{Msg: err.Error()}
	}
	given := map[string]bool{} // the fields the command line set, which check holds it to
	for field := range vals {
		given[field] = true
	}
	if vals.Has("title") {
		if err := scaffold.CheckFree(spec, vals["title"][0], site); err != nil {
			return err
		}
	}
	if isTerminal(stdin) {
		if err := scaffold.NewPrompter(stdin, stdout).Ask(spec, vals, site); err != nil {
			return err
		}
	}
	if !vals.Has("title") {
		return &usageError{Msg: fmt.Sprintf("new needs a title: casebook new %s \"Title\"", kind)}
	}
	scaffold.Defaults(spec, site, vals)
	if err := checkGiven(spec, vals, given, site); err != nil {
		return err
	}
	path, url, err := scaffold.Create(spec, vals["title"][0], vals, site)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s\n  it will be published at %s\n", path, url)
	if missing := scaffold.Missing(spec, vals); len(missing) > 0 {
		fmt.Fprintf(stdout, "  still to fill in: %s (casebook check shows where)\n", strings.Join(missing, ", "))
	}
	return nil
}

// runNewTranslation starts a translation of the page args names.
func runNewTranslation(src, lang string, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return &usageError{Msg: "usage: casebook new --lang " + lang + " content/FOLDER/PAGE.md"}
	}
	rel, err := sitePath(src, args[0])
	if err != nil {
		return &usageError{Msg: err.Error()}
	}
	out, err := scaffold.Translation(src, rel, lang)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s, the %s translation of %s, as a draft\n", out, lang, rel)
	var diags diag.List
	if cfg, err := config.Load(src, &diags); err == nil && !slices.Contains(cfg.Languages, lang) {
		quoted := make([]string, 0, len(cfg.Languages)+1)
		for _, l := range append(slices.Clone(cfg.Languages), lang) {
			quoted = append(quoted, strconv.Quote(l))
		}
		fmt.Fprintf(stdout, "  translate its text and remove `draft: true`; to publish it under /%s/, set `languages = [%s]` in casebook.toml too\n",
			lang, strings.Join(quoted, ", "))
		return nil
	}
	fmt.Fprintf(stdout, "  translate its text, then remove `draft: true` to publish it under /%s/\n", lang)
	return nil
}

// sitePath turns a page's path as given (from the current folder, or
// from the site's) into its path from the site root.
func sitePath(src, arg string) (string, error) {
	if abs, err := filepath.Abs(arg); err == nil {
		if root, err := filepath.Abs(src); err == nil {
			if rel, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(rel, "..") {
				if _, err := os.Stat(abs); err == nil {
					arg = rel
				}
			}
		}
	}
	rel := filepath.ToSlash(filepath.Clean(arg))
	if !strings.HasPrefix(rel, "content/") || !strings.HasSuffix(rel, ".md") {
		return "", fmt.Errorf("%s is not a page of the site; name its file from the site folder, e.g. content/about.md", arg)
	}
	return rel, nil
}

// checkRefs refuses a slug given on the command line that names no page of
// the site, suggesting the closest one.
func checkRefs(spec *content.KindSpec, vals scaffold.Values, site *scaffold.Site) error {
	var errs []error
	for _, f := range spec.Fields {
		if f.Type != content.RefField && f.Type != content.RefListField {
			continue
		}
		slugs := site.Slugs(f.RefKind)
		for _, v := range vals[f.Name] {
			if v == "" || contains(slugs, v) {
				continue
			}
			msg := fmt.Sprintf("this site has no %s `%s`", content.SpecFor(f.RefKind).Label, v)
			if h := diag.DidYouMean(v, slugs); h != "" {
				msg += "; " + h
			} else if len(slugs) > 0 {
				msg += "; choose one of: " + strings.Join(slugs, ", ")
			}
			errs = append(errs, errors.New(msg))
		}
	}
	return errors.Join(errs...)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// runNewSite makes a new site in the folder args names and says what to
// run next.
func runNewSite(args []string, githubPages bool, stdout io.Writer) error {
	if len(args) != 1 {
		return &usageError{Msg: "usage: casebook new site DIR [--github-pages]"}
	}
	dir := args[0]
	if err := scaffold.NewSite(dir, scaffold.SiteOptions{GitHubPages: githubPages, Version: version}); err != nil {
		return err
	}
	src := dir
	if strings.ContainsAny(src, " \t") {
		src = `"` + src + `"`
	}
	fmt.Fprintf(stdout, "created a new casebook in %s; next:\n"+
		"  preview it while you write:  casebook serve --src %s\n"+
		"  add a case study:            casebook new case-study \"Title\" --src %s\n"+
		"  check it:                    casebook check --src %s\n"+
		"  build it:                    casebook build --src %s\n", dir, src, src, src, src)
	if githubPages {
		fmt.Fprintf(stdout, "  publish it:                  push %s to GitHub as its own repository, then in Settings > Pages set Source to \"GitHub Actions\" (%s does the rest)\n",
			dir, scaffold.PagesWorkflowPath)
	}
	return nil
}

// kindSpec returns the spec of the kind `new` was asked for.
func kindSpec(kind string) (*content.KindSpec, error) {
	if spec := content.SpecFor(content.Kind(kind)); spec != nil {
		return spec, nil
	}
	var kinds []string
	for _, k := range content.Kinds {
		kinds = append(kinds, string(k.Kind))
	}
	msg := fmt.Sprintf("unknown kind %q; new makes one of: %s, or site", kind, strings.Join(kinds, ", "))
	if h := diag.DidYouMean(kind, append(kinds, "site")); h != "" {
		msg += " (" + h + ")"
	}
	return nil, &usageError{Msg: msg}
}

// flagValues puts the values given as flags into vals, with an error for
// each flag the kind has no field for.
func flagValues(spec *content.KindSpec, vals scaffold.Values, district, summary string, themes, stages, sets listFlag) []error {
	set := func(flagName, field string, vs ...string) error {
		if _, ok := spec.Field(field); !ok {
			return &usageError{Msg: fmt.Sprintf("a %s has no field `%s`, so --%s does not apply (its fields: %s)", spec.Label, field, flagName, strings.Join(spec.FieldNames(), ", "))}
		}
		vals[field] = append(vals[field], vs...)
		return nil
	}
	var errs []error
	if district != "" {
		errs = append(errs, set("district", "district", district))
	}
	if summary != "" {
		errs = append(errs, set("summary", "summary", summary))
	}
	if len(themes) > 0 {
		errs = append(errs, set("theme", "themes", themes...))
	}
	if len(stages) > 0 {
		if _, ok := spec.Field("stages"); ok {
			errs = append(errs, set("stage", "stages", stages...))
		} else if len(stages) > 1 {
			errs = append(errs, &usageError{Msg: fmt.Sprintf("a %s has one stage; give one --stage", spec.Label)})
		} else {
			errs = append(errs, set("stage", "stage", stages...))
		}
	}
	for _, s := range sets {
		name, v, ok := strings.Cut(s, "=")
		if !ok {
			errs = append(errs, &usageError{Msg: fmt.Sprintf("--set takes FIELD=VALUE, not %q", s)})
			continue
		}
		vs := []string{v}
		if f, ok := spec.Field(name); ok && (f.Type == content.RefListField || f.Type == content.StringListField) {
			vs = splitList(v)
		}
		errs = append(errs, set("set", name, vs...))
	}
	return errs
}

// checkGiven refuses values given on the command line that check would
// find fault with (a date that is no date, `maybe` for true or false), as
// check words them, before the page is written: the page would otherwise
// start out broken, with the mistake found only later.
func checkGiven(spec *content.KindSpec, vals scaffold.Values, given map[string]bool, site *scaffold.Site) error {
	rel, text := scaffold.Page(spec, vals["title"][0], vals, site)
	var diags diag.List
	content.Parse(filepath.ToSlash(rel), []byte(text), &diags)
	lines := strings.Split(text, "\n")
	var errs []error
	for _, d := range diags.Items() {
		if d.Severity != diag.Error || d.Line < 1 || d.Line > len(lines) {
			continue
		}
		field, _, ok := strings.Cut(lines[d.Line-1], ":")
		if !ok || !given[field] {
			continue // a field left for the author, or not a field's line
		}
		msg := d.Message
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		errs = append(errs, fmt.Errorf("%s: %s", field, msg))
	}
	if len(errs) > 0 {
		return &usageError{Msg: errors.Join(errs...).Error()}
	}
	return nil
}
