// Package render turns a site graph into outputs: every page through its
// html/template layout, the feeds, sitemap, robots.txt and 404 page, and the
// theme's and site's static files. It plans outputs and renders them on
// demand; package build decides where the bytes go.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/packed"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
)

// Output is one file of the built site.
type Output struct {
	Path   string // inside the output folder, forward slashes
	Source string // the site file it comes from, for messages; "" when generated
	Media  string // media type, for minifying; "" leaves the bytes alone
	// Minified is set when Render writes minified bytes already: a page
	// made of minified layouts and minified content.
	Minified bool
	// Render writes the file's bytes to w. It reports template problems to
	// diags and returns false when it produced nothing usable; the error is
	// for system failures. Callers pass pooled buffers, which is why it
	// writes rather than returns: most of a large build's garbage was
	// buffers regrown page after page.
	Render func(w *bytes.Buffer, diags *diag.List) (ok bool, err error)
	// Key digests what the output's bytes depend on, when the plan was
	// given fingerprints: an output whose key is unchanged since the last
	// build, with the same layouts and configuration, has the same bytes.
	// It is 0 for copied files, whose bytes are their source file's.
	Key uint64
	// Later is set on the later pages of a long list (page 2 on): the
	// development server may bring them up to date a moment after the
	// pages an author is looking at, since one new entry shifts every
	// one of them.
	Later bool
	// Index is set on the search index's files and on the search page,
	// which carries the index's manifest.
	Index bool
}

// Data is what a layout receives as dot.
type Data struct {
	Site *site.Site
	Page *site.Page
}

// Renderer renders a site with a theme.
type Renderer struct {
	cfg    *config.Config
	tpl    *templates
	static []File
	root   string
	// customLayouts is set when the site has layouts of its own.
	customLayouts bool
	// searchKey digests the search index's manifest of the last plan: the
	// search page carries it.
	searchKey uint64
	// searchCache keeps the index's compressed files from plan to plan.
	searchCache search.Cache
	pics        pictures
	// words is the interface text of cfg.Language. prefix is where the
	// pages of an edition in another language than the site's default
	// go ("es/"), "" for the default: an edition publishes its pages,
	// feeds, 404 page and search index, and the default edition everything
	// shared (static files, pictures, sitemap, robots.txt).
	words  *i18n.Table
	prefix string
}

// New loads the theme's layouts and lists its static files, for the pages
// of cfg.Language: the site's default language, or with cfg an edition's
// configuration (config.Edition), that edition's. The interface text of
// the language is read from casebook's tables and the site's i18n folder.
func New(theme *Theme, cfg *config.Config, diags *diag.List) (*Renderer, error) {
	words := i18n.Load(theme.root, cfg.Language, i18n.SiteKeys(theme.root, cfg.Languages), diags)
	if cfg.Language != cfg.DefaultLanguage() {
		cfg = withSiteText(cfg, words)
	}
	layouts, err := theme.Files("layouts", diags)
	if err != nil {
		return nil, err
	}
	static, err := theme.Files("static", diags)
	if err != nil {
		return nil, err
	}
	isStatic := staticIndex(static)
	tpl, err := loadTemplates(layouts, cfg, words, isStatic, diags)
	if err != nil {
		return nil, err
	}
	custom := false
	for _, f := range layouts {
		custom = custom || !strings.HasPrefix(f.Path, defaultThemePrefix)
	}
	r := &Renderer{cfg: cfg, tpl: tpl, static: static, root: theme.root, customLayouts: custom,
		words: words, prefix: strings.TrimPrefix(cfg.BasePath, cfg.Root())}
	r.pics.cache = sharedPictures
	return r, nil
}

// SpillPartials keeps the HTML partialCached renders for pages in spill,
// once keep bytes of it are in memory (per renderer, so per language),
// and reads it back each time it is shown. A one-off build keeps a card
// for every page that any list shows: at 100,000 case studies some
// 100 MB, the largest thing that grows while pages render. Entries the
// development server keeps across builds stay in memory.
func (r *Renderer) SpillPartials(spill *packed.Spill, keep int64) {
	r.tpl.cache.spill, r.tpl.cache.keep = spill, keep
}

// PartialsKept is how much of the pages' partials a one-off build keeps
// in memory before it spills the rest: reading one back costs a system
// call, which at 10,000 case studies, whose cards come to some 10 MB, was
// 3% of the build's CPU.
const PartialsKept = 32 << 20

