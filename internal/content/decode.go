package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Front Matter CMS (frontmatter.codes) writes these keys into the files
// it edits with the configuration `casebook schema` exports: the content
// type on each page it creates, and the field group on each lesson. They
// are the CMS's bookkeeping, not content, and warning about them on every
// page would bury the warnings that matter, so they are read silently,
// there and nowhere else.
const (
	frontMatterType  = "fmContentType"
	frontMatterGroup = "fieldGroup"
)

// decoder decodes one page's frontmatter node into its fields, reporting
// every problem it finds.
type decoder struct {
	path  string
	diags *diag.List
	// choices are the slugs of the site's pages by kind, for hints that
	// name the real ones; nil when they are not known.
	choices Choices
	// src is the file's text, so checks and hints can look at what the
	// author wrote (see source).
	src []byte
	// translation is set for a file in another language (x.es.md): it
	// may leave out required fields, and has translation_of.
	translation bool
}

// TranslationOfField is the field in which a translation records which
// version of its source it translates.
const TranslationOfField = "translation_of"

// ignoringWouldMislead says, for the fields a reader must be able to trust,
// what ignoring a misspelling of one would do: an unknown field that is
// likely one of these is an error, not a warning, since the build would
// otherwise publish a draft, or an invented story as a real one.
var ignoringWouldMislead = map[string]string{
	"draft":        "publish the page",
	"illustrative": "show an invented story as a real one",
}

// translationOf reads a translation's translation_of field.
func (d *decoder) translationOf(p *Page, key, val *yaml.Node) {
	if !d.translation {
		d.diags.Warnf(d.path, key.Line, key.Column, "remove it, or name the file <slug>.<language>.md if it is a translation",
			"`%s` belongs in a translation; this page is in the site's own language, so it is ignored", TranslationOfField)
		return
	}
	p.FieldPos.set(TranslationOfField, val.Line, val.Column)
	if s, ok := d.scalar(TranslationOfField, val); ok {
		p.TranslationOf = strings.TrimSpace(s)
	}
}

// Choices are the slugs of a site's pages by kind, sorted.
type Choices map[Kind][]string

func (d *decoder) errorf(n *yaml.Node, hint, format string, args ...any) {
	d.diags.Errorf(d.path, n.Line, n.Column, hint, format, args...)
}

// decode sets p's fields from the mapping node m according to spec.
func (d *decoder) decode(p *Page, spec *KindSpec, m *yaml.Node) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		name := key.Value
		if name == frontMatterType {
			continue
		}
		if name == TranslationOfField {
			d.translationOf(p, key, val)
			continue
		}
		f, ok := spec.Field(name)
		if !ok && name == draftField.Name && d.translation {
			// Any translation may be a draft, whatever its kind: it stays
			// out of the site until it is translated.
			f, ok = draftField, true
		}
		if !ok {
			hint := diag.DidYouMean(name, spec.FieldNames())
			if hint == "" {
				hint = "a " + spec.Label + " has the fields " + strings.Join(spec.FieldNames(), ", ")
			}
			if meant := diag.Suggest(name, spec.FieldNames()); ignoringWouldMislead[meant] != "" {
				d.diags.Errorf(d.path, key.Line, key.Column, hint, "unknown field `%s` in a %s; ignoring it would %s", name, spec.Label, ignoringWouldMislead[meant])
				continue
			}
			d.diags.Warnf(d.path, key.Line, key.Column, hint, "unknown field `%s` in a %s; it is ignored", name, spec.Label)
			continue
		}
		if seen[name] {
			d.errorf(key, "remove one of them", "the field `%s` is written twice", name)
			continue
		}
		seen[name] = true
		if p.FieldPos == nil {
			p.FieldPos = make(Fields, 0, len(m.Content)/2)
		}
		// Named by the schema's own string, not the file's copy of it, so
		// that the copy goes with the rest of the parsed frontmatter:
		// every page keeps these until its links are checked.
		p.FieldPos.set(f.Name, val.Line, val.Column)
		if d.marked(name, val) {
			continue
		}
		// A value written as "" or "  " says no more than an empty field,
		// so it is treated as one: absent when optional, an error when not.
		if isNull(val) || isBlank(val) {
			if f.Required {
				d.errorf(val, d.emptyHint(f), "the field `%s` is empty", name)
			}
			continue
		}
		if v, ok := d.value(f, val); ok {
			f.set(p, v)
		}
		if f.Type == StringField || f.Type == ImageField {
			d.cutByComment(name, val)
		}
	}
	for _, f := range spec.Fields {
		// A translation takes what it leaves out from its source.
		if f.Required && !seen[f.Name] && !d.translation {
			d.diags.Errorf(d.path, m.Line, m.Column, d.fieldHint(f),
				"a %s needs the field `%s` (%s)", spec.Label, f.Name, f.Doc)
		}
	}
}

