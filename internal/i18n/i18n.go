// Package i18n holds the text of the default theme's interface in each
// language casebook knows (the tables in tables/), merged with a site's own
// i18n/<lang>.toml, and formats dates and numbers the way each language
// writes them.
package i18n

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
)

//go:embed tables/*.toml
var tables embed.FS

// Dir is the folder of a site's own tables, beside casebook.toml.
const Dir = "i18n"

// Table is the interface text of one language.
type Table struct {
	Lang string
	// text maps a key to its text; a counted phrase has the keys
	// "<key>.one" and "<key>.other".
	text   map[string]string
	months []string
}

// entry is one value of a table file as written.
type entry struct {
	text   string
	counts bool // a table of one/other
	line   int
}

// Builtin returns casebook's own table for lang, or nil and false when it
// has none.
func Builtin(lang string) (*Table, bool) {
	b, err := tables.ReadFile("tables/" + lang + ".toml")
	if err != nil {
		return nil, false
	}
	t, err := parse(lang, b)
	if err != nil {
		panic(fmt.Sprintf("i18n: built-in table %s: %v", lang, err)) // a test reads every table
	}
	return t, true
}

// Languages lists the languages casebook has tables for.
func Languages() []string {
	entries, _ := fs.ReadDir(tables, "tables")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".toml"))
	}
	return out
}

var english = func() *Table {
	t, _ := Builtin("en")
	return t
}()

// English is the built-in English table: what every key falls back to.
func English() *Table { return english }

// Load returns the table for lang in the site at root: casebook's own,
// with the site's i18n/<lang>.toml over it. A key the site's tables use
// that lang has no text for is a warning naming it; the English text is
// shown instead.
func Load(root, lang string, siteKeys map[string]bool, diags *diag.List) *Table {
	base, known := Builtin(lang)
	if !known {
		// English fills what the site's table leaves out, but is not the
		// language's name.
		base = &Table{text: maps.Clone(english.text), months: english.months}
		delete(base.text, "language_name")
	}
	t := &Table{Lang: lang, text: maps.Clone(base.text), months: base.months}
	rel := Dir + "/" + lang + ".toml"
	own, err := readSite(root, rel, diags)
	switch {
	case err != nil:
		fsutil.Report(diags, rel, err, false)
	case own == nil && !known && lang != "":
		diags.Warnf(rel, 0, 0, "create "+rel+" with each key of casebook's English table (internal/i18n/tables/en.toml in its source) and its text in this language",
			"casebook has no interface text for `%s`, so pages in it show the English", lang)
	}
	for key, e := range own {
		t.set(key, e)
	}
	if own != nil && !known {
		missing(t, rel, own, english.text, diags)
	}
	for key := range siteKeys {
		if _, ok := t.text[key]; !ok && !strings.Contains(key, ".") {
			if _, ok := t.text[key+".other"]; ok {
				continue
			}
			diags.Warnf(rel, 0, 0, fmt.Sprintf("add `%s = \"...\"` to %s", key, rel), "no %s text for `%s`, which another language's table has; nothing is shown for it", lang, key)
		}
	}
	if m, ok := t.text["months"]; ok {
		t.months = strings.Split(m, "|")
	}
	return t
}

// missing warns about each key of want that a site's own table for a
// language casebook has no table of leaves out.
func missing(t *Table, rel string, own map[string]entry, want map[string]string, diags *diag.List) {
	for _, key := range slices.Sorted(maps.Keys(want)) {
		name, _, counted := strings.Cut(key, ".")
		if _, ok := own[name]; ok {
			continue
		}
		if counted && !strings.HasSuffix(key, ".one") {
			continue // one warning per counted phrase
		}
		diags.Warnf(rel, 0, 0, fmt.Sprintf("add `%s` to %s; the English is shown meanwhile: %q", name, rel, english.text[key]),
			"no text for `%s`", name)
	}
}

// SiteKeys lists the keys of every table a site has, for Load: a key a
// site adds for its own layouts must be in all its languages.
func SiteKeys(root string, langs []string) map[string]bool {
	keys := map[string]bool{}
	for _, lang := range langs {
		var quiet diag.List
		own, _ := readSite(root, Dir+"/"+lang+".toml", &quiet)
		for k := range own {
			if _, known := english.text[k]; !known && !slices.Contains(SiteText, k) {
				if _, counted := english.text[k+".other"]; !counted {
					keys[k] = true
				}
			}
		}
	}
	return keys
}