// PartialsCached counts the partials partialCached holds: for tests that
// check the cache does not grow without bound across rebuilds.
func (r *Renderer) PartialsCached() int { return r.tpl.cache.len() }

// CustomLayouts reports whether the site has layouts of its own, beside or
// instead of the default theme's.
func (r *Renderer) CustomLayouts() bool { return r.customLayouts }

// StaticExists reports whether a static file exists, by its path under
// static/.
func (r *Renderer) StaticExists() func(rel string) bool { return staticIndex(r.static) }

// Plan lists every output of the site, in a fixed order, and starts a new
// build for partialCached. A static file or a file beside the pages that
// would land on the same path as a page, feed or other file is reported and
// left out, so nothing is overwritten by chance. With fingerprints (fp may
// be nil), each generated output gets its Key.
func (r *Renderer) Plan(s *site.Site, fp *site.Fingerprints, diags *diag.List) []Output {
	r.tpl.cache.reset(s, fp)
	index, _ := r.searchOutputs(s, nil, false)
	outs := r.planPages(s, fp, false)
	outs = append(outs, index...)
	return dropCollisions(append(outs, r.planFiles(s)...), diags)
}

// StaticFiles lists the theme's and the site's static files.
func (r *Renderer) StaticFiles() []File { return r.static }

// Words is the interface text of the renderer's language.
func (r *Renderer) Words() *i18n.Table { return r.words }

// Config is the configuration the renderer renders with: for an edition
// in another language, with the site's title and description in it.
func (r *Renderer) Config() *config.Config { return r.cfg }

// withSiteText gives an edition's configuration the site's own text in
// its language, where the site's table has it.
func withSiteText(cfg *config.Config, words *i18n.Table) *config.Config {
	c := *cfg
	if c.IllustrativeNote == config.DefaultIllustrativeNote {
		c.IllustrativeNote, _ = words.T("default_illustrative_note")
	}
	for key, dst := range map[string]*string{"site_title": &c.Title, "site_description": &c.Description, "illustrative_note": &c.IllustrativeNote} {
		if s, ok := words.Own(key); ok {
			*dst = s
		}
	}
	return &c
}

// PlanStale is Plan without the search index: the development server's
// plan after a save, so the save shows in its pages before the index,
// which reads every body, is made again (PlanSearch). The search page
// keeps the last index's manifest and key until then.
func (r *Renderer) PlanStale(s *site.Site, fp *site.Fingerprints, diags *diag.List) []Output {
	r.tpl.cache.reset(s, fp)
	outs := r.planPages(s, fp, false)
	return dropCollisions(append(outs, r.planFiles(s)...), diags)
}

// PlanBuild is Plan for a build, which renders every output once: the
// search index is built on the side while the other outputs render, since
// it needs no layout and they need no index. It returns the outputs to
// render now and a function that waits for the index and returns its
// files, the search page (which carries the index's manifest) and any
// static file under search/ (which must give way to them).
func (r *Renderer) PlanBuild(s *site.Site, diags *diag.List) (now []Output, later func(*diag.List) []Output) {
	r.tpl.cache.reset(s, nil)
	index := make(chan []Output, 1)
	r.tpl.searchBuilding.Add(1)
	go func() {
		defer r.tpl.searchBuilding.Done()
		outs, _ := r.searchOutputs(s, nil, true)
		index <- outs
	}()
	var held []Output
	now = r.planPages(s, nil, true)
	for _, o := range r.planFiles(s) {
		if strings.HasPrefix(o.Path, searchDir) {
			held = append(held, o)
		} else {
			now = append(now, o)
		}
	}
	later = func(diags *diag.List) []Output {
		outs := append(<-index, r.pageOutput(s, s.Search))
		return dropCollisions(append(outs, held...), diags)
	}
	return dropCollisions(now, diags), later
}

// searchDir is the folder of the search page and its index.
const searchDir = "search/"

