package site

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/packed"
	"github.com/casebook/casebook/internal/parallel"
	"github.com/casebook/casebook/internal/placeholder"
)

// Options are what Build needs besides the pages.
type Options struct {
	Converter *markdown.Converter
	// StaticExists reports whether a file exists in the merged static
	// folders (the site's over the theme's), by its path under static/.
	StaticExists func(rel string) bool
	// Root is the site folder, where the sizes of linked documents (PDF,
	// Office) beside the pages or in static/ are read; "" leaves them out.
	Root string
	// Words is the interface text of the site's language, for the names
	// of sections and lists; nil means English.
	Words *i18n.Table
	// SourceHeadings gives the heading ids of a page of the default
	// language by its path, for its translation's headings to take (see
	// markdown.HeadingIDer); nil in the default edition.
	SourceHeadings func(path string) []string
	// Quiet sends the problems with frontmatter references to a list of
	// their own, dropped: an edition in another language shares its
	// references with the site's own pages, which report them.
	Quiet bool
	// Memo, when set, keeps converted bodies for the next Build, and the
	// loaded pages are left intact for it: they must not change between
	// builds (content.Loader hands out new pages for changed files).
	Memo *Memo
	// Spill, when set, keeps the converted bodies out of memory until
	// their pages render: for a build that renders each page once, not
	// one with a Memo.
	Spill *packed.Spill
}

// builder holds the indexes used while building.
type builder struct {
	site   *Site
	opts   Options
	diags  *diag.List
	bySlug map[content.Kind]map[string]*Page
	byPath map[string]*Page
	// byURL finds a page by its URL without the base path ("themes/x/"),
	// for links written as site addresses.
	byURL  map[string]*Page
	assets map[string]bool // asset paths relative to the site root
	drafts map[string]bool // paths of drafts left out of this build
	paged  []*Page         // the pages of long lists, made by paginate
	// slab is where the pages of the files come from, and listSlab those
	// of long lists, made again by each pagination (see pageSlab).
	slab, listSlab *pageSlab
	probes         *probeCache // the headers of the pictures pages show
	// sources are the loaded pages, by path, and titleDiags what
	// sameTitles said of them: ReplacePages says it again.
	sources    []*content.Page
	titleDiags diag.List
	// refDiags are what resolving the references of every page but the
	// case studies said, and studyDiags what resolving each case study's
	// said, by path (none when it said nothing): ReplacePages resolves
	// them again.
	refDiags   diag.List
	studyDiags map[string]diag.List
	// navDiags are what checkThemeLinks said: a page that comes or goes
	// may be where a link of the navigation leads.
	navDiags diag.List
}

// Build resolves the loaded pages into a Site. Problems go to diags.
func Build(cfg *config.Config, loaded *content.Result, opts Options, diags *diag.List) (*Site, error) {
	b := &builder{
		slab:   &pageSlab{},
		site:   &Site{Config: cfg, Sections: map[string]*Page{}, Assets: loaded.Assets},
		opts:   opts,
		diags:  diags,
		bySlug: map[content.Kind]map[string]*Page{},
		byPath: make(map[string]*Page, len(loaded.Pages)),
		byURL:  make(map[string]*Page, len(loaded.Pages)+16),
		assets: map[string]bool{},
		drafts: map[string]bool{},
	}
	for _, a := range loaded.Assets {
		b.assets[a.Path] = true
	}
	for _, d := range loaded.Drafts {
		b.drafts[d] = true
	}
	if b.opts.Words == nil {
		b.opts.Words = i18n.English()
	}
	b.site.Lang, b.site.words = cfg.Language, b.opts.Words
	b.probes = &probeCache{}
	if opts.Memo != nil {
		opts.Memo.begin(loaded)
		b.probes = opts.Memo.probes
	}
	b.index(loaded.Pages)
	if said := b.resolveRefs(); !opts.Quiet {
		b.diags.Merge(said)
	}
	if err := b.convertAll(); err != nil {
		return nil, err
	}
	b.relate()
	b.reportingTo(&b.navDiags).checkThemeLinks() // kept for ReplacePages
	b.diags.Merge(b.navDiags)
	b.collectPictureFiles()
	if opts.Memo == nil {
		b.releaseSources()
	} else {
		b.site.builder = b
		b.slab = nil // a save's new pages come one by one
	}
	return b.site, nil
}

