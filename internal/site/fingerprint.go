package site

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/parallel"
)

// Fingerprints digest, for every page, what its layout can show, so the
// development server re-renders only the pages whose fingerprint changed
// since the last build and serves the rest as they were. Fingerprints from
// two builds compare only while the layouts and the configuration are the
// same; the caller re-renders everything when either changes.
//
// What a page's fingerprint covers is the contract layouts keep:
//
//   - everything of the page itself: its fields, its body and its lessons;
//   - the pages it names (District, Problem, Stage, Prev, Next, Themes,
//     Stages) at link level: each one's own fields;
//   - the pages it lists (Resources, CaseStudies, PairsHere, Related,
//     Backlinks, Pages, and a paginator's pages and the entry before
//     them) at card level: each one's own fields, the fields of the pages
//     it names, and the length of each of its lists;
//   - its lessons and a paginator's: their text, their theme and case
//     study at link level, and the case study's district;
//   - a paginator's owner at link level;
//   - the site-wide parts every page may show: the home page's address;
//     at link level, the stages (the journey map), the plain pages (the
//     navigation and the footer) and the section pages (their own
//     fields); and which sections have pages;
//   - for the home page and the section pages, every page at card level
//     (the journey map's list shows each stage's case studies); a
//     section's later pages (page/2/ on) show only their part of its list,
//     through their paginator.
//
// A layout that shows more than that (another page's body, a count on a
// page it names, or the lists of a page two steps away) would be served
// stale. The default theme keeps to it; for a site with layouts of its
// own, Wide widens every page's fingerprint to cover every page at card
// level, so only body edits stay cheap.
//
// The narrower a fingerprint, the less a save re-renders: a case study
// that gains a theme changes that theme's count, which its card shows but
// a link to it does not, so the case studies under the theme, which link
// to it and name it above their lessons, stay as they are; a retitled case
// study changes the one later page of the case studies list it is on,
// not the 500 others.
type Fingerprints struct {
	// The digests of each page itself and of its card are kept on the
	// page (Page.digests): looking them up in maps was a third of the
	// time a save spent on fingerprints.
	//
	// lists digests the cards of each long list, once: the pages of a
	// paged list share their owner's lists, and the 500 pages of a
	// 10,000-entry list would otherwise each go over all of it.
	lists    map[listKey]uint64
	global   uint64
	allCards uint64
	updated  string // the newest case study's date, which feeds show
}

var fingerprintSeed = maphash.MakeSeed()

// NewFingerprints digests the site. wide widens every page's fingerprint as
// described above.
//
// A save that changes frontmatter digests every page again, so the work is
// spread over every core: each step only reads what the steps before it
// wrote.
func NewFingerprints(s *Site, wide bool) *Fingerprints {
	pages := s.Pages
	f := &Fingerprints{}
	// A page's own digest is kept from the last fingerprints of its site
	// until its fields are set again (setFields): most pages' fields stay
	// as they are through a save. A page of a site in several languages
	// also shows what the other editions translate, so it is digested
	// afresh.
	parallel.Each(len(pages), func(i int) {
		if p := pages[i]; p.digests.own == 0 || len(s.editions) > 1 {
			p.digests.own = s.editionDigest(p, ownDigest(p)) | 1
		}
	})
	parallel.Each(len(pages), func(i int) { pages[i].digests.card = f.cardDigest(pages[i]) })
	var long [][]*Page
	seen := map[listKey]bool{}
	for _, p := range pages {
		for _, list := range listed(p) {
			if k := keyOf(list); k.n > 0 && !seen[k] {
				seen[k] = true
				long = append(long, list)
			}
		}
	}
	digests := make([]uint64, len(long))
	parallel.Each(len(long), func(i int) { digests[i] = f.cardsDigest(long[i]) })
	f.lists = make(map[listKey]uint64, len(long))
	for i, list := range long {
		f.lists[keyOf(list)] = digests[i]
	}
	h := f.hash()
	for _, p := range pages {
		writeUint(h, p.digests.card)
	}
	f.allCards = h.Sum64()
	f.global = f.globalDigest(s, wide)
	f.updated = s.Updated.String()
	return f
}

// digests are what NewFingerprints works out for a page: its own fields
// (with what it shows of the editions) and its card. A page made after
// the fingerprints has none (0); an own digest is never 0.
type digests struct{ own, card uint64 }

// PageKeys returns the pages' fingerprints (see Page), in order, worked
// out on every core.
func (f *Fingerprints) PageKeys(pages []*Page) []uint64 {
	keys := make([]uint64, len(pages))
	parallel.Each(len(pages), func(i int) { keys[i] = f.Page(pages[i]) })
	return keys
}

func (f *Fingerprints) hash() *maphash.Hash {
	h := new(maphash.Hash)
	h.SetSeed(fingerprintSeed)
	return h
}

// Global digests what every page may show of the site. It is never 0.
func (f *Fingerprints) Global() uint64 { return f.global | 1 }