// planPages lists every generated output but the search index's files: the
// pages (the search page too, unless once), 404, feeds, sitemap and
// robots.txt.
//
// once is set for a build that renders every output once (PlanBuild): the
// search page waits for the index, and bodies are let go as their pages
// are written (bodyOnce).
func (r *Renderer) planPages(s *site.Site, fp *site.Fingerprints, once bool) []Output {
	outs := make([]Output, 0, len(s.Pages)+8)
	var keys []uint64
	var sitemap uint64
	if fp != nil {
		// The sitemap's digest goes over every page too, on the side.
		var wg sync.WaitGroup
		if r.prefix == "" {
			wg.Go(func() { sitemap = sitemapKey(s) })
		}
		keys = fp.PageKeys(s.Pages)
		wg.Wait()
	}
	for i, p := range s.Pages {
		if p.Kind == site.KindSearch && once {
			continue
		}
		o := r.pageOutput(s, p)
		if once {
			o = r.bodyOnce(s, p, o)
		}
		if fp != nil {
			o.Key = keys[i]
			if p.Kind == site.KindSearch {
				o.Key ^= r.searchKey
			}
		}
		outs = append(outs, o)
	}
	notFound := r.notFound(s)
	if fp != nil {
		notFound.Key = fp.Global()
	}
	outs = append(outs, notFound)
	outs = append(outs, r.feeds(s, fp)...)
	if r.prefix != "" {
		return outs // the default edition's sitemap lists every edition
	}
	sitemapOut, robots := r.sitemap(s), r.robots()
	if fp != nil {
		sitemapOut.Key, robots.Key = sitemap, 1
	}
	return append(outs, sitemapOut, robots)
}

// planFiles lists the files copied as they are: the theme's and the
// site's static files and the files beside the pages. They come after the
// generated outputs, so a stray file loses a collision.
func (r *Renderer) planFiles(s *site.Site) []Output {
	if r.prefix != "" {
		return nil // published once, by the default edition
	}
	var outs []Output
	for _, f := range r.static {
		outs = append(outs, Output{Path: f.Rel, Source: f.Path, Media: mediaType(f.Rel), Render: r.copied(f.Path, f.Read)})
	}
	shown := map[string]bool{}
	for _, f := range s.PictureFiles {
		shown[f.Source] = true
	}
	for _, a := range s.Assets {
		if shown[a.Path] {
			continue // published where the pages that show it or link to it are (pictureOutputs)
		}
		// Anything else stays where it lies, for raw HTML or a layout
		// that names it.
		full := filepath.Join(r.root, filepath.FromSlash(a.Path))
		outs = append(outs, Output{Path: a.Rel, Source: a.Path, Media: mediaType(a.Rel), Render: r.copied(a.Path, func() ([]byte, error) { return fsutil.ReadFile(full) })})
	}
	return append(outs, r.pictureOutputs(s)...)
}

// LetGoOfSite drops what the renderer keeps of the last site it planned
// (the fingerprints its cached partials were checked against), so that
// site can be collected while the next one is built; the next Plan
// starts from the cache entries alone.
func (r *Renderer) LetGoOfSite() { r.tpl.cache.fp = nil }

// PlanPages lists the outputs of some pages of the site only: the
// development server's plan when only those pages' bodies changed since
// the last Plan, which gave the site and its fingerprints. The search
// index reads every body, so it is out of date until PlanSearch.
func (r *Renderer) PlanPages(s *site.Site, pages []*site.Page) []Output {
	r.tpl.cache.resetPages()
	outs := make([]Output, len(pages))
	for i, p := range pages {
		outs[i] = r.pageOutput(s, p)
	}
	return outs
}

// PlanSearch lists the outputs of the search index and the search page
// alone, for the site as it is now: what PlanPages leaves out of date.
// When stop (which may be nil) says so while the index is made, it gives
// up, returns false and leaves the last index in place.
func (r *Renderer) PlanSearch(s *site.Site, stop func() bool) ([]Output, bool) {
	r.tpl.cache.resetPages()
	index, ok := r.searchOutputs(s, stop, false)
	if !ok {
		return nil, false
	}
	page := r.pageOutput(s, s.Search)
	page.Key = r.searchKey // the search page shows nothing else a body edit changes
	return append(index, page), true
}

// dropCollisions keeps the first output for each path and reports the
// others. Generated outputs come first in a plan, so a stray file loses.
func dropCollisions(outs []Output, diags *diag.List) []Output {
	first := make(map[string]int, len(outs)) // path → index in kept
	kept := outs[:0]
	for _, o := range outs {
		if i, taken := first[o.Path]; taken {
			what := "the page or file casebook generates there"
			if prev := kept[i]; prev.Source != "" {
				what = prev.Source
			}
			diags.Errorf(o.Source, 0, 0, "rename or remove it", "this file would be published at /%s and replace %s", o.Path, what)
			continue
		}
		first[o.Path] = len(kept)
		kept = append(kept, o)
	}
	return kept
}

