package render

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"hash/maphash"
	"path"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/site"
)

// feedSize is how many entries a feed carries.
const feedSize = 20

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title   string       `xml:"title"`
	ID      string       `xml:"id"`
	Updated string       `xml:"updated"`
	Link    atomLink     `xml:"link"`
	Authors []atomAuthor `xml:"author"`
	Summary string       `xml:"summary"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

// feeds plans the site's case-study feed and one per theme.
func (r *Renderer) feeds(s *site.Site, fp *site.Fingerprints) []Output {
	title, _ := r.words.T("feed_case_studies", "site", s.Config.Title)
	outs := []Output{r.feed(s, r.prefix+"feed.xml", title, s.Home.URL, s.CaseStudies)}
	owners := []*site.Page{s.Home}
	for _, t := range s.Themes {
		out := path.Join(path.Dir(r.outputPath(t.URL)), "feed.xml")
		outs = append(outs, r.feed(s, out, fmt.Sprintf("%s: %s", s.Config.Title, t.Title), t.URL, t.CaseStudies))
		owners = append(owners, t)
	}
	if fp != nil {
		for i, o := range owners {
			studies := s.CaseStudies
			if o != s.Home {
				studies = o.CaseStudies
			}
			outs[i].Key = fp.Cards(o, studies[:min(feedSize, len(studies))])
		}
	}
	return outs
}

func (r *Renderer) feed(s *site.Site, out, title, pageURL string, studies []*site.Page) Output {
	return Output{Path: out, Media: "application/xml", Render: func(w *bytes.Buffer, _ *diag.List) (bool, error) {
		self := r.cfg.Root() + out
		f := atomFeed{
			Title:   title,
			ID:      absolute(r.cfg, pageURL),
			Updated: atomTime(s.Updated),
			Links: []atomLink{
				{Rel: "self", Type: "application/atom+xml", Href: absolute(r.cfg, self)},
				{Rel: "alternate", Type: "text/html", Href: absolute(r.cfg, pageURL)},
			},
		}
		for _, c := range studies[:min(feedSize, len(studies))] {
			summary := c.Summary
			if c.Illustrative {
				// A feed reader shows the entry without the page's At a
				// glance box, so the entry carries the site's note itself.
				summary = strings.TrimSpace(s.Config.IllustrativeNote + " " + summary)
			}
			e := atomEntry{Title: c.Title, ID: absolute(r.cfg, c.URL), Updated: atomTime(c.Date),
				Link: atomLink{Rel: "alternate", Type: "text/html", Href: absolute(r.cfg, c.URL)}, Summary: summary}
			for _, a := range c.Authors {
				e.Authors = append(e.Authors, atomAuthor{Name: a})
			}
			if len(e.Authors) == 0 {
				e.Authors = []atomAuthor{{Name: s.Config.Title}}
			}
			f.Entries = append(f.Entries, e)
		}
		return marshalXML(w, f)
	}}
}

// atomTime formats a date for Atom; a missing date becomes the Unix epoch
// rather than the clock, so builds stay reproducible.
func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

// sitemap lists every page, of every edition of a site in several
// languages, each with its translations. It is written by hand rather than
// through encoding/xml: at 10,000 case studies it has 20,000 entries, and
// the reflective encoder took 23 ms, on every save that changed a title.
func (r *Renderer) sitemap(s *site.Site) Output {
	editions := sitemapEditions(s)
	return Output{Path: "sitemap.xml", Media: "application/xml", Render: func(w *bytes.Buffer, _ *diag.List) (bool, error) {
		w.WriteString(xml.Header)
		w.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
		if len(editions) > 1 {
			w.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
		}
		w.WriteString(">\n")
		eachSitemapEntry(editions, func(p *site.Page, alternates []site.Alternate) {
			w.WriteString("  <url>\n    <loc>")
			writeXMLText(w, absolute(r.cfg, p.URL))
			w.WriteString("</loc>\n")
			if !p.Date.IsZero() {
				w.WriteString("    <lastmod>" + p.Date.Format(time.DateOnly) + "</lastmod>\n")
			}
			for _, a := range alternates {
				w.WriteString(`    <xhtml:link rel="alternate" hreflang="` + a.Lang + `" href="`)
				writeXMLText(w, absolute(r.cfg, a.URL))
				w.WriteString("\"/>\n")
			}
			w.WriteString("  </url>\n")
		})
		w.WriteString("</urlset>\n")
		return true, nil
	}}
}

// sitemapEditions is the editions the sitemap of s lists: all of them.
func sitemapEditions(s *site.Site) []*site.Site {
	if editions := s.Editions(); editions != nil {
		return editions
	}
	return []*site.Site{s}
}

// eachSitemapEntry calls fn with every page the sitemap lists and its
// translations. The search page is a form, not content; an untranslated
// page repeats its original, which is listed.
func eachSitemapEntry(editions []*site.Site, fn func(p *site.Page, alternates []site.Alternate)) {
	for _, e := range editions {
		for _, p := range e.Pages {
			if p.Kind != site.KindSearch && !p.Untranslated {
				fn(p, e.Alternates(p))
			}
		}
	}
}

// sitemapKey digests what the sitemap shows of the site: each entry's
// address, date and translations, but not its title, so a save that
// changes only a title does not write the sitemap again. The site's
// address comes from the configuration, whose change renders everything.
func sitemapKey(s *site.Site) uint64 {
	var h maphash.Hash
	h.SetSeed(sitemapSeed)
	eachSitemapEntry(sitemapEditions(s), func(p *site.Page, alternates []site.Alternate) {
		h.WriteString(p.URL)
		h.WriteByte(0)
		if y, m, d := p.Date.Date(); !p.Date.IsZero() {
			day := [5]byte{'d'} // the day the sitemap writes, as a number
			binary.LittleEndian.PutUint32(day[1:], uint32(y*10000+int(m)*100+d))
			h.Write(day[:])
		}
		for _, a := range alternates {
			h.WriteString(a.Lang)
			h.WriteByte(' ')
			h.WriteString(a.URL)
			h.WriteByte(0)
		}
		h.WriteByte('\n')
	})
	return h.Sum64() | 1
}

var sitemapSeed = maphash.MakeSeed()

// writeXMLText writes s as XML character data; addresses seldom need
// escaping.
func writeXMLText(w *bytes.Buffer, s string) {
	if !strings.ContainsAny(s, "&<>\"'\t\n\r") {
		w.WriteString(s)
		return
	}
	xml.EscapeText(w, []byte(s))
}

func (r *Renderer) robots() Output {
	return Output{Path: "robots.txt", Render: func(w *bytes.Buffer, _ *diag.List) (bool, error) {
		fmt.Fprintf(w, "User-agent: *\nAllow: /\n\nSitemap: %s\n", absolute(r.cfg, r.cfg.BasePath+"sitemap.xml"))
		return true, nil
	}}
}

func marshalXML(w *bytes.Buffer, v any) (bool, error) {
	w.WriteString(xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return false, err
	}
	w.WriteByte('\n')
	return true, nil
}
