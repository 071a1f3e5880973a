// Package config reads a site's casebook.toml into a Config with defaults,
// reporting unknown keys and bad values as diagnostics.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/tomlerr"
)

// File is the config file's name in the site root.
const File = "casebook.toml"

// Config is a site's configuration.
type Config struct {
	Title       string
	Description string
	// Language is the language of the pages this configuration builds:
	// the site's default language, or in an edition's configuration (see
	// Edition) the edition's.
	Language string
	// Languages are the languages the site is published in, the default
	// first: a translation of content/x.md into Spanish is content/x.es.md,
	// and the Spanish edition lives under /es/.
	Languages []string
	// RootPath is the base path of the whole site, where its static files
	// and its default language's pages are; an edition's BasePath adds its
	// language ("/casebook/es/").
	RootPath string
	// BaseURL is where the site is published, always ending in "/". It may
	// be only a path ("/") when the site does not say.
	BaseURL string
	// BasePath is BaseURL's path, ending in "/": every internal URL starts
	// with it, so a site built for https://example.org/casebook/ works when
	// uploaded under /casebook/.
	BasePath   string
	Minify     bool
	UnsafeHTML bool
	// PageSize is how many entries one page of a long list shows; later
	// entries go on pages of their own (<list>/page/2/ and on).
	PageSize int
	// Preview is how many entries of each of its lists a theme or stage
	// page shows before a link to the whole list. Other pages show up to
	// PageSize entries of a list, and link to the whole list when it is
	// longer.
	Preview int
	Theme   Theme
	// IllustrativeNote is the one line a site shows on every case study
	// marked `illustrative: true`, saying what kind of story it is.
	IllustrativeNote string
}

// The default list sizes: a page of 24 cards is a few phone screens and
// divides into rows of 2, 3 and 4; a preview of 6 fills two rows.
const (
	DefaultPageSize = 24
	DefaultPreview  = 6
)

// DefaultIllustrativeNote is the note shown on an illustrative case study
// when casebook.toml does not set illustrative_note.
const DefaultIllustrativeNote = "An illustrative story: a composite, not a report of what one district did."

type file struct {
	Title       string   `toml:"title"`
	Description string   `toml:"description"`
	Language    string   `toml:"language"`
	Languages   []string `toml:"languages"`
	BaseURL     string   `toml:"base_url"`
	// IllustrativeNote is a pointer so that an empty value can be told
	// from a missing one and reported.
	IllustrativeNote *string `toml:"illustrative_note"`
	Build            struct {
		Minify *bool `toml:"minify"`
	} `toml:"build"`
	Markdown struct {
		UnsafeHTML bool `toml:"unsafe_html"`
	} `toml:"markdown"`
	Lists struct {
		PageSize *int `toml:"page_size"`
		Preview  *int `toml:"preview"`
	} `toml:"lists"`
	Theme themeFile `toml:"theme"`
}

// known lists the setting names of each table ("" for the top level, which
// also names the tables), from settings, for did-you-mean hints.
var known = func() map[string][]string {
	m := map[string][]string{}
	for key := range settings {
		table, name, nested := strings.Cut(key, ".")
		if !nested {
			table, name = "", key
		} else if !slices.Contains(m[""], table) {
			m[""] = append(m[""], table)
		}
		m[table] = append(m[table], name)
	}
	for _, names := range m {
		slices.Sort(names)
	}
	return m
}()

// Default is the configuration of a site with an empty casebook.toml.
func Default() *Config {
	return &Config{Title: "Casebook", Language: "en", Languages: []string{"en"}, BaseURL: "/", BasePath: "/", RootPath: "/", Minify: true,
		PageSize: DefaultPageSize, Preview: DefaultPreview, IllustrativeNote: DefaultIllustrativeNote}
}

// NotSiteHint is what to do about a folder without casebook.toml.
const NotSiteHint = "run casebook in the site's folder, pass --src DIR, or create a site with `casebook new site DIR`"

// IsSite reports whether root holds casebook.toml, which is what makes a
// folder a casebook site. A file that is there but cannot be read still
// counts: loading it says why.
func IsSite(root string) bool {
	_, err := os.Stat(filepath.Join(root, File))
	return !errors.Is(err, os.ErrNotExist)
}

