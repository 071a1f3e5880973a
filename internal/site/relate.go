package site

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/diag"
)

// relatedCount is how many related case studies a case study shows.
const relatedCount = 4

// allPages lists every page with a source, in a fixed order.
func (b *builder) allPages() []*Page {
	s := b.site
	var out []*Page
	if s.Home.source != nil {
		out = append(out, s.Home)
	}
	for _, dir := range []string{"themes", "journey", "districts", "problems", "case-studies", "resources"} {
		if sec := s.Sections[dir]; sec.source != nil {
			out = append(out, sec)
		}
	}
	for _, list := range [][]*Page{s.Themes, s.Stages, s.Districts, s.Problems, s.CaseStudies, s.Resources, s.Plain} {
		out = append(out, list...)
	}
	return out
}

// convertAll converts every body in parallel, then checks anchors and
// records backlinks, which need every page converted first.
func (b *builder) convertAll() error {
	pages := b.allPages()
	links := make([][]outLink, len(pages))
	lists := make([]diag.List, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				links[i], errs[i] = b.convert(pages[i], &lists[i])
			}
		})
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
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

func (b *builder) checkLinks(from *Page, links []outLink) {
	lr := &linkResolver{b: b, from: from, diags: b.diags}
	for _, l := range links {
		if l.fragment != "" && !l.to.ids[l.fragment] {
			ids := make([]string, 0, len(l.to.ids))
			for id := range l.to.ids {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			hint := diag.DidYouMean(l.fragment, ids)
			if hint == "" {
				hint = "link to a heading's id: its text in lowercase with hyphens for spaces"
			}
			lr.errorf(l.offset, hint, "%s has no heading with the id `%s`", l.to.Path, l.fragment)
		}
		if l.to != from && !slices.Contains(l.to.Backlinks, from) {
			l.to.Backlinks = append(l.to.Backlinks, from)
		}
	}
}

// relate fills the reverse relations: every relation shown from both ends.
func (b *builder) relate() {
	s := b.site
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
		for _, st := range r.Stages {
			if !slices.Contains(st.Resources, r) {
				st.Resources = append(st.Resources, r)
			}
		}
		for _, t := range r.Themes {
			t.Resources = append(t.Resources, r)
		}
	}
	for _, st := range s.Stages {
		slices.SortFunc(st.Resources, byTitle)
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
	relateCaseStudies(s.CaseStudies, relatedCount)
	b.collectPages()
}

func (b *builder) collectPages() {
	s := b.site
	s.Pages = append(s.Pages, s.Home)
	for _, dir := range []string{"themes", "journey", "districts", "problems", "case-studies", "resources"} {
		s.Pages = append(s.Pages, s.Sections[dir])
	}
	for _, list := range [][]*Page{s.Themes, s.Stages, s.Districts, s.Problems, s.CaseStudies, s.Resources, s.Plain} {
		s.Pages = append(s.Pages, list...)
	}
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.URL, b.URL) })
}
