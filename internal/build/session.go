package build

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/blob"
	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/watch"
)

// A Session builds a site into memory again and again, as the development
// server does after every save, and redoes only what the changed files call
// for:
//
//   - only changed pages are read and decoded again (content.Loader);
//   - only their bodies are converted again, unless files appeared or went
//     away, which can change where any link leads (site.Memo);
//   - when every changed file kept its frontmatter text and its body's
//     links and headings lead where they did, the new bodies are converted
//     into the last build's graph and only their pages are rendered
//     (site.ReplaceBodies): the common save, a few milliseconds, in every
//     edition that shows the page's text (a translation's staleness is
//     said again); the search index, which reads every body, follows in
//     Settle;
//   - when only pages of the kinds with a folder (themes, stages,
//     districts, problems, case studies, resources) changed, came or went,
//     on a site in one language, the graph is worked out again over the
//     last build's pages: only those files are read into their pages,
//     and only the references they may change resolved again
//     (site.ReplacePages);
//   - otherwise the site graph is rebuilt whole;
//   - only outputs whose fingerprint changed are rendered again
//     (site.Fingerprints), and copied files only when their source changed;
//     the later pages of long lists, which one new entry shifts by the
//     hundred, and all but the saved files' own pages when more than
//     manyOutputs changed, follow in Settle unless a browser shows them;
//   - a layout or configuration change renders everything.
//
// What it holds between saves is what the next one needs: every output,
// compressed (internal/blob), and the decoded pages without their files'
// text. A rebuild hands out only what changed (Changes), so the server's
// work per save follows the save, not the site.
//
// Whatever the sequence of changes, a rebuild's files equal those of a
// clean build of the same sources; the session tests hold it to that.
type Session struct {
	opts      Options
	cfg       *config.Config
	converter *markdown.Converter
	loader    *content.Loader
	memo      *site.Memo
	// editions keeps the renderers and converted bodies of the editions
	// in other languages.
	editions *editionState
	renderer *render.Renderer
	last     map[string]rendered // the last good build, by output path
	// fresh is set when the next build must render every output, whatever
	// the fingerprints say (the configuration or the layouts changed);
	// last stays, to say what changed.
	fresh bool
	// good is the last build's graph, in every language, and its
	// problems, when it succeeded and nothing has been loaded since;
	// otherwise its graph is nil, and the next rebuild cannot take the
	// body-only fast path.
	good lastGood
	// searchStale is set when the last good build's search index reads
	// older bodies than its pages show; deferred lists the later pages of
	// long lists the last good build left as they were (see Settle).
	searchStale bool
	deferred    []render.Output
	// open says whether a browser shows the output at a path: such a page
	// is rendered at once, deferred or not (see Open).
	open func(path string) bool
	// waiting says whether a save is on its way: Settle stops between
	// batches when it is (see Interrupt).
	waiting func() bool
	// unsettled holds every file changed since the last good build: a file
	// changed while the site had errors still counts as changed when they
	// are fixed.
	unsettled map[string]bool
	// cfgDiags and themeDiags are what casebook.toml and the layouts gave when
	// last read; every build reports them.
	cfgDiags, themeDiags diag.List
	// pictures keeps the widths of the pictures pages show; pruned once
	// the first build has asked for every one the site shows.
	pictures *images.Cache
	pruned   bool
}

// rendered is one output of the last good build.
type rendered struct {
	key    uint64
	keyed  bool // key is the output's fingerprint; false after the fast path
	source string
	blob   blob.Blob
}

// Stats say how much a rebuild redid.
type Stats struct {
	Rendered int // outputs rendered or copied afresh, but for the search index's
	Indexed  int // the search page and index files written afresh
	Reused   int // outputs kept from the last good build
	Outputs  int // outputs the site has after this build
	// Deferred counts the pages left as they were (the later pages of
	// long lists, the rest of a save that changed many), and SearchStale
	// says the search index still reads the bodies before this rebuild's
	// edits: call Session.Settle.
	Deferred    int
	SearchStale bool
	// BodiesOnly says the rebuild converted new bodies into the last
	// build's graph instead of building it again (site.ReplaceBodies).
	BodiesOnly bool
	// Relinked says the rebuild worked the graph out again over the last
	// build's pages, for pages changed, added or removed
	// (site.ReplacePages), instead of building it anew.
	Relinked bool
	Duration time.Duration
}

