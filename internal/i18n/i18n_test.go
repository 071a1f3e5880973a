package i18n

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/diag"
)

func TestNumbers(t *testing.T) {
	en, _ := Builtin("en")
	cases := map[int]string{
		0: "0", 999: "999", 1000: "1,000", 49480: "49,480", 1234567: "1,234,567",
		-1000: "-1,000", math.MinInt64: "-9,223,372,036,854,775,808", math.MaxInt64: "9,223,372,036,854,775,807",
	}
	for n, want := range cases {
		if got := en.Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
	for x, want := range map[float64]string{38.5: "38.5", 100: "100", 12345.6: "12,345.6", -2.5: "-2.5"} {
		if got := en.Decimal(x); got != want {
			t.Errorf("Decimal(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestDatesAndCounts(t *testing.T) {
	d := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	en, _ := Builtin("en")
	es, _ := Builtin("es")
	cases := []struct{ got, want string }{
		{en.Date(d), "March 2, 2026"},
		{es.Date(d), "2 de marzo de 2026"},
		{count(en, "case_studies", 1), "1 case study"},
		{count(en, "case_studies", 12000), "12,000 case studies"},
		{count(es, "case_studies", 1), "1 estudio de caso"},
		{count(es, "lessons", 3), "3 lecciones"},
		{text(es, "stage_of", "n", 2, "last", 9), "Etapa 2 de 9 del mapa del recorrido"},
		{text(es, "percent", "n", es.Decimal(38.5)), "38.5\u00a0%"},
		{es.Name(), "Español"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func count(t *Table, key string, n int) string { s, _ := t.Count(key, n); return s }
func text(t *Table, key string, args ...any) string {
	s, _ := t.T(key, args...)
	return s
}

// Every built-in table has every key the English one has, of the same
// shape, with the same placeholders: a layout may use any key in any
// language.
func TestTablesComplete(t *testing.T) {
	en, _ := Builtin("en")
	for _, lang := range Languages() {
		tab, ok := Builtin(lang)
		if !ok {
			t.Fatalf("no table for %s", lang)
		}
		for key, want := range en.text {
			got, ok := tab.text[key]
			if !ok {
				t.Errorf("%s: no text for %s", lang, key)
				continue
			}
			if a, b := placeholders(want), placeholders(got); !slices.Equal(a, b) && key != "months" {
				t.Errorf("%s: %s has placeholders %v, English %v", lang, key, b, a)
			}
		}
		for key := range tab.text {
			if _, ok := en.text[key]; !ok {
				t.Errorf("%s: %s is not an English key", lang, key)
			}
		}
		if len(tab.months) != 12 {
			t.Errorf("%s: %d months", lang, len(tab.months))
		}
	}
}

func placeholders(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s, '}')
		if i < 0 || j < i {
			break
		}
		out = append(out, s[i:j+1])
		s = s[j+1:]
	}
	slices.Sort(out)
	return out
}

// A site's table: its texts win, a key for its own layouts must be in each
// of its languages, a misspelt key is named, and a language casebook has
// no table for is filled with English, each missing key a warning.
func TestSiteTables(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Join(dir, Dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, Dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("en.toml", "search_button = \"Find\"\nour_motto = \"Every student\"\n")
	write("es.toml", "serch_button = \"Encontrar\"\n\n[lessons]\none = \"{n} aprendizaje\"\nother = \"{n} aprendizajes\"\n")
	write("vi.toml", "search_button = \"Tìm\"\nlanguage_name = \"Tiếng Việt\"\n")
	langs := []string{"en", "es", "vi"}
	keys := SiteKeys(dir, langs)
	var diags diag.List
	en := Load(dir, "en", keys, &diags)
	es := Load(dir, "es", keys, &diags)
	vi := Load(dir, "vi", keys, &diags)
	if got := text(en, "search_button"); got != "Find" {
		t.Errorf("en search_button = %q", got)
	}
	if got := count(es, "lessons", 2); got != "2 aprendizajes" {
		t.Errorf("es lessons = %q", got)
	}
	if got := text(vi, "search_button"); got != "Tìm" || vi.Name() != "Tiếng Việt" {
		t.Errorf("vi: %q %q", got, vi.Name())
	}
	if got := text(vi, "home"); got != "Home" {
		t.Errorf("vi falls back to English: %q", got)
	}
	var b strings.Builder
	diags.Print(&b)
	out := b.String()
	for _, want := range []string{
		"i18n/es.toml:1:1: warning: `serch_button` is not a key of the default theme; only a layout of the site's own can show it\n  hint: did you mean `search_button`?",
		"i18n/es.toml: warning: no es text for `our_motto`, which another language's table has; nothing is shown for it\n  hint: add `our_motto = \"...\"` to i18n/es.toml",
		"i18n/vi.toml: warning: no text for `home`\n  hint: add `home` to i18n/vi.toml; the English is shown meanwhile: \"Home\"",
		"i18n/vi.toml: warning: no text for `case_studies`",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing diagnostic:\n%s\n\nin:\n%s", want, out)
		}
	}
	if strings.Contains(out, "no text for `case_studies.other`") {
		t.Errorf("a counted phrase is reported once:\n%s", out)
	}
}

// Every value of no use in a site's table is an error at its line, in
// line order, however the file's keys are ordered.
func TestSiteTableTypes(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, Dir), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "search_button = 1\nhome = \"Inicio\"\nnext = true\n[lessons]\none = \"{n}\"\n[y.z]\nq = \"x\"\n"
	if err := os.WriteFile(filepath.Join(dir, Dir, "es.toml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		var diags diag.List
		Load(dir, "es", nil, &diags)
		var b strings.Builder
		diags.Print(&b)
		want := "i18n/es.toml:1:1: error: `search_button` should be text in quotes\n" +
			"  hint: write each text as key = \"text\", and a counted phrase as [key] with one = \"…\" and other = \"…\"\n" +
			"i18n/es.toml:3:1: error: `next` should be text in quotes\n" +
			"  hint: write each text as key = \"text\", and a counted phrase as [key] with one = \"…\" and other = \"…\"\n" +
			"i18n/es.toml:4:1: error: [lessons] needs exactly one = \"…\" and other = \"…\", each text\n" +
			"  hint: write each text as key = \"text\", and a counted phrase as [key] with one = \"…\" and other = \"…\"\n" +
			"i18n/es.toml:6:1: error: [y] needs exactly one = \"…\" and other = \"…\", each text\n" +
			"  hint: write each text as key = \"text\", and a counted phrase as [key] with one = \"…\" and other = \"…\"\n"
		if got := b.String(); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	}
}