// releaseSources drops each page's loaded file (its text, if a lean load
// had not let it go, its decoded frontmatter and the fields' positions):
// once every reference and link is checked, layouts need only the page's
// own fields and converted body. At 100,000 case studies the files are
// 200 MB of a build's memory while it renders.
func (b *builder) releaseSources() {
	for _, p := range b.byPath {
		p.source = nil
	}
}

// reportingTo returns a copy of the builder that reports to diags: for
// work done on the side, or whose problems are kept apart. A copy shares
// the builder's slabs, so copies at work side by side must not make pages.
func (b *builder) reportingTo(diags *diag.List) *builder {
	c := *b
	c.diags = diags
	return &c
}

// pageOf makes the page of a loaded file, with its own fields (see
// setFields); the caller gives it its address.
func (b *builder) pageOf(src *content.Page) *Page {
	p := b.slab.next()
	p.Kind, p.Slug, p.Section, p.Path, p.source = string(src.Kind), src.Slug, src.Section, src.Path, src
	b.setFieldsOf(p)
	return p
}

// setFieldsOf sets a page's fields from its loaded file, and what the
// file leaves out from the site: a home page without a title takes the
// site's; a section's file gives its list page only a title (or the
// section's name), a summary and a language.
func (b *builder) setFieldsOf(p *Page) {
	src, cfg := p.source, b.site.Config
	if src.Kind != content.List {
		p.setFields(cfg)
		if src.Kind == content.Home && p.Title == "" {
			p.Title = cfg.Title
		}
		return
	}
	p.setLang(src, cfg)
	p.Title, p.Summary = src.Title, src.Summary
	if p.Title == "" {
		p.Title = b.word("section_" + src.Section)
	}
	p.digests = digests{}
}

// setFields sets the page's fields from its loaded file: its frontmatter
// and its language.
func (p *Page) setFields(cfg *config.Config) {
	p.setMeta(p.source.Meta)
	p.setLang(p.source, cfg)
	p.digests = digests{} // worked out again by the next fingerprints
}

// folderAddress is the address of a page of a kind with a folder, without
// the base path: "case-studies/x/".
func folderAddress(src *content.Page) string { return src.Section + "/" + src.Slug + "/" }

// word is the interface text for key in the site's language.
func (b *builder) word(key string) string {
	s, _ := b.opts.Words.T(key)
	return s
}

// fileURL is the URL of a file published once for every edition of the
// site (a picture, a document, a static file): under the site's own base
// path, whatever the language of the page that links to it.
func (b *builder) fileURL(rel string) string { return b.site.Config.Root() + rel }

// url joins the base path and a site-relative path.
func (b *builder) url(rel string) string { return b.site.Config.BasePath + rel }

// sameSlug reports a second file with a slug its kind already has: the
// address comes from the file name alone, whatever folder the file is in.
// Sources come sorted by path, so the same file is always the one kept.
func (b *builder) sameSlug(first *Page, src *content.Page) {
	spec := content.SpecFor(src.Kind)
	b.diags.Errorf(src.Path, 0, 0, "rename one of the two files; the folders inside content/"+spec.Dir+"/ do not change a page's address",
		"%s has the slug `%s` too, so both would be published at /%s/%s/", first.Path, src.Slug, spec.Dir, src.Slug)
}

