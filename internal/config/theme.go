package config

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/casebook/casebook/internal/contrast"
	"github.com/casebook/casebook/internal/diag"
)

// Theme is the [theme] table: what a district changes to make the default
// theme its own without touching a template.
type Theme struct {
	// Logo is an image under static/ shown beside the site title, as a
	// path relative to static/; LogoAlt is what it shows.
	Logo, LogoAlt string
	// The colors, as #rrggbb, or "" for the theme's own. Accent colors
	// links and markers; the header colors the site's top band.
	Accent, HeaderBackground, HeaderText string
	// FooterContact is lines of contact details shown in the footer.
	FooterContact []string
	FooterLinks   []Link
	// Nav replaces the default navigation (the sections, then the pages at
	// the top of content/) when it has any items.
	Nav []Link
}

// Link is a navigation or footer link.
type Link struct {
	Text string
	// URL is a full http(s) address or an address on this site starting
	// with "/", to which the base path is added.
	URL  string
	Line int // in casebook.toml, for diagnostics
}

// Internal reports whether the link is to a page of this site.
func (l Link) Internal() bool {
	return strings.HasPrefix(l.URL, "/") && !strings.HasPrefix(l.URL, "//")
}

// Customized reports whether the theme changes any color, so the default
// theme knows whether to write its overrides.
func (t Theme) Customized() bool {
	return t.Accent != "" || t.HeaderBackground != "" || t.HeaderText != ""
}

type themeFile struct {
	Logo             string     `toml:"logo"`
	LogoAlt          *string    `toml:"logo_alt"`
	Accent           string     `toml:"accent"`
	HeaderBackground string     `toml:"header_background"`
	HeaderText       string     `toml:"header_text"`
	FooterContact    []string   `toml:"footer_contact"`
	FooterLinks      []linkFile `toml:"footer_links"`
	Nav              []linkFile `toml:"nav"`
}

type linkFile struct {
	Text string `toml:"text"`
	URL  string `toml:"url"`
}

// The default theme's colors that the [theme] colors are drawn on: the
// page, panel and tag backgrounds (links sit on all three), and the
// header's own pair.
var (
	pageBackgrounds   = []string{"#ffffff", "#f6f4ef", "#e8f1f3"}
	defaultHeaderBack = "#0f3d4a"
	defaultHeaderText = "#ffffff"
)

// parseTheme checks the [theme] table and stores it in cfg.Theme.
func parseTheme(src []byte, f themeFile, cfg *Config, diags *diag.List) {
	t := &cfg.Theme
	t.FooterContact = f.FooterContact
	t.Logo = strings.TrimPrefix(f.Logo, "/")
	if f.LogoAlt != nil {
		t.LogoAlt = strings.TrimSpace(*f.LogoAlt)
	}
	if f.Logo != "" && t.LogoAlt == "" {
		diags.Errorf(File, keyLine(src, "theme", "logo"), 1, `say what the logo shows, e.g. logo_alt = "Cedar Hollow Schools"`,
			"[theme] logo needs logo_alt, the text a screen reader reads in its place")
	}
	if clean := path.Clean(filepath.ToSlash(t.Logo)); t.Logo != "" && (path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../")) {
		diags.Errorf(File, keyLine(src, "theme", "logo"), 1, `name a file in static/, e.g. logo = "images/logo.svg"`,
			"[theme] logo %q is outside static/", f.Logo)
		t.Logo = ""
	}
	t.Accent = themeColor(src, "accent", f.Accent, diags)
	t.HeaderBackground = themeColor(src, "header_background", f.HeaderBackground, diags)
	t.HeaderText = themeColor(src, "header_text", f.HeaderText, diags)
	t.Nav = themeLinks(src, "nav", f.Nav, diags)
	t.FooterLinks = themeLinks(src, "footer_links", f.FooterLinks, diags)
	checkContrast(src, t, diags)
}

// themeColor checks one color setting, returning it as #rrggbb or "".
func themeColor(src []byte, key, v string, diags *diag.List) string {
	if v == "" {
		return ""
	}
	c, err := contrast.Parse(v)
	if err != nil {
		diags.Errorf(File, keyLine(src, "theme", key), 1, fmt.Sprintf("write it as # and six hex digits, e.g. %s = \"#0b5e75\"", key),
			"[theme] %s: %v", key, err)
		return ""
	}
	return c.String()
}