// cutByComment warns when an unquoted text value has ` #` in it: YAML
// reads the rest of the line as a comment, so the value is published cut
// short ("Homework - what we learned #1" as "Homework - what we learned").
func (d *decoder) cutByComment(name string, n *yaml.Node) {
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.LineComment == "" || n.Value == "" {
		return
	}
	text := d.source(n)
	hash := strings.Index(text, " #")
	if hash < 0 {
		return
	}
	d.diags.Warnf(d.path, n.Line, n.Column+runeCol(text, hash), fmt.Sprintf("put the value in quotes: `%s: %s`", name, strconv.Quote(text)),
		"YAML reads ` #` and what follows as a comment, so the %s is published as `%s`", name, n.Value)
}

func (d *decoder) fieldHint(f Field) string {
	switch f.Type {
	case RefField, RefListField:
		return d.refHint(f)
	case DateField:
		return fmt.Sprintf("write dates as 2026-03-15, e.g. `%s: 2026-03-15`", f.Name)
	case IntField:
		return fmt.Sprintf("write a whole number, e.g. `%s: %s`", f.Name, cmp.Or(f.Example, "3"))
	case NumberField:
		return fmt.Sprintf("write a number, e.g. `%s: %s`", f.Name, cmp.Or(f.Example, "2.5"))
	case URLField:
		return "write the full address, starting with https://, e.g. `" + f.Name + ": " + cmp.Or(f.Example, "https://example.org/") + "`"
	}
	return fmt.Sprintf("add a line `%s: ...` to the frontmatter", f.Name)
}

// refHint names the real pages a reference field may point to: all of
// them when there are few, or one as an example.
func (d *decoder) refHint(f Field) string {
	spec := SpecFor(f.RefKind)
	slugs := d.choices[f.RefKind]
	slug := "SLUG"
	if len(slugs) > 0 {
		slug = slugs[0]
	}
	if f.Type == RefListField {
		slug = "[" + slug + "]"
	}
	example := fmt.Sprintf("`%s: %s`", f.Name, slug)
	switch {
	case d.choices == nil:
		return fmt.Sprintf("write the file name of a %s in content/%s/ without .md, e.g. %s", spec.Label, spec.Dir, example)
	case len(slugs) == 0:
		return fmt.Sprintf("the site has no %s yet: create one with `casebook new %s \"Title\"`, then write its file name here", spec.Plural, spec.Kind)
	case len(slugs) <= 12:
		return fmt.Sprintf("write %s; the %s are: %s", example, spec.Plural, strings.Join(slugs, ", "))
	}
	return fmt.Sprintf("write the file name of one of the %d %s in content/%s/ without .md, e.g. %s", len(slugs), spec.Plural, spec.Dir, example)
}

// emptyHint is the hint for a field written with no value.
func (d *decoder) emptyHint(f Field) string {
	if f.Type == StringField || f.Type == ImageField {
		return fmt.Sprintf("write the value on the same line, after `%s:`", f.Name)
	}
	return d.fieldHint(f)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || (n.Tag == "!!str" && strings.TrimSpace(n.Value) == "" && n.Style == 0))
}

// isBlank reports a text value that is empty or only spaces, quoted or not.
func isBlank(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.TrimSpace(n.Value) == ""
}

// source returns the rest of n's line from n's position, as the author
// wrote it, or "" when n has no position in the file.
func (d *decoder) source(n *yaml.Node) string { return string(d.sourceBytes(n)) }

// sourceBytes is source without a copy. Every value is looked at (see
// tagged), and frontmatter is at the top of the file, so this scans to
// the value's line rather than splitting the whole file into lines: that
// split, a copy of every file, was 3% of a build's allocation.
func (d *decoder) sourceBytes(n *yaml.Node) []byte {
	if n.Line < 1 || n.Column < 1 {
		return nil
	}
	l, ok := lineAt(d.src, n.Line)
	if !ok {
		return nil
	}
	for col := 1; col < n.Column && len(l) > 0; col++ {
		_, size := utf8.DecodeRune(l)
		l = l[size:]
	}
	return bytes.TrimSpace(l)
}

// lineAt returns line n of text (from 1), without the \n that ends it
// (a \r before it stays: callers trim space); false when text has fewer
// lines.
func lineAt(text []byte, n int) ([]byte, bool) {
	for ; n > 1; n-- {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			return nil, false
		}
		text = text[i+1:]
	}
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	return text, true
}

