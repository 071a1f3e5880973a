package site

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/parallel"
)

// relatedCount is how many related case studies a case study shows.
const relatedCount = 4

// allPages lists the pages in a fixed order: home, the section pages, then
// every kind in the order of content.Kinds and the plain pages. Without
// generated, only pages with a source file (whose bodies are converted) are
// listed; with it, the home and section pages casebook makes up are too.
func (b *builder) allPages(generated bool) []*Page {
	s := b.site
	var out []*Page
	if generated || s.Home.source != nil {
		out = append(out, s.Home)
	}
	for _, spec := range content.Kinds {
		if sec := s.Sections[spec.Dir]; generated || sec.source != nil {
			out = append(out, sec)
		}
	}
	for _, spec := range content.Kinds {
		out = append(out, s.pagesOf(spec.Kind)...)
	}
	out = append(out, s.Plain...)
	if generated {
		out = append(out, s.Search)
	}
	return out
}

// convertAll converts every body in parallel, then checks anchors and
// records backlinks, which need every page converted first.
func (b *builder) convertAll() error {
	pages := b.allPages(false)
	links := make([][]outLink, len(pages))
	lists := make([]diag.List, len(pages))
	errs := make([]error, len(pages))
	todo := b.recall(pages, links, lists)
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				links[i], errs[i] = b.convert(pages[i], &lists[i])
			}
		})
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if m := b.opts.Memo; m != nil {
		for _, i := range todo {
			m.keep(pages[i], links[i], lists[i])
		}
		m.prune(pages)
	}
	for i, from := range pages {
		b.diags.Merge(lists[i])
		b.checkLinks(from, links[i])
	}
	for _, p := range pages {
		slices.SortFunc(p.Backlinks, byTitle)
	}
	return nil
}

// recall fills in the pages the memo has converted before and returns the
// indexes of the pages still to convert. Each page is looked up on its
// own, on every core: the memo and the indexes are only read.
func (b *builder) recall(pages []*Page, links [][]outLink, lists []diag.List) []int {
	m := b.opts.Memo
	if m == nil {
		todo := make([]int, len(pages))
		for i := range todo {
			todo[i] = i
		}
		return todo
	}
	recalled := make([]bool, len(pages))
	parallel.Each(len(pages), func(i int) {
		p := pages[i]
		e, ok := m.lookup(p)
		if !ok {
			return
		}
		if links[i], ok = b.relink(e.links); !ok {
			return
		}
		p.content, p.text, p.contentSum, p.bodyFiles, lists[i] = e.content, e.text, e.sum, e.files, e.diags
		p.headings = e.heads
		recalled[i] = true
	})
	todo := make([]int, 0, len(pages))
	for i, ok := range recalled {
		if !ok {
			todo = append(todo, i)
		}
	}
	return todo
}

// relink finds the pages memoized links lead to in this build.
func (b *builder) relink(memo []memoLink) ([]outLink, bool) {
	links := make([]outLink, 0, len(memo))
	for _, l := range memo {
		to := b.byURL[strings.TrimPrefix(l.url, b.site.Config.BasePath)]
		if to == nil {
			return nil, false
		}
		links = append(links, outLink{to: to, fragment: l.fragment, offset: l.offset})
	}
	return links, true
}

func (b *builder) checkLinks(from *Page, links []outLink) {
	b.checkAnchors(from, links, b.diags)
	for _, l := range links {
		// Pages are checked one after another, so a page that links to
		// l.to twice added itself last: no need to search a long list.
		if bl := l.to.Backlinks; l.to != from && (len(bl) == 0 || bl[len(bl)-1] != from) {
			l.to.Backlinks = append(bl, from)
		}
	}
}

// checkAnchors reports links to heading ids their pages do not have.
func (b *builder) checkAnchors(from *Page, links []outLink, diags *diag.List) {
	lr := &linkResolver{b: b, from: from, diags: diags}
	for _, l := range links {
		// A page whose file could not be decoded has no headings yet; its
		// own error says why, and anchors into it wait for the fix.
		broken := l.to.source != nil && l.to.source.Broken
		if l.fragment != "" && !l.to.headings.has(l.fragment) && !broken {
			lr.missingAnchor(l)
		}
	}
}

// missingAnchor reports a link to a heading id its page does not have.
func (lr *linkResolver) missingAnchor(l outLink) {
	if l.to.source == nil {
		lr.errorf(l.offset, "remove the #"+l.fragment+" part of the link",
			"the page %s is made by casebook and has no headings to link to", l.to.URL)
		return
	}
	ids := l.to.headings.list()
	slices.Sort(ids)
	hint := diag.DidYouMean(l.fragment, ids)
	if hint == "" {
		hint = "link to a heading's id: its text in lowercase with hyphens for spaces"
	}
	lr.errorf(l.offset, hint, "%s has no heading with the id `%s`", l.to.Path, l.fragment)
}

// relate fills the reverse relations: every relation shown from both ends.
func (b *builder) relate() {
	b.relateStagesAndResources()
	sizeGatherers(b.site.CaseStudies)
	b.relateReverse()
}