// themeLinks checks a list of [[theme.KEY]] links.
func themeLinks(src []byte, key string, in []linkFile, diags *diag.List) []Link {
	var out []Link
	for i, l := range in {
		line := tableLine(src, "theme."+key, i)
		text, url := strings.TrimSpace(l.Text), strings.TrimSpace(l.URL)
		switch {
		case text == "" || url == "":
			diags.Errorf(File, line, 1, `give it both, e.g. text = "About" and url = "/about/"`,
				"this [[theme.%s]] link needs text and url", key)
		case strings.HasPrefix(url, "//") || (!strings.HasPrefix(url, "/") && !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "mailto:")):
			diags.Errorf(File, line, 1, `write a page of this site as "/about/", a full address starting with https://, or mailto:someone@example.org`,
				"[[theme.%s]] url %q is neither an address on this site nor a full web address", key, url)
		default:
			out = append(out, Link{Text: text, URL: url, Line: line})
		}
	}
	return out
}

// checkContrast reports each theme color pair that fails WCAG 2.1 AA, with
// the nearest color that passes.
func checkContrast(src []byte, t *Theme, diags *diag.List) {
	if t.Accent != "" {
		checkPair(src, "accent", t.Accent, pageBackgrounds, "the page backgrounds", diags)
	}
	if t.HeaderBackground != "" || t.HeaderText != "" {
		text := cmp.Or(t.HeaderText, defaultHeaderText)
		back := cmp.Or(t.HeaderBackground, defaultHeaderBack)
		key := "header_text"
		if t.HeaderText == "" {
			key = "header_background"
		}
		checkPair(src, key, text, []string{back}, "the header background "+back, diags)
	}
}

// checkPair reports fg when it falls short of text contrast on any of bgs.
// It suggests changing fg (for header_background: the header text, which
// the author did not set, so the district's own background stays).
func checkPair(src []byte, key, fg string, bgs []string, where string, diags *diag.List) {
	fc, _ := contrast.Parse(fg)
	var bcs []contrast.Color
	for _, b := range bgs {
		c, _ := contrast.Parse(b)
		bcs = append(bcs, c)
	}
	worst, ratio := contrast.Worst(fc, bcs)
	if ratio >= contrast.Text {
		return
	}
	fix := "no color with this hue passes; choose a darker or lighter one"
	if near, ok := contrast.Nearest(fc, bcs, contrast.Text); ok {
		fixKey := key
		if key == "header_background" {
			fixKey = "header_text"
		}
		fix = fmt.Sprintf("the nearest color that passes is %s (%s): %s = %q", near, contrast.Format(contrast.Ratio(near, worst)), fixKey, near.String())
	}
	if len(bgs) > 1 {
		where = fmt.Sprintf("%s (worst on %s)", where, worst)
	}
	diags.Errorf(File, keyLine(src, "theme", key), 1, fix,
		"[theme] %s: text %s on %s has a contrast ratio of %s; WCAG 2.1 AA needs at least 4.5:1", key, fg, where, contrast.Format(ratio))
}

// CheckLogo reports a [theme] logo that is not a file in root/static/.
func (c *Config) CheckLogo(root string, src []byte, diags *diag.List) {
	if c.Theme.Logo == "" {
		return
	}
	st, err := os.Stat(filepath.Join(root, "static", filepath.FromSlash(c.Theme.Logo)))
	if err != nil || !st.Mode().IsRegular() {
		diags.Errorf(File, keyLine(src, "theme", "logo"), 1, "put the image in static/ and give its path from there, e.g. logo = \"images/logo.svg\"",
			"[theme] logo: there is no file static/%s", c.Theme.Logo)
		c.Theme.Logo = ""
	}
}

// tableLine finds the line of the n-th (from 0) [[name]] header.
func tableLine(src []byte, name string, n int) int {
	for i, l := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(l) == "[["+name+"]]" {
			if n == 0 {
				return i + 1
			}
			n--
		}
	}
	return 0
}
