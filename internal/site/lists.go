package site

import (
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/content"
)

// A List is one of a page's lists as the page's layout shows it: the first
// few entries, how many there are, and where the whole list is when the
// page shows only some. A theme with 3,000 case studies shows six cards and
// a link to all of them, so no page grows with the site.
type List struct {
	Name    string   // "case-studies", "problems", "resources", "lessons" or "links"
	Label   string   // what the entries are, in the plural: "case studies"
	Count   int      // entries in the whole list
	Pages   []*Page  // the first entries of a list of pages
	Lessons []Lesson // the first entries of the lessons list
	// URL is the first page of the whole list; "" when the page shows
	// every entry.
	URL string
}

// More reports whether the page shows only some of the list's entries.
func (l *List) More() bool { return l.URL != "" }

// List returns the page's list of that name, or nil when it is empty:
//
//	{{with .Page.List "case-studies"}}{{template "partials/cards.html" .Pages}}{{end}}
//
// It is made afresh on each call, from the page's relations: kept, the
// lists of a site of 100,000 case studies were 210,000 objects for the
// collector to visit while pages render, and a layout asks for a list
// once or twice.
func (p *Page) List(name string) *List {
	if p.listing == nil {
		return nil
	}
	pages, lessons := p.entries(name)
	n := max(len(pages), len(lessons))
	if n == 0 {
		return nil
	}
	preview := p.listing.shown(p)
	l := &List{Name: name, Label: p.listing.labels[name], Count: n,
		Pages: pages[:min(preview, len(pages))], Lessons: lessons[:min(preview, len(lessons))]}
	if n > preview {
		// content.Load keeps pages off "links/" and "page/", so a
		// section's or the home page's lists never land on a page.
		l.URL = p.URL + name + "/"
	}
	return l
}

// entries are every entry of the page's list of that name: pages, or for
// a theme's lessons list, lessons.
func (p *Page) entries(name string) ([]*Page, []Lesson) {
	if name == "lessons" {
		if p.Kind == string(content.Theme) {
			return nil, p.Lessons
		}
		return nil, nil
	}
	if i := slices.IndexFunc(pageLists, func(s listSpec) bool { return s.name == name }); i >= 0 {
		return pageLists[i].of(p), nil
	}
	return nil, nil
}

// listing is what List needs beyond a page's relations: one per build of
// an edition, shared by its pages.
type listing struct {
	pageSize, preview int
	labels            map[string]string // by list name: "case studies"
}

// shown is how many entries page p shows of each of its lists. A theme
// or stage page has four lists under its own text, so it shows the first
// few of each; other pages show a page's worth.
func (l *listing) shown(p *Page) int {
	if p.Kind == string(content.Theme) || p.Kind == string(content.Stage) {
		return min(l.preview, l.pageSize)
	}
	return l.pageSize
}

// A Paginator is one page of a long list: a section's list of its pages
// (/case-studies/, /case-studies/page/2/, ...) or one of a page's lists
// (/themes/equity-vision/case-studies/, .../page/2/, ...).
type Paginator struct {
	Owner *Page  // the section page, or the page whose list it is
	List  string // the list's name; "" for a section's own list
	Label string // what the entries are, in the plural
	// Key names the counted phrase for the entries in the interface
	// text: {{N .Key .Count}} is "24 case studies".
	Key     string
	Number  int // this page's number, from 1
	Last    int // the number of pages
	Count   int // entries in the whole list
	Offset  int // entries on the pages before this one
	Pages   []*Page
	Lessons []Lesson
	base    string // page 1's URL; page n is base + "page/n/"
	size    int    // entries on a full page
	// before is the entry just before this page's: a page may say that
	// its first group goes on from the page before (ByLocale).
	before *Page
}

// URL returns the address of page n of the list.
func (pg *Paginator) URL(n int) string {
	if n <= 1 {
		return pg.base
	}
	return pg.base + "page/" + strconv.Itoa(n) + "/"
}

// First and Through number the entries this page shows, from 1.
func (pg *Paginator) First() int   { return pg.Offset + 1 }
func (pg *Paginator) Through() int { return pg.Offset + max(len(pg.Pages), len(pg.Lessons)) }

// Prev and Next are the neighbouring pages' addresses, "" at either end.
func (pg *Paginator) Prev() string {
	if pg.Number <= 1 {
		return ""
	}
	return pg.URL(pg.Number - 1)
}

func (pg *Paginator) Next() string {
	if pg.Number >= pg.Last {
		return ""
	}
	return pg.URL(pg.Number + 1)
}

// PageLink is one entry of numbered pagination: a page number with its
// address, or a gap (Number 0) standing for pages left out.
type PageLink struct {
	Number  int
	URL     string
	Current bool
}