// NotSite is the error for a folder without casebook.toml, naming it as
// the command line did (the current folder as "this folder").
func NotSite(root string) error {
	where := root
	if root == "" || filepath.Clean(root) == "." {
		where = "this folder"
	}
	return fmt.Errorf("there is no %s in %s, so it is not a casebook site; %s", File, where, NotSiteHint)
}

// Load reads root/casebook.toml. A missing file is an error diagnostic, since
// it is what marks a folder as a casebook site.
func Load(root string, diags *diag.List) (*Config, error) {
	cfg := Default()
	src, err := fsutil.ReadFile(filepath.Join(root, File))
	if errors.Is(err, os.ErrNotExist) {
		diags.Errorf(File, 0, 0, NotSiteHint, "there is no %s here, so this is not a casebook site", File)
		return cfg, nil
	}
	if err != nil {
		fsutil.Report(diags, File, err, false)
		return cfg, nil
	}
	cfg = Parse(src, diags)
	cfg.CheckLogo(root, src, diags)
	return cfg, nil
}

// Parse decodes the text of a casebook.toml.
func Parse(src []byte, diags *diag.List) *Config {
	cfg := Default()
	if !diag.CheckUTF8(diags, File, src) { // said as for content files, not as the TOML library says it
		return cfg
	}
	var f file
	md, err := toml.Decode(string(src), &f)
	if err != nil {
		if e, ok := tomlerr.Locate(src, err); ok {
			diags.Errorf(File, e.Line, e.Col, e.Hint, "%s is not valid TOML: %s", File, e.Msg)
			return cfg
		}
		if !reportTypes(src, diags) {
			diags.Errorf(File, 1, 1, "", "%s: %v", File, err)
		}
		return cfg
	}
	for _, k := range md.Undecoded() {
		table, name := "", k[len(k)-1]
		if len(k) > 1 {
			table = strings.Join(k[:len(k)-1], ".")
		}
		line := keyLine(src, table, name)
		hint := diag.DidYouMean(name, known[table])
		if known[table] == nil {
			hint = "the tables are [build], [markdown], [lists] and [theme]"
		}
		diags.Warnf(File, line, 1, hint, "unknown setting `%s`; it is ignored", k.String())
	}
	if f.Title != "" {
		cfg.Title = f.Title
	}
	cfg.Description = f.Description
	setLanguages(src, f.Language, f.Languages, cfg, diags)
	if f.Build.Minify != nil {
		cfg.Minify = *f.Build.Minify
	}
	cfg.UnsafeHTML = f.Markdown.UnsafeHTML
	if n := f.IllustrativeNote; n != nil {
		if note := strings.Join(strings.Fields(*n), " "); note != "" {
			cfg.IllustrativeNote = note
		} else {
			diags.Warnf(File, keyLine(src, "", "illustrative_note"), 1, "write one sentence, or remove the line to use the default: \""+DefaultIllustrativeNote+"\"",
				"illustrative_note is empty; the default note is shown instead")
		}
	}
	setListSize(src, "page_size", f.Lists.PageSize, 1, 1000, &cfg.PageSize, diags)
	setListSize(src, "preview", f.Lists.Preview, 1, 100, &cfg.Preview, diags)
	parseTheme(src, f.Theme, cfg, diags)
	if f.BaseURL != "" {
		if err := cfg.SetBaseURL(f.BaseURL); err != nil {
			diags.Errorf(File, keyLine(src, "", "base_url"), 1, "write it as a full address, e.g. base_url = \"https://example.org/casebook/\"", "%v", err)
		}
	}
	return cfg
}

// setting is what a setting's value must be, for reportTypes.
type setting struct {
	kind    string // "text", "true or false" or "a whole number"
	example string
}