// Changes are what a rebuild changed in the site's outputs: the
// development server takes them instead of the whole site, so a save
// costs what it changed rather than what the site holds.
type Changes struct {
	Put  map[string]blob.Blob // outputs new, or with other bytes than before
	Gone []string             // outputs the site no longer has
}

// diff lists what next changed against last, where every output of next
// but those at the paths in fresh was kept from last as it was: only
// fresh outputs can differ, and last's outputs are looked for in next only
// when next does not hold them all.
func diff(last, next map[string]rendered, fresh []string) *Changes {
	ch := &Changes{Put: map[string]blob.Blob{}}
	added := 0
	for _, p := range fresh {
		r, made := next[p]
		if !made {
			continue // not rendered after all: gone, if last had it
		}
		if _, ok := last[p]; !ok {
			added++
		}
		ch.put(last, p, r)
	}
	if len(next)-added == len(last) {
		return ch // next holds every path of last
	}
	for p := range last {
		if _, ok := next[p]; !ok {
			ch.Gone = append(ch.Gone, p)
		}
	}
	slices.Sort(ch.Gone)
	return ch
}

// put records r as the output at p, unless last holds the same bytes there.
func (ch *Changes) put(last map[string]rendered, p string, r rendered) {
	if old, ok := last[p]; !ok || !blob.Same(old.blob, r.blob) {
		ch.Put[p] = r.blob
	}
}

// count adds rendered outputs to the stats: the search page, its manifest
// and its index files count as the index's.
func (st *Stats) count(outs []render.Output) {
	for _, o := range outs {
		if o.Index {
			st.Indexed++
		} else {
			st.Rendered++
		}
	}
}

// NewSession starts a session for opts (Out is not used: nothing is
// written).
func NewSession(opts Options) *Session { return &Session{opts: opts} }

// Rebuild builds the site and returns what changed in its outputs since
// the last good build (the first build puts every output); Files has them
// all. changed lists the source files that changed since the last call, relative
// to the site root with forward slashes ("content/themes/x.md",
// "layouts/partials/card.html", "static/css/casebook.css", "casebook.toml");
// the first call builds everything whatever it is given. When the sources
// have errors, the changes are nil, the problems are in diags, and the
// next Rebuild still compares with the last good build.
func (s *Session) Rebuild(changed []string, diags *diag.List) (out *Changes, st Stats, err error) {
	start := time.Now()
	last := s.good
	s.good = lastGood{} // until this build succeeds
	if s.unsettled == nil {
		s.unsettled = map[string]bool{}
	}
	for _, c := range changed {
		s.unsettled[c] = true
	}
	// The build's own problems, added to the caller's list at the end:
	// the last good build keeps exactly these.
	var own diag.List
	out, st, err = s.rebuild(sortChanges(changed), sortChanges(slices.Collect(maps.Keys(s.unsettled))), last, &own)
	diags.Merge(own)
	if out != nil {
		clear(s.unsettled)
		st.Outputs = len(s.last)
	}
	st.Duration = time.Since(start)
	return out, st, err
}

// lastGood is the site graph of the last good build, in every language,
// and its problems.
type lastGood struct {
	graph  *site.Site
	others []edition
	diags  diag.List
}

