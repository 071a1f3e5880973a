package render

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/minify"
	"github.com/casebook/casebook/internal/site"
)

// baseName is the skeleton every page layout fills: it calls the blocks
// "title" and "main" that a page layout defines.
const baseName = "baseof.html"

// templates holds one template set per page layout. Each set is the
// skeleton and partials cloned, with one page layout parsed into it, so page
// layouts can each define "main" without clashing. Templates are named by
// their path under layouts/, never by base name, so themes/single.html and
// journey/single.html stay apart.
type templates struct {
	sets map[string]*template.Template
	// firstRun is each of sets' first run, which the others wait for
	// (see run).
	firstRun map[*template.Template]*sync.Once
	// minified is set when sets were parsed from minified layouts.
	minified bool
	// asWritten returns the sets parsed from the layouts as written, and
	// left so (see foldTexts), which report a failing template at the
	// author's line and in the author's words. They are parsed when a
	// template first fails.
	asWritten func() map[string]*template.Template
	paths     map[string]string // layout name → file path, for messages
	own       map[string]bool   // the layouts the site has, not the default theme
	cache     *partialCache
	// search is the search index's manifest, for the search page. A build
	// makes the index while pages render: searchBuilding is done once
	// search is set, and searchData waits for it, since any layout may
	// call it.
	search         template.JS
	searchBuilding sync.WaitGroup
	funcs          template.FuncMap
	words          *i18n.Table // for foldTexts
}

// loadTemplates parses the layouts. With cfg.Minify, the sets that run are
// parsed from minified layouts. Either way their constant T calls are
// folded; the sets for messages, whose lines and words must be the
// author's, are parsed from the layouts as written if a template fails.
func loadTemplates(files []File, cfg *config.Config, words *i18n.Table, isStatic func(string) bool, diags *diag.List) (*templates, error) {
	t := &templates{paths: map[string]string{}, own: map[string]bool{}, cache: &partialCache{}, funcs: funcs(cfg, words, isStatic), words: words}
	texts := map[string]string{}
	for _, f := range files {
		if !strings.HasSuffix(f.Rel, ".html") {
			continue
		}
		b, err := f.Read()
		if err != nil {
			fsutil.Report(diags, f.Path, err, false)
			continue
		}
		texts[f.Rel] = string(b)
		t.paths[f.Rel] = f.Path
		t.own[f.Rel] = !f.FromTheme()
	}
	t.asWritten = sync.OnceValue(func() map[string]*template.Template {
		var none diag.List // reported by the parse below
		sets, _ := t.parse(texts, &none, false)
		return sets
	})
	sets, err := t.parse(texts, diags, true)
	if err == nil && cfg.Minify && !diags.HasErrors() {
		if small, ok := t.parseMinified(texts); ok {
			sets, t.minified = small, true
		}
	}
	t.sets = sets
	t.firstRun = make(map[*template.Template]*sync.Once, len(sets))
	for _, set := range sets {
		t.firstRun[set] = &sync.Once{}
	}
	return t, err
}

// run executes set's skeleton for data into w. The first run of a set
// escapes it (html/template escapes a template when it first runs it),
// and then inlines its escaped constants (see inlineConstants) while any
// other run of the set waits: a tree must not change while a run reads
// it.
func (t *templates) run(set *template.Template, w io.Writer, data any) error {
	first := false
	var err error
	t.firstRun[set].Do(func() {
		first = true
		err = set.ExecuteTemplate(w, baseName, data)
		inlineConstants(set)
	})
	if first {
		return err
	}
	return set.ExecuteTemplate(w, baseName, data)
}

// parseMinified parses the layouts minified. It reports false when a layout
// cannot be minified or no longer parses once minified (an odd layout the
// minifier misreads); the pages are then minified whole instead.
func (t *templates) parseMinified(texts map[string]string) (map[string]*template.Template, bool) {
	m := minify.New()
	small := make(map[string]string, len(texts))
	for name, text := range texts {
		s, err := m.Layout(text)
		if err != nil {
			return nil, false
		}
		small[name] = s
	}
	var diags diag.List
	sets, err := t.parse(small, &diags, true)
	return sets, err == nil && !diags.HasErrors() && len(sets) > 0
}