// Links lists the page numbers to show: the first and last pages, and two
// either side of this one, with gaps between. Reaching any page takes a few
// steps, and the list stays one line long on a phone however long the list.
func (pg *Paginator) Links() []PageLink {
	var out []PageLink
	for n := 1; n <= pg.Last; n++ {
		if n != 1 && n != pg.Last && (n < pg.Number-2 || n > pg.Number+2) {
			if len(out) > 0 && out[len(out)-1].Number != 0 {
				out = append(out, PageLink{})
			}
			continue
		}
		out = append(out, PageLink{Number: n, URL: pg.URL(n), Current: n == pg.Number})
	}
	return out
}

// listSpec describes one kind of list a page may have.
type listSpec struct {
	name string // in the list's address: /themes/x/case-studies/
	of   func(p *Page) []*Page
}

// countedKey is the interface text's counted phrase for the entries of a
// list, by the list's name or its section's folder.
func countedKey(name string) string {
	switch name {
	case "journey":
		return "stages"
	case "links":
		return "mentions"
	}
	return strings.ReplaceAll(name, "-", "_")
}

// pageLists are the lists of pages a page shows a preview of, in the order
// layouts show them. The lessons list is handled beside them.
var pageLists = []listSpec{
	{"case-studies", func(p *Page) []*Page { return p.CaseStudies }},
	{"problems", func(p *Page) []*Page { return p.PairsHere }},
	{"resources", func(p *Page) []*Page {
		if p.Kind == string(content.Theme) || p.Kind == string(content.Stage) {
			return p.Resources
		}
		return nil
	}},
	{"links", func(p *Page) []*Page { return p.Backlinks }},
}

// paginate gives every page its lists, makes the pages of every list too
// long for one page, and splits the section pages into pages of their own.
// It runs once the graph is complete.
func (b *builder) paginate() {
	cfg := b.site.Config
	lists := &listing{pageSize: cfg.PageSize, preview: cfg.Preview,
		labels: map[string]string{"lessons": b.word("label_lessons")}}
	for _, spec := range pageLists {
		lists.labels[spec.name] = b.word("label_" + spec.name)
	}
	b.listSlab = &pageSlab{}
	var made []*Page
	for _, p := range b.allPages(true) {
		p.listing = lists
		for _, spec := range pageLists {
			made = append(made, b.pageList(p, spec.name)...)
		}
		made = append(made, b.pageList(p, "lessons")...)
	}
	for _, spec := range content.Kinds {
		if spec.Kind == content.Theme || spec.Kind == content.Stage {
			continue // their section pages show them all, with their lists' counts
		}
		sec := b.site.Sections[spec.Dir]
		made = append(made, b.pagesOf(sec, spec.Dir, sec.Title, sec.URL, sec.Pages, nil, cfg.PageSize, string(content.List))...)
	}
	b.paged = made
}

// pageList makes the pages of page p's list of that name when its preview
// does not hold every entry (see Page.List).
func (b *builder) pageList(p *Page, name string) []*Page {
	l := p.List(name)
	if l == nil || !l.More() {
		return nil
	}
	pages, lessons := p.entries(name)
	title, _ := b.opts.Words.T("list_title", "page", p.Title, "list", l.Label)
	return b.pagesOf(p, name, title, l.URL, pages, lessons, b.site.Config.PageSize, KindPaged)
}

// pagesOf makes the pages of one list: the first at base (which is the
// owner itself for a section), the rest at base/page/n/.
// name is the list's, or for a section's own list its folder: it says
// what the entries are (see countedKey).
func (b *builder) pagesOf(owner *Page, name, title, base string, pages []*Page, lessons []Lesson, size int, kind string) []*Page {
	label, key := b.word("label_"+name), countedKey(name)
	if kind == string(content.List) {
		name = "" // a section's own list has no name of its own
	}
	n := max(len(pages), len(lessons))
	last := max(1, (n+size-1)/size)
	var made []*Page
	for i := 1; i <= last; i++ {
		lo, hi := (i-1)*size, min(i*size, n)
		pg := &Paginator{Owner: owner, List: name, Label: label, Key: key, Number: i, Last: last, Count: n, Offset: lo, base: base, size: size}
		if pages != nil {
			pg.Pages = pages[lo:hi]
			if lo > 0 {
				pg.before = pages[lo-1]
			}
		} else {
			pg.Lessons = lessons[lo:hi]
		}
		if i == 1 && kind == string(content.List) {
			owner.Paginator = pg // a section's first page is the section page
			continue
		}
		p := b.listSlab.next()
		p.Kind, p.Slug, p.Section, p.URL, p.Paginator, p.Lang = kind, name, owner.Section, pg.URL(i), pg, b.site.Lang
		p.Title, p.sortKey = title, owner.sortKey
		if kind == string(content.List) {
			p.Summary, p.Pages = owner.Summary, owner.Pages
		}
		made = append(made, p)
	}
	return made
}