// index creates a Page per source with its URL, and the section pages.
func (b *builder) index(sources []*content.Page) {
	s, cfg := b.site, b.site.Config
	perKind := map[content.Kind]int{}
	for _, src := range sources {
		perKind[src.Kind]++
	}
	for _, spec := range content.Kinds {
		b.bySlug[spec.Kind] = make(map[string]*Page, perKind[spec.Kind])
		s.Sections[spec.Dir] = &Page{Kind: string(content.List), Slug: spec.Dir, Section: spec.Dir,
			URL: b.url(spec.Dir + "/"), Title: b.word("section_" + spec.Dir), Lang: cfg.Language}
	}
	for _, src := range sources {
		p := b.pageOf(src)
		switch src.Kind {
		case content.Home:
			p.URL = b.url("")
			s.Home = p
		case content.List:
			sec := s.Sections[src.Section]
			sec.Path, sec.source = src.Path, src
			b.setFieldsOf(sec)
			p = sec
		case content.Plain:
			p.URL = b.url(src.Slug + "/")
			s.Plain = append(s.Plain, p)
		default:
			p.URL = b.url(folderAddress(src))
			if first := b.bySlug[src.Kind][src.Slug]; first != nil {
				if !b.opts.Quiet { // an edition's pages have the default edition's slugs, which reports them
					b.sameSlug(first, src)
				}
				continue
			}
			b.bySlug[src.Kind][src.Slug] = p
		}
		b.byPath[src.Path] = p
		if src.Of != "" {
			// Links to the page in the site's own language lead here: a
			// translation links to x.md, and gets the page in its language.
			b.byPath[src.Of] = p
		}
	}
	// content.Load keeps plain pages off the search page's address.
	s.Search = &Page{Kind: KindSearch, URL: b.url(searchDir + "/"), Title: b.word("kind_search"), Lang: cfg.Language}
	if s.Home == nil {
		s.Home = &Page{Kind: string(content.Home), URL: b.url(""), Title: s.Config.Title, Summary: s.Config.Description, Lang: cfg.Language}
	}
	for _, p := range b.byPath {
		p.setSortKey()
	}
	// Titles are compared on the side while the lists are sorted: one
	// reads the sources, the other writes the site's lists.
	var same diag.List
	titles := b.reportingTo(&same) // a copy made before the sort writes
	var wg sync.WaitGroup
	wg.Go(func() { titles.sameTitles(sources) })
	b.sortKinds()
	b.indexURLs()
	wg.Wait()
	b.diags.Merge(same)
	b.sources, b.titleDiags = sources, same
}

// setSortKey sets the key lists sort the page's title by (see titleKey).
func (p *Page) setSortKey() {
	if p.source != nil && p.source.Title == p.Title {
		p.sortKey = p.source.TitleKey()
	} else {
		p.sortKey = strings.ToLower(p.Title)
	}
}

// sameTitles warns about two pages of a kind with one title: in lists,
// search results and feeds a reader cannot tell them apart.
func (b *builder) sameTitles(sources []*content.Page) {
	type titleKey struct {
		kind  content.Kind
		title string
	}
	first := make(map[titleKey]*content.Page, len(sources))
	for _, src := range sources {
		if b.byPath[src.Path] == nil || src.Kind == content.Home || src.Kind == content.List || src.Title == "" {
			continue
		}
		key := titleKey{src.Kind, src.TitleKey()}
		if !singleSpaced(key.title) {
			key.title = strings.Join(strings.Fields(key.title), " ")
		}
		other, dup := first[key]
		if !dup {
			first[key] = src
			continue
		}
		pos := src.FieldPos.At("title")
		b.diags.Warnf(src.Path, pos.Line, pos.Col, "give each its own title, e.g. with the district or the year",
			"%s has the same title, %q, so readers cannot tell the two apart in lists and search results", other.Path, src.Title)
	}
}

// singleSpaced reports whether s is plain ASCII with words apart by one
// space and none at its ends: as strings.Fields would join it again.
func singleSpaced(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80 || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return false
		}
	}
	return true
}

// indexURLs fills byURL with every page that has an address.
func (b *builder) indexURLs() {
	for _, p := range b.allPages(true) {
		b.byURL[strings.TrimPrefix(p.URL, b.site.Config.BasePath)] = p
	}
}

// sortKinds lists the pages of each kind with a folder, sorted, with
// what follows from the order (see orderKinds).
func (b *builder) sortKinds() {
	s := b.site
	for _, spec := range content.Kinds {
		list := s.listOf(spec.Kind)
		*list = make([]*Page, 0, len(b.bySlug[spec.Kind]))
		for _, p := range b.bySlug[spec.Kind] {
			*list = append(*list, p)
		}
	}
	b.orderKinds()
}

