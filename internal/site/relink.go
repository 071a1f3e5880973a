package site

import (
	"slices"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
)

// ReplaceCaseStudies is the development server's path for saves that
// change, add or remove case studies: the graph is worked out again over
// the same pages instead of built anew. Only the changed and new case
// studies are read into pages, their references resolved and their
// bodies converted; the relations other pages get from them (a theme's
// case studies and lessons, related case studies, backlinks, every list
// and its pages) are gathered again from every page, and the lists a new
// title or date reorders are sorted again.
//
// sources are new decodes of case studies, in the site or new to it;
// gone are the paths of case studies whose files went away. Nothing else
// names a case study in its frontmatter, and a case study's references
// resolve against the other pages' slugs and kinds, so the site's
// problems are the last build's, less the case studies' old ones
// (Retracted), plus their new ones (Found), with the checks that look at
// every page (titles, the navigation's links) made again. ok is false,
// with the site unchanged, when that does not hold: a changed body whose
// headings, link targets or pictures differ (other pages show those); a
// case study that goes while others link to it; a new one whose slug or
// address is taken, or that is a draft; any other page's body with
// problems, which pages coming or going may change; a site in several
// languages, whose editions share the graph's pages. The caller then
// builds afresh. It needs a site built with a Memo.
func (s *Site) ReplaceCaseStudies(sources []*content.Page, gone []string) (edit BodyEdit, ok bool, err error) {
	b := s.builder
	if b == nil || b.opts.Memo == nil || b.opts.Quiet || len(s.editions) > 1 {
		return edit, false, nil
	}
	changed, added, leaving, ok := b.sortReplacements(sources, gone)
	if !ok {
		return edit, false, nil
	}
	reps, ok, err := b.convertAside(changed)
	if !ok || err != nil {
		return edit, ok, err
	}
	b.opts.Memo.converted = 0
	found := b.reportingTo(&edit.Found)
	for _, p := range leaving {
		edit.Retracted.Merge(b.refDiags(p, p.source))
		b.remove(p, &edit)
	}
	for _, r := range reps {
		edit.Retracted.Merge(b.refDiags(r.page, r.page.source))
		b.replaceBody(r, &edit)
		p := r.page
		p.setFields(s.Config)
		p.setSortKey()
		p.District, p.Problem, p.Themes, p.Stages, p.Lessons, p.Lead, p.leadFiles = nil, nil, nil, nil, nil, nil, nil
		found.resolveCaseStudy(p)
		edit.Pages = append(edit.Pages, p)
	}
	for _, src := range added {
		p := b.add(src)
		found.resolveCaseStudy(p)
		var said diag.List
		links, err := b.convert(p, &said)
		if err != nil {
			return edit, true, err
		}
		b.opts.Memo.keep(p, links, said)
		edit.Found.Merge(said)
		found.checkLinks(p, links)
		reps = append(reps, replacement{page: p, links: links})
		edit.Pages = append(edit.Pages, p)
	}
	// A new title or date moves a case study in every list it is on: the
	// site's is sorted again, the others are gathered from it again, and
	// the backlinks of the pages it links to are sorted by title.
	slices.SortFunc(s.CaseStudies, byDate)
	s.Sections[content.SpecFor(content.CaseStudy).Dir].Pages = s.CaseStudies
	for _, r := range reps {
		for _, l := range r.links {
			slices.SortFunc(l.to.Backlinks, byTitle)
		}
	}
	b.relateAgain(sources, gone, &edit)
	found.collectPictureFiles()
	return edit, true, nil
}

// sortReplacements sorts the case studies of a save into those in the
// site (changed), those new to it (added) and the pages of those that went
// (leaving); ok is false when ReplaceCaseStudies cannot take the save.
func (b *builder) sortReplacements(sources []*content.Page, gone []string) (changed, added []*content.Page, leaving []*Page, ok bool) {
	isCaseStudy := func(p *Page) bool { return p != nil && p.source != nil && p.Kind == string(content.CaseStudy) }
	touched := map[string]bool{}
	for _, path := range gone {
		p := b.byPath[path]
		if !isCaseStudy(p) || len(p.Backlinks) > 0 {
			return nil, nil, nil, false
		}
		leaving = append(leaving, p)
		touched[path] = true
	}
	slugs := map[string]bool{}
	for _, src := range sources {
		touched[src.Path] = true
		if p := b.byPath[src.Path]; p != nil {
			if !isCaseStudy(p) || src.Kind != content.CaseStudy || src.Slug != p.Slug || src.Lang != "" || src.Of != "" || src.Draft != p.source.Draft {
				return nil, nil, nil, false
			}
			changed = append(changed, src)
			continue
		}
		taken := b.bySlug[content.CaseStudy][src.Slug]
		if src.Kind != content.CaseStudy || src.Lang != "" || src.Of != "" || src.Draft || slugs[src.Slug] ||
			taken != nil && !slices.Contains(leaving, taken) || b.byURL[folderAddress(src)] != taken {
			return nil, nil, nil, false
		}
		slugs[src.Slug] = true
		added = append(added, src)
	}
	if len(added)+len(leaving) == 0 {
		return changed, added, leaving, true
	}
	// A page coming or going may mend another body's problem or change
	// its hint: a full build converts every body with problems again.
	for path, e := range b.opts.Memo.entries {
		if e.diags.Len() > 0 && !touched[path] {
			return nil, nil, nil, false
		}
	}
	return changed, added, leaving, true
}