// Page digests everything p's layout can show.
func (f *Fingerprints) Page(p *Page) uint64 {
	h := f.hash()
	writeUint(h, f.global)
	writeUint(h, p.digests.own)
	sum := p.contentSum
	if sum == 0 && !p.content.Empty() { // a page made without Build, as in tests
		body, _ := p.content.Bytes() // in memory: it cannot fail
		sum = maphash.Bytes(fingerprintSeed, body)
	}
	writeUint(h, sum)
	// A section's later pages show their part of its list, through the
	// paginator, and nothing else of the site or of the list.
	later := p.IsSection() && p.Paginator != nil && p.Paginator.Number > 1
	if p.Kind == string(content.Home) || p.IsSection() && !later {
		writeUint(h, f.allCards)
	}
	f.writeNamed(h, p)
	lists := listed(p)
	if later {
		lists = lists[:len(lists)-1] // Pages, the whole list: the paginator covers their part
	}
	for _, list := range lists {
		if d, ok := f.lists[keyOf(list)]; ok {
			writeUint(h, d)
		} else { // short, or made after the fingerprints
			for _, q := range list {
				writeUint(h, f.cardOf(q))
			}
		}
		writeUint(h, 0) // so that a page moving to the next list counts
	}
	h.WriteByte(0)
	f.writeLessons(h, p.Lessons)
	if pg := p.Paginator; pg != nil {
		for _, n := range []int{pg.Number, pg.Last, pg.Count, pg.Offset} {
			writeUint(h, uint64(n))
		}
		writeUint(h, f.ownOf(pg.Owner))
		writeUint(h, f.cardOf(pg.before))
		for _, q := range pg.Pages {
			writeUint(h, f.cardOf(q))
		}
		h.WriteByte(0)
		f.writeLessons(h, pg.Lessons)
	}
	return h.Sum64()
}

// writeLessons digests lessons as they are shown: each names its theme
// and its case study, with the case study's district, at link level.
func (f *Fingerprints) writeLessons(h *maphash.Hash, lessons []Lesson) {
	for _, l := range lessons {
		writeUint(h, f.ownOf(l.Theme))
		writeUint(h, f.ownOf(l.CaseStudy))
		if l.CaseStudy != nil {
			writeUint(h, f.ownOf(l.CaseStudy.District))
		}
		writeUint(h, l.textSum())
	}
}

// Partial digests what a partial given page p as its dot may show: p at
// card level and its body, and the site-wide parts. It reads p's body as
// it is now, so it stays right after ReplaceBodies.
func (f *Fingerprints) Partial(p *Page) uint64 {
	h := f.hash()
	writeUint(h, f.global)
	writeUint(h, f.cardOf(p))
	writeUint(h, p.contentSum)
	return h.Sum64() | 1 // never 0, which means "unchecked"
}

// Cards digests a list of pages at card level, with owner (a page or nil):
// what a feed of them shows, with the date of the newest case study.
func (f *Fingerprints) Cards(owner *Page, pages []*Page) uint64 {
	h := f.hash()
	writeUint(h, f.global)
	h.WriteString(f.updated)
	writeUint(h, f.cardOf(owner))
	for _, p := range pages {
		writeUint(h, f.cardOf(p))
	}
	return h.Sum64()
}

// listKey names a list by its backing array and length: within one build,
// lists are not changed once made.
type listKey struct {
	first **Page
	n     int
}

// longList is the length from which a list's digest is worked out once.
const longList = 32

// keyOf is a long list's key; the zero key for a short one.
func keyOf(list []*Page) listKey {
	if len(list) < longList {
		return listKey{}
	}
	return listKey{&list[0], len(list)}
}

// cardsDigest digests the cards of a list.
func (f *Fingerprints) cardsDigest(list []*Page) uint64 {
	h := f.hash()
	for _, q := range list {
		writeUint(h, f.cardOf(q))
	}
	return h.Sum64()
}

func (f *Fingerprints) cardOf(p *Page) uint64 {
	if p == nil {
		return 0
	}
	return p.digests.card
}

// cardDigest digests a page as other pages show it.
func (f *Fingerprints) cardDigest(p *Page) uint64 {
	h := f.hash()
	writeUint(h, p.digests.own)
	f.writeNamed(h, p)
	for _, n := range []int{len(p.Resources), len(p.CaseStudies), len(p.PairsHere), len(p.Lessons), len(p.Related), len(p.Backlinks), len(p.Pages)} {
		writeUint(h, uint64(n))
	}
	return h.Sum64()
}

func (f *Fingerprints) ownOf(p *Page) uint64 {
	if p == nil {
		return 0
	}
	return p.digests.own
}

