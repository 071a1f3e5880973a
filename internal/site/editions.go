package site

import (
	"strings"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/i18n"
)

// setLang records the language of a page's text: a translation's own, or
// the site's default language, which on an edition in another language
// makes the page untranslated.
func (p *Page) setLang(src *content.Page, cfg *config.Config) {
	p.Lang, p.Untranslated, p.TextLang = src.Lang, false, ""
	if src.Lang != "" {
		return
	}
	p.Lang = cfg.DefaultLanguage()
	if p.Lang != cfg.Language {
		p.Untranslated, p.TextLang = true, p.Lang
	}
}

// HeadingIDs gives a translation's headings the ids of its source's, so
// a link to x.md#who-came works in every language (markdown.HeadingIDer).
func (lr *linkResolver) HeadingIDs() []string {
	src := lr.from.source
	if src == nil || src.Of == "" || lr.b.opts.SourceHeadings == nil {
		return nil
	}
	return lr.b.opts.SourceHeadings(src.Of)
}

// Headings returns the heading ids of the site's pages by path, for the
// translations of an edition in another language (Options.SourceHeadings).
func (s *Site) Headings() func(path string) []string {
	byPath := make(map[string]headingIDs, len(s.Pages))
	for _, p := range s.Pages {
		if p.Path != "" && p.headings != "" {
			byPath[p.Path] = p.headings
		}
	}
	return func(path string) []string { return byPath[path].list() }
}

// Words is the interface text of the site's language.
func (s *Site) Words() *i18n.Table {
	if s.words == nil {
		return i18n.English()
	}
	return s.words
}

// An Alternate is a page in one edition of the site.
type Alternate struct {
	Lang string // "es"; "x-default" for the page readers get by default
	Name string // the language's name in itself: "Español"
	URL  string
}

// Link makes the sites editions of one another: the same site in each of
// its languages, the default first, each with its interface text. A
// single site needs no call.
func Link(editions []*Site, words []*i18n.Table) {
	for i, s := range editions {
		s.editions, s.words = editions, words[i]
		s.byRel = make(map[string]*Page, len(s.Pages))
		for _, p := range s.Pages {
			s.byRel[strings.TrimPrefix(p.URL, s.Config.BasePath)] = p
		}
	}
}

// Editions returns the site in each of its languages, the default first:
// nil for a site in one language.
func (s *Site) Editions() []*Site { return s.editions }

// inEdition returns p's page in edition e, or nil.
func (s *Site) inEdition(p *Page, e *Site) *Page {
	if p == nil || !strings.HasPrefix(p.URL, s.Config.BasePath) {
		return nil
	}
	return e.byRel[p.URL[len(s.Config.BasePath):]]
}

// Alternates lists p in every edition whose page is written in that
// edition's language, and the default edition's page as x-default: what
// <link rel="alternate" hreflang> and the sitemap give search engines.
// An untranslated page is no alternate, since its text is not in its
// edition's language. Nil for a site in one language.
func (s *Site) Alternates(p *Page) []Alternate {
	if len(s.editions) < 2 || p.Untranslated {
		return nil
	}
	var out []Alternate
	for _, e := range s.editions {
		if q := s.inEdition(p, e); q != nil && !q.Untranslated {
			out = append(out, Alternate{Lang: e.Lang, Name: e.words.Name(), URL: q.URL})
		}
	}
	if len(out) < 2 {
		return nil
	}
	return append(out, Alternate{Lang: "x-default", Name: out[0].Name, URL: out[0].URL})
}

// Translations lists p in each other edition, for the language switcher:
// every edition has every page, translated or not. The 404 page, which a
// host serves for any address, links to each edition's home page.
func (s *Site) Translations(p *Page) []Alternate {
	if p.Kind == "404" {
		p = s.Home
	}
	var out []Alternate
	for _, e := range s.editions {
		if e == s {
			continue
		}
		if q := s.inEdition(p, e); q != nil {
			out = append(out, Alternate{Lang: e.Lang, Name: e.words.Name(), URL: q.URL})
		}
	}
	return out
}

// Original returns the page an untranslated page shows the text of, in
// the site's default edition; nil for any other page.
func (s *Site) Original(p *Page) *Alternate {
	if !p.Untranslated || len(s.editions) == 0 {
		return nil
	}
	e := s.editions[0]
	if q := s.inEdition(p, e); q != nil {
		return &Alternate{Lang: e.Lang, Name: e.words.Name(), URL: q.URL}
	}
	return nil
}

// AddPictureFiles adds the files another edition's pages publish for
// their pictures to the site's, which publishes every edition's: a
// translation may show a picture of its own.
func (s *Site) AddPictureFiles(files []PictureFile) {
	have := make(map[string]bool, len(s.PictureFiles))
	for _, f := range s.PictureFiles {
		have[f.Path] = true
	}
	for _, f := range files {
		if !have[f.Path] {
			have[f.Path] = true
			s.PictureFiles = append(s.PictureFiles, f)
		}
	}
}