// parse makes one template set per page layout from the layouts' texts,
// reporting what does not parse; with fold, each set's T calls with
// arguments written out are folded into their text (see foldTexts).
func (t *templates) parse(texts map[string]string, diags *diag.List, fold bool) (map[string]*template.Template, error) {
	own := template.FuncMap{
		"partialCached": t.cache.placeholder,
		// searchData is the search index's manifest, as JSON.
		"searchData": func() template.JS { t.searchBuilding.Wait(); return t.search },
	}
	shared := template.New("").Funcs(t.funcs).Funcs(own)
	parsed := parsedWith{texts: texts, funcs: []template.FuncMap{t.funcs, own}}
	var pages []string
	for _, name := range slices.Sorted(maps.Keys(texts)) {
		if name != baseName && !strings.HasPrefix(name, "partials/") {
			pages = append(pages, name)
			continue
		}
		if _, err := shared.New(name).Parse(texts[name]); err != nil {
			t.reportParse(err, parsed, diags)
		}
	}
	sets := map[string]*template.Template{}
	if shared.Lookup(baseName) == nil {
		diags.Errorf("layouts/"+baseName, 0, 0, "restore the file from `casebook new site`", "the layouts have no %s", baseName)
		return sets, nil
	}
	for _, name := range pages {
		set, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := set.New(name).Parse(texts[name]); err != nil {
			t.reportParse(err, parsed, diags)
			continue
		}
		set.Funcs(template.FuncMap{"partialCached": t.cache.executor(set), uncachedName: uncached(set)})
		uncacheOverrides(set, t.own)
		if fold {
			foldTexts(set, t.words)
		}
		sets[name] = set
	}
	return sets, nil
}

// lookup returns the set of the first of names that sets has.
func (t *templates) lookup(sets map[string]*template.Template, names ...string) *template.Template {
	for _, n := range names {
		if s := sets[n]; s != nil {
			return s
		}
	}
	return nil
}

// templateErr matches the errors of text/template ("template: name:3:12:
// ...") and of html/template's escaper ("html/template:name:3:12: ...").
var templateErr = regexp.MustCompile(`^(?:template: |html/template:)([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// report turns a template error into a diagnostic naming the layout file and
// line, so a theme author can jump to it.
func (t *templates) report(err error, diags *diag.List) { t.reportParse(err, parsedWith{}, diags) }

// parsedWith is what layouts were parsed from: their texts and the
// functions they may call.
type parsedWith struct {
	texts map[string]string
	funcs []template.FuncMap
}

// reportParse is report for an error in parsing the layouts, whose texts
// and functions help to place and word it (see parseProblem).
func (t *templates) reportParse(err error, parsed parsedWith, diags *diag.List) {
	var te *template.Error
	msg := err.Error()
	if errors.As(err, &te) && te.Name != "" {
		msg = te.Error()
	}
	m := templateErr.FindStringSubmatch(innermost(msg))
	if m == nil {
		diags.Errorf("layouts", 0, 0, "", "%s", strings.TrimPrefix(msg, "template: "))
		return
	}
	var hintFor string
	m[4], hintFor = plainly(m[4])
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	if m[3] != "" {
		col++ // text/template counts columns from 0; editors count from 1
	}
	if text, ok := parsed.texts[m[1]]; ok {
		m[4], line, col, hintFor = parseProblem(m[4], text, line, col, funcNames(parsed.funcs...))
	}
	path, hint := t.paths[m[1]], ""
	if path == "" {
		path = "layouts/" + m[1]
	}
	if strings.HasPrefix(path, defaultThemePrefix) {
		path = strings.TrimPrefix(path, defaultThemePrefix)
		hint = "this layout is part of casebook's default theme; a file at " + path + " in the site replaces it"
	}
	if hintFor != "" {
		hint = hintFor
	}
	diags.Errorf(path, line, col, hint, "%s", m[4])
}

// nestedTemplateErr finds, inside an error's text, where a template that
// another called (a partial through partialCached, say) failed.
var nestedTemplateErr = regexp.MustCompile(`template: [^:\s]+:\d+(?::\d+)?: `)

// innermost is the part of msg from the last template location on: a
// partial's error comes wrapped in its caller's ("baseof.html:19:3:
// executing … error calling partialCached: template: partials/footer.html:
// 24:30: …"), and the fault is the partial's.
func innermost(msg string) string {
	locs := nestedTemplateErr.FindAllStringIndex(msg, -1)
	if len(locs) < 2 {
		return msg
	}
	return msg[locs[len(locs)-1][0]:]
}

// callErr is text/template's message for a function that failed, such as
// T for a key no table has.
var callErr = regexp.MustCompile(`^executing "[^"]*" at <([^>]*)>: error calling \w+: (.*)$`)

// fieldErr is text/template's message for a field a value does not have.
var fieldErr = regexp.MustCompile(`^executing "[^"]*" at <([^>]*)>: can't evaluate field (\w+) in type \*?(?:site|render)\.(\w+)$`)

// plainly words text/template's messages for a missing field and a failed
// function call as a theme author would put them, with where to look;
// others are kept as they are.
func plainly(msg string) (string, string) {
	if c := callErr.FindStringSubmatch(msg); c != nil {
		return fmt.Sprintf("{{%s}}: %s", c[1], c[2]), ""
	}
	m := fieldErr.FindStringSubmatch(msg)
	if m == nil {
		return msg, ""
	}
	what := map[string]string{"Page": "a page", "Data": "a layout's data", "Site": "the site", "Paginator": "a list's paginator"}[m[3]]
	if what == "" {
		what = "a " + strings.ToLower(m[3])
	}
	hint := "casebook's docs/layouts.md lists what layouts can use"
	if t := layoutTypes[m[3]]; t != nil {
		if s := diag.DidYouMean(m[2], namesOf(t)); s != "" {
			hint = s
		}
	}
	return fmt.Sprintf("%s has no field `%s` (in {{%s}})", what, m[2], m[1]), hint
}