// readSite reads a site's table; nil when it has none.
func readSite(root, rel string, diags *diag.List) (map[string]entry, error) {
	b, err := fsutil.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	entries, bad, perr := entries(b)
	if perr != nil {
		var pe toml.ParseError
		if errors.As(perr, &pe) {
			diags.Errorf(rel, pe.Position.Line, max(1, pe.Position.Col), pe.Usage, "%s is not valid TOML: %s", rel, pe.Message)
		} else {
			diags.Errorf(rel, 1, 1, "", "%s: %v", rel, perr)
		}
		return map[string]entry{}, nil
	}
	for _, e := range bad {
		diags.Errorf(rel, e.line, 1, "write each text as key = \"text\", and a counted phrase as [key] with one = \"…\" and other = \"…\"", "%s", e.msg)
	}
	for key, e := range entries {
		_, plain := english.text[key]
		_, counted := english.text[key+".other"]
		switch {
		case plain && e.counts:
			diags.Errorf(rel, e.line, 1, fmt.Sprintf("write %s = \"...\"", key), "`%s` is one text, not a counted phrase", key)
			delete(entries, key)
		case counted && !e.counts:
			diags.Errorf(rel, e.line, 1, fmt.Sprintf("write [%s] with one = \"...{n}...\" and other = \"...{n}...\"", key), "`%s` is a counted phrase: it needs a text for one and for other", key)
			delete(entries, key)
		case !plain && !counted && slices.Contains(SiteText, key):
		case !plain && !counted:
			if hint := diag.DidYouMean(key, keysOf(english.text)); hint != "" {
				diags.Warnf(rel, e.line, 1, hint, "`%s` is not a key of the default theme; only a layout of the site's own can show it", key)
			}
		}
	}
	return entries, nil
}

func keysOf(m map[string]string) []string {
	var out []string
	for k := range m {
		name, _, _ := strings.Cut(k, ".")
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// parse reads a table file whole, for the built-in tables.
func parse(lang string, b []byte) (*Table, error) {
	es, bad, err := entries(b)
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return nil, errors.New(bad[0].msg)
	}
	t := &Table{Lang: lang, text: map[string]string{}}
	for k, e := range es {
		t.set(k, e)
	}
	if m, ok := t.text["months"]; ok {
		t.months = strings.Split(m, "|")
	}
	return t, nil
}

func (t *Table) set(key string, e entry) {
	if e.counts {
		one, other, _ := strings.Cut(e.text, "\x00")
		t.text[key+".one"], t.text[key+".other"] = one, other
		return
	}
	t.text[key] = e.text
}

// badEntry is a key of a table file whose value is of no use.
type badEntry struct {
	line int
	msg  string
}

// entries decodes a table file: each key a text, or a table with one and
// other for a counted phrase. The entries of no use are listed apart, by
// line; err is for a file that is not TOML.
func entries(b []byte) (map[string]entry, []badEntry, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(b), &raw); err != nil {
		return nil, nil, err
	}
	out := map[string]entry{}
	var bad []badEntry
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		line := lineOf(b, key)
		switch v := raw[key].(type) {
		case string:
			out[key] = entry{text: v, line: line}
		case []any:
			var parts []string
			for _, p := range v {
				if s, ok := p.(string); ok {
					parts = append(parts, s)
				}
			}
			if len(parts) != len(v) {
				bad = append(bad, badEntry{line, fmt.Sprintf("`%s` should be a list of text", key)})
				continue
			}
			out[key] = entry{text: strings.Join(parts, "|"), line: line}
		case map[string]any:
			one, ok1 := v["one"].(string)
			other, ok2 := v["other"].(string)
			if !ok1 || !ok2 || len(v) != 2 {
				bad = append(bad, badEntry{line, fmt.Sprintf("[%s] needs exactly one = \"…\" and other = \"…\", each text", key)})
				continue
			}
			out[key] = entry{text: one + "\x00" + other, counts: true, line: line}
		default:
			bad = append(bad, badEntry{line, fmt.Sprintf("`%s` should be text in quotes", key)})
		}
	}
	slices.SortStableFunc(bad, func(a, b badEntry) int { return a.line - b.line })
	return out, bad, nil
}

// lineOf finds where key is set or its table starts; 0 if nowhere.
func lineOf(b []byte, key string) int {
	for i, l := range strings.Split(string(b), "\n") {
		t := strings.TrimSpace(l)
		if t == "["+key+"]" || strings.HasPrefix(t, "["+key+".") || strings.HasPrefix(t, key+" ") || strings.HasPrefix(t, key+"=") {
			return i + 1
		}
	}
	return 0
}