// outputPath is where a page URL lives on disk: pretty URLs end in /, which
// a static host serves as index.html.
func (r *Renderer) outputPath(url string) string {
	rel := url[len(r.cfg.Root()):]
	if rel == "" || strings.HasSuffix(rel, "/") {
		return rel + "index.html" // what path.Join gives, with one allocation
	}
	return path.Join(rel, "index.html")
}

// layoutFor lists the layouts a page may use, most specific first.
func layoutFor(p *site.Page) []string {
	switch p.Kind {
	case "home":
		return []string{"index.html"}
	case "list":
		return []string{p.Section + "/list.html", "list.html"}
	case "page":
		return []string{"page.html", "single.html"}
	case site.KindPaged:
		return []string{p.Section + "/paged.html", "paged.html"}
	case site.KindSearch:
		return []string{"search.html"}
	}
	return []string{p.Section + "/single.html", "single.html"}
}

func (r *Renderer) pageOutput(s *site.Site, p *site.Page) Output {
	return Output{Path: r.outputPath(p.URL), Source: p.Path, Media: "text/html", Minified: r.tpl.minified,
		Later: p.Paginator != nil && p.Paginator.Number > 1, Index: p.Kind == site.KindSearch,
		Render: func(w *bytes.Buffer, diags *diag.List) (bool, error) {
			return r.execute(w, layoutFor(p), Data{Site: s, Page: p}, diags)
		}}
}

// bodyOnce makes o, the output of page p in a build that renders every
// output once, let p's body go once it is written. Only the default
// theme is known to show a page's body on that page alone (and a long
// list's on its first page alone, hence no page with a Paginator); a
// site's own layouts may show any page's body anywhere.
func (r *Renderer) bodyOnce(s *site.Site, p *site.Page, o Output) Output {
	if r.customLayouts || p.Paginator != nil {
		return o
	}
	render := o.Render
	o.Render = func(w *bytes.Buffer, diags *diag.List) (bool, error) {
		ok, err := render(w, diags)
		s.ReleaseContent(p)
		return ok, err
	}
	return o
}

func (r *Renderer) notFound(s *site.Site) Output {
	p := &site.Page{Kind: "404", URL: r.cfg.BasePath + "404.html", Lang: r.cfg.Language}
	p.Title, _ = r.words.T("not_found_title")
	return Output{Path: r.prefix + "404.html", Media: "text/html", Minified: r.tpl.minified, Render: func(w *bytes.Buffer, diags *diag.List) (bool, error) {
		return r.execute(w, []string{"404.html"}, Data{Site: s, Page: p}, diags)
	}}
}

// execute runs the first existing layout of names into w. A missing layout
// or a failing template is a diagnostic, not a Go error; a body that
// could not be read back is the system's failure, not the layout's, and
// is returned.
func (r *Renderer) execute(w *bytes.Buffer, names []string, data Data, diags *diag.List) (bool, error) {
	set := r.tpl.lookup(r.tpl.sets, names...)
	if set == nil {
		diags.Errorf("layouts/"+names[0], 0, 0, "add the layout, or remove the override that replaced the default theme", "there is no layout for %s", data.Page.URL)
		return false, nil
	}
	if err := r.tpl.run(set, w, data); err != nil {
		if re, ok := errors.AsType[*packed.ReadError](err); ok {
			where := data.Page.Path
			if where == "" { // a page the build made, such as a list's second
				where = data.Page.URL
			}
			return false, fmt.Errorf("%s: %w", where, re)
		}
		r.tpl.report(r.asWritten(names, data, err), diags)
		return false, nil
	}
	return true, nil
}

// asWritten returns the error the layout as written gives for data, whose
// line, column and words are the author's, where err came from the set
// that ran: minified, or with T calls folded.
func (r *Renderer) asWritten(names []string, data Data, err error) error {
	set := r.tpl.lookup(r.tpl.asWritten(), names...)
	if set == nil {
		return err
	}
	if err2 := set.ExecuteTemplate(io.Discard, baseName, data); err2 != nil {
		return err2
	}
	return err
}

func mediaType(name string) string {
	switch path.Ext(name) {
	case ".html", ".htm":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json", ".webmanifest":
		return "application/json"
	case ".xml":
		return "application/xml"
	}
	return ""
}
