package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/i18n"
)

// Translation starts a translation of the page at rel (relative to the
// site root, "content/case-studies/x.md") into lang: a file beside it
// with the page's text in place for the translator, the version it
// translates, and none of the fields a translation takes from its source.
// It is a draft until the translator removes `draft: true`, so a page
// half translated never reaches readers. It returns the new file's path
// relative to the site root.
func Translation(root, rel, lang string) (string, error) {
	cfg, err := loadConfig(root)
	if err != nil {
		return "", err
	}
	if !i18n.ValidCode(lang) {
		return "", fmt.Errorf("--lang %q is not a language code; write a lowercase code such as es", lang)
	}
	if lang == cfg.DefaultLanguage() {
		return "", fmt.Errorf("--lang %s is the site's default language, which its pages are written in", lang)
	}
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("the site has no %s to translate", rel)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", rel, err)
	}
	var diags diag.List
	src := content.Parse(rel, b, &diags)
	switch {
	case src == nil || src.Broken || diags.HasErrors():
		return "", fmt.Errorf("%s has problems to fix before it is translated; run casebook check", rel)
	case src.Lang != "":
		return "", fmt.Errorf("%s is a translation already; translate the page it translates, %s", rel, content.SourcePath(src))
	}
	version, err := content.SourceVersion(src)
	if err != nil {
		return "", err
	}
	out := content.TranslationPath(rel, lang)
	text := translationText(src, lang, version, cfg.Languages)
	err = fsutil.CreateFile(root, out, []byte(text))
	if errors.Is(err, fs.ErrExist) {
		return out, fmt.Errorf("%s %w; casebook new never overwrites a page: edit it", out, ErrExists)
	}
	return out, err
}

// loadConfig reads the site's casebook.toml, whatever its problems: only
// its languages matter here.
func loadConfig(root string) (*config.Config, error) {
	var diags diag.List
	return config.Load(root, &diags)
}

// translationText is a new translation's file.
func translationText(src *content.Page, lang, version string, langs []string) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "# The %s translation of %s. Translate the text of each field below\n", lang, path.Base(src.Path))
	b.WriteString("# and the body; everything else (references, dates, the picture) comes\n")
	fmt.Fprintf(&b, "# from %s. translation_of says which version of it this\n", path.Base(src.Path))
	b.WriteString("# translates: keep it, and casebook warns when that page changes.\n")
	b.WriteString("# Remove draft: true once it is translated, to publish it.\n")
	if !contains(langs, lang) {
		fmt.Fprintf(&b, "# casebook.toml does not list %q in languages yet: add it to publish this.\n", lang)
	}
	fmt.Fprintf(&b, "%s: %s\n", content.TranslationOfField, version)
	b.WriteString("draft: true\n")
	set := src.FieldPos.Has
	for _, f := range []struct{ name, val string }{
		{"title", src.Title}, {"summary", src.Summary}, {"problem", src.Statement}, {"solution", src.Solution},
		{"region", src.Region}, {"image_alt", src.ImageAlt}, {"image_caption", src.ImageCaption}, {"image_credit", src.ImageCredit},
	} {
		if set(f.name) && f.val != "" {
			fmt.Fprintf(&b, "%s: %s\n", f.name, Quote(f.val))
		}
	}
	if set("audience") && len(src.Audience) > 0 {
		quoted := make([]string, len(src.Audience))
		for i, a := range src.Audience {
			quoted[i] = Quote(a)
		}
		fmt.Fprintf(&b, "audience: [%s]\n", strings.Join(quoted, ", "))
	}
	if len(src.Refs.Lessons) > 0 {
		b.WriteString("# Translate each lesson's text; its theme stays the source's.\nlessons:\n")
		for _, l := range src.Refs.Lessons {
			fmt.Fprintf(&b, "  - theme: %s\n    text: %s\n", l.Theme.Slug, Quote(l.Text))
		}
	}
	b.WriteString("---\n")
	b.Write(src.Body)
	return b.String()
}
