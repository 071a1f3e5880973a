package build

import (
	"hash/maphash"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// edition is the site in one of its languages, with the renderer for it.
type edition struct {
	site *site.Site
	r    *render.Renderer
}

// Translations says how far each edition in another language is
// translated, for the build summary and check.
type Translations struct {
	Lang       string
	Pages      int      // the pages in the default language
	Translated int      // of them, those with a translation
	Missing    []string // the paths of the others
	Stale      []content.Stale
}

// editions builds the site's editions in its other languages beside
// first, the default one, and links them all. Problems with the text of
// a translation are reported; every other problem of an edition is the
// default edition's too, and reported by it.
func editions(opts Options, cfg *config.Config, loaded *content.Result, first edition, diags *diag.List) ([]edition, []Translations, error) {
	all := []edition{first}
	if !cfg.Multilingual() && len(loaded.Translations) == 0 {
		return all, nil, nil
	}
	var status []Translations
	headings := first.site.Headings()
	for _, e := range content.Editions(opts.Src, loaded, cfg.Languages, diags) {
		r, err := render.New(render.NewTheme(opts.Theme, opts.Src), cfg.Edition(e.Lang), diags)
		if err != nil {
			return nil, nil, err
		}
		ecfg := r.Config()
		var own diag.List
		s, err := site.Build(ecfg, e.Result, site.Options{Converter: converter(ecfg), StaticExists: r.StaticExists(), Root: opts.Src,
			Words: r.Words(), Quiet: true, SourceHeadings: headings}, &own)
		if err != nil {
			return nil, nil, err
		}
		translations := map[string]bool{}
		for _, tr := range loaded.Translations {
			if tr.Lang == e.Lang {
				translations[tr.Path] = true
			}
		}
		for _, d := range own.Items() {
			if translations[d.Path] {
				diags.Add(d)
			}
		}
		all = append(all, edition{site: s, r: r})
		first.site.AddPictureFiles(s.PictureFiles)
		status = append(status, Translations{Lang: e.Lang, Pages: len(loaded.Pages), Translated: e.Translated, Missing: e.Missing, Stale: e.Stale})
	}
	if len(all) > 1 {
		sites := make([]*site.Site, len(all))
		words := make([]*i18n.Table, len(all))
		for i, e := range all {
			sites[i], words[i] = e.site, e.r.Words()
		}
		site.Link(sites, words)
	}
	return all, status, nil
}

// missingDigest digests which pages each edition lacks a translation of.
func missingDigest(status []Translations) uint64 {
	var h maphash.Hash
	h.SetSeed(digestSeed)
	for _, t := range status {
		h.WriteString(t.Lang)
		h.WriteByte(0)
		for _, m := range t.Missing {
			h.WriteString(m)
			h.WriteByte(0)
		}
	}
	return h.Sum64()
}

var digestSeed = maphash.MakeSeed()