// add makes the page of a new case study and indexes it, as index does.
func (b *builder) add(src *content.Page) *Page {
	s := b.site
	p := b.pageOf(src)
	p.setSortKey()
	p.URL = b.url(folderAddress(src))
	b.bySlug[src.Kind][src.Slug] = p
	b.byPath[src.Path] = p
	b.byURL[strings.TrimPrefix(p.URL, s.Config.BasePath)] = p
	delete(b.drafts, src.Path)                            // a draft published
	s.CaseStudies = append(slices.Clip(s.CaseStudies), p) // a new array: the last build's lists share the old
	return p
}

// remove takes a case study that went out of the site: out of its
// indexes and lists, out of the backlinks of the pages it linked to, and
// out of the memo, retracting what converting it said.
func (b *builder) remove(p *Page, edit *BodyEdit) {
	s, m := b.site, b.opts.Memo
	e := m.entries[p.Path]
	edit.Retracted.Merge(e.diags)
	for _, l := range e.links {
		if to := b.byURL[strings.TrimPrefix(l.url, s.Config.BasePath)]; to != nil {
			to.Backlinks = slices.DeleteFunc(slices.Clone(to.Backlinks), func(q *Page) bool { return q == p })
		}
	}
	delete(m.entries, p.Path)
	delete(b.bySlug[content.CaseStudy], p.Slug)
	delete(b.byPath, p.Path)
	delete(b.byURL, strings.TrimPrefix(p.URL, s.Config.BasePath))
	s.CaseStudies = slices.DeleteFunc(slices.Clone(s.CaseStudies), func(q *Page) bool { return q == p })
}

// relateAgain gathers the reverse relations and the lists again, and
// makes again the checks that look at every page: two pages with one
// title (on the side, as Build does, by a copy of the builder made before
// relating writes it), and links of the navigation.
func (b *builder) relateAgain(sources []*content.Page, gone []string, edit *BodyEdit) {
	b.replaceSources(sources, gone)
	var same diag.List
	titles := b.reportingTo(&same)
	var wg sync.WaitGroup
	wg.Go(func() { titles.sameTitles(b.sources) })
	b.resetReverse()
	b.relateReverse()
	wg.Wait()
	var nav diag.List
	b.reportingTo(&nav).checkThemeLinks()
	edit.Retracted.Merge(b.titleDiags)
	edit.Retracted.Merge(b.navDiags)
	edit.Found.Merge(same)
	edit.Found.Merge(nav)
	b.titleDiags, b.navDiags = same, nav
}

// refDiags returns what resolving the references of case study p, decoded
// from src, says, leaving p as it is.
func (b *builder) refDiags(p *Page, src *content.Page) diag.List {
	var said diag.List
	q := b.pageOf(src)
	q.URL = p.URL
	b.reportingTo(&said).resolveCaseStudy(q)
	return said
}

// replaceSources puts new decodes in the place of the old among the
// loaded pages, or in path order when new, and takes out those gone.
func (b *builder) replaceSources(sources []*content.Page, gone []string) {
	byPath := func(p *content.Page, path string) int { return strings.Compare(p.Path, path) }
	b.sources = slices.Clone(b.sources) // the loader's list, which it may hand out again
	for _, src := range sources {
		if i, ok := slices.BinarySearchFunc(b.sources, src.Path, byPath); ok {
			b.sources[i] = src
		} else {
			b.sources = slices.Insert(b.sources, i, src)
		}
	}
	for _, path := range gone {
		if i, ok := slices.BinarySearchFunc(b.sources, path, byPath); ok {
			b.sources = slices.Delete(b.sources, i, i+1)
		}
	}
}
