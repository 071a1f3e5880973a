// Package site resolves the references between loaded pages into a graph:
// every relation the site shows, from both ends. It converts each body to
// HTML on the way, because body links are relations too (backlinks).
//
// Build runs in three passes: index every page by kind and slug and give it
// its URL; resolve frontmatter references and convert bodies in parallel;
// then gather the reverse relations, related case studies and lessons.
package site

import (
	"hash/maphash"
	"html/template"
	"slices"
	"time"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/packed"
)

// Site is the resolved graph of a casebook, ready for layouts.
type Site struct {
	Config      *config.Config
	Home        *Page
	Themes      []*Page // by order, then title
	Stages      []*Page // by order
	Districts   []*Page // by title
	Problems    []*Page // by title
	CaseStudies []*Page // newest first, then title
	Resources   []*Page // by title
	Plain       []*Page // by title
	// Sections are the list pages, one per kind with a folder, keyed by
	// folder name ("themes", "journey", ...).
	Sections map[string]*Page
	// Search is the search page, which casebook makes.
	Search *Page
	// Pages is every page with a URL, sorted by URL.
	Pages  []*Page
	Assets []content.Asset
	// PictureFiles are the files published for the pictures pages show
	// or link to, one per path, in page order.
	PictureFiles []PictureFile
	// Lang is the language of the site's pages: its default language, or
	// an edition's (see Link).
	Lang string
	// editions are the site in each of its languages, the default first;
	// byRel finds a page by its URL without the base path, to find the
	// same page in another edition.
	editions []*Site
	byRel    map[string]*Page
	words    *i18n.Table
	// Updated is the newest case study date: feeds use it rather than the
	// clock, so the same input gives the same output.
	Updated time.Time

	// builder is kept, with its indexes, for ReplaceBodies when the site
	// was built with a Memo.
	builder *builder
}

// Page is one page of the site with its relations. Fields that do not apply
// to a page's kind are empty.
//
// Page repeats the fields of content.Meta rather than embedding it: a
// layout reads a field of an embedded struct through a reflective search
// that allocates, and on a large site that search was a fifth of the time
// spent in layouts. setMeta copies them; a test keeps the two in step.
//
// The fields layouts read most come first: a layout finds a field by
// going through the struct's fields in order, comparing names.
type Page struct {
	Title string
	URL   string // site-relative URL with the base path: /casebook/themes/x/
	// TextLang is Lang on an untranslated page, else "": the language to
	// mark its text with, where the pages around it are in another.
	//
	//	<h1{{with .Page.TextLang}} lang="{{.}}"{{end}}>
	//
	// It is a field rather than a method because layouts read it a dozen
	// times a page, and a layout calls a method through reflection.
	TextLang string
	Kind     string // theme, stage, district, problem, case-study, resource, page, home, list
	Section  string // content folder ("themes"), "" for home and plain pages
	Slug     string
	Path     string // source file, relative to the site root; "" for generated list pages

	Summary    string
	Order      float64
	Region     string
	Locale     string
	Enrollment int
	FRLPercent float64
	HasFRL     bool
	Statement  string
	Solution   string
	Date       time.Time
	Authors    []string
	Image      string
	ImageAlt   string
	// ImageCaption, ImageCredit and ImageDecorative go with Image; Lead
	// is the picture itself, made for the page.
	ImageCaption    string
	ImageCredit     string
	ImageDecorative bool
	// Lead is the picture in Image, made for the page: nil without one.
	Lead        *Picture
	ExternalURL string
	Audience    []string
	Draft       bool
	// Illustrative marks a composite or invented story (see content.Meta).
	Illustrative bool

	// Lang is the language the page's text is in. Untranslated is set on
	// a page of an edition in another language whose text has no
	// translation yet: it shows the text in the site's default language.
	Lang         string
	Untranslated bool

	District  *Page   // problem, case study
	Problem   *Page   // case study: the pair it tells
	Stage     *Page   // problem: the stage its pilot sits at
	Themes    []*Page // problem, case study, resource
	Stages    []*Page // case study, resource (by order); stage: itself
	Resources []*Page // stage: resources for it; theme: resources under it

	CaseStudies []*Page  // theme, stage, district, problem: the studies that point here
	PairsHere   []*Page  // theme, stage, district: the pairs that point here
	Lessons     []Lesson // case study: its lessons; theme: every lesson under it
	Related     []*Page  // case study: others ranked by shared themes
	Backlinks   []*Page  // pages whose bodies link here
	Prev, Next  *Page    // stage: neighbours on the journey map

	// Pages lists the members of a section page, on each of its pages.
	Pages []*Page
	// Paginator is set on the pages of a long list: a section page and
	// its later pages, and the pages of another page's list (kind
	// "paged").
	Paginator *Paginator

	listing *listing // see List; nil on a page without lists

	// headings are the body's heading ids in order: what a link's #anchor
	// must name, and what a translation's headings take (see
	// Options.SourceHeadings).
	headings headingIDs
	source   *content.Page
	// sortKey is the lowercased title (see titleKey).
	sortKey string
	// content is the body as HTML and text the body without markup, for
	// search, both packed: together they are most of what a large build
	// holds. contentSum digests content, for fingerprints.
	content    packed.Text
	text       packed.Text
	contentSum uint64
	// leadFiles and bodyFiles are the files published for the pictures
	// of Image and of the body.
	leadFiles, bodyFiles []PictureFile
	digests              digests // see Fingerprints
}

