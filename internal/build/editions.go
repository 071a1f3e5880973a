package build

import (
	"maps"
	"strings"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/packed"
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
// default edition's too, and reported by it. kept, when not nil, keeps
// each edition's renderer and converted bodies for the next call (a
// development session's); spill, when not nil, keeps the bodies of a
// build until they render (see site.Options.Spill).
func editions(opts Options, cfg *config.Config, loaded *content.Result, first edition, kept *editionState, spill *packed.Spill, diags *diag.List) ([]edition, []Translations, error) {
	all := []edition{first}
	if !cfg.Multilingual() && len(loaded.Translations) == 0 {
		return all, nil, nil
	}
	if !reserveEditions(cfg, first, diags) {
		return all, nil, nil
	}
	var status []Translations
	headings := first.site.Headings()
	if kept != nil {
		kept.versions = map[string]diag.List{}
	}
	for _, e := range content.Editions(opts.Src, loaded, cfg.Languages, diags) {
		if kept != nil {
			maps.Copy(kept.versions, e.Versions)
		}
		r, memo, err := kept.get(opts, cfg, e.Lang, diags)
		if err != nil {
			return nil, nil, err
		}
		ecfg := r.Config()
		var own diag.List
		s, err := site.Build(ecfg, e.Result, site.Options{Converter: converter(ecfg), StaticExists: r.StaticExists(), Root: opts.Src,
			Words: r.Words(), Quiet: true, SourceHeadings: headings, Memo: memo, Spill: spill}, &own)
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

// reserveEditions reports a page or static file of the default edition
// that would be published where another edition's pages go (/es/), and
// whether there is none.
func reserveEditions(cfg *config.Config, first edition, diags *diag.List) bool {
	ok := true
	for _, lang := range cfg.Languages[1:] {
		prefix := cfg.BasePath + lang + "/"
		for _, p := range first.site.Pages {
			if p.Path != "" && strings.HasPrefix(p.URL, prefix) {
				ok = false
				diags.Errorf(p.Path, 0, 0, "rename the file", "this page would be published at %s, where the pages in `%s` go", p.URL, lang)
			}
		}
		for _, f := range first.r.StaticFiles() {
			if strings.HasPrefix(f.Rel, lang+"/") && !f.FromTheme() {
				ok = false
				diags.Errorf(f.Path, 0, 0, "move it out of static/"+lang+"/", "this file would be published at %s%s, where the pages in `%s` go", cfg.BasePath, f.Rel, lang)
			}
		}
	}
	return ok
}

// editionState is what a development session keeps of each edition in
// another language between saves: its renderer (whose partials are cached
// across builds) and its converted bodies, by language.
type editionState struct {
	renderers map[string]*render.Renderer
	memos     map[string]*site.Memo
	// themeDiags are what each renderer's layouts and interface text gave
	// when read; every build reports them again.
	themeDiags map[string]diag.List
	// versions holds what the last build said of each translation's
	// version, by the translation's path (content.Edition.Versions).
	versions map[string]diag.List
}

func newEditionState() *editionState {
	return &editionState{renderers: map[string]*render.Renderer{}, memos: map[string]*site.Memo{}, themeDiags: map[string]diag.List{}}
}

// get returns the renderer and memo for lang: kept ones, or (with no
// state to keep them in, as in a build) new ones.
func (st *editionState) get(opts Options, cfg *config.Config, lang string, diags *diag.List) (*render.Renderer, *site.Memo, error) {
	if st == nil {
		r, err := render.New(render.NewTheme(opts.Theme, opts.Src), cfg.Edition(lang), diags)
		return r, nil, err
	}
	if st.renderers[lang] == nil {
		var own diag.List
		r, err := render.New(render.NewTheme(opts.Theme, opts.Src), cfg.Edition(lang), &own)
		if err != nil {
			return nil, nil, err
		}
		st.renderers[lang], st.themeDiags[lang] = r, own
	}
	if st.memos[lang] == nil {
		st.memos[lang] = site.NewMemo()
	}
	diags.Merge(st.themeDiags[lang])
	return st.renderers[lang], st.memos[lang], nil
}

// reset forgets every renderer (the layouts, the interface text or the
// configuration changed) and, with bodies, every converted body.
func (st *editionState) reset(bodies bool) {
	clear(st.renderers)
	clear(st.themeDiags)
	if bodies {
		clear(st.memos)
	}
}