// rebuild builds for the changes of this call (ch) and those since the
// last good build (since), reporting to diags, a list of its own.
func (s *Session) rebuild(ch, since changes, last lastGood, diags *diag.List) (out *Changes, st Stats, err error) {
	graph := last.graph
	if graph != nil && len(since.files) == 0 {
		// Nothing a build reads changed (an editor's swap file, say).
		s.good = last
		diags.Merge(last.diags)
		st.Reused, st.SearchStale, st.Deferred = len(s.last), s.searchStale, len(s.deferred)
		return &Changes{}, st, nil
	}
	if s.cfg == nil || ch.config {
		if ok, err := s.loadConfig(); !ok {
			diags.Merge(s.cfgDiags)
			return nil, st, err
		}
	}
	diags.Merge(s.cfgDiags)
	if s.renderer == nil || ch.layouts || ch.static {
		if since.layouts {
			s.fresh = true // the fingerprints say nothing about new layouts
		}
		if !s.loadTheme() {
			diags.Merge(s.themeDiags)
			return nil, st, nil
		}
	}
	diags.Merge(s.themeDiags)
	if since.static || since.assets {
		s.memo.Reset() // links to files, and the sizes of linked documents
		s.editions.reset(true)
	}
	saved := s.savedPages(ch, graph)
	said := make(map[string]diag.List, len(saved)) // what decoding the saved files said before
	var listing diag.List
	if saved != nil {
		listing = s.loader.ListingDiags()
		for p, page := range saved {
			if page != nil {
				said[p] = s.loader.Diags(p)
			}
		}
	}
	relisted, err := s.loader.Update(ch.content)
	if err != nil {
		return nil, st, err
	}
	if saved != nil {
		// Either list is this build's own: the last good build's holds the
		// configuration's and the layouts' warnings.
		var fast diag.List
		if !relisted {
			if out, ok, err := s.replaceBodies(ch.content, saved, last, &st, &fast); ok || err != nil {
				*diags = fast
				return out, st, err
			}
		}
		var relinked diag.List
		if out, ok, err := s.replacePages(ch.content, saved, said, listing, last, since, &st, &relinked); ok || err != nil {
			*diags = relinked
			return out, st, err
		}
	}
	loaded := s.loader.Result(relisted, diags)
	r := s.renderer
	// The last graph is not needed while the next is built: the pages left
	// for Settle, kept unkeyed, are rendered or deferred again below.
	r.LetGoOfSite()
	s.deferred = nil
	graph, err = site.Build(s.cfg, loaded, site.Options{Converter: s.converter, StaticExists: r.StaticExists(), Root: s.opts.Src, Memo: s.memo, Words: r.Words()}, diags)
	if err != nil {
		return nil, st, err
	}
	// The editions in other languages are built whole with the default
	// edition's graph, from renderers and memos of their own; their
	// outputs are compared by fingerprint like the default edition's.
	// They are built even when the default edition has errors, so a save
	// reports what a build would. Which pages are translated shows where
	// each page does (its alternates, its lang marks): the fingerprints
	// cover it.
	all, _, err := editions(s.opts, s.cfg, loaded, edition{site: graph, r: r}, s.editions, nil, diags)
	if err != nil || diags.HasErrors() {
		return nil, st, err
	}
	out, err = s.finish(graph, all, since, &st, diags)
	return out, st, err
}

// finish plans and renders a rebuild whose graph, in every edition, is
// built, and keeps it as the last good build.
func (s *Session) finish(graph *site.Site, all []edition, since changes, st *Stats, diags *diag.List) (*Changes, error) {
	// After a save, the pages come first and the index a moment later
	// (see Settle), in every edition; the first build, any change to the
	// static files (which may collide with the index's), and a renderer
	// that has made no index yet make the index at once.
	index := s.lastIndex(all)
	stale := len(index) > 0 && !since.static
	for _, e := range all {
		stale = stale && e.r.HasIndex()
	}
	var outs []render.Output
	for _, e := range all {
		fp := site.NewFingerprints(e.site, e.r.CustomLayouts())
		if stale {
			outs = append(outs, e.r.PlanStale(e.site, fp, diags)...)
		} else {
			outs = append(outs, e.r.Plan(e.site, fp, diags)...)
		}
	}
	if diags.HasErrors() {
		return nil, nil
	}
	next, fresh, deferred, err := s.render(outs, since.files, st, diags)
	if err != nil || diags.HasErrors() {
		return nil, err
	}
	if stale {
		maps.Copy(next, index)
		st.SearchStale = true
	}
	out := diff(s.last, next, fresh)
	s.last, s.fresh, s.searchStale, s.deferred = next, false, stale, deferred
	s.good = lastGood{graph: graph, others: all[1:], diags: diags.Clone()}
	if !s.pruned {
		_, _ = s.pictures.Prune() // the first build asked for every width
		s.pruned = true
	}
	s.loader.LetGo()
	return out, nil
}

// lastIndex returns the last good build's search index files and their
// manifests, in every edition: what a rebuild keeps serving while a new
// index is made.
func (s *Session) lastIndex(all []edition) map[string]rendered {
	index := map[string]rendered{}
	if s.fresh {
		return index // made with other layouts or settings
	}
	for p, o := range s.last {
		for _, e := range all {
			if e.r.IndexFile(p) {
				index[p] = o
				break
			}
		}
	}
	return index
}

