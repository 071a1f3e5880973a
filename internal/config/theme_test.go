package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/diag"
)

func TestThemeDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"a passing accent", "[theme]\naccent = \"#0b5e75\"\n", ""},
		{"a short hex accent that passes", "[theme]\naccent = \"#036\"\n", ""},
		{"an accent too light for text", "[theme]\naccent = \"#4a9fc0\"\n",
			"casebook.toml:2:1: error: [theme] accent: text #4a9fc0 on the page backgrounds (worst on #e8f1f3) has a contrast ratio of 2.61:1; WCAG 2.1 AA needs at least 4.5:1\n" +
				"  hint: the nearest color that passes is #32748e (4.54:1): accent = \"#32748e\"\n"},
		{"header text too close to its background", "[theme]\nheader_background = \"#12343b\"\nheader_text = \"#4b6a70\"\n",
			"casebook.toml:3:1: error: [theme] header_text: text #4b6a70 on the header background #12343b has a contrast ratio of 2.27:1; WCAG 2.1 AA needs at least 4.5:1\n" +
				"  hint: the nearest color that passes is #779da4 (4.52:1): header_text = \"#779da4\"\n"},
		{"a light header background under the default white text", "[theme]\nheader_background = \"#ffcc00\"\n",
			"casebook.toml:2:1: error: [theme] header_background: text #ffffff on the header background #ffcc00 has a contrast ratio of 1.51:1; WCAG 2.1 AA needs at least 4.5:1\n" +
				"  hint: the nearest color that passes is #5a5a5a (4.56:1): header_text = \"#5a5a5a\"\n"},
		{"a color name", "[theme]\naccent = \"teal\"\n",
			"casebook.toml:2:1: error: [theme] accent: \"teal\" is not a color written as #rrggbb\n" +
				"  hint: write it as # and six hex digits, e.g. accent = \"#0b5e75\"\n"},
		{"a logo without alt text", "[theme]\nlogo = \"logo.svg\"\n",
			"casebook.toml:2:1: error: [theme] logo needs logo_alt, the text a screen reader reads in its place\n" +
				"  hint: say what the logo shows, e.g. logo_alt = \"Cedar Hollow Schools\"\n"},
		{"a logo outside static", "[theme]\nlogo = \"../secret.png\"\nlogo_alt = \"x\"\n",
			"casebook.toml:2:1: error: [theme] logo \"../secret.png\" is outside static/\n" +
				"  hint: name a file in static/, e.g. logo = \"images/logo.svg\"\n"},
		{"a nav link without a url", "[theme]\n[[theme.nav]]\ntext = \"About\"\nurl = \"/about/\"\n\n[[theme.nav]]\ntext = \"Board\"\n",
			"casebook.toml:6:1: error: this [[theme.nav]] link needs text and url\n" +
				"  hint: give it both, e.g. text = \"About\" and url = \"/about/\"\n"},
		{"a footer link that is neither", "[[theme.footer_links]]\ntext = \"District\"\nurl = \"example.org\"\n",
			"casebook.toml:1:1: error: [[theme.footer_links]] url \"example.org\" is neither an address on this site nor a full web address\n" +
				"  hint: write a page of this site as \"/about/\", a full address starting with https://, or mailto:someone@example.org\n"},
		{"a misspelled theme key", "[theme]\nacent = \"#0b5e75\"\n",
			"casebook.toml:2:1: warning: unknown setting `theme.acent`; it is ignored\n" +
				"  hint: did you mean `accent`?\n"},
		{"a footer contact that is not a list", "[theme]\nfooter_contact = \"555-0100\"\n",
			"casebook.toml:2:1: error: `theme.footer_contact` should be a list of text\n" +
				"  hint: write a list of text, e.g. footer_contact = [\"Office of Communications\", \"(555) 010-0100\"]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, got := parse(t, tc.src); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestThemeValues(t *testing.T) {
	cfg, got := parse(t, `[theme]
logo = "/images/logo.svg"
logo_alt = "Cedar Hollow Schools"
accent = "#0B5E75"
footer_contact = ["Office of Communications", "(555) 010-0100"]

[[theme.nav]]
text = "About"
url = "/about/"

[[theme.footer_links]]
text = "District website"
url = "https://example.org/"
`)
	if got != "" {
		t.Fatalf("unexpected diagnostics:\n%s", got)
	}
	th := cfg.Theme
	if th.Logo != "images/logo.svg" || th.LogoAlt != "Cedar Hollow Schools" || th.Accent != "#0b5e75" || !th.Customized() {
		t.Errorf("theme = %+v", th)
	}
	if len(th.Nav) != 1 || th.Nav[0] != (Link{Text: "About", URL: "/about/", Line: 7}) || !th.Nav[0].Internal() {
		t.Errorf("nav = %+v", th.Nav)
	}
	if len(th.FooterLinks) != 1 || th.FooterLinks[0].Internal() || len(th.FooterContact) != 2 {
		t.Errorf("footer = %+v %v", th.FooterLinks, th.FooterContact)
	}
}

func TestThemeLogoMustExist(t *testing.T) {
	root := t.TempDir()
	src := "[theme]\nlogo = \"logo.svg\"\nlogo_alt = \"Our district\"\n"
	if err := os.WriteFile(filepath.Join(root, File), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	cfg, _ := Load(root, &diags)
	var b strings.Builder
	diags.Print(&b)
	want := "casebook.toml:2:1: error: [theme] logo: there is no file static/logo.svg\n" +
		"  hint: put the image in static/ and give its path from there, e.g. logo = \"images/logo.svg\"\n"
	if b.String() != want || cfg.Theme.Logo != "" {
		t.Errorf("got %q (logo %q), want %q", b.String(), cfg.Theme.Logo, want)
	}
	os.MkdirAll(filepath.Join(root, "static"), 0o755)
	os.WriteFile(filepath.Join(root, "static", "logo.svg"), []byte("<svg/>"), 0o644)
	diags = diag.List{}
	if cfg, _ := Load(root, &diags); diags.Len() != 0 || cfg.Theme.Logo != "logo.svg" {
		t.Errorf("with the file there: %d diagnostics, logo %q", diags.Len(), cfg.Theme.Logo)
	}
}