// layoutTypes are the types a layout reads fields of, by name.
var layoutTypes = map[string]reflect.Type{
	"Page": reflect.TypeFor[*site.Page](), "Data": reflect.TypeFor[Data](),
	"Site": reflect.TypeFor[*site.Site](), "Paginator": reflect.TypeFor[*site.Paginator](),
}

// namesOf lists what a layout can name on a value of type t: its exported
// fields and methods.
func namesOf(t reflect.Type) []string {
	var names []string
	for m := range t.Methods() {
		names = append(names, m.Name)
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for f := range t.Fields() {
		if f.IsExported() {
			names = append(names, f.Name)
		}
	}
	return names
}

func funcs(cfg *config.Config, words *i18n.Table, isStatic func(string) bool) template.FuncMap {
	return template.FuncMap{
		// rel gives a site-relative path its base path: {{rel "css/casebook.css"}}.
		// A static file is the whole site's; anything else is a page of
		// the edition's language ({{rel "feed.xml"}} is /es/feed.xml in
		// Spanish).
		"rel": func(p string) string {
			p = strings.TrimPrefix(p, "/")
			if isStatic != nil && isStatic(p) {
				return cfg.Root() + p
			}
			return cfg.BasePath + p
		},
		// abs gives a URL (already carrying the base path) its scheme and host.
		"abs":     func(u string) string { return absolute(cfg, u) },
		"date":    words.Date,
		"isodate": func(t time.Time) string { return t.Format(time.DateOnly) },
		"number":  words.Number,
		// percent writes a share as the language does: 38.5%, 38.5 %.
		"percent": func(x float64) string { s, _ := words.T("percent", "n", words.Decimal(x)); return s },
		// T is the interface text for a key, with {name} filled from
		// name, value pairs: {{T "stage_of" "n" 2 "last" 9}}.
		"T": func(key string, args ...any) (string, error) {
			s, ok := words.T(key, args...)
			if !ok {
				if near := diag.Suggest(key, words.Keys()); near != "" {
					return "", fmt.Errorf("no interface text has the key %q; did you mean %q? If not, add it to i18n/%s.toml", key, near, cfg.Language)
				}
				return "", fmt.Errorf("no interface text has the key %q; add it to i18n/%s.toml", key, cfg.Language)
			}
			return s, nil
		},
		// N is a counted phrase for n: {{N "case_studies" 3}} is "3 case studies".
		"N": func(key string, n int) (string, error) {
			s, ok := words.Count(key, n)
			if !ok {
				return "", fmt.Errorf("no interface text has the counted phrase %q; add [%s] with one and other to i18n/%s.toml", key, key, cfg.Language)
			}
			return s, nil
		},
		// searchText is the texts search.js shows, as JSON.
		"searchText": func() (template.JS, error) {
			b, err := json.Marshal(words.Prefixed("js_"))
			return template.JS(b), err
		},
		// band and bandShort name a district band in the language.
		"band":      func(b any) string { return bandText(words, b, "") },
		"bandShort": func(b any) string { return bandText(words, b, "_short") },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return "1 " + one
			}
			return strconv.Itoa(n) + " " + many
		},
		"join":      strings.Join,
		"hasPrefix": strings.HasPrefix,
		"add":       func(a, b int) int { return a + b },
		// first keeps the first n pages of a list: {{range first 8 .CaseStudies}}.
		"first": func(n int, pages []*site.Page) []*site.Page { return pages[:max(0, min(n, len(pages)))] },
		"year":  func(t time.Time) int { return t.Year() },
		// dict passes several values to a partial:
		// {{template "partials/section-list.html" (dict "Page" .Page "Empty" "Nothing yet.")}}.
		"dict": dict,
		// themeStyle is the [theme] colors as stylesheet variables.
		"themeStyle": func() template.CSS { return themeStyle(cfg.Theme) },
	}
}

// bandText is a band's label, or its short form, in the language.
func bandText(words *i18n.Table, band any, suffix string) string {
	var b *site.Band
	switch v := band.(type) {
	case *site.Band:
		b = v
	case site.Band:
		b = &v
	}
	if b == nil {
		return ""
	}
	if suffix != "" {
		return words.Or(b.TextKey()+suffix, b.Short)
	}
	return words.Or(b.TextKey(), b.Label)
}

// dict builds a map from alternating keys and values.
func dict(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, errors.New("dict needs pairs of a key and a value; the last key has no value")
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict keys are text in quotes; key %d is %v", i/2+1, pairs[i])
		}
		m[k] = pairs[i+1]
	}
	return m, nil
}

// absolute turns a path carrying the base path into a full URL when the
// site's base URL has a host. A URL that already has a scheme or host (an
// image on another site) is returned as it is.
func absolute(cfg *config.Config, u string) string {
	if !cfg.Absolute() || !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return u
	}
	return strings.TrimSuffix(cfg.BaseURL, cfg.BasePath) + u
}