// Files lists the last good build's outputs by path.
func (s *Session) Files() map[string]blob.Blob {
	files := make(map[string]blob.Blob, len(s.last))
	for p, o := range s.last {
		files[p] = o.blob
	}
	return files
}

// savedPages returns, when the changes could be saves of pages in the
// site's own language of the last good build (graph) or of new files, the
// pages the loader has for the changed files before it reloads them (nil
// for a file it has none for); otherwise nil.
//
// On a site in several languages, a translation's body takes the full
// rebuild; a page's own qualifies, translated or not (see replaceBodies).
func (s *Session) savedPages(ch changes, graph *site.Site) map[string]*content.Page {
	if graph == nil || ch.config || ch.layouts || ch.static || ch.assets || len(ch.content) == 0 || s.loader.HasLinks() {
		return nil
	}
	before := make(map[string]*content.Page, len(ch.content))
	for _, p := range ch.content {
		if before[p] = s.loader.Page(p); before[p] != nil && before[p].Lang != "" {
			return nil
		}
	}
	return before
}

// versionsAfter says again, for each translation of the edited sources,
// whether it is stale (content.CheckVersion): the only thing a body edit
// changes in a translation's problems. It returns the problems to take
// back and to add.
func (s *Session) versionsAfter(sources []*content.Page) (retracted, found diag.List) {
	for _, src := range sources {
		for _, lang := range s.cfg.Languages[1:] {
			trPath := content.TranslationPath(src.Path, lang)
			old, ok := s.editions.versions[trPath]
			tr := s.loader.Page(trPath)
			if !ok || tr == nil {
				continue
			}
			var said diag.List
			content.CheckVersion(s.opts.Src, src, tr, &said)
			retracted.Merge(old)
			found.Merge(said)
			s.editions.versions[trPath] = said
		}
	}
	return retracted, found
}

// replaceBodies takes the fast path when every changed file kept its
// frontmatter text; ok is false when the change needs a full rebuild.
func (s *Session) replaceBodies(paths []string, before map[string]*content.Page, last lastGood, st *Stats, diags *diag.List) (out *Changes, ok bool, err error) {
	graph, prev := last.graph, last.diags
	sources := make([]*content.Page, 0, len(paths))
	for _, p := range paths {
		now := s.loader.Page(p)
		if now == nil || before[p] == nil || !content.SameFrontmatter(before[p], now) {
			return nil, false, nil
		}
		sources = append(sources, now)
	}
	edit, ok, err := graph.ReplaceBodies(sources)
	if !ok || err != nil {
		return nil, ok, err
	}
	outs := s.renderer.PlanPages(graph, edit.Pages)
	// An edition in another language shows the same text where the page
	// has no translation, and its problems are the default edition's;
	// where it has one, only whether the translation is stale changes.
	// Should an edition refuse, the full rebuild that follows reads every
	// page afresh.
	for _, e := range last.others {
		var same []*content.Page
		for _, src := range sources {
			if e.site.Untranslated(src.Path) {
				same = append(same, src)
			}
		}
		if len(same) == 0 {
			continue
		}
		edited, ok, err := e.site.ReplaceBodies(same)
		if !ok || err != nil {
			return nil, ok, err
		}
		outs = append(outs, e.r.PlanPages(e.site, edited.Pages)...)
	}
	all := prev.Clone()
	all.Subtract(edit.Retracted)
	all.Merge(edit.Found)
	if len(last.others) > 0 {
		retracted, found := s.versionsAfter(sources)
		all.Subtract(retracted)
		all.Merge(found)
	}
	diags.Merge(all)
	if diags.HasErrors() {
		return nil, true, nil
	}
	pages := make(map[string]rendered, len(outs))
	// Not keyed: the fingerprint was not worked out, so the next full
	// rebuild renders the page again rather than trust an old key.
	if err := s.renderInto(pages, outs, false, diags); err != nil || diags.HasErrors() {
		return nil, true, err
	}
	st.count(outs)
	st.Reused = len(s.last) - st.Rendered
	st.SearchStale, st.Deferred, st.BodiesOnly = true, len(s.deferred), true
	out = s.keep(pages, nil)
	s.good, s.searchStale = lastGood{graph: graph, others: last.others, diags: all}, true
	s.loader.LetGo()
	return out, true, nil
}

