package site

import (
	"slices"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
)

// ReplaceFrontmatter is the development server's path for saves that
// change case studies' frontmatter (a title, a date, themes, stages,
// lessons) while every file stays where it was: the graph is worked out
// again over the same pages instead of built anew. Only the case studies'
// own references are resolved again and only their bodies converted; the
// relations other pages get from them (a theme's case studies and lessons,
// related case studies, every list and its pages) are gathered again from
// every page, and the lists a new title or date reorders are sorted again.
//
// sources are new decodes of files whose pages are case studies of the
// site. A case study's references resolve against the other pages' slugs
// and kinds, which do not change here, and nothing another page says
// depends on a case study's frontmatter but its title (two pages with one
// title), so the site's problems are the last build's, less the case
// studies' old ones (Retracted), plus their new ones (Found). A change
// other pages' bodies could see (headings, link targets, pictures, a
// draft's) returns ok false with the site unchanged, as does a site in
// several languages, whose editions share the graph's pages: the caller
// builds afresh. It needs a site built with a Memo.
func (s *Site) ReplaceFrontmatter(sources []*content.Page) (edit BodyEdit, ok bool, err error) {
	b := s.builder
	if b == nil || b.opts.Memo == nil || b.opts.Quiet || len(s.editions) > 1 {
		return edit, false, nil
	}
	for _, src := range sources {
		p := b.byPath[src.Path]
		if p == nil || p.source == nil || p.Kind != string(content.CaseStudy) || src.Kind != content.CaseStudy ||
			src.Slug != p.Slug || src.Lang != "" || src.Of != "" || src.Draft != p.source.Draft {
			return edit, false, nil
		}
	}
	reps, ok, err := b.convertAside(sources)
	if !ok || err != nil {
		return edit, ok, err
	}
	found := *b // reports to the edit's list
	found.diags = &edit.Found
	for _, r := range reps {
		edit.Retracted.Merge(b.refDiags(r.page, r.page.source))
		b.replaceBody(r, &edit)
		p := r.page
		p.setMeta(p.source.Meta)
		p.setLang(p.source, s.Config)
		p.setSortKey()
		p.District, p.Problem, p.Themes, p.Stages, p.Lessons, p.Lead, p.leadFiles = nil, nil, nil, nil, nil, nil, nil
		found.resolveCaseStudy(p)
		edit.Pages = append(edit.Pages, p)
	}
	// A new title or date moves a case study in every list it is on: the
	// site's is sorted again, the others are gathered from it again, and
	// the backlinks of the pages it links to are sorted by title.
	slices.SortFunc(s.CaseStudies, byDate)
	for _, r := range reps {
		for _, l := range r.links {
			slices.SortFunc(l.to.Backlinks, byTitle)
		}
	}
	// Titles are compared on the side, as Build does, by a copy of the
	// builder made before relating writes it.
	b.replaceSources(sources)
	var same diag.List
	titles := *b
	titles.diags = &same
	var wg sync.WaitGroup
	wg.Go(func() { titles.sameTitles(b.sources) })
	b.resetReverse()
	b.relateReverse()
	wg.Wait()
	edit.Retracted.Merge(b.titleDiags)
	edit.Found.Merge(same)
	b.titleDiags = same
	found.collectPictureFiles()
	return edit, true, nil
}

// refDiags returns what resolving the references of case study p, decoded
// from src, says, leaving p as it is.
func (b *builder) refDiags(p *Page, src *content.Page) diag.List {
	var said diag.List
	aside := *b
	aside.diags = &said
	q := &Page{Kind: p.Kind, Slug: p.Slug, Section: p.Section, Path: p.Path, URL: p.URL, Lang: p.Lang, source: src}
	q.setMeta(src.Meta)
	aside.resolveCaseStudy(q)
	return said
}

// replaceSources puts new decodes in the place of the old among the
// loaded pages.
func (b *builder) replaceSources(sources []*content.Page) {
	b.sources = slices.Clone(b.sources) // the loader's list, which it may hand out again
	for _, src := range sources {
		if i, ok := slices.BinarySearchFunc(b.sources, src.Path, func(p *content.Page, path string) int { return strings.Compare(p.Path, path) }); ok {
			b.sources[i] = src
		}
	}
}
