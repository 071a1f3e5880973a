package search

import (
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/packed"
	"github.com/casebook/casebook/internal/site"
)

// A doc is one search result: a page, or a lesson of a case study. A
// large site has hundreds of thousands, held while the index is made, so
// a doc is kept small: a lesson's title and address are made as its
// records are written, from its case study's (see docTitle, docURL).
type doc struct {
	title string // shown as the result's link; "" for a lesson
	// url is the address without the base path ("case-studies/x/"), or
	// for a lesson, the id of its anchor in its case study's page.
	url  string
	head string // summary, lesson text, problem and solution: second to the title
	// body is the page's body without markup, packed: analysis unpacks
	// it once, and keeps the starts records and title snippets show;
	// snippets in it unpack it again (see bodies).
	body       packed.Text
	recordLead string // the body's start for the record, when the head is short
	titleLead  string // the body's start for a title's snippet, when there is no head
	district   *site.Page
	// lang is the language of an untranslated page's text, which its
	// result is marked with; "" when it is the index's own.
	lang   string
	themes []*site.Page
	stages []*site.Page
	// parent is the doc a lesson belongs to, which has its district,
	// year and stages; -1 for other docs.
	parent int32
	year   int16 // 0 when the doc has no date
	kind   uint8 // index into kinds
	// untitled marks a doc whose title is not its own words (a lesson's
	// names its case study), so searches do not find it by them.
	untitled bool
}

// docTitle is doc id's title: a lesson's names its theme and case study,
// as two lessons of one case study are two links, and their text must
// say which is which.
func (ix *indexer) docTitle(id int32) string {
	d := &ix.docs[id]
	if d.kind != kindLesson {
		return d.title
	}
	title, _ := ix.words.T("search_lesson_title", "theme", d.themes[0].Title, "study", ix.docs[d.parent].title)
	return title
}

// docURL is doc id's address without the base path.
func (ix *indexer) docURL(id int32) string {
	d := &ix.docs[id]
	if d.kind != kindLesson {
		return d.url
	}
	return ix.docs[d.parent].url + "#" + d.url
}

// kindSpec names one kind of result, in the order results of equal score
// are listed: a theme or stage that matches is a better place to start
// than one of the many case studies under it.
type kindSpec struct {
	slug, label string
}

var kinds = []kindSpec{
	{"theme", "Theme"},
	{"stage", "Journey stage"},
	{"case-study", "Case study"},
	{"problem", "Problem of practice"},
	{"lesson", "Lesson"},
	{"district", "District"},
	{"resource", "Resource"},
	{"page", "Page"},
}

const (
	kindTheme = iota
	kindStage
	kindCaseStudy
	kindProblem
	kindLesson
	kindDistrict
	kindResource
	kindPage
)

// collect lists the site's results in the order ties are broken in: by
// kind as above, case studies newest first, each lesson in its case
// study's order, the rest by title.
func collect(s *site.Site) []doc {
	base := s.Config.BasePath
	rel := func(u string) string { return strings.TrimPrefix(u, base) }
	page := func(kind uint8, p *site.Page, head string) doc {
		return doc{kind: kind, title: p.Title, url: rel(p.URL), head: head, body: site.PlainText(p), parent: -1, lang: p.TextLang}
	}
	n := len(s.Themes) + len(s.Stages) + len(s.CaseStudies) + len(s.Problems) + len(s.Districts) + len(s.Resources) + len(s.Plain)
	for _, c := range s.CaseStudies {
		n += len(c.Lessons)
	}
	docs := make([]doc, 0, n) // a doc is large: growing the slice would copy them all again and again
	for _, t := range s.Themes {
		d := page(kindTheme, t, t.Summary)
		d.themes = []*site.Page{t}
		docs = append(docs, d)
	}
	for _, st := range s.Stages {
		d := page(kindStage, st, st.Summary)
		d.stages = []*site.Page{st}
		docs = append(docs, d)
	}
	for _, c := range s.CaseStudies {
		d := page(kindCaseStudy, c, c.Summary)
		d.district, d.themes, d.stages = c.District, c.Themes, c.Stages
		d.year = yearOf(c)
		docs = append(docs, d)
	}
	for _, p := range s.Problems {
		d := page(kindProblem, p, p.Statement+"\n"+p.Solution)
		d.district, d.themes = p.District, p.Themes
		if p.Stage != nil {
			d.stages = []*site.Page{p.Stage}
		}
		docs = append(docs, d)
	}
	firstStudy := len(s.Themes) + len(s.Stages)
	for i, c := range s.CaseStudies {
		for _, l := range c.Lessons {
			// Its title and address are made from these as it is written.
			d := doc{kind: kindLesson, untitled: true, url: l.ID, head: l.Text, district: c.District,
				themes: alone(c.Themes, l.Theme), stages: c.Stages, parent: int32(firstStudy + i), year: yearOf(c)}
			docs = append(docs, d)
		}
	}
	for _, p := range s.Districts {
		d := page(kindDistrict, p, strings.TrimSpace(p.Region+"\n"+p.Summary))
		d.district = p
		docs = append(docs, d)
	}
	for _, r := range s.Resources {
		d := page(kindResource, r, strings.TrimSpace(r.Summary+"\n"+strings.Join(r.Audience, ", ")))
		d.themes, d.stages = r.Themes, r.Stages
		docs = append(docs, d)
	}
	for _, p := range s.Plain {
		docs = append(docs, page(kindPage, p, p.Summary))
	}
	return docs
}

// alone is a list of p alone: a part of list, which usually holds it, so as
// not to allocate one for each of a large site's lessons.
func alone(list []*site.Page, p *site.Page) []*site.Page {
	if i := slices.Index(list, p); i >= 0 {
		return list[i : i+1 : i+1]
	}
	return []*site.Page{p}
}

// yearOf is the year of a case study's date, 0 when it has none.
func yearOf(c *site.Page) int16 {
	if c.Date.IsZero() {
		return 0
	}
	return int16(c.Date.Year())
}
