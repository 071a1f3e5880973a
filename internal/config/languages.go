package config

import (
	"fmt"
	"slices"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/i18n"
)

// setLanguages reads `language` and `languages`: a site in one language may
// say either; a site in several lists them, its default first.
func setLanguages(src []byte, language string, languages []string, cfg *Config, diags *diag.List) {
	line := keyLine(src, "", "languages")
	if languages == nil {
		if language == "" {
			return
		}
		if !i18n.ValidCode(language) {
			diags.Errorf(File, keyLine(src, "", "language"), 1, `write a lowercase language code, e.g. language = "en"`,
				"language %q is not a language code", language)
			return
		}
		cfg.Language, cfg.Languages = language, []string{language}
		return
	}
	if len(languages) == 0 {
		diags.Errorf(File, line, 1, `list the site's languages, its default first, e.g. languages = ["en", "es"]`, "languages is empty")
		return
	}
	seen := map[string]bool{}
	for _, l := range languages {
		switch {
		case !i18n.ValidCode(l):
			diags.Errorf(File, line, 1, `write lowercase language codes, e.g. languages = ["en", "es"]`, "%q is not a language code", l)
			return
		case seen[l]:
			diags.Errorf(File, line, 1, "list each language once", "languages lists %q twice", l)
			return
		}
		seen[l] = true
	}
	if language != "" && language != languages[0] {
		diags.Errorf(File, keyLine(src, "", "language"), 1, fmt.Sprintf("remove `language`; the first of `languages` (%q) is the default", languages[0]),
			"language = %q, but languages starts with %q", language, languages[0])
		return
	}
	cfg.Language, cfg.Languages = languages[0], slices.Clone(languages)
}

// Multilingual reports whether the site is published in more than one
// language.
func (c *Config) Multilingual() bool { return len(c.Languages) > 1 }

// DefaultLanguage is the language of the site's own pages, whose
// addresses carry no language.
func (c *Config) DefaultLanguage() string {
	if len(c.Languages) == 0 {
		return c.Language
	}
	return c.Languages[0]
}

// Root is the base path of the whole site (see RootPath).
func (c *Config) Root() string {
	if c.RootPath == "" {
		return c.BasePath
	}
	return c.RootPath
}

// Edition returns the configuration of the site's pages in lang: the same
// site, with lang as its language and its pages under BasePath + lang/
// (the default language keeps the site's own addresses).
func (c *Config) Edition(lang string) *Config {
	e := *c
	e.Language = lang
	if lang != c.DefaultLanguage() {
		e.BasePath = c.RootPath + lang + "/"
		e.BaseURL = c.BaseURL + lang + "/"
	}
	return &e
}
