package content

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/diag"
)

// FuzzParse feeds arbitrary files through frontmatter splitting, YAML and
// TOML decoding and field checks: no input may panic, and every diagnostic
// must point inside the file.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"---\ntitle: A\nsummary: B\norder: 1\n---\nBody\n",
		"+++\ntitle = \"A\"\nsummary = \"B\"\n+++\n",
		"---\ntitle: [unclosed\n---\n",
		"---\n\ttitle: tab\n---\n",
		"---\ntitle: a: b\n---\n",
		"---\ntitle: A\n",
		"",
		"\xff\xfe",
		"---\nlessons:\n  - theme: x\n    text: y\n  - 3\n---\n",
		"---\ndate: 2026-02-30\nthemes: {a: b}\n---\n",
		"+++\ndate = 2026-01-01\nthemes = [\"a\", 1]\n[[lessons]]\ntheme = \"x\"\n+++\n",
		"---\n- a\n- b\n---\n",
		"---\r\ntitle: crlf\r\n---\r\n",
		"\xEF\xBB\xBF---\ntitle: bom\n---\n",
		"---\ntitle: &a A\nsummary: *a\nlocale: *b\n---\n",
		"---\ntitle: 'a' b\nsummary: \"x\n---\n",
		"+++\nthemes = [\"a\", \"b\"]\n[[lessons]]\ntext = \"t\"\n  theme = \"x\"\n[extra]\nk = 1\n+++\n",
		"---\nsummary: \"a\u2028b\"\ntitle: !x\nk: v\n---\n",
		"---\nsummary: a\u2029b: c\rd\u0085\n---\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	for _, c := range quotingCases {
		f.Add("---\n" + c.front + "---\n")
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, path := range []string{"content/case-studies/x.md", "content/journey/y.md", "content/_index.md"} {
			var diags diag.List
			p := Parse(path, []byte(src), &diags)
			lines := strings.Split(src, "\n")
			for _, d := range diags.Items() {
				if d.Line < 0 || d.Line > len(lines) || d.Col < 0 {
					t.Fatalf("%s: diagnostic outside the file (%d lines): %s", path, len(lines), d)
				}
				if d.Line > 0 && d.Col > utf8.RuneCountInString(lines[d.Line-1])+1 {
					t.Fatalf("%s: diagnostic past the end of its line %q: %s", path, lines[d.Line-1], d)
				}
			}
			if p != nil && !p.Broken && p.BodyOffset > len(src) {
				t.Fatalf("body offset %d past the end (%d)", p.BodyOffset, len(src))
			}
		}
	})
}

// FuzzFrontOf holds frontOf to its promise: adrg/frontmatter finds the
// same frontmatter, in the same format, with the body at the same offset,
// in the part of a file frontOf gives it as in the whole file.
func FuzzFrontOf(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\nBody\n---\nmore\n",
		"\n\n  ---  \ntitle: A\n --- \n\nBody",
		"+++\ntitle = \"A\"\n+++",
		"+++\ntitle = \"A\"\n---\n+++\nBody\n",
		"---\r\ntitle: crlf\r\n---\r\nBody\r\n",
		"---\ntitle: never closed\n",
		"title: no frontmatter\n---\n",
		"---\n---\n",
		"",
		"\n\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var whole, part rawFront
		wholeRest, wholeErr := parseFront([]byte(src), &whole)
		read := frontOf([]byte(src))
		if !bytes.HasPrefix([]byte(src), read) {
			t.Fatalf("frontOf(%q) = %q, not the start of the file", src, read)
		}
		partRest, partErr := parseFront(read, &part)
		if (wholeErr == nil) != (partErr == nil) {
			t.Fatalf("errors differ: whole %v, part %v", wholeErr, partErr)
		}
		if whole.found != part.found || whole.format != part.format || !bytes.Equal(whole.data, part.data) {
			t.Fatalf("%q: whole file found %v %q %q; its start %q found %v %q %q", src, whole.found, whole.format, whole.data, read, part.found, part.format, part.data)
		}
		if whole.found && len(src)-len(wholeRest) != len(read)-len(partRest) {
			t.Fatalf("%q: body at %d in the whole file, at %d in its start", src, len(src)-len(wholeRest), len(read)-len(partRest))
		}
	})
}
