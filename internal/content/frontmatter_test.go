package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/diag"
)

// parseDiags parses one case study and returns its diagnostics as printed.
func parseDiags(t *testing.T, src string) (*Page, string) {
	t.Helper()
	var diags diag.List
	p := Parse("content/case-studies/x.md", []byte(src), &diags)
	var b strings.Builder
	diags.Print(&b)
	return p, b.String()
}

// valid is the frontmatter of a valid case study, to which each case adds
// one field.
const valid = "title: T\ndistrict: d\nthemes: [t]\nsummary: s\n"

// Every YAML problem points at the line the author has to change: yaml.v3
// counts some of its lines from 0 and names the start of a list rather than
// the problem for others.
func TestYAMLErrorPositions(t *testing.T) {
	cases := []struct {
		name, front, want string
	}{
		{
			name:  "unclosed list on line 3",
			front: "title: T\nsummary: [unclosed\ndistrict: d\n",
			want:  "x.md:3:10: error: the list that starts with [ is never closed\n  hint: end the list with ] on the same line, e.g. `themes: [equity-vision, staff-capacity]`; put a value in quotes if it contains a comma or a bracket\n",
		},
		{
			name:  "unclosed list on the first line",
			front: "themes: [a, b\ntitle: T\n",
			want:  "x.md:2:9: error: the list that starts with [ is never closed\n  hint: end the list with ] on the same line, e.g. `themes: [equity-vision, staff-capacity]`; put a value in quotes if it contains a comma or a bracket\n",
		},
		{
			name:  "unclosed group",
			front: "title: T\nthemes: [a, {b: c]\n",
			want:  "x.md:3:13: error: the group that starts with { is never closed\n  hint: end it with } on the same line, or put the value in quotes if the braces are part of the text\n",
		},
		{
			name:  "unclosed quote",
			front: "title: T\nsummary: \"unclosed\ndistrict: d\n",
			want:  "x.md:3:10: error: the quote \" that starts this value is never closed\n  hint: close it at the end of the line: `summary: \"unclosed\"`\n",
		},
		{
			name:  "unclosed quote on the first line",
			front: "title: 'unclosed\ndistrict: d\nsummary: s\n",
			want:  "x.md:2:8: error: the quote ' that starts this value is never closed\n  hint: close it at the end of the line: `title: \"unclosed\"`\n",
		},
		{
			name:  "line indented under a field",
			front: "title: T\nsummary: s\n  locale: urban\n",
			want:  "x.md:4:1: error: this line's indentation does not match the lines above it\n  hint: start each field at the beginning of the line; in a list such as `lessons:`, line up `text:` with `theme:` above it\n",
		},
		{
			name:  "lesson field out of line",
			front: valid + "lessons:\n  - theme: t\n   text: y\n",
			want:  "x.md:8:1: error: this line's indentation does not match the list above it\n  hint: line up each `- ` item with the one above it, and each field of an item (such as `text:`) with its first field (such as `theme:`)\n",
		},
		{
			name:  "colon in an unquoted value",
			front: "title: T\nsummary: Staff: the people\n",
			want:  "x.md:3:10: error: a value contains a colon, which YAML reads as a new field\n  hint: put the value in quotes: `summary: \"Staff: the people\"`\n",
		},
		{
			name:  "duplicate field",
			front: valid + "title: Again\n",
			want:  "x.md:6:1: error: the field `title` is written twice\n  hint: remove one of them\n",
		},
		{
			name:  "text after a closing quote, after a comment line",
			front: "# notes\n" + valid + "image_alt: \"Chart\" of results\n",
			want:  "x.md:7:12: error: this value has text after its closing quote\n  hint: put the whole value inside one pair of quotes: `image_alt: '\"Chart\" of results'`\n",
		},
		{
			name:  "apostrophe in a single-quoted value",
			front: "title: 'Families' voice'\n",
			want:  "x.md:2:8: error: this value has a quote inside its quotes, which YAML reads as the closing quote\n  hint: use double quotes outside, or write '' for each ' inside: `title: \"Families' voice\"`\n",
		},
		{
			name:  "text after a closing quote in a lesson",
			front: valid + "lessons:\n  - theme: t\n    text: \"a\" b\n",
			want:  "x.md:8:11: error: this value has text after its closing quote\n  hint: put the whole value inside one pair of quotes: `text: '\"a\" b'`\n",
		},
		{
			name:  "a line without a colon",
			front: valid + "just some words\n",
			want:  "x.md:6:1: error: this line is not a `field: value` line\n  hint: write each field as `field: value`; a long value continues on the next lines only if they are indented\n",
		},
		{
			name:  "value starting with *",
			front: valid + "image_alt: *x\n",
			want:  "x.md:6:12: error: the value of `image_alt` starts with *, which YAML reads as a reference to another value\n  hint: put the value in quotes: `image_alt: \"*x\"`\n",
		},
		{
			name:  "value starting with &",
			front: "title: &Co Partners\ndistrict: d\nthemes: [t]\nsummary: s\n",
			want:  "x.md:2:8: error: the value of `title` starts with &, which YAML reads as a label rather than text\n  hint: put the value in quotes: `title: \"&Co Partners\"`\n",
		},
		{
			name:  "value starting with @",
			front: valid + "image_alt: @district\n",
			want:  "x.md:6:12: error: the value of `image_alt` starts with @, which YAML reserves for its own use\n  hint: put the value in quotes: `image_alt: \"@district\"`\n",
		},
		{
			name:  "alias as a field value",
			front: "title: T\ndistrict: d\nthemes: [t]\nsummary: &s S\nimage_alt: *s\n",
			want: "x.md:5:10: error: the value of `summary` starts with &, which YAML reads as a label rather than text\n  hint: put the value in quotes: `summary: \"&s S\"`\n" +
				"x.md:6:12: error: the field `image_alt` uses a YAML alias (*s); casebook does not support aliases\n  hint: write the value out in full instead of *s\n",
		},
		{
			name:  "tab in the indentation",
			front: "title: T\nsummary: \"a\tb\"\n\tdistrict: d\n",
			want:  "x.md:4:1: error: the frontmatter is indented with a tab\n  hint: indent with spaces, not tabs\n",
		},
		{
			name:  "tab inside a quoted value is fine",
			front: valid + "image_alt: \"a\tb\"\n",
			want:  "",
		},
		{
			name:  "control character",
			front: "title: a\x01b\n",
			want:  "x.md:2:9: error: the frontmatter contains an invisible control character\n  hint: delete this line and type it again; such characters often come with text pasted from another program\n",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, got := parseDiags(t, "---\n"+tc.front+"---\nBody.\n")
			got = strings.ReplaceAll(got, "content/case-studies/", "")
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestFieldValues(t *testing.T) {
	cases := []struct {
		name, path, front, want string
	}{
		{
			name: "quoted empty title", path: "content/case-studies/x.md",
			front: "title: \"\"\ndistrict: d\nthemes: [t]\nsummary: '  '\n",
			want: "content/case-studies/x.md:2:8: error: the field `title` is empty\n  hint: write the value on the same line, after `title:`\n" +
				"content/case-studies/x.md:5:10: error: the field `summary` is empty\n  hint: write the value on the same line, after `summary:`\n",
		},
		{
			name: "quoted empty reference", path: "content/case-studies/x.md",
			front: "title: T\ndistrict: \"\"\nthemes: [t, \"\"]\nsummary: s\n",
			want: "content/case-studies/x.md:3:11: error: the field `district` is empty\n  hint: write the file name of a district in content/districts/ without .md, e.g. `district: SLUG`\n" +
				"content/case-studies/x.md:4:13: error: the list `themes` has an empty entry\n  hint: write the file name of a theme in content/themes/ without .md, e.g. `themes: [SLUG]`\n",
		},
		{
			name: "negative enrollment", path: "content/districts/x.md",
			front: "title: T\nregion: R\nenrollment: -5\n",
			want:  "content/districts/x.md:4:13: error: `enrollment` should be a whole number from 0 to 10,000,000, not `-5`\n  hint: write a whole number, e.g. `enrollment: 12000`\n",
		},
		{
			name: "percent over 100", path: "content/districts/x.md",
			front: "title: T\nregion: R\nfrl_percent: 130\n",
			want:  "content/districts/x.md:4:14: error: `frl_percent` should be a number from 0 to 100, not `130`\n  hint: write a number, e.g. `frl_percent: 38.5`\n",
		},
		{
			name: "percent just over 100", path: "content/districts/x.md",
			front: "title: T\nregion: R\nfrl_percent: 100.01\n",
			want:  "content/districts/x.md:4:14: error: `frl_percent` should be a number from 0 to 100, not `100.01`\n  hint: write a number, e.g. `frl_percent: 38.5`\n",
		},
		{
			name: "percent with a sign", path: "content/districts/x.md",
			front: "title: T\nregion: R\nfrl_percent: 61%\n",
			want:  "content/districts/x.md:4:14: error: `frl_percent` should be a number, not `61%`\n  hint: write a number, e.g. `frl_percent: 38.5`\n",
		},
		{
			name: "percent with decimals", path: "content/districts/x.md",
			front: "title: T\nregion: R\nfrl_percent: 38.5\n",
			want:  "",
		},
		{
			name: "percent with a decimal comma", path: "content/districts/x.md",
			front: "title: T\nregion: R\nfrl_percent: 38,5\n",
			want:  "content/districts/x.md:4:14: error: `frl_percent` should be a number, not `38,5`\n  hint: write a number, e.g. `frl_percent: 38.5`\n",
		},
		{
			name: "enrollment with decimals", path: "content/districts/x.md",
			front: "title: T\nregion: R\nenrollment: 12000.5\n",
			want:  "content/districts/x.md:4:13: error: `enrollment` should be a whole number, not `12000.5`\n  hint: write a whole number, e.g. `enrollment: 12000`\n",
		},
		{
			name: "number too large for any integer", path: "content/districts/x.md",
			front: "title: T\nregion: R\nenrollment: 9223372036854775808\n",
			want:  "content/districts/x.md:4:13: error: `enrollment` should be a whole number from 0 to 10,000,000, not `9223372036854775808`\n  hint: write a whole number, e.g. `enrollment: 12000`\n",
		},
		{
			name: "smallest int64 as an order", path: "content/themes/x.md",
			front: "title: T\nsummary: s\norder: -9223372036854775808\n",
			want:  "content/themes/x.md:4:8: error: `order` should be a number from -1,000,000,000 to 1,000,000,000, not `-9223372036854775808`\n  hint: write a number, e.g. `order: 2.5`\n",
		},
		{
			name: "order between two others", path: "content/journey/x.md",
			front: "title: T\norder: 2.5\nsummary: s\n",
			want:  "",
		},
		{
			name: "order in words", path: "content/journey/x.md",
			front: "title: T\norder: second\nsummary: s\n",
			want:  "content/journey/x.md:3:8: error: `order` should be a number, not `second`\n  hint: write a number, e.g. `order: 2.5`\n",
		},
		{
			name: "order that is not a number", path: "content/themes/x.md",
			front: "title: T\nsummary: s\norder: .nan\n",
			want:  "content/themes/x.md:4:8: error: `order` should be a number, not `.nan`\n  hint: write a number, e.g. `order: 2.5`\n",
		},
		{
			name: "order of infinity", path: "content/themes/x.md",
			front: "title: T\nsummary: s\norder: inf\n",
			want:  "content/themes/x.md:4:8: error: `order` should be a number from -1,000,000,000 to 1,000,000,000, not `inf`\n  hint: write a number, e.g. `order: 2.5`\n",
		},
		{
			name: "missing stage order", path: "content/journey/x.md",
			front: "title: T\nsummary: s\n",
			want:  "content/journey/x.md:2:1: error: a journey stage needs the field `order` (position on the journey map, lowest first; unique; 2.5 goes between 2 and 3)\n  hint: write a number, e.g. `order: 2.5`\n",
		},
		{
			name: "resource address without a scheme", path: "content/resources/x.md",
			front: "title: T\nsummary: s\nurl: example.org/guide\n",
			want:  "content/resources/x.md:4:6: error: `url` should be a full web address, not `example.org/guide`\n  hint: write the full address, starting with https://, e.g. `url: https://example.org/guide`\n",
		},
		{
			name: "resource address of another kind", path: "content/resources/x.md",
			front: "title: T\nsummary: s\nurl: ftp://example.org/guide\n",
			want:  "content/resources/x.md:4:6: error: `url` should be a full web address, not `ftp://example.org/guide`\n  hint: write the full address, starting with https://, e.g. `url: https://example.org/guide`\n",
		},
		{
			name: "resource address", path: "content/resources/x.md",
			front: "title: T\nsummary: s\nurl: HTTPS://example.org/guide?x=1\n",
			want:  "",
		},
		{
			name: "Front Matter CMS's content type and lesson group", path: "content/case-studies/x.md",
			front: "fmContentType: case-study\n" + valid + "lessons:\n  - theme: t\n    text: y\n    fieldGroup: casebook-lesson\n",
			want:  "",
		},
		{
			name: "Front Matter CMS's content type on a district", path: "content/districts/x.md",
			front: "title: T\nregion: R\nfmContentType: district\n",
			want:  "",
		},
		{
			name: "a misspelt draft is an error", path: "content/case-studies/x.md",
			front: valid + "drafts: true\n",
			want:  "content/case-studies/x.md:6:1: error: unknown field `drafts` in a case study; ignoring it would publish the page\n  hint: did you mean `draft`?\n",
		},
		{
			name: "a misspelt illustrative is an error", path: "content/case-studies/x.md",
			front: valid + "Illustrativ: true\n",
			want:  "content/case-studies/x.md:6:1: error: unknown field `Illustrativ` in a case study; ignoring it would show an invented story as a real one\n  hint: did you mean `illustrative`?\n",
		},
		{
			name: "other misspellings are warnings", path: "content/case-studies/x.md",
			front: valid + "sumary: s\n",
			want:  "content/case-studies/x.md:6:1: warning: unknown field `sumary` in a case study; it is ignored\n  hint: did you mean `summary`?\n",
		},
		{
			name: "Front Matter CMS's keys elsewhere", path: "content/case-studies/x.md",
			front: valid + "fieldGroup: casebook-lesson\nlessons:\n  - theme: t\n    text: y\n    fmContentType: case-study\n",
			want: "content/case-studies/x.md:6:1: warning: unknown field `fieldGroup` in a case study; it is ignored\n  hint: a case study has the fields title, district, themes, summary, problem, stages, date, authors, illustrative, lessons, image, image_alt, image_caption, image_credit, image_decorative, draft\n" +
				"content/case-studies/x.md:10:5: warning: unknown field `fmContentType` in a lesson; a lesson has a theme and a text\n",
		},
		{
			name: "optional field written as empty quotes", path: "content/districts/x.md",
			front: "title: T\nregion: R\nlocale: \"\"\nenrollment: ''\n",
			want:  "",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			Parse(tc.path, []byte("---\n"+tc.front+"---\n"), &diags)
			var b strings.Builder
			diags.Print(&b)
			if got := b.String(); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// A file saved by Windows Notepad starts with a byte-order mark; it is
// read like any other, with the body where it belongs.
func TestByteOrderMark(t *testing.T) {
	src := "\xEF\xBB\xBF---\n" + valid + "---\nBody.\n"
	p, got := parseDiags(t, src)
	if got != "" {
		t.Fatalf("diagnostics: %s", got)
	}
	if p.Title != "T" || string(p.Body) != "Body.\n" || src[p.BodyOffset:] != "Body.\n" {
		t.Errorf("title %q, body %q at %d", p.Title, p.Body, p.BodyOffset)
	}
}

// In TOML, a value inside [[lessons]] is reported on its own line, not on
// the line of the [[lessons]] header.
func TestTOMLPositions(t *testing.T) {
	src := "+++\ntitle = \"T\"\ndistrict = \"d\"\nthemes = [\"t\", \"u\"]\nsummary = \"s\"\n\n" +
		"[[lessons]]\ntheme = \"t\"\ntext = \"One.\"\n\n[[lessons]]\ntext = \"Two.\"\n  theme = \"u\"\n  colour = \"red\"\n+++\n"
	p, got := parseDiags(t, src)
	want := "content/case-studies/x.md:14:3: warning: unknown field `colour` in a lesson; a lesson has a theme and a text\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	pos := func(r Ref) Pos { return Pos{r.Line, r.Col} }
	if l := p.Refs.Lessons; len(l) != 2 || pos(l[0].Theme) != (Pos{8, 9}) || pos(l[1].Theme) != (Pos{13, 11}) {
		t.Errorf("lessons = %+v, want themes at 8:9 and 13:11", l)
	}
	if th := p.Refs.Themes; len(th) != 2 || pos(th[0]) != (Pos{4, 11}) || pos(th[1]) != (Pos{4, 16}) {
		t.Errorf("themes = %+v, want 4:11 and 4:16", th)
	}
}

// A TOML error is placed from its byte offset: the library's own column
// counts from the line before when the error is a line's first character.
func TestTOMLErrorPositions(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"+++\n# notes\n!\n+++\n", "x.md:3:1: error: the frontmatter is not valid TOML: expected '.' or '=', but got '!' instead\n"},
		{"+++\ntitle = \"Tú\"\nsummary = \"s\" !\n+++\n", "x.md:3:15: error: the frontmatter is not valid TOML: expected a top-level item to end with a newline, comment, or EOF, but got '!' instead\n"},
		{"+++\ntitle = \"é\" x\n+++\n", "x.md:2:13: error: the frontmatter is not valid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead\n"},
		{"+++\nsummary = \"\"\"\nline one\nC:\\Users\\me\n\"\"\"\n+++\n", "x.md:4:3: error: the frontmatter is not valid TOML: expected eight hexadecimal digits after '\\U', but got \"\\nline one\\nC:\\\\Us\" instead\n" + "  hint: write \\\\ for a backslash, or put the text in single quotes, where a backslash is just a backslash ('...', or '''...''' over several lines)\n"},
		{"+++\ntitle = \"T\"\n[x\n+++\n", "x.md:3:3: error: the frontmatter is not valid TOML: expected '.' or ']' to end table name, but got '\\n' instead\n"},
		{"+++\ntitle = \"T\"\n\x07x = 1\n+++\n", "x.md:3:1: error: the frontmatter is not valid TOML: TOML files cannot contain control characters: '0x07'\n"},
		{"+++\ntitle = \"Ta\x07\"\n+++\n", "x.md:2:12: error: the frontmatter is not valid TOML: TOML files cannot contain control characters: '0x07'\n"},
		{"+++\nsummary = \"\"\"\nline \\x\n\"\"\"\n+++\n", "x.md:3:6: error: the frontmatter is not valid TOML: expected two hexadecimal digits after '\\x', but got \"\\nline \\\\x\\n\" instead\n" + "  hint: write \\\\ for a backslash, or put the text in single quotes, where a backslash is just a backslash ('...', or '''...''' over several lines)\n"},
		{"+++\nx = \"a\\\n+++\n", "x.md:2:7: error: the frontmatter is not valid TOML: a backslash ends the line inside a one-line text\n" +
			"  hint: close the text with \" on the same line, or write text over several lines between \"\"\" and \"\"\"\n"},
		{"+++\nx = \"a\\\\ b\\q\"\n+++\n", "x.md:2:11: error: the frontmatter is not valid TOML: invalid escape in string '\\q'\n" + "  hint: write \\\\ for a backslash, or put the text in single quotes, where a backslash is just a backslash ('...', or '''...''' over several lines)\n"},
		{"+++\nx = \"ab\n+++\n", "x.md:2:8: error: the frontmatter is not valid TOML: strings cannot contain newlines\n" +
			"  hint: close the text with \" on the same line, or write text over several lines between \"\"\" and \"\"\"\n"},
		{"+++\n\ufeffa = 1\n!\n+++\n", "x.md:3:1: error: the frontmatter is not valid TOML: expected '.' or '=', but got '!' instead\n"},
	} {
		_, got := parseDiags(t, tc.src)
		if got = strings.ReplaceAll(got, "content/case-studies/", ""); got != tc.want {
			t.Errorf("%q: got:\n%s\nwant:\n%s", tc.src, got, tc.want)
		}
	}
}

// A share keeps one decimal place, the one the site shows; an order keeps
// what the author wrote, so a stage can go between two others.
func TestDecimalValues(t *testing.T) {
	for _, tc := range []struct {
		path, line string
		get        func(*Page) float64
		want       float64
	}{
		{"content/districts/x.md", "frl_percent: 38.5", func(p *Page) float64 { return p.FRLPercent }, 38.5},
		{"content/districts/x.md", "frl_percent: 61", func(p *Page) float64 { return p.FRLPercent }, 61},
		{"content/districts/x.md", "frl_percent: 38.55", func(p *Page) float64 { return p.FRLPercent }, 38.6},
		{"content/districts/x.md", "frl_percent: 38.44", func(p *Page) float64 { return p.FRLPercent }, 38.4},
		{"content/journey/x.md", "order: 2.25", func(p *Page) float64 { return p.Order }, 2.25},
		{"content/themes/x.md", "order: 1_000", func(p *Page) float64 { return p.Order }, 1000},
	} {
		var diags diag.List
		p := Parse(tc.path, []byte("---\ntitle: T\nregion: R\nsummary: s\n"+tc.line+"\n---\n"), &diags)
		if got := tc.get(p); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.line, got, tc.want)
		}
	}
}

// A case study marks itself as a composite with `illustrative: true`; the
// flag is a true-or-false field like `draft`, and only case studies have it.
func TestIllustrative(t *testing.T) {
	p, diags := parseDiags(t, "---\n"+valid+"illustrative: true\n---\n")
	if diags != "" || !p.Illustrative {
		t.Errorf("illustrative: true gave Illustrative = %v, diagnostics %q", p.Illustrative, diags)
	}
	p, diags = parseDiags(t, "---\n"+valid+"---\n")
	if diags != "" || p.Illustrative {
		t.Errorf("a case study without the field gave Illustrative = %v, diagnostics %q", p.Illustrative, diags)
	}
	if _, diags = parseDiags(t, "---\n"+valid+"illustrative: sometimes\n---\n"); !strings.Contains(diags, "6:15: error:") || !strings.Contains(diags, "illustrative") {
		t.Errorf("illustrative: sometimes should be an error at its value, got %q", diags)
	}
	var d diag.List
	Parse("content/districts/x.md", []byte("---\ntitle: T\nregion: R\nillustrative: true\n---\n"), &d)
	var b strings.Builder
	d.Print(&b)
	if !strings.Contains(b.String(), "warning: unknown field `illustrative`") {
		t.Errorf("illustrative on a district should be an unknown field, got %q", b.String())
	}
}

// FieldPos says where each field was written, in the order written, and
// that the others were not.
func TestFieldPositions(t *testing.T) {
	p, got := parseDiags(t, "---\nsummary: s\ntitle:   T\ndistrict: d\nthemes: [t]\n---\nBody.\n")
	if got != "" {
		t.Fatalf("diagnostics: %s", got)
	}
	var names []string
	var positions []Pos
	for name, pos := range p.FieldPos.All() {
		names, positions = append(names, name), append(positions, pos)
	}
	wantNames := []string{"summary", "title", "district", "themes"}
	wantPositions := []Pos{{2, 10}, {3, 10}, {4, 11}, {5, 9}}
	if !slices.Equal(names, wantNames) || !slices.Equal(positions, wantPositions) {
		t.Errorf("fields %v at %v, want %v at %v", names, positions, wantNames, wantPositions)
	}
	if pos, ok := p.FieldPos.Lookup("title"); !ok || pos != (Pos{3, 10}) {
		t.Errorf(`Lookup("title") = %v, %v; want 3:10, true`, pos, ok)
	}
	if pos, ok := p.FieldPos.Lookup("image"); ok || pos != (Pos{}) {
		t.Errorf(`Lookup("image") = %v, %v; want nothing`, pos, ok)
	}
	if !p.FieldPos.Has("district") || p.FieldPos.Has("order") || p.FieldPos.At("order") != (Pos{}) {
		t.Error("Has and At disagree with what was written")
	}
}

// YAML also ends a line at a lone carriage return, NEL, U+2028 and U+2029,
// which editors do not show as line breaks. Positions stay the file's
// lines, a `!` after such a value is still caught, and a break that ends a
// value early or stops YAML is named.
func TestUnusualLineBreaks(t *testing.T) {
	const unknownColour = "x.md:%s: warning: unknown field `colour` in a case study; it is ignored\n" +
		"  hint: a case study has the fields title, district, themes, summary, problem, stages, date, authors, illustrative, lessons, image, image_alt, image_caption, image_credit, image_decorative, draft\n"
	const deleteIt = "  hint: delete it; it often comes with text pasted from a web page or a document\n"
	for _, tc := range []struct{ name, front, want string }{
		{"line separator in quotes", "summary: \"Two\u2028lines\"\ncolour: blue\n", fmt.Sprintf(unknownColour, "6:1")},
		{"paragraph separator in quotes", "summary: \"Two\u2029lines\"\ncolour: blue\n", fmt.Sprintf(unknownColour, "6:1")},
		{"next-line character in quotes", "summary: 'Two\u0085lines'\ncolour: blue\n", fmt.Sprintf(unknownColour, "6:1")},
		{"lone carriage return in quotes", "summary: \"Two\rlines\"\ncolour: blue\n", fmt.Sprintf(unknownColour, "6:1")},
		{"in a list", "summary: s\nauthors: [A,\u2028B]\ncolour: blue\n", fmt.Sprintf(unknownColour, "7:1")},
		{"tag after one", "summary: \"Two\u2028lines\"\nimage_alt: !Important\n",
			"x.md:6:12: error: the value of `image_alt` starts with !, which YAML reads as a tag rather than text\n" +
				"  hint: put the value in quotes: `image_alt: \"!Important\"`\n"},
		{"unquoted", "summary: Two\u2029lines\n",
			"x.md:5:13: error: this line holds a paragraph separator (U+2029), an invisible line break where YAML ends the line\n" + deleteIt},
		{"unquoted carriage return", "summary: Two\rlines\n",
			"x.md:5:13: error: this line holds a carriage return (\\r) with no line feed after it, an invisible line break where YAML ends the line\n" + deleteIt},
		{"splitting a field", "summary: Two\u2028colour: blue\n",
			"x.md:5:13: error: this line holds a line separator (U+2028), an invisible line break where YAML ends the line\n" + deleteIt},
		{"after quotes, splitting a field", "summary: \"Two\u2028lines\" \u0085colour: blue\n",
			"x.md:5:22: error: this line holds a next-line character (U+0085), an invisible line break where YAML ends the line\n" + deleteIt},
		{"at the start of a line", "summary: s\n\u2028colour: blue\n", fmt.Sprintf(unknownColour, "6:2")},
		{"a lone carriage return between fields", "summary: s\rcolour: blue\n", fmt.Sprintf(unknownColour, "5:12")},
		{"in a lesson, splitting a field", "summary: s\nlessons:\n  - text: a\u2028    theme: x\n",
			"x.md:7:12: error: this line holds a line separator (U+2028), an invisible line break where YAML ends the line\n" + deleteIt},
		{"not the cause: a value starting with @", "summary: @x\u2028\n",
			"x.md:5:10: error: the value of `summary` starts with @, which YAML reserves for its own use\n  hint: put the value in quotes: `summary: \"@x\"`\n"},
		{"not the cause: a colon", "summary: a: b \u2028 c\n",
			"x.md:5:10: error: a value contains a colon, which YAML reads as a new field\n  hint: put the value in quotes: `summary: \"a: b \u2028 c\"`\n"},
		{"not the cause: text after quotes", "summary: \"x\u2028y\" extra\n",
			"x.md:5:10: error: this value has text after its closing quote\n  hint: put the whole value inside one pair of quotes: `summary: '\"x\u2028y\" extra'`\n"},
		{"in a flow mapping", "summary: s\nlessons: [{text: a,\u2028 theme: t}]\n", ""},
		{"after a key's colon", "summary: s\nlessons:\u2028  - text: a\n    theme: t\n", ""},
		{"after an item's dash", "summary: s\nlessons:\n  - \u2028    text: a\n    theme: t\n", ""},
		{"after a lone carriage return", "summary: s\r\u2028colour: blue\n", fmt.Sprintf(unknownColour, "5:13")},
		{"the break at fault, not a harmless one above", "summary: \"a\u2028b\"\nlessons:\n  - text: t\n    theme: x\u2028   - b\n",
			"x.md:8:13: error: this line holds a line separator (U+2028), an invisible line break where YAML ends the line\n" + deleteIt},
		{"in a list never closed", "authors: [A,\u2028B\n", "x.md:5:10: error: the list that starts with [ is never closed\n" +
			"  hint: end the list with ] on the same line, e.g. `themes: [equity-vision, staff-capacity]`; put a value in quotes if it contains a comma or a bracket\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, eol := range []string{"\n", "\r\n"} {
				src := strings.ReplaceAll("---\ntitle: T\ndistrict: d\nthemes: [t]\n"+tc.front+"---\nBody.\n", "\n", eol)
				p, got := parseDiags(t, src)
				if got = strings.ReplaceAll(got, "content/case-studies/", ""); got != tc.want {
					t.Errorf("with %q line ends, got:\n%s\nwant:\n%s", eol, got, tc.want)
				}
				if pos := p.FieldPos.At("title"); !p.Broken && pos != (Pos{2, 8}) {
					t.Errorf("with %q line ends, title at %v, want 2:8", eol, pos)
				}
			}
		})
	}
	// Columns after a break on the same line count from the line's start.
	p, _ := parseDiags(t, "---\ntitle: T\nthemes: [a,\u2028 bé,\u0085 c]\n---\n")
	want := []Ref{{Slug: "a", Line: 3, Col: 10}, {Slug: "bé", Line: 3, Col: 14}, {Slug: "c", Line: 3, Col: 19}}
	if !slices.Equal(p.Refs.Themes, want) {
		t.Errorf("themes at %v, want %v", p.Refs.Themes, want)
	}
}