// T returns the text for key with its {name} placeholders filled from
// args, given as name, value pairs; ok is false when no table has the key.
func (t *Table) T(key string, args ...any) (string, bool) {
	s, ok := t.text[key]
	if !ok {
		if s, ok = english.text[key]; !ok {
			return key, false
		}
	}
	return t.fill(s, args), true
}

// Count returns the counted phrase key for n: "1 case study", "24 case
// studies", with n formatted for the language.
func (t *Table) Count(key string, n int) (string, bool) {
	k := key + ".other"
	if n == 1 {
		k = key + ".one"
	}
	return t.T(k, "n", t.Number(n))
}

func (t *Table) fill(s string, args []any) string {
	if !strings.Contains(s, "{") {
		return s
	}
	for i := 0; i+1 < len(args); i += 2 {
		name, _ := args[i].(string)
		var v string
		switch x := args[i+1].(type) {
		case int:
			v = t.Number(x)
		case string:
			v = x
		default:
			v = fmt.Sprint(x)
		}
		s = strings.ReplaceAll(s, "{"+name+"}", v)
	}
	return s
}

// Number writes a whole number with the language's group separator.
func (t *Table) Number(n int) string {
	sep := t.text["thousands_separator"]
	sign, digits := "", strconv.FormatUint(uint64(n), 10)
	if n < 0 {
		// -n overflows for the smallest int; uint64 negation does not.
		sign, digits = "-", strconv.FormatUint(-uint64(n), 10)
	}
	for i := len(digits) - 3; i > 0; i -= 3 {
		digits = digits[:i] + sep + digits[i:]
	}
	return sign + digits
}

// Decimal writes a number with up to one decimal place, with the
// language's decimal mark: 38.5, or 38,5.
func (t *Table) Decimal(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	whole, frac, hasFrac := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	n, _ := strconv.Atoi(whole)
	out := t.Number(n)
	if strings.HasPrefix(s, "-") {
		out = "-" + out
	}
	if hasFrac {
		out += t.text["decimal_separator"] + frac
	}
	return out
}

// Date writes a date the way the language does: "March 2, 2026", "2 de
// marzo de 2026".
func (t *Table) Date(d time.Time) string {
	month := d.Month().String()
	if len(t.months) == 12 {
		month = t.months[d.Month()-1]
	}
	s, _ := t.T("date_format", "day", strconv.Itoa(d.Day()), "month", month, "year", strconv.Itoa(d.Year()))
	return s
}

// Name is the language's name in itself, for the language switcher.
func (t *Table) Name() string {
	if s, ok := t.text["language_name"]; ok && t.Lang != "" {
		return s
	}
	return t.Lang
}

// SiteText are the keys a site's table may give that casebook's tables
// have not: the site's own title, description and illustrative note in
// the table's language.
var SiteText = []string{"site_title", "site_description", "illustrative_note"}

// Own returns a text of SiteText the site's table gives.
func (t *Table) Own(key string) (string, bool) {
	s, ok := t.text[key]
	return s, ok && s != ""
}

// Keys lists the keys T finds, sorted: the table's and English's.
func (t *Table) Keys() []string {
	keys := map[string]bool{}
	for _, src := range []map[string]string{english.text, t.text} {
		for k := range src {
			keys[k] = true
		}
	}
	return slices.Sorted(maps.Keys(keys))
}

// Prefixed returns every text whose key starts with prefix, keyed
// without it: the search page hands search.js its texts this way.
func (t *Table) Prefixed(prefix string) map[string]string {
	out := map[string]string{}
	for _, src := range []map[string]string{english.text, t.text} {
		for k, v := range src {
			if name, ok := strings.CutPrefix(k, prefix); ok {
				out[name] = v
			}
		}
	}
	out["thousands_separator"] = t.text["thousands_separator"]
	return out
}

// Or returns the text for key, or fallback when no table has it: for
// names casebook also knows in English itself (a site's own layouts may
// drop a key from its table).
func (t *Table) Or(key, fallback string) string {
	if s, ok := t.T(key); ok {
		return s
	}
	return fallback
}

// code is a language as casebook names files and folders after it: a
// lowercase code ("es", "haw"), with a region or script if a site needs
// one ("pt-br", "zh-hant").
var code = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// ValidCode reports whether s can name a language of a site.
func ValidCode(s string) bool { return code.MatchString(s) }
