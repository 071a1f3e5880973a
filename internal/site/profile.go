package site

import (
	"cmp"
	"slices"
)

// A Band is one range of a district measure, as readers filter by it: "a
// district like mine" means the same locale, a similar size and a similar
// share of students from low-income families.
type Band struct {
	Slug  string // in search URLs: enrollment=under-5000
	Label string // for readers: "Under 5,000 students"
	Short string // beside a figure: "under 5,000"
	// Min is the smallest whole number in the band. A value between two
	// bands' whole numbers belongs to the higher one: 25.5% is in 26–50%,
	// as federal statistics put 25.1% in their 25.1–50.0% quarter.
	Min int
}

// Locales are the district locales, in the order lists group them.
var Locales = []Band{
	{Slug: "urban", Label: "Urban", Short: "urban"},
	{Slug: "suburban", Label: "Suburban", Short: "suburban"},
	{Slug: "rural", Label: "Rural", Short: "rural"},
}

// EnrollmentBands split districts by the number of students.
var EnrollmentBands = []Band{
	{Slug: "under-5000", Label: "Under 5,000 students", Short: "under 5,000", Min: 0},
	{Slug: "5000-24999", Label: "5,000 to 24,999 students", Short: "5,000–24,999", Min: 5000},
	{Slug: "25000-99999", Label: "25,000 to 99,999 students", Short: "25,000–99,999", Min: 25000},
	{Slug: "100000-plus", Label: "100,000 students or more", Short: "100,000 or more", Min: 100000},
}

// FRLBands split districts by the share of students eligible for free or
// reduced-price lunch, in the quarters federal statistics use.
var FRLBands = []Band{
	{Slug: "0-25", Label: "0–25% eligible", Short: "0–25%", Min: 0},
	{Slug: "26-50", Label: "26–50% eligible", Short: "26–50%", Min: 26},
	{Slug: "51-75", Label: "51–75% eligible", Short: "51–75%", Min: 51},
	{Slug: "76-100", Label: "76–100% eligible", Short: "76–100%", Min: 76},
}

// TextKey is the interface text's key for the band's label ("band_urban";
// "band_none" for the group of districts that give no locale), with
// "_short" after it for its short form.
func (b Band) TextKey() string {
	if b.Slug == "" {
		return "band_none"
	}
	return "band_" + b.Slug
}

// bandOf returns the band holding v.
func bandOf(bands []Band, v float64) *Band {
	for i := len(bands) - 1; i >= 0; i-- {
		if v > float64(bands[i].Min-1) {
			return &bands[i]
		}
	}
	return &bands[0]
}

// EnrollmentBand is a district's size band, or nil when its enrollment
// is not given.
func (p *Page) EnrollmentBand() *Band {
	if p.Enrollment == 0 {
		return nil
	}
	return bandOf(EnrollmentBands, float64(p.Enrollment))
}

// FRLBand is a district's free or reduced-price lunch band, or nil when the
// share is not given.
func (p *Page) FRLBand() *Band {
	if !p.HasFRL {
		return nil
	}
	return bandOf(FRLBands, p.FRLPercent)
}

// LocaleBand is a district's locale with its label, or nil when the
// district does not say.
func (p *Page) LocaleBand() *Band {
	if i := localeRank(p); i < len(Locales) {
		return &Locales[i]
	}
	return nil
}

// localeRank orders districts by locale, those that do not say last.
func localeRank(p *Page) int {
	for i, l := range Locales {
		if l.Slug == p.Locale {
			return i
		}
	}
	return len(Locales)
}

// noLocale is the group of districts that do not give a locale.
var noLocale = Band{Label: "Locale not given"}

// localeGroup is the locale group a district is listed under.
func localeGroup(p *Page) Band {
	if l := p.LocaleBand(); l != nil {
		return *l
	}
	return noLocale
}

// byLocale orders districts into locale groups, by title within each.
func byLocale(a, b *Page) int {
	return cmp.Or(cmp.Compare(localeRank(a), localeRank(b)), byTitle(a, b))
}

// A LocaleGroup is the districts of one locale on the districts page.
type LocaleGroup struct {
	Band  Band   // Slug "" for districts that do not give a locale
	Count int    // districts in the group
	URL   string // where the group starts: the page of the list, and its heading's id
}

// DistrictGroups lists the locale groups of the districts section, in the
// order its pages show them, with where each starts.
func (s *Site) DistrictGroups() []LocaleGroup {
	sec := s.Sections["districts"]
	if sec == nil || sec.Paginator == nil {
		return nil
	}
	size := sec.Paginator.size
	var out []LocaleGroup
	for i, d := range sec.Pages {
		band := localeGroup(d)
		if len(out) == 0 || out[len(out)-1].Band.Slug != band.Slug {
			out = append(out, LocaleGroup{Band: band, URL: sec.Paginator.URL(i/size+1) + "#" + GroupID(band.Slug)})
		}
		out[len(out)-1].Count++
	}
	return out
}

// GroupID is the id of a locale group's heading on the districts pages.
func GroupID(locale string) string {
	if locale == "" {
		return "cb-locale-none"
	}
	return "cb-locale-" + locale
}

// sortDistrictSection puts the districts section in locale order.
func (s *Site) sortDistrictSection() {
	if sec := s.Sections["districts"]; sec != nil {
		sec.Pages = slices.Clone(sec.Pages)
		slices.SortFunc(sec.Pages, byLocale)
	}
}

// A LocalePart is the part of one locale group on one page of the
// districts list.
type LocalePart struct {
	Band      Band
	ID        string // the heading's id, which DistrictGroups link to
	Continued bool   // the group started on an earlier page
	Pages     []*Page
}

// ByLocale splits the districts on this page of the districts list into
// their locale groups.
func (pg *Paginator) ByLocale() []LocalePart {
	var out []LocalePart
	for i, d := range pg.Pages {
		band := localeGroup(d)
		if len(out) == 0 || out[len(out)-1].Band.Slug != band.Slug {
			cont := i == 0 && pg.before != nil && localeRank(pg.before) == localeRank(d)
			out = append(out, LocalePart{Band: band, ID: GroupID(band.Slug), Continued: cont})
		}
		last := &out[len(out)-1]
		last.Pages = append(last.Pages, d)
	}
	return out
}
