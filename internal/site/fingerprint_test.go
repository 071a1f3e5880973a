package site

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/packed"
)

// TestOwnDigestCoversEveryField sets each field of content.Meta in turn and
// checks that the page's own digest changes: a field added to Meta but not
// to ownDigest would leave pages showing it stale in the development server.
func TestOwnDigestCoversEveryField(t *testing.T) {
	base := ownDigest(&Page{})
	typ := reflect.TypeFor[content.Meta]()
	for i := range typ.NumField() {
		p := &Page{}
		f := reflect.ValueOf(p).Elem().FieldByName(typ.Field(i).Name)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Int:
			f.SetInt(3)
		case reflect.Float64:
			f.SetFloat(2.5)
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{"x"}))
		case reflect.Struct:
			if f.Type() != reflect.TypeFor[time.Time]() {
				t.Fatalf("field %s: teach this test and ownDigest about %s", typ.Field(i).Name, f.Type())
			}
			f.Set(reflect.ValueOf(time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)))
		default:
			t.Fatalf("field %s: teach this test and ownDigest about %s", typ.Field(i).Name, f.Type())
		}
		if ownDigest(p) == base {
			t.Errorf("changing Meta.%s does not change the page's digest", typ.Field(i).Name)
		}
	}
	for name, p := range map[string]*Page{"Kind": {Kind: "x"}, "Slug": {Slug: "x"}, "Section": {Section: "x"}, "Path": {Path: "x"}, "URL": {URL: "x"}} {
		if ownDigest(p) == base {
			t.Errorf("changing %s does not change the page's digest", name)
		}
	}
}

// TestPageFingerprintFollowsRelations checks the two-step case: a theme
// page shows its case studies' cards, which show their district's title.
func TestPageFingerprintFollowsRelations(t *testing.T) {
	build := func(districtTitle, body string) (*Site, *Page, *Page) {
		d := &Page{Kind: "district", URL: "/districts/d/", Title: districtTitle}
		c := &Page{Kind: "case-study", URL: "/case-studies/c/", District: d, content: packed.PackString("<p>" + body + "</p>")}
		th := &Page{Kind: "theme", URL: "/themes/t/", CaseStudies: []*Page{c}}
		c.Themes = []*Page{th}
		home := &Page{Kind: "home", URL: "/"}
		s := &Site{Home: home, Themes: []*Page{th}, Pages: []*Page{home, c, d, th}}
		return s, th, c
	}
	s1, th1, c1 := build("Cedar Hollow", "one")
	s2, th2, c2 := build("Cedar Hollow Schools", "one")
	s3, th3, c3 := build("Cedar Hollow", "two")
	f1, f2, f3 := NewFingerprints(s1, false), NewFingerprints(s2, false), NewFingerprints(s3, false)
	if f1.Page(th1) == f2.Page(th2) {
		t.Error("renaming a district does not change the theme page that shows it on a case study card")
	}
	if f1.Page(c1) == f3.Page(c3) {
		t.Error("editing a body does not change its page")
	}
	if f1.Page(th1) != f3.Page(th3) {
		t.Error("editing a case study's body changes the theme page, which does not show bodies")
	}
	if f1.Page(c1) == f2.Page(c2) {
		t.Error("renaming a district does not change its case study's page")
	}
}

// TestPageFingerprintCoversEveryRelation sets each exported field of Page
// that points to other pages, in turn, and checks that the page's
// fingerprint changes: a relation added to Page but not to relations()
// would leave pages showing it stale in the development server.
func TestPageFingerprintCoversEveryRelation(t *testing.T) {
	other := &Page{Kind: "district", URL: "/districts/d/", Title: "Riverbend"}
	pageType, listType := reflect.TypeFor[*Page](), reflect.TypeFor[[]*Page]()
	typ := reflect.TypeFor[Page]()
	checked := 0
	for i := range typ.NumField() {
		field := typ.Field(i)
		if !field.IsExported() || (field.Type != pageType && field.Type != listType && field.Type != reflect.TypeFor[[]Lesson]()) {
			continue
		}
		p := &Page{Kind: "case-study", URL: "/case-studies/c/"}
		s := &Site{Home: &Page{Kind: "home", URL: "/"}, Pages: []*Page{p, other}}
		base := NewFingerprints(s, false).Page(p)
		f := reflect.ValueOf(p).Elem().Field(i)
		switch field.Type {
		case pageType:
			f.Set(reflect.ValueOf(other))
		case listType:
			f.Set(reflect.ValueOf([]*Page{other}))
		default:
			f.Set(reflect.ValueOf([]Lesson{{Theme: other, CaseStudy: p, Text: "x", ID: "cb-lesson-1"}}))
		}
		checked++
		if NewFingerprints(s, false).Page(p) == base {
			t.Errorf("setting Page.%s does not change the page's fingerprint", field.Name)
		}
	}
	if checked < 12 {
		t.Errorf("checked only %d relation fields; has Page changed shape?", checked)
	}
}