// replacePages takes the path for saves that change, add or remove
// pages of the kinds with a folder (site.ReplacePages), on a site in one
// language; ok is false when the save needs a full rebuild. saved holds
// the changed files' pages before the save, said what decoding them said,
// and listing what listing the files said.
func (s *Session) replacePages(paths []string, saved map[string]*content.Page, said map[string]diag.List, listing diag.List, last lastGood, since changes, st *Stats, diags *diag.List) (out *Changes, ok bool, err error) {
	if len(last.others) > 0 {
		return nil, false, nil
	}
	var sources []*content.Page
	var gone []string
	for _, p := range paths {
		switch src := s.loader.Page(p); {
		case src != nil:
			sources = append(sources, src)
		case s.loader.Listed(p) || saved[p] == nil:
			return nil, false, nil // there, but not a page; or never was
		default:
			gone = append(gone, p)
		}
	}
	if s.loader.Read() > len(sources) {
		return nil, false, nil // a new listing changed other pages' hints
	}
	edit, ok, err := last.graph.ReplacePages(sources, gone)
	if !ok || err != nil {
		return nil, ok, err
	}
	all := last.diags.Clone()
	all.Subtract(edit.Retracted)
	all.Subtract(listing)
	for _, d := range said {
		all.Subtract(d)
	}
	all.Merge(s.loader.ListingDiags())
	for _, src := range sources {
		all.Merge(s.loader.Diags(src.Path))
	}
	all.Merge(edit.Found)
	diags.Merge(all)
	if diags.HasErrors() {
		return nil, true, nil
	}
	s.renderer.LetGoOfSite()
	s.deferred, st.Relinked = nil, true
	out, err = s.finish(last.graph, []edition{{site: last.graph, r: s.renderer}}, since, st, diags)
	return out, true, err
}

// keep puts outputs into the last good build and takes others out of it,
// and returns what that changed.
func (s *Session) keep(put map[string]rendered, gone []string) *Changes {
	out := &Changes{Put: make(map[string]blob.Blob, len(put))}
	for p, r := range put {
		out.put(s.last, p, r)
		s.last[p] = r
	}
	for _, p := range gone {
		if _, ok := s.last[p]; ok {
			delete(s.last, p)
			out.Gone = append(out.Gone, p)
		}
	}
	return out
}

// Settle brings up to date what a Rebuild left behind (Stats.Deferred,
// Stats.SearchStale): the pages left as they were, then the search
// index. It returns what that changed; nil when there was nothing to do.
// The development server serves the edited pages first and the rest a
// moment later, once the author pauses: the index reads every page, and a
// new case study shifts every later page of each list it is on, while a
// save should show in the page being edited at once. When a save is on
// its way (see Interrupt), Settle stops early and says what it left
// (Stats.Deferred, Stats.SearchStale): call it again after that save.
func (s *Session) Settle(diags *diag.List) (out *Changes, st Stats, err error) {
	start := time.Now()
	if (!s.searchStale && len(s.deferred) == 0) || s.good.graph == nil {
		return nil, st, nil
	}
	made := make(map[string]rendered, len(s.deferred))
	done, err := s.settleDeferred(made, diags)
	if err != nil || diags.HasErrors() {
		return nil, st, err
	}
	if done < len(s.deferred) {
		// A save is waiting: what is rendered is served, the rest stays
		// for the next Settle.
		out = s.keep(made, nil)
		st.count(s.deferred[:done])
		s.deferred = s.deferred[done:]
		st.Deferred, st.SearchStale = len(s.deferred), s.searchStale
		st.Reused, st.Outputs, st.Duration = len(s.last)-st.Rendered, len(s.last), time.Since(start)
		return out, st, nil
	}
	var todo []render.Output // the index's files
	var gone []string
	indexed := true
	if s.searchStale {
		// The index's keys digest their bytes, so they hold for any build.
		// An index a save interrupted is made again, in every edition, at
		// the next Settle; an edition's index made before it is served,
		// since its renderer's search page now carries its manifest.
		for _, e := range append([]edition{{site: s.good.graph, r: s.renderer}}, s.good.others...) {
			planned, ok := e.r.PlanSearch(e.site, s.waiting)
			if !ok {
				indexed = false
				break
			}
			index, g := replaceIndex(s.last, planned, e.r.IndexFile)
			todo, gone = append(todo, index...), append(gone, g...)
		}
	}
	if err := s.renderInto(made, todo, true, diags); err != nil || diags.HasErrors() {
		return nil, st, err
	}
	out = s.keep(made, gone)
	st.count(s.deferred)
	st.count(todo)
	st.Reused = len(s.last) - st.Rendered - st.Indexed
	st.Outputs = len(s.last)
	st.Duration = time.Since(start)
	s.searchStale, s.deferred = !indexed, nil
	st.SearchStale = s.searchStale
	return out, st, nil
}