// marked reports (and rejects) a value that starts with ! or &, which
// YAML reads as a tag or a label; an author who writes one at the start of
// a value almost always means it as text. A reference (*name) to a label
// that exists is deliberate, and alias reports it.
func (d *decoder) marked(name string, n *yaml.Node) bool {
	return d.tagged(name, n) || d.anchored(name, n)
}

// anchored reports (and rejects) a value YAML read as an anchor: an author
// who writes `title: &Co Partners` means the text "&Co Partners", but YAML
// takes "&Co" as a label and keeps only "Partners".
func (d *decoder) anchored(name string, n *yaml.Node) bool {
	if n.Anchor == "" {
		return false
	}
	return d.startsWith('&', "&"+n.Anchor, name, n)
}

// tagged reports (and rejects) a value that starts with !: YAML reads
// `title: !Important news` as the tag !Important on the text "news", and
// drops the tag without a word. YAML's own tags, such as !!str, are meant.
func (d *decoder) tagged(name string, n *yaml.Node) bool {
	b := d.sourceBytes(n)
	if len(b) == 0 || b[0] != '!' {
		return false
	}
	src := string(b)
	if coreTag(src) {
		return false
	}
	return d.startsWith('!', strings.Fields(src)[0], name, n)
}

// startsWith reports the value n of name, which starts with c and so holds
// mark, a tag or label that YAML takes away from the text. A one-line
// value is quoted in the hint; from a list, a group or a block of lines,
// mark can only be removed.
func (d *decoder) startsWith(c byte, mark, name string, n *yaml.Node) bool {
	src := d.source(n)
	oneLine := n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0
	if oneLine && strings.HasPrefix(src, string(c)) {
		msg, hint := indicatorProblem(name, src)
		d.errorf(n, hint, "%s", msg)
		return true
	}
	d.errorf(n, "remove `"+mark+"`; casebook does not use YAML tags or labels",
		"the value of `%s` starts with %c, which YAML %s", name, c, indicatorReading[c])
	return true
}

// alias reports a YAML alias (*name), which repeats a value labelled
// elsewhere with &name: casebook does not support them, because a reader of
// the file should see each value where it applies.
func (d *decoder) alias(name string, n *yaml.Node) bool {
	if n.Kind != yaml.AliasNode {
		return false
	}
	d.errorf(n, "write the value out in full instead of *"+n.Value,
		"the field `%s` uses a YAML alias (*%s); casebook does not support aliases", name, n.Value)
	return true
}

// value decodes val as f's type; ok is false when it reported a problem.
func (d *decoder) value(f Field, val *yaml.Node) (v value, ok bool) {
	switch f.Type {
	case StringField, ImageField:
		v.str, ok = d.text(f.Name, val)
		v.str = strings.TrimSpace(v.str)
	case EnumField:
		if v.str, ok = d.scalar(f.Name, val); ok && !slices.Contains(f.Values, v.str) {
			d.errorf(val, diag.DidYouMean(v.str, f.Values), "`%s` is not a valid %s; use one of %s", v.str, f.Name, strings.Join(f.Values, ", "))
			ok = false
		}
	case IntField:
		v.num, ok = d.integer(f, val)
	case NumberField:
		v.decimal, ok = d.number(f, val)
	case URLField:
		v.str, ok = d.webAddress(f, val)
	case BoolField:
		v.flag, ok = d.boolean(f, val)
	case DateField:
		v.date, ok = d.date(f, val)
	case StringListField:
		v.strs, ok = d.strings(f, val)
	case RefField:
		v.ref, ok = d.ref(f, val)
	case RefListField:
		v.refs, ok = d.refList(f, val)
		if ok && f.Required && len(v.refs) == 0 {
			d.errorf(val, d.fieldHint(f), "the field `%s` needs at least one %s", f.Name, f.RefKind)
			ok = false
		}
	case LessonsField:
		v.lessons, ok = d.lessons(f, val)
	}
	return v, ok
}

// text decodes the value of a text field. A list or group written where
// text belongs is most often text that starts with [ or {, as in
// `title: [Draft] notes`, so the message says how to keep the brackets.
func (d *decoder) text(name string, n *yaml.Node) (string, bool) {
	if n.Style&yaml.FlowStyle != 0 {
		if src := d.source(n); flowEnd(src) > 0 {
			msg, hint := indicatorProblem(name, src[:flowEnd(src)+1])
			d.errorf(n, hint, "%s", msg)
			return "", false
		}
	}
	v, ok := d.scalar(name, n)
	if inner, curly := curlyWrapped(strings.TrimSpace(v)); ok && curly && n.Style == 0 {
		// Word turns typed quotes curly; unquoted, YAML keeps them as text.
		d.diags.Warnf(d.path, n.Line, n.Column, "use straight quotes instead: "+fixedLine(name, inner),
			"the value of `%s` is wrapped in curly quotes, which YAML keeps as text, so readers see them", name)
	}
	return v, ok
}