var settings = map[string]setting{
	"title":                   {"text", `title = "District Equity Casebook"`},
	"description":             {"text", `description = "Case studies from our district"`},
	"language":                {"text", `language = "en"`},
	"languages":               {"a list of text", `languages = ["en", "es"]`},
	"base_url":                {"text", `base_url = "https://example.org/casebook/"`},
	"illustrative_note":       {"text", `illustrative_note = "A composite story, not a report of one district."`},
	"build.minify":            {"true or false", "minify = true"},
	"markdown.unsafe_html":    {"true or false", "unsafe_html = false"},
	"lists.page_size":         {"a whole number", "page_size = 24"},
	"lists.preview":           {"a whole number", "preview = 6"},
	"theme.logo":              {"text", `logo = "images/logo.svg"`},
	"theme.logo_alt":          {"text", `logo_alt = "Cedar Hollow Schools"`},
	"theme.accent":            {"text", `accent = "#0b5e75"`},
	"theme.header_background": {"text", `header_background = "#0f3d4a"`},
	"theme.header_text":       {"text", `header_text = "#ffffff"`},
	"theme.footer_contact":    {"a list of text", `footer_contact = ["Office of Communications", "(555) 010-0100"]`},
	"theme.nav":               {"a list of links", "[[theme.nav]] tables, each with text and url"},
	"theme.footer_links":      {"a list of links", "[[theme.footer_links]] tables, each with text and url"},
}

// reportTypes reports every setting whose value is of the wrong kind,
// with its line, and whether it found any. It reads the file as plain
// TOML, which any valid file decodes into.
func reportTypes(src []byte, diags *diag.List) bool {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return false
	}
	found := false
	var walk func(table string, m map[string]any)
	walk = func(table string, m map[string]any) {
		for k, v := range m {
			key := k
			if table != "" {
				key = table + "." + k
			}
			if sub, ok := v.(map[string]any); ok {
				walk(key, sub)
				continue
			}
			want, known := settings[key]
			if !known || kindOf(v) == want.kind {
				continue
			}
			found = true
			diags.Errorf(File, keyLine(src, table, k), 1, "write "+want.kind+", e.g. "+want.example, "`%s` should be %s", key, want.kind)
		}
	}
	walk("", raw)
	return found
}

func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case bool:
		return "true or false"
	case int64:
		return "a whole number"
	case []map[string]any:
		return "a list of links"
	case []any:
		for _, e := range v.([]any) {
			if _, ok := e.(string); !ok {
				return ""
			}
		}
		return "a list of text"
	}
	return ""
}

// setListSize checks one [lists] setting and stores it in dst when it is
// given and within [lo, hi].
func setListSize(src []byte, key string, v *int, lo, hi int, dst *int, diags *diag.List) {
	if v == nil {
		return
	}
	if *v < lo || *v > hi {
		diags.Errorf(File, keyLine(src, "lists", key), 1, fmt.Sprintf("write a whole number from %d to %d; the default is %d", lo, hi, *dst),
			"[lists] %s = %d is out of range", key, *v)
		return
	}
	*dst = *v
}

// CheckBaseURL reports whether raw is a base URL casebook can use, with
// the reason when it is not: for checking --base-url before a build.
func CheckBaseURL(raw string) error { return new(Config).SetBaseURL(raw) }

// SetBaseURL validates and sets the base URL (from the file or --base-url).
func (c *Config) SetBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme != "" && u.Host == "") || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("base_url %q is not a usable web address", raw)
	}
	if u.Scheme == "" && !strings.HasPrefix(u.Path, "/") {
		return fmt.Errorf("base_url %q needs to start with https:// or /", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	c.BaseURL = u.String()
	c.BasePath = u.EscapedPath()
	c.RootPath = c.BasePath
	return nil
}

// Absolute reports whether the base URL has a scheme and host, so feeds and
// the sitemap can give full addresses.
func (c *Config) Absolute() bool { return strings.Contains(c.BaseURL, "://") }

// keyLine finds the line of key in table, for positions the TOML library
// does not expose. 0 means not found.
func keyLine(src []byte, table, key string) int {
	current := ""
	keyRe := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, l := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			current = strings.Trim(t, "[] ")
			if current == key && table == "" {
				return i + 1
			}
			continue
		}
		if current == table && keyRe.MatchString(l) {
			return i + 1
		}
	}
	return 0
}
