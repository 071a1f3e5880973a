package site

import (
	"slices"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
)

// ReplacePages is the development server's path for saves that change,
// add or remove pages of the kinds with a folder (themes, stages,
// districts, problems, case studies, resources), or change the home
// page, a section's page or a plain page: the graph is worked out
// again over the same pages instead of built anew. Only the changed and
// new pages are read into pages and their bodies converted; the
// references the save may change are resolved again (every page's but
// the case studies', and theirs as studiesToResolve says), and the
// relations other pages get from them (a theme's case studies and
// lessons, related case studies, backlinks, every list and its pages) are
// gathered again from every page, with the lists a new title, date or
// order reorders sorted again.
//
// sources are new decodes of pages in the site or new to it; gone are the
// paths of pages whose files went away. The site's problems are the last
// build's, less the references' and the changed bodies' old ones
// (Retracted), plus their new ones (Found), with the checks that look at
// every page (titles, the navigation's links) made again. ok is false,
// with the site unchanged, when that does not hold: a changed body whose
// headings, link targets or pictures differ (other pages show those); a
// page that goes while others link to it; a new one whose slug or address
// is taken, or that is a draft; any other page's body with problems,
// which pages coming or going may change; a site in several languages,
// whose editions share the graph's pages. The caller then builds afresh.
// It needs a site built with a Memo, whose last build (or replacement)
// had no errors: a new page then changes no reference (see
// studiesToResolve).
func (s *Site) ReplacePages(sources []*content.Page, gone []string) (edit BodyEdit, ok bool, err error) {
	b := s.builder
	if b == nil || b.opts.Memo == nil || b.opts.Quiet || len(s.editions) > 1 {
		return edit, false, nil
	}
	changed, added, leaving, ok := b.sortReplacements(sources, gone)
	if !ok {
		return edit, false, nil
	}
	reps, ok, err := b.replaceBodies(changed, &edit)
	if !ok || err != nil {
		return edit, ok, err
	}
	for _, r := range reps {
		b.setFieldsOf(r.page)
		r.page.setSortKey()
	}
	for _, p := range leaving {
		b.remove(p, &edit)
	}
	found := b.reportingTo(&edit.Found)
	for _, src := range added {
		p := b.add(src)
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
	// A new title, date or order moves a page in every list it is on:
	// the site's lists are sorted again, the others gathered from them
	// again, and the backlinks of the pages it links to sorted by title.
	b.orderKinds()
	for _, r := range reps {
		for _, l := range r.links {
			slices.SortFunc(l.to.Backlinks, byTitle)
		}
	}
	b.resolveAgain(b.studiesToResolve(edit.Pages, leaving), leaving, &edit)
	if slices.ContainsFunc(edit.Pages, isStage) {
		// The case studies at a changed stage still point to its page;
		// a new order or title may only reorder their stages.
		for _, c := range s.CaseStudies {
			slices.SortFunc(c.Stages, byOrder)
		}
	}
	b.relateAgain(sources, gone, &edit)
	found.collectPictureFiles()
	return edit, true, nil
}

// hasFolder reports whether p is the page of a file in a kind's folder,
// which ReplacePages may take.
func hasFolder(p *Page) bool {
	return ownFile(p) && kindOrder[content.Kind(p.Kind)] != nil
}

// ownFile reports whether p is the page of a file in the site's own
// language.
func ownFile(p *Page) bool { return p != nil && p.source != nil && p.source.Lang == "" }

func isStage(p *Page) bool { return p.Kind == string(content.Stage) }

// isSingle reports whether p is the page of the home page's, a section's
// or a plain page's file, in the site's own language: ReplacePages may
// take a change to one, but not one coming or going.
func isSingle(p *Page) bool {
	if !ownFile(p) {
		return false
	}
	k := p.source.Kind
	return k == content.Home || k == content.List || k == content.Plain
}

// sortReplacements sorts the pages of a save into those in the site
// (changed), those new to it (added) and the pages of those that went
// (leaving); ok is false when ReplacePages cannot take the save.
func (b *builder) sortReplacements(sources []*content.Page, gone []string) (changed, added []*content.Page, leaving []*Page, ok bool) {
	touched := map[string]bool{}
	for _, path := range gone {
		p := b.byPath[path]
		if !hasFolder(p) || len(p.Backlinks) > 0 {
			return nil, nil, nil, false
		}
		leaving = append(leaving, p)
		touched[path] = true
	}
	slugs := map[content.Kind]map[string]bool{}
	for _, src := range sources {
		touched[src.Path] = true
		if p := b.byPath[src.Path]; p != nil {
			if !(hasFolder(p) || isSingle(p)) || string(src.Kind) != p.Kind || src.Slug != p.Slug || src.Lang != "" || src.Of != "" || src.Draft != p.source.Draft {
				return nil, nil, nil, false
			}
			changed = append(changed, src)
			continue
		}
		taken := b.bySlug[src.Kind][src.Slug]
		if kindOrder[src.Kind] == nil || src.Lang != "" || src.Of != "" || src.Draft || slugs[src.Kind][src.Slug] ||
			taken != nil && !slices.Contains(leaving, taken) || b.byURL[folderAddress(src)] != taken {
			return nil, nil, nil, false
		}
		if slugs[src.Kind] == nil {
			slugs[src.Kind] = map[string]bool{}
		}
		slugs[src.Kind][src.Slug] = true
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

// add makes the page of a new file and indexes it, as index does.
func (b *builder) add(src *content.Page) *Page {
	s := b.site
	p := b.pageOf(src)
	p.setSortKey()
	p.URL = b.url(folderAddress(src))
	b.bySlug[src.Kind][src.Slug] = p
	b.byPath[src.Path] = p
	b.byURL[strings.TrimPrefix(p.URL, s.Config.BasePath)] = p
	delete(b.drafts, src.Path) // a draft published
	list := s.listOf(src.Kind)
	*list = append(slices.Clip(*list), p) // a new array: the last build's lists share the old
	return p
}

// remove takes a page that went out of the site: out of its indexes and
// lists, out of the backlinks of the pages it linked to, and out of the
// memo, retracting what converting it said.
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
	delete(b.bySlug[content.Kind(p.Kind)], p.Slug)
	delete(b.byPath, p.Path)
	delete(b.byURL, strings.TrimPrefix(p.URL, s.Config.BasePath))
	list := s.listOf(content.Kind(p.Kind))
	*list = slices.DeleteFunc(slices.Clone(*list), func(q *Page) bool { return q == p })
}

// studiesToResolve returns the case studies whose references may resolve
// otherwise after a save that changed or added pages and took leaving
// away: every one when a page they may name went, or a problem (whose
// district a study's pair must share) changed; otherwise the changed and
// new studies (a changed stage is ReplacePages's to sort in place). A new
// page changes no study's references: in the last build, which had no
// errors, every one named a page that was there.
func (b *builder) studiesToResolve(pages, leaving []*Page) []*Page {
	var studies []*Page
	for _, p := range pages {
		switch content.Kind(p.Kind) {
		case content.CaseStudy:
			studies = append(studies, p)
		case content.Problem:
			return b.site.CaseStudies
		}
	}
	for _, p := range leaving {
		if p.Kind != string(content.CaseStudy) {
			return b.site.CaseStudies
		}
	}
	return studies
}

// resolveAgain resolves again the references of every page but the case
// studies, and those of studies, retracting what the last resolution of
// each said, and of the pages leaving.
func (b *builder) resolveAgain(studies, leaving []*Page, edit *BodyEdit) {
	edit.Retracted.Merge(b.refDiags)
	b.refDiags = b.resolveOthers()
	edit.Found.Merge(b.refDiags)
	for _, p := range slices.Concat(leaving, studies) {
		edit.Retracted.Merge(b.studyDiags[p.Path])
	}
	for _, p := range leaving {
		delete(b.studyDiags, p.Path)
	}
	edit.Found.Merge(b.resolveStudies(studies))
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
	b.relateStagesAndResources()
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