// fieldEntry reports an entry of the list name that YAML read as a field
// because of a colon in it, as in `authors: ["Ann": editor]`. An entry
// written in braces is a group on purpose, and is reported as any other
// value that is not text; so is a TOML table, which has the position of
// its array.
func (d *decoder) fieldEntry(name string, n *yaml.Node) bool {
	if src := d.source(n); n.Kind != yaml.MappingNode || strings.HasPrefix(src, "{") || strings.HasPrefix(src, "[") {
		return false
	}
	d.errorf(n, `put the whole entry in quotes, using single quotes outside if it contains a "`,
		"an entry of `%s` has a colon followed by a space, which YAML reads as a field name and its value", name)
	return true
}

func (d *decoder) scalar(name string, n *yaml.Node) (string, bool) {
	if d.alias(name, n) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "write a single value on the same line as the field name", "the field `%s` should be a single value, not a %s", name, shape(n))
		return "", false
	}
	return n.Value, true
}

func shape(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "group of fields"
	}
	return "value"
}

func (d *decoder) integer(f Field, n *yaml.Node) (int, bool) {
	s, ok := d.scalar(f.Name, n)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(s), "_", ""), 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		d.errorf(n, d.fieldHint(f), "`%s` should be a whole number, not `%s`", f.Name, s)
		return 0, false
	}
	r := defaultRange
	if f.Range != nil {
		r = *f.Range
	}
	// A number too large for int64 fails ParseInt with ErrRange and is
	// reported here too, as outside the range.
	if err != nil || i < int64(r.Min) || i > int64(r.Max) {
		d.errorf(n, d.fieldHint(f), "`%s` should be a whole number from %s to %s, not `%s`", f.Name, thousands(r.Min), thousands(r.Max), strings.TrimSpace(s))
		return 0, false
	}
	return int(i), true
}

// number reads a NumberField, decimals allowed.
func (d *decoder) number(f Field, n *yaml.Node) (float64, bool) {
	s, ok := d.scalar(f.Name, n)
	if !ok {
		return 0, false
	}
	s = strings.TrimSpace(s)
	x, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if (err != nil && !errors.Is(err, strconv.ErrRange)) || math.IsNaN(x) {
		d.errorf(n, d.fieldHint(f), "`%s` should be a number, not `%s`", f.Name, s)
		return 0, false
	}
	// Infinity, and a number too large for a float64 (ErrRange), are
	// reported here as outside the range.
	r := f.Bounds()
	if err != nil || x < float64(r.Min) || x > float64(r.Max) {
		d.errorf(n, d.fieldHint(f), "`%s` should be a number from %s to %s, not `%s`", f.Name, thousands(r.Min), thousands(r.Max), s)
		return 0, false
	}
	return x, true
}

// thousands writes n with commas between thousands (10,000,000), as
// authors read large numbers.
func thousands(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}

// webAddress accepts a full http or https address: a bare "example.org/x"
// would be published as a link relative to the page and lead nowhere.
func (d *decoder) webAddress(f Field, n *yaml.Node) (string, bool) {
	s, ok := d.scalar(f.Name, n)
	if !ok {
		return "", false
	}
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (!strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https")) || u.Host == "" {
		d.errorf(n, d.fieldHint(f), "`%s` should be a full web address, not `%s`", f.Name, s)
		return "", false
	}
	return s, true
}

