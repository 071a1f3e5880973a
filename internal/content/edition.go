package content

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/diag"
)

// Edition is the site's content in one language other than its default:
// every page of the default language, each in its translation when it has
// one.
type Edition struct {
	Lang   string
	Result *Result
	// Missing are the source pages with no translation into Lang, by
	// path; Stale the translations made from an older version of their
	// source.
	Missing []string
	Stale   []Stale
	// Translated counts the pages with a translation.
	Translated int
	// Versions holds what was said of each translation's version (that it
	// is stale, or does not say), by the translation's path: a body edit
	// to its source changes only that (see CheckVersion).
	Versions map[string]diag.List
}

// Stale is a translation whose source has changed since.
type Stale struct {
	Path, Source string
	Changed      time.Time // when the source's file last changed
}

// SourcePath is the path of the page a translation translates:
// content/x.md for content/x.es.md.
func SourcePath(tr *Page) string {
	dir, file := path.Split(tr.Path)
	stem := strings.TrimSuffix(file, path.Ext(file))
	stem = strings.TrimSuffix(stem, "."+tr.Lang)
	return dir + stem + ".md"
}

// TranslationPath is the path of a page's translation into lang:
// content/x.es.md for content/x.md; SourcePath's inverse.
func TranslationPath(src, lang string) string {
	return strings.TrimSuffix(src, path.Ext(src)) + "." + lang + ".md"
}

// Editions makes the content of each of langs but the first (the default
// language) from res. A translation into a language the site does not
// list, or of a page that does not exist, is reported; one whose source
// changed since it was made is a warning naming what changed. root is the
// site folder, where the sources' dates are read.
func Editions(root string, res *Result, langs []string, diags *diag.List) []*Edition {
	byPath := make(map[string]*Page, len(res.Pages))
	for _, p := range res.Pages {
		byPath[p.Path] = p
	}
	trs := map[string]map[string]*Page{} // lang → source path → translation
	for _, l := range langs[1:] {
		trs[l] = map[string]*Page{}
	}
	for _, tr := range res.Translations {
		src := SourcePath(tr)
		switch {
		case tr.Lang == langs[0]:
			diags.Errorf(tr.Path, 0, 0, fmt.Sprintf("write the page in %s itself; `%s` is the site's default language", src, tr.Lang),
				"a page cannot be translated into the site's default language")
		case trs[tr.Lang] == nil && !knownLanguage(tr.Lang):
			// report.old.md: a name with a dot, not a translation.
			file := path.Base(tr.Path)
			diags.Errorf(tr.Path, 1, 1, fmt.Sprintf("rename the file to %s.md", Slugify(strings.TrimSuffix(file, ".md"))),
				"the file name `%s` is not a valid slug: use lowercase letters, digits and single hyphens (a translation is named <slug>.<language>.md, and `%s` is no language code)", file, tr.Lang)
		case trs[tr.Lang] == nil:
			diags.Warnf(tr.Path, 0, 0, fmt.Sprintf("add %q to `languages` in casebook.toml to publish it", tr.Lang),
				"this is a translation into `%s`, which the site is not published in, so it is left out", tr.Lang)
		case byPath[src] == nil && slices.Contains(res.Drafts, src):
			// the source is a draft left out of this build, and so is this
		case byPath[src] == nil:
			diags.Errorf(tr.Path, 0, 0, missingSourceHint(tr, src, res.Pages),
				"there is no %s for this file to translate", src)
		default:
			trs[tr.Lang][src] = tr
		}
	}
	var out []*Edition
	for _, lang := range langs[1:] {
		e := &Edition{Lang: lang, Result: &Result{Assets: res.Assets, Drafts: res.Drafts, Relisted: res.Relisted,
			Pages: make([]*Page, len(res.Pages))}, Versions: map[string]diag.List{}}
		for i, src := range res.Pages {
			tr := trs[lang][src.Path]
			if tr == nil {
				e.Result.Pages[i] = src
				e.Missing = append(e.Missing, src.Path)
				continue
			}
			e.Result.Pages[i] = Translate(src, tr, diags)
			e.Translated++
			if tr.Broken {
				continue // its own error says why; its version cannot be read
			}
			var said diag.List
			if stale := CheckVersion(root, src, tr, &said); stale != nil {
				e.Stale = append(e.Stale, *stale)
			}
			diags.Merge(said)
			e.Versions[tr.Path] = said
		}
		out = append(out, e)
	}
	return out
}

// languageCodes are the two-letter codes of ISO 639-1: a file name ending
// in one of them (x.fr.md) is a translation, into a language the site may
// not list yet; any other ending (x.old.md) is a file name with a dot.
const languageCodes = "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy " +
	"da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii " +
	"ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr " +
	"ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl " +
	"sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"

// knownLanguage reports whether code names a language by ISO 639-1, with
// a region or script after it or not (pt-br, zh-hant).
func knownLanguage(code string) bool {
	base, _, _ := strings.Cut(code, "-")
	return len(base) == 2 && strings.Contains(languageCodes, base)
}

// missingSourceHint suggests the page a translation with no source may
// have meant.
func missingSourceHint(tr *Page, src string, pages []*Page) string {
	var same []string
	for _, p := range pages {
		if p.Kind == tr.Kind {
			same = append(same, strings.TrimSuffix(path.Base(p.Path), ".md"))
		}
	}
	stem := strings.TrimSuffix(path.Base(src), ".md")
	if hint := diag.DidYouMean(stem, same); hint != "" {
		return hint + " (name the translation after its source: <slug>." + tr.Lang + ".md)"
	}
	return "name the translation after the page it translates: <slug>." + tr.Lang + ".md beside <slug>.md"
}

// CheckVersion compares the version of src that tr says it translates
// with src as it is, and warns when they differ.
func CheckVersion(root string, src, tr *Page, diags *diag.List) *Stale {
	now, err := SourceVersion(src)
	if err != nil {
		return nil // the source's own problem, reported where it is read
	}
	pos, said := tr.FieldPos.Lookup(TranslationOfField)
	switch {
	case !said || tr.TranslationOf == "":
		diags.Warnf(tr.Path, pos.Line, pos.Col, fmt.Sprintf("once it matches %s as it is now, add `%s: %s`", src.Path, TranslationOfField, now),
			"this translation does not say which version of %s it translates, so casebook cannot tell you when that page changes", src.Path)
		return nil
	case tr.TranslationOf == now:
		return nil
	}
	when, show := sourceChange(root, src, tr.TranslationOf)
	st := &Stale{Path: tr.Path, Source: src.Path, Changed: when}
	changed := ""
	if !when.IsZero() {
		changed = " on " + when.Format("2006-01-02")
	}
	hint := "compare it with this translation"
	if show != "" {
		hint = "see what changed with `" + show + "`"
	}
	diags.Warnf(tr.Path, pos.Line, pos.Col,
		fmt.Sprintf("%s, update the translation, then set `%s: %s`", hint, TranslationOfField, now),
		"%s changed%s, after the version this translation was made from", src.Path, changed)
	return st
}