// relateReverse fills the relations a page's own references do not give
// it, from the other ends, and makes the lists' pages: everything
// resetReverse clears. Stages and resources name each other, and are
// linked both ways before.
func (b *builder) relateReverse() {
	s := b.site
	// Related case studies are ranked on the side: the ranking reads
	// each case study's themes and writes its Related, which nothing
	// below reads or writes.
	var wg sync.WaitGroup
	wg.Go(func() { relateCaseStudies(s.CaseStudies, relatedCount) })
	for _, p := range s.Problems {
		for _, t := range p.Themes {
			t.PairsHere = append(t.PairsHere, p)
		}
		if p.District != nil {
			p.District.PairsHere = append(p.District.PairsHere, p)
		}
		if p.Stage != nil {
			p.Stage.PairsHere = append(p.Stage.PairsHere, p)
		}
	}
	for _, r := range s.Resources {
		for _, t := range r.Themes {
			t.Resources = append(t.Resources, r)
		}
	}
	for _, c := range s.CaseStudies { // newest first, so every list below is too
		for _, t := range c.Themes {
			t.CaseStudies = append(t.CaseStudies, c)
		}
		for _, st := range c.Stages {
			st.CaseStudies = append(st.CaseStudies, c)
		}
		if c.District != nil {
			c.District.CaseStudies = append(c.District.CaseStudies, c)
		}
		if c.Problem != nil {
			c.Problem.CaseStudies = append(c.Problem.CaseStudies, c)
		}
		for _, l := range c.Lessons {
			l.Theme.Lessons = append(l.Theme.Lessons, l)
		}
		if !c.Date.IsZero() && c.Date.After(s.Updated) {
			s.Updated = c.Date
		}
	}
	// The site's own pages are put in order while their lists' pages are
	// made; paginate writes their lists, not their addresses.
	own := b.allPages(true)
	wg.Go(func() { slices.SortFunc(own, byURL) })
	b.paginate()
	slices.SortFunc(b.paged, byURL)
	wg.Wait()
	s.Pages = mergeByURL(own, b.paged)
}

// sizeGatherers allocates the case-study and lesson lists of themes and
// stages at the size relateReverse fills them to. Each gathers thousands
// of entries: grown by doubling, a theme's lessons alone were megabytes of
// copies at 10,000 case studies. A development server fills them again on
// every save that changes the graph, sized by resetReverse from the last
// fill instead: counting them again was 4 ms of such a save.
func sizeGatherers(studies []*Page) {
	counts, lessons := map[*Page]int{}, map[*Page]int{}
	for _, c := range studies {
		for _, t := range c.Themes {
			counts[t]++
		}
		for _, st := range c.Stages {
			counts[st]++
		}
		for _, l := range c.Lessons {
			lessons[l.Theme]++
		}
	}
	for p, n := range counts {
		p.CaseStudies = slices.Grow(p.CaseStudies, n)
	}
	for t, n := range lessons {
		t.Lessons = slices.Grow(t.Lessons, n)
	}
}

// resetReverse clears what relateReverse fills, for it to run again over
// the same pages: on themes, stages, districts and problems the pages that
// point to them, on every page its lists, and the site's newest date.
func (b *builder) resetReverse() {
	s := b.site
	for _, p := range b.allPages(true) {
		p.listing, p.Paginator = nil, nil
		switch content.Kind(p.Kind) {
		// The long lists are made again at their last size, which a save
		// seldom changes (see sizeGatherers); they are new slices, since
		// the last build may still be read.
		case content.Theme:
			p.PairsHere, p.Resources = nil, nil
			p.CaseStudies, p.Lessons = emptyLike(p.CaseStudies), emptyLike(p.Lessons)
		case content.Stage:
			p.PairsHere, p.CaseStudies = nil, emptyLike(p.CaseStudies)
		case content.District:
			p.PairsHere, p.CaseStudies = nil, nil
		case content.Problem:
			p.CaseStudies = nil
		}
	}
	s.Updated = time.Time{}
	b.paged = nil
}

// emptyLike returns an empty slice with room for as many elements as s
// has, or nil for an empty s.
func emptyLike[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return make(S, 0, len(s))
}

// relateStagesAndResources links stages and resources both ways: either
// end may name the other (a stage's `resources:`, a resource's `stages:`),
// and both pages show the link.
func (b *builder) relateStagesAndResources() {
	s := b.site
	for _, st := range s.Stages {
		for _, r := range st.Resources {
			if !slices.Contains(r.Stages, st) {
				r.Stages = append(r.Stages, st)
			}
		}
	}
	for _, r := range s.Resources {
		for _, st := range r.Stages {
			if !slices.Contains(st.Resources, r) {
				st.Resources = append(st.Resources, r)
			}
		}
		slices.SortFunc(r.Stages, byOrder)
	}
	for _, st := range s.Stages {
		slices.SortFunc(st.Resources, byTitle)
	}
}

func byURL(a, b *Page) int { return strings.Compare(a.URL, b.URL) }

// mergeByURL merges two lists of pages in address order into one.
func mergeByURL(a, b []*Page) []*Page {
	out := make([]*Page, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if byURL(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}