// kindOrder is how the pages of each kind with a folder are sorted.
var kindOrder = map[content.Kind]func(a, b *Page) int{
	content.Theme: byOrder, content.Stage: byOrder, content.District: byTitle,
	content.Problem: byTitle, content.CaseStudy: byDate, content.Resource: byTitle,
}

// orderKinds sorts the lists of the pages of each kind in place (a list
// in nearly the right order, as after a save, sorts in about one pass),
// gives each section its kind's pages and links each stage to the ones
// before and after it.
func (b *builder) orderKinds() {
	s := b.site
	for _, spec := range content.Kinds {
		slices.SortFunc(*s.listOf(spec.Kind), kindOrder[spec.Kind])
	}
	slices.SortFunc(s.Plain, byTitle)
	for _, spec := range content.Kinds {
		s.Sections[spec.Dir].Pages = s.pagesOf(spec.Kind)
	}
	s.sortDistrictSection()
	for i, st := range s.Stages {
		st.Stages = []*Page{st}
		if i > 0 {
			st.Prev = s.Stages[i-1]
		}
		if i+1 < len(s.Stages) {
			st.Next = s.Stages[i+1]
		}
	}
}

// pagesOf returns the site's pages of a kind with a folder, sorted.
func (s *Site) pagesOf(k content.Kind) []*Page {
	if list := s.listOf(k); list != nil {
		return *list
	}
	return nil
}

// listOf is the site's list of the pages of a kind with a folder; nil
// for another kind.
func (s *Site) listOf(k content.Kind) *[]*Page {
	switch k {
	case content.Theme:
		return &s.Themes
	case content.Stage:
		return &s.Stages
	case content.District:
		return &s.Districts
	case content.Problem:
		return &s.Problems
	case content.CaseStudy:
		return &s.CaseStudies
	case content.Resource:
		return &s.Resources
	}
	return nil
}

func byTitle(a, b *Page) int {
	return cmp.Or(strings.Compare(a.titleKey(), b.titleKey()), strings.Compare(a.Slug, b.Slug))
}

// titleKey is the page's title as sorting compares it. Index computes it
// once per page: lowering titles on every comparison was most of the cost
// of sorting a large site's lists.
func (p *Page) titleKey() string {
	if p.sortKey == "" && p.Title != "" {
		return strings.ToLower(p.Title)
	}
	return p.sortKey
}

func byOrder(a, b *Page) int { return cmp.Or(cmp.Compare(a.Order, b.Order), byTitle(a, b)) }

func byDate(a, b *Page) int { return cmp.Or(b.Date.Compare(a.Date), byTitle(a, b)) }

// resolve finds the page a frontmatter reference names, reporting a missing
// one with the closest real slug, or the kind it really is.
func (b *builder) resolve(from *Page, r content.Ref, kind content.Kind) *Page {
	if r.Slug == "" {
		return nil
	}
	if p := b.bySlug[kind][r.Slug]; p != nil {
		return p
	}
	label := content.SpecFor(kind).Label
	slugs := make([]string, 0, len(b.bySlug[kind]))
	for s := range b.bySlug[kind] {
		slugs = append(slugs, s)
	}
	slices.Sort(slugs)
	hint := diag.DidYouMean(r.Slug, slugs)
	if hint == "" {
		for _, other := range content.Kinds {
			if b.bySlug[other.Kind][r.Slug] != nil {
				hint = fmt.Sprintf("`%s` is a %s, not a %s", r.Slug, other.Label, label)
			}
		}
	}
	if hint == "" && len(slugs) > 0 && len(slugs) <= 12 {
		hint = "the " + label + "s are: " + strings.Join(slugs, ", ")
	}
	if hint == "" {
		hint = fmt.Sprintf("create content/%s/%s.md or fix the slug", content.SpecFor(kind).Dir, r.Slug)
	}
	b.diags.Errorf(from.Path, r.Line, r.Col, hint, "unknown %s `%s`", label, r.Slug)
	return nil
}