// Open tells the session which outputs a browser shows (by output path,
// "case-studies/page/3/index.html"): a later page of a long list that is
// open is rendered with the save rather than deferred to Settle.
func (s *Session) Open(open func(path string) bool) { s.open = open }

// Interrupt tells the session how to know that a save is on its way:
// Settle then stops after the batch of pages it is rendering, serves
// those, and leaves the rest (and the search index) for the next Settle,
// so the save is not kept waiting behind pages nobody is looking at. An
// index being made gives up within a few milliseconds of being asked
// (search.BuildUnless), where it took the best part of a second to
// finish at 10,000 case studies.
func (s *Session) Interrupt(waiting func() bool) { s.waiting = waiting }

// settleBatch is how many deferred pages Settle renders between two looks
// at whether a save is waiting: about 25 ms of work at 10,000 case studies.
const settleBatch = 256

// settleDeferred renders the deferred pages into made, batch by batch,
// and returns how many it rendered: all of them, unless a save is waiting.
func (s *Session) settleDeferred(made map[string]rendered, diags *diag.List) (done int, err error) {
	for done < len(s.deferred) {
		if done > 0 && s.waiting != nil && s.waiting() {
			return done, nil
		}
		batch := s.deferred[done:min(done+settleBatch, len(s.deferred))]
		if err := s.renderInto(made, batch, true, diags); err != nil || diags.HasErrors() {
			return done, err
		}
		done += len(batch)
	}
	return done, nil
}

// replaceIndex returns the new index's outputs whose bytes differ from
// the last build's, and the last build's index files (of the same
// edition: isIndex) the new index does not have.
func replaceIndex(last map[string]rendered, index []render.Output, isIndex func(string) bool) (changed []render.Output, gone []string) {
	planned := make(map[string]bool, len(index))
	for _, o := range index {
		planned[o.Path] = true
		if prev, ok := last[o.Path]; !ok || o.Key == 0 || prev.key != o.Key {
			changed = append(changed, o)
		}
	}
	for p := range last {
		if isIndex(p) && !planned[p] {
			gone = append(gone, p)
		}
	}
	return changed, gone
}

// loadConfig (re)reads casebook.toml and starts afresh: every cache holds
// what the old configuration made.
func (s *Session) loadConfig() (bool, error) {
	s.cfg, s.renderer, s.fresh = nil, nil, true
	s.cfgDiags = diag.List{}
	cfg, err := loadConfig(s.opts, &s.cfgDiags)
	if err != nil || s.cfgDiags.HasErrors() {
		return false, err
	}
	s.cfg = cfg
	s.converter = converter(cfg)
	s.loader = content.NewLoader(s.opts.Src, content.Options{Drafts: s.opts.Drafts})
	s.memo = site.NewMemo()
	s.editions = newEditionState()
	return true, nil
}

// loadTheme (re)reads the layouts and lists the static files.
func (s *Session) loadTheme() bool {
	s.renderer = nil
	s.themeDiags = diag.List{}
	s.editions.reset(false)
	r, err := render.New(render.NewTheme(s.opts.Theme, s.opts.Src), s.cfg, &s.themeDiags)
	if err != nil {
		s.themeDiags.Errorf("layouts", 0, 0, "", "%v", err)
	}
	if err != nil || s.themeDiags.HasErrors() {
		return false
	}
	if s.pictures == nil {
		s.pictures = pictureCache(s.opts)
	}
	r.SetPictureCache(s.pictures)
	s.renderer = r
	return true
}