// TestNamedPagesCountAtLinkLevel: a page shows the pages it names (its
// district, themes, stages) as links, so their titles count and their
// lists do not. A theme gaining a case study changes the theme's card
// (its count), not the pages of the other case studies under it, nor any
// other page.
func TestNamedPagesCountAtLinkLevel(t *testing.T) {
	build := func(themeTitle string, gained bool) (*Fingerprints, *Page, *Page, *Page) {
		th := &Page{Kind: "theme", URL: "/themes/t/", Title: themeTitle}
		c := &Page{Kind: "case-study", URL: "/case-studies/c/", Themes: []*Page{th}}
		other := &Page{Kind: "case-study", URL: "/case-studies/o/"}
		th.CaseStudies = []*Page{c}
		if gained {
			other.Themes = []*Page{th}
			th.CaseStudies = append(th.CaseStudies, other)
		}
		home := &Page{Kind: "home", URL: "/"}
		s := &Site{Home: home, Themes: []*Page{th}, Pages: []*Page{home, c, other, th}}
		return NewFingerprints(s, false), th, c, home
	}
	f1, th1, c1, home1 := build("Equity vision", false)
	f2, th2, c2, home2 := build("Equity vision", true)
	f3, _, c3, _ := build("An equity vision", false)
	if f1.Page(c1) != f2.Page(c2) {
		t.Error("a theme gaining a case study changes the page of another case study that only links to the theme")
	}
	if f1.Global() != f2.Global() {
		t.Error("a theme gaining a case study changes what every page shows")
	}
	if f1.Page(th1) == f2.Page(th2) || f1.Page(home1) == f2.Page(home2) {
		t.Error("a theme gaining a case study does not change the theme page or the home page, which list it")
	}
	if f1.Page(c1) == f3.Page(c3) {
		t.Error("retitling a theme does not change a case study that links to it")
	}
}

// TestLongListsCountEveryCard: a long list's cards are digested once for
// every page that shows it (the pages of a paged list share their owner's
// lists), and each card still counts on each of those pages.
func TestLongListsCountEveryCard(t *testing.T) {
	build := func(title string, at int) (*Fingerprints, *Page, *Page) {
		var cases []*Page
		for i := range 3 * longList {
			c := &Page{Kind: "case-study", URL: fmt.Sprintf("/case-studies/c%d/", i), Title: fmt.Sprintf("Case %d", i)}
			if i == at {
				c.Title = title
			}
			cases = append(cases, c)
		}
		// A theme and a page of its list of case studies: not section
		// pages, which count every card of the site anyway.
		section := &Page{Kind: "theme", URL: "/themes/t/", CaseStudies: cases}
		second := &Page{Kind: "theme", URL: "/themes/t/case-studies/page/2/", CaseStudies: section.CaseStudies}
		home := &Page{Kind: "home", URL: "/"}
		s := &Site{Home: home, Pages: append([]*Page{home, section, second}, cases...)}
		return NewFingerprints(s, false), section, second
	}
	f1, sec1, sec2 := build("Case 57", 57)
	f2, sec1b, sec2b := build("Case 57, retitled", 57)
	if f1.Page(sec1) == f2.Page(sec1b) || f1.Page(sec2) == f2.Page(sec2b) {
		t.Error("retitling one case study of a long list does not change the pages that list it")
	}
	f3, sec1c, sec2c := build("Case 57", 57)
	if f1.Page(sec1) != f3.Page(sec1c) || f1.Page(sec2) != f3.Page(sec2c) {
		t.Error("the same site gives other fingerprints")
	}
	// The same cards in a list one entry shorter differ.
	sec1c.CaseStudies = sec1c.CaseStudies[:len(sec1c.CaseStudies)-1]
	if f3.Page(sec1c) == f1.Page(sec1) {
		t.Error("a list one entry shorter has the same fingerprint")
	}
}

// Other pages show where the home page is, not what it says: retitling
// it changes the home page's fingerprint alone, unless the site has
// layouts of its own (wide), which may show its title anywhere.
func TestHomeCountsByAddressElsewhere(t *testing.T) {
	build := func(title, url string, wide bool) (*Fingerprints, *Page, *Page) {
		home := &Page{Kind: "home", URL: url, Title: title}
		c := &Page{Kind: "case-study", URL: "/case-studies/c/"}
		s := &Site{Home: home, Pages: []*Page{home, c}}
		return NewFingerprints(s, wide), home, c
	}
	f1, home1, c1 := build("Riverbend stories", "/", false)
	f2, home2, c2 := build("Stories from Riverbend", "/", false)
	if f1.Page(home1) == f2.Page(home2) {
		t.Error("retitling the home page does not change the home page")
	}
	if f1.Page(c1) != f2.Page(c2) || f1.Global() != f2.Global() {
		t.Error("retitling the home page changes a case study's page, which only links to it")
	}
	f3, _, c3 := build("Riverbend stories", "/stories/", false)
	if f1.Page(c1) == f3.Page(c3) {
		t.Error("moving the home page does not change a case study's page, which links to it")
	}
	w1, _, wc1 := build("Riverbend stories", "/", true)
	w2, _, wc2 := build("Stories from Riverbend", "/", true)
	if w1.Page(wc1) == w2.Page(wc2) {
		t.Error("with layouts of the site's own, retitling the home page does not change a case study's page")
	}
}

// A theme shows where it is named or listed, not on every page: a new
// summary changes the home page, which lists it as a card, and not a case
// study that neither names it nor lists it, nor the global digest.
func TestThemeCountsWhereShown(t *testing.T) {
	build := func(summary string) (*Fingerprints, *Page, *Page) {
		th := &Page{Kind: "theme", URL: "/themes/t/", Title: "Equity vision", Summary: summary}
		home := &Page{Kind: "home", URL: "/"}
		c := &Page{Kind: "case-study", URL: "/case-studies/c/"}
		s := &Site{Home: home, Themes: []*Page{th}, Pages: []*Page{home, c, th}}
		return NewFingerprints(s, false), home, c
	}
	f1, home1, c1 := build("Say what equity means.")
	f2, home2, c2 := build("Say plainly what equity means.")
	if f1.Page(c1) != f2.Page(c2) || f1.Global() != f2.Global() {
		t.Error("a theme's new summary changes a case study that does not name it")
	}
	if f1.Page(home1) == f2.Page(home2) {
		t.Error("a theme's new summary does not change the home page, which lists it")
	}
}