func (b *builder) resolveList(from *Page, refs []content.Ref, kind content.Kind) []*Page {
	var out []*Page
	for _, r := range refs {
		if p := b.resolve(from, r, kind); p != nil && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// resolveRefs turns every frontmatter reference into a page pointer and
// returns what that says, keeping it (refDiags, studyDiags) for
// ReplacePages to say again.
func (b *builder) resolveRefs() diag.List {
	b.refDiags = b.resolveOthers()
	b.studyDiags = map[string]diag.List{}
	said := b.refDiags.Clone()
	said.Merge(b.resolveStudies(b.site.CaseStudies))
	return said
}

// resolveOthers resolves the references of every page but the case
// studies, which name the others, and returns what that says.
func (b *builder) resolveOthers() diag.List {
	var said diag.List
	o, s := b.reportingTo(&said), b.site
	o.checkStageOrder()
	for _, p := range s.Problems {
		r := p.source.Refs
		p.District = o.resolve(p, r.District, content.District)
		p.Themes = o.resolveList(p, r.Themes, content.Theme)
		p.Stage = o.resolve(p, r.Stage, content.Stage)
	}
	for _, p := range s.Stages {
		p.Resources = o.resolveList(p, p.source.Refs.Resources, content.Resource)
	}
	for _, p := range s.Resources {
		p.Stages = o.resolveList(p, p.source.Refs.Stages, content.Stage)
		p.Themes = o.resolveList(p, p.source.Refs.Themes, content.Theme)
	}
	return said
}

// resolveStudies resolves the references of case studies on every core,
// each page on its own and reporting to its own list, kept in
// studyDiags; it returns what they say, in the studies' order.
func (b *builder) resolveStudies(studies []*Page) diag.List {
	lists := make([]diag.List, len(studies))
	parallel.Runs(len(studies), func(lo, hi int) {
		own := b.reportingTo(nil)
		for i := lo; i < hi; i++ {
			own.diags = &lists[i]
			own.resolveCaseStudy(studies[i])
		}
	})
	var said diag.List
	for i, p := range studies {
		delete(b.studyDiags, p.Path)
		if lists[i].Len() > 0 {
			b.studyDiags[p.Path] = lists[i]
			said.Merge(lists[i])
		}
	}
	return said
}

// resolveCaseStudy sets the relations a case study's frontmatter names,
// and its lead picture, afresh: the fields resolving rewrites start from
// the file's again.
func (b *builder) resolveCaseStudy(p *Page) {
	r := &p.source.Refs
	p.Lessons, p.Lead, p.leadFiles = nil, nil, nil
	p.Image, p.ImageAlt = p.source.Image, p.source.ImageAlt
	p.District = b.resolve(p, r.District, content.District)
	p.Themes = b.resolveList(p, r.Themes, content.Theme)
	p.Problem = b.resolve(p, r.Problem, content.Problem)
	p.Stages = b.resolveList(p, r.Stages, content.Stage)
	slices.SortFunc(p.Stages, byOrder)
	if p.Problem != nil && p.District != nil && p.Problem.District != nil && p.Problem.District != p.District {
		b.diags.Errorf(p.Path, r.Problem.Line, r.Problem.Col,
			fmt.Sprintf("set `district: %s`, or choose a pair of %s", p.Problem.District.Slug, p.District.Title),
			"the pair `%s` belongs to %s, but this case study is about %s", p.Problem.Slug, p.Problem.District.Title, p.District.Title)
	}
	// A misspelled theme in themes: is reported there; telling each of its
	// lessons to add the theme as well would be the wrong fix.
	themesMisspelled := slices.ContainsFunc(r.Themes, func(ref content.Ref) bool { return b.bySlug[content.Theme][ref.Slug] == nil })
	for _, l := range r.Lessons {
		t := b.resolve(p, l.Theme, content.Theme)
		if t == nil {
			continue
		}
		if !slices.Contains(p.Themes, t) && !themesMisspelled {
			b.diags.Warnf(p.Path, l.Theme.Line, l.Theme.Col, fmt.Sprintf("add `%s` to the case study's themes", t.Slug),
				"this lesson's theme `%s` is not one of the case study's themes", t.Slug)
		}
		p.Lessons = append(p.Lessons, Lesson{Theme: t, CaseStudy: p, Text: l.Text, ID: lessonID(len(p.Lessons) + 1),
			sum: maphash.String(fingerprintSeed, l.Text)})
	}
	if p.Image != "" {
		b.resolveLead(p)
	} else {
		b.checkPictureFields(p)
	}
}

// lessonIDs are the ids of a case study's first lessons, made once.
var lessonIDs = func() (ids [16]string) {
	for i := range ids {
		ids[i] = fmt.Sprintf("cb-lesson-%d", i)
	}
	return ids
}()

// lessonID is the id of a case study's nth lesson on its page.
func lessonID(n int) string {
	if n < len(lessonIDs) {
		return lessonIDs[n]
	}
	return fmt.Sprintf("cb-lesson-%d", n)
}

// checkStageOrder reports stages that share an order: the journey map
// would place them by title, which is rarely what the author meant. The
// message names both files, since either may be the one to change.
func (b *builder) checkStageOrder() {
	seen := map[float64]*Page{}
	for _, p := range b.site.Stages {
		other, dup := seen[p.Order]
		if !dup {
			seen[p.Order] = p
			continue
		}
		pos := p.source.FieldPos.At("order")
		n := content.FormatNumber(p.Order)
		b.diags.Errorf(p.Path, pos.Line, pos.Col,
			fmt.Sprintf("give each stage its own number; `order: %s` puts this one just after `%s`", content.FormatNumber(b.freeOrder(p.Order)), other.Slug),
			"journey stages `%s` (%s) and this one both have order %s", other.Slug, other.Path, n)
	}
}

// freeOrder is an order no stage has, just above n: the shortest decimal
// between n and the next stage's order (2.15 between 2.1 and 2.2, not
// 2.1500000000000004), or the next whole number after the last stage.
func (b *builder) freeOrder(n float64) float64 {
	for _, p := range b.site.Stages { // sorted by order
		if p.Order > n {
			return between(n, p.Order)
		}
	}
	return math.Floor(n) + 1
}

// between returns the number with the fewest decimals strictly between a
// and b, nearest their midpoint.
func between(a, b float64) float64 {
	mid := (a + b) / 2
	for scale := 1.0; scale <= 1e9; scale *= 10 {
		if r := math.Round(mid*scale) / scale; r > a && r < b {
			return r
		}
	}
	return mid
}

// convert turns a page's body into HTML, reports the problems the markdown
// converter found in it, and returns its links to other pages, which are
// checked once every page is converted.
func (b *builder) convert(p *Page, diags *diag.List) ([]outLink, error) {
	src, body, err := p.source.Source()
	if err != nil {
		// Like a file that cannot be decoded: its error says why, and
		// anchors into it wait for the fix.
		p.source.Broken = true
		if errors.Is(err, content.ErrChanged) {
			diags.Errorf(p.Path, 0, 0, "", "%v", err)
		} else {
			fsutil.Report(diags, p.Path, err, false)
		}
		return nil, nil
	}
	lr := &linkResolver{b: b, from: p, diags: diags}
	res, err := b.opts.Converter.Convert(body, lr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	p.setBody(res.HTML, res.Text, b.opts.Spill)
	res.Release()
	p.bodyFiles = lr.published
	p.headings = joinHeadings(res.IDs)
	for _, pr := range res.Problems {
		line, col := lr.position(pr.Offset)
		sev := diag.Warning
		if pr.Error {
			sev = diag.Error
		}
		diags.Add(diag.Diagnostic{Path: p.Path, Line: line, Col: col, Severity: sev, Message: pr.Message, Hint: pr.Hint})
	}
	// Here rather than on loading: a page's diagnostics from converting
	// are kept with its body and retracted when the file changes.
	for _, line := range placeholder.Find(src) {
		diags.Warnf(p.Path, line, 1, "replace it with your own words, or delete it", PlaceholderMessage)
	}
	return lr.links, nil
}

// PlaceholderMessage is the warning for text `casebook new` wrote for the
// author to replace, which the build summary counts.
const PlaceholderMessage = "this is placeholder text from `casebook new`; readers would see it as it is"