func (f *Fingerprints) globalDigest(s *Site, wide bool) uint64 {
	h := f.hash()
	// Of the home page, other pages show where it is, not what it says:
	// its title or summary changed every page's fingerprint, and a
	// save of the home page then rendered the whole site again. Layouts
	// of a site's own see all of it through allCards (wide).
	if s.Home != nil {
		h.WriteString(s.Home.URL)
	}
	h.WriteByte(0)
	// A theme shows on the pages that name it or list it, which their own
	// fingerprints cover, and on the home and section pages (allCards).
	for _, list := range [][]*Page{s.Stages, s.Plain} {
		for _, p := range list {
			writeUint(h, f.ownOf(p))
		}
		h.WriteByte(0)
	}
	// The navigation shows a section once it has pages.
	for _, sec := range sectionOrder(s) {
		writeUint(h, f.ownOf(sec))
		if len(sec.Pages) > 0 {
			h.WriteByte(1)
		} else {
			h.WriteByte(0)
		}
	}
	if wide {
		writeUint(h, f.allCards)
	}
	return h.Sum64()
}

// sectionOrder lists the section pages in a fixed order.
func sectionOrder(s *Site) []*Page {
	var out []*Page
	for _, spec := range content.Kinds {
		if p := s.Sections[spec.Dir]; p != nil {
			out = append(out, p)
		}
	}
	return out
}

// writeNamed digests the pages p names, which layouts show as links, at
// link level. Each list of them ends with a 0, so that moving a page from
// one list to the next changes the digest. Nothing is allocated: this
// runs twice for every page after every save.
func (f *Fingerprints) writeNamed(h *maphash.Hash, p *Page) {
	for _, q := range [...]*Page{p.District, p.Problem, p.Stage, p.Prev, p.Next} {
		writeUint(h, f.ownOf(q))
	}
	for _, list := range [...][]*Page{p.Themes, p.Stages} {
		for _, q := range list {
			writeUint(h, f.ownOf(q))
		}
		writeUint(h, 0)
	}
}

// listed is the lists of pages p shows as cards, Pages last.
func listed(p *Page) [][]*Page {
	return [][]*Page{p.Resources, p.CaseStudies, p.PairsHere, p.Related, p.Backlinks, p.Pages}
}

// ownDigest digests the page's own fields: everything but its body and its
// relations. A test checks that every field of Meta counts.
func ownDigest(p *Page) uint64 {
	var h maphash.Hash
	h.SetSeed(fingerprintSeed)
	for _, s := range []string{p.Kind, p.Slug, p.Section, p.Path, p.URL, p.Title, p.Summary, p.Region, p.Locale,
		p.Statement, p.Solution, p.Image, p.ImageAlt, p.ImageCaption, p.ImageCredit, leadDigest(p.Lead), p.ExternalURL} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	// The date as numbers rather than text: formatting it was a fifth of
	// the digest.
	zone, offset := p.Date.Zone()
	h.WriteString(zone)
	for _, n := range []int64{p.Date.Unix(), int64(p.Date.Nanosecond()), int64(offset)} {
		writeUint(&h, uint64(n))
	}
	for _, x := range []float64{p.Order, float64(p.Enrollment), p.FRLPercent} {
		writeUint(&h, math.Float64bits(x))
	}
	for _, b := range []bool{p.HasFRL, p.Draft, p.Illustrative, p.ImageDecorative} {
		if b {
			h.WriteByte(1)
		} else {
			h.WriteByte(0)
		}
	}
	for _, list := range [][]string{p.Authors, p.Audience} {
		for _, s := range list {
			h.WriteString(s)
			h.WriteByte(0)
		}
		h.WriteByte(1)
	}
	return h.Sum64()
}

// editionDigest adds to a page's own digest what it shows of the site's
// editions: whether its text is its edition's language (untranslated
// text is marked lang="en" wherever the page is named or listed) and in
// which editions it is translated (its alternates, in its head). A new
// page, or a translation added or taken away, then changes the pages
// that show it rather than every page of every edition.
func (s *Site) editionDigest(p *Page, own uint64) uint64 {
	if len(s.editions) < 2 {
		return own
	}
	var h maphash.Hash
	h.SetSeed(fingerprintSeed)
	writeUint(&h, own)
	h.WriteString(p.Lang)
	var translated uint64
	for i, e := range s.editions {
		if q := s.inEdition(p, e); q != nil && !q.Untranslated {
			translated |= 1 << (i % 64)
		}
	}
	if p.Untranslated {
		translated |= 1 << 63
	}
	writeUint(&h, translated)
	return h.Sum64()
}

// textSum digests the lesson's text, once per build: themes list every
// lesson under them, and a save digested each lesson's text twice.
func (l *Lesson) textSum() uint64 {
	if l.sum == 0 { // a lesson made without Build, as in tests
		return maphash.String(fingerprintSeed, l.Text)
	}
	return l.sum
}

func writeUint(h *maphash.Hash, n uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], n)
	h.Write(b[:])
}

// leadDigest writes out what a layout shows of a lead picture: its
// widths, and its size, which change when the file beside the page is
// replaced by another under the same name.
func leadDigest(pic *Picture) string {
	if pic == nil {
		return ""
	}
	return fmt.Sprint(*pic)
}