// manyOutputs is how many changed pages a save renders at once: a save
// that changes more (a theme's new title shows on every case study that
// names it, 15,000 pages at 10,000 case studies) renders its own files'
// pages and those a browser shows, and leaves the rest for Settle.
const manyOutputs = 100

// render renders the outputs that changed and keeps the rest from the last
// good build; fresh lists the paths it rendered. A page that changed is
// deferred (kept as it was, for Settle to render) when no browser shows
// it, the layouts are the last build's, and it is a later page of a long
// list or one of more than manyOutputs pages that changed, not made from
// a changed file.
func (s *Session) render(outs []render.Output, changedFiles map[string]bool, st *Stats, diags *diag.List) (next map[string]rendered, fresh []string, deferred []render.Output, err error) {
	next = make(map[string]rendered, len(outs))
	var todo []render.Output
	for _, o := range outs {
		prev, ok := s.last[o.Path]
		same := !s.fresh && ok && prev.source == o.Source
		if o.Key != 0 {
			same = same && prev.keyed && prev.key == o.Key
		} else { // a copied file
			same = same && !changedFiles[o.Source] && !s.isLink(o.Source)
		}
		if same {
			next[o.Path] = prev
			st.Reused++
			continue
		}
		todo = append(todo, o)
	}
	later := 0 // the later pages of long lists wait anyway; the rest count
	for _, o := range todo {
		if o.Later {
			later++
		}
	}
	many := len(todo)-later > manyOutputs
	todo = slices.DeleteFunc(todo, func(o render.Output) bool {
		prev, ok := s.last[o.Path]
		wait := o.Later || many && o.Key != 0 && !changedFiles[o.Source]
		if !wait || !ok || s.fresh || s.open != nil && s.open(o.Path) {
			return false
		}
		prev.keyed = false // not this build's bytes: the next rebuild renders or defers it again
		next[o.Path] = prev
		deferred = append(deferred, o)
		return true
	})
	st.count(todo)
	st.Deferred = len(deferred)
	for _, o := range todo {
		fresh = append(fresh, o.Path)
	}
	return next, fresh, deferred, s.renderInto(next, todo, true, diags)
}

// renderInto renders outs in parallel into next; keyed says whether their
// keys are fingerprints the next rebuild may trust.
func (s *Session) renderInto(next map[string]rendered, outs []render.Output, keyed bool, diags *diag.List) error {
	var mu sync.Mutex
	keep := func(o render.Output, b []byte) error {
		r := rendered{key: o.Key, keyed: keyed && o.Key != 0, source: o.Source, blob: blob.Pack(b)} // a copy: b belongs to a pooled buffer
		mu.Lock()
		next[o.Path] = r
		mu.Unlock()
		return nil
	}
	return renderAll(outs, s.cfg.Minify, keep, diags)
}

// isLink reports whether a site file is a symbolic link (to a file inside
// the site, or it would not be listed): its target may have changed under
// another name, so it is always copied afresh.
func (s *Session) isLink(source string) bool {
	if source == "" || strings.HasPrefix(source, "(") { // "(default theme) ...": built in
		return false
	}
	info, err := os.Lstat(filepath.Join(s.opts.Src, filepath.FromSlash(source)))
	return err == nil && info.Mode()&os.ModeSymlink != 0
}

// changes sorts changed source files by what they invalidate.
type changes struct {
	config, layouts, static, assets bool
	content                         []string        // files under content/
	files                           map[string]bool // every changed file
}

// sortChanges sorts changed files by the watcher's classes; a file the
// watcher ignores (an editor's swap file, a hidden file) changes nothing.
func sortChanges(changed []string) changes {
	ch := changes{files: make(map[string]bool, len(changed))}
	for _, c := range changed {
		class, ok := watch.ClassOf(c)
		if !ok {
			continue
		}
		ch.files[c] = true
		switch class {
		case watch.Config:
			ch.config = true
		case watch.Layout:
			ch.layouts = true
		case watch.Static:
			ch.static = true
		case watch.Content:
			ch.content = append(ch.content, c)
			if !strings.EqualFold(path.Ext(c), ".md") {
				ch.assets = true
			}
		}
	}
	return ch
}