// Content is the page's body as HTML, unpacked afresh on every call. It
// fails only when a spilled body cannot be read back (see Options.Spill).
func (p *Page) Content() (template.HTML, error) {
	s, err := p.content.String()
	return template.HTML(s), err
}

// setBody sets the page's converted body, packed into spill (which may be
// nil).
func (p *Page) setBody(html, text []byte, spill *packed.Spill) {
	p.content, p.text = spill.Pack(html), spill.Pack(text)
	p.contentSum = maphash.Bytes(fingerprintSeed, html)
}

// setMeta copies a page's frontmatter fields from m.
func (p *Page) setMeta(m content.Meta) {
	p.Title, p.Summary, p.Order = m.Title, m.Summary, m.Order
	p.Region, p.Locale, p.Enrollment, p.FRLPercent, p.HasFRL = m.Region, m.Locale, m.Enrollment, m.FRLPercent, m.HasFRL
	p.Statement, p.Solution, p.Date, p.Authors = m.Statement, m.Solution, m.Date, m.Authors
	p.Image, p.ImageAlt, p.ExternalURL, p.Audience = m.Image, m.ImageAlt, m.ExternalURL, m.Audience
	p.ImageCaption, p.ImageCredit, p.ImageDecorative = m.ImageCaption, m.ImageCredit, m.ImageDecorative
	p.Draft, p.Illustrative = m.Draft, m.Illustrative
}

// PlainText is the page's body without markup, packed: what search
// indexes. It is a function, not a method, so layouts cannot read it: a
// build lets the text go while pages may still be rendering (see
// ReleasePlainText).
func PlainText(p *Page) packed.Text { return p.text }

// ReleasePlainText drops every page's plain text once the search index is
// built, in a build that will not be rebuilt (one without a Memo): a large
// site's text is a tenth of its memory while it renders. A site rebuilt
// in place keeps it for the next index.
func (s *Site) ReleasePlainText() {
	if s.builder != nil {
		return
	}
	for _, p := range s.Pages {
		p.text = packed.Text{}
	}
}

// ReleaseContent drops a page's body as HTML once its page is written, in
// a build that will not be rebuilt (one without a Memo) and renders every
// output once: at 100,000 case studies the bodies are a fifth of what
// the build holds while it renders. The caller knows that no output still
// to render shows the body. It is a method of Site, not of Page, so
// layouts cannot call it.
func (s *Site) ReleaseContent(p *Page) {
	if s.builder != nil {
		return
	}
	p.content = packed.Text{}
}

// Kinds of the pages casebook makes up: the search page, and the pages of
// a page's long list (/themes/x/case-studies/, .../page/2/, ...).
const (
	KindSearch = "search"
	KindPaged  = "paged"
)

// searchDir is the search page's folder in the built site.
const searchDir = "search"

// Lesson is one lesson of a case study, under one theme.
type Lesson struct {
	Theme     *Page
	CaseStudy *Page
	Text      string
	ID        string // its element's id on the case study page: "cb-lesson-2"
	sum       uint64 // digests Text (see Lesson.textSum)
}

// URL is the lesson's address: its case study's page, at the lesson.
func (l Lesson) URL() string { return l.CaseStudy.URL + "#" + l.ID }

// HasStage reports whether the page (a case study or resource) went through
// stage s; layouts use it to light up the journey map.
func (p *Page) HasStage(s *Page) bool { return slices.Contains(p.Stages, s) }

// IsSection reports whether the page is a section's list page.
func (p *Page) IsSection() bool { return p.Kind == string(content.List) }

// Section returns the list page of a content folder, or nil.
func (s *Site) Section(dir string) *Page { return s.Sections[dir] }

// LatestCaseStudies returns up to n of the newest case studies.
func (s *Site) LatestCaseStudies(n int) []*Page {
	return s.CaseStudies[:min(n, len(s.CaseStudies))]
}