func (d *decoder) boolean(f Field, n *yaml.Node) (bool, bool) {
	s, ok := d.scalar(f.Name, n)
	if !ok {
		return false, false
	}
	switch s {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	d.errorf(n, fmt.Sprintf("write `%s: true` or `%s: false`", f.Name, f.Name), "`%s` should be true or false, not `%s`", f.Name, s)
	return false, false
}

func (d *decoder) date(f Field, n *yaml.Node) (time.Time, bool) {
	s, ok := d.scalar(f.Name, n)
	if !ok {
		return time.Time{}, false
	}
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if t, ok := humanDate(s); ok {
		d.errorf(n, fmt.Sprintf("write it as `%s: %s` (%s)", f.Name, t.Format(time.DateOnly), t.Format("January 2, 2006")),
			"`%s` is written as people write dates; casebook reads dates as year-month-day", s)
		return time.Time{}, false
	}
	d.errorf(n, d.fieldHint(f), "`%s` is not a real date", s)
	return time.Time{}, false
}

// humanDate reads a date written the way people write them (November 20,
// 2026; Nov 20 2026; 20 November 2026; 11/20/2026, month first as in the
// United States; 2026/11/20), to offer it back as YYYY-MM-DD.
func humanDate(s string) (time.Time, bool) {
	for _, layout := range []string{"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan 2 2006", "2 January 2006",
		"2 Jan 2006", "January 2006", "1/2/2006", "2006/1/2", "2006.1.2", "1-2-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func (d *decoder) list(name string, n *yaml.Node) ([]*yaml.Node, bool) {
	if d.alias(name, n) {
		return nil, false
	}
	switch {
	case n.Kind == yaml.SequenceNode:
		return n.Content, true
	case n.Kind == yaml.ScalarNode:
		return []*yaml.Node{n}, true // one value where a list is expected is a list of one
	}
	d.errorf(n, fmt.Sprintf("write a list, e.g. `%s: [first, second]`", name), "the field `%s` should be a list", name)
	return nil, false
}

func (d *decoder) strings(f Field, n *yaml.Node) ([]string, bool) {
	items, ok := d.list(f.Name, n)
	var out []string
	for _, it := range items {
		if d.fieldEntry(f.Name, it) {
			ok = false
			continue
		}
		s, good := d.scalar(f.Name, it)
		switch {
		case !good:
			ok = false
		case strings.TrimSpace(s) != "": // an empty entry adds nothing
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out, ok
}

func (d *decoder) ref(f Field, n *yaml.Node) (Ref, bool) {
	s, ok := d.scalar(f.Name, n)
	if !ok {
		return Ref{}, false
	}
	return Ref{Slug: strings.TrimSpace(s), Line: n.Line, Col: n.Column}, true
}

func (d *decoder) refList(f Field, n *yaml.Node) ([]Ref, bool) {
	items, ok := d.list(f.Name, n)
	var out []Ref
	for _, it := range items {
		if d.fieldEntry(f.Name, it) {
			ok = false
			continue
		}
		if isNull(it) || isBlank(it) {
			d.errorf(it, d.fieldHint(f), "the list `%s` has an empty entry", f.Name)
			ok = false
			continue
		}
		if r, good := d.ref(f, it); good {
			out = append(out, r)
		} else {
			ok = false
		}
	}
	return out, ok
}

func (d *decoder) lessons(f Field, n *yaml.Node) ([]LessonRef, bool) {
	if d.alias(f.Name, n) {
		return nil, false
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "write each lesson as `- theme: some-theme` with `text: ...` on the next line", "the field `lessons` should be a list")
		return nil, false
	}
	ok := true
	var out []LessonRef
	for _, it := range n.Content {
		if l, good := d.lesson(it); good {
			out = append(out, l)
		} else {
			ok = false
		}
	}
	return out, ok
}

// lesson decodes one entry of lessons; ok is false when it reported a
// problem.
func (d *decoder) lesson(it *yaml.Node) (l LessonRef, ok bool) {
	if d.alias("lessons", it) {
		return l, false
	}
	if it.Kind != yaml.MappingNode {
		d.errorf(it, "write each lesson as `- theme: some-theme` with `text: ...` on the next line", "each lesson needs a theme and a text")
		return l, false
	}
	textOK := true
	for i := 0; i+1 < len(it.Content); i += 2 {
		k, v := it.Content[i], it.Content[i+1]
		switch k.Value {
		case "theme":
			if !isBlank(v) { // a blank theme is reported below as a lesson without one
				l.Theme, _ = d.ref(Field{Name: "theme", RefKind: Theme}, v)
			}
		case "text":
			textOK = !d.marked("text", v)
			if textOK {
				l.Text, textOK = d.text("text", v)
			}
			l.Text = strings.TrimSpace(l.Text)
		case frontMatterGroup: // Front Matter CMS's; see the constant
		default:
			d.diags.Warnf(d.path, k.Line, k.Column, diag.DidYouMean(k.Value, []string{"theme", "text"}),
				"unknown field `%s` in a lesson; a lesson has a theme and a text", k.Value)
		}
	}
	switch {
	case l.Theme.Slug == "":
		d.errorf(it, "add `theme: some-theme` to the lesson", "this lesson has no theme")
	case !textOK: // reported already
	case l.Text == "":
		d.errorf(it, "add `text: ...` to the lesson", "this lesson has no text")
	default:
		return l, true
	}
	return l, false
}
