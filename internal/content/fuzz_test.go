package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/diag"
	"go.yaml.in/yaml/v3"
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

// The simple reader's tree for frontmatter it takes is the very one the
// YAML library makes, to the last position and style; the library must
// take it too.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range simpleYAMLSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		got, ok := parseSimpleYAML([]byte(data))
		if !ok {
			return
		}
		var want yaml.Node
		if err := yaml.Unmarshal([]byte(data), &want); err != nil {
			t.Fatalf("%q: taken by the simple reader, refused by the library: %v", data, err)
		}
		if g, w := dumpYAML(got), dumpYAML(&want); g != w {
			t.Fatalf("%q: the simple reader's tree\n%s\nthe library's\n%s", data, g, w)
		}
	})
}

// dumpYAML writes out every field of a YAML tree.
func dumpYAML(n *yaml.Node) string {
	var b strings.Builder
	var dump func(*yaml.Node, string)
	dump = func(n *yaml.Node, indent string) {
		fmt.Fprintf(&b, "%skind %d style %d tag %q value %q anchor %q alias %v %d:%d comments %q %q %q\n",
			indent, n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Alias != nil, n.Line, n.Column, n.HeadComment, n.LineComment, n.FootComment)
		for _, c := range n.Content {
			dump(c, indent+"  ")
		}
	}
	dump(n, "")
	return b.String()
}

// simpleYAMLSeeds are the YAML frontmatters of the bundled site and the
// test sites, and a few written to sit at the edges of what the simple
// reader takes.
func simpleYAMLSeeds(tb testing.TB) []string {
	seeds := []string{
		"title: Case study 0\nthemes: [staff-capacity, equity-vision]\ndate: 2020-04-28\nauthors: [Communications Office]\nlessons:\n  - theme: staff-capacity\n    text: Graduation pathways.\n  - theme: equity-vision\n    text: Enrollment.\n",
		"a:\n- x\n- y\nb: 1\nc: 0\n",
		"title: \"Rebuilding: trust\"\nsummary: 'It''s here'\n",
		"title: Café ü\nthemes: [ü, x]\n",
		"n: 007\nm: 2020-02-30\nk: true\nl: ~\no: yes\n",
		"a: [ ]\nb: []\nc: [a,b , c ]\n",
		"a: x\n\n\nb: y\n",
		"a:\n  - x\n  - k: v\n",
		"list:\n  - k: v\n    j: w\n\n  - k: u\n",
		"a: b\n  c\n",
		"a:\n",
		"a: x # note\n",
		"a: x [y] z\nb: ü\u00a0x\nc: -x\nd: 1e5\ne: 0x1F\nf: 12:30\ng: x, y\n",
		"a: [x, 0x1F, 1_000, 0o17, 0b1]\nb: 'x\"y'\nc: \"x'y\"\nd: 99999999999999999999\n",
		"- x\n- y\n",
		"tags: [why?]\na: [x?y, z]\nb: why?\n",
		"a: [x\nb: y]\n",
		"translation_of: 94a408aa3b55\nn: 0\nm: 017\nk: 1.5\nl: 2020-4-28\n",
	}
	for _, root := range []string{"../../content", "testdata"} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				tb.Fatal(err)
			}
			if rest, ok := strings.CutPrefix(string(b), "---\n"); ok {
				if end := strings.Index(rest, "\n---"); end >= 0 {
					seeds = append(seeds, rest[:end+1])
				}
			}
			return nil
		})
	}
	return seeds
}

// The simple reader takes the frontmatter of nearly every page of the
// bundled site, or it saves nothing.
func TestSimpleYAMLTakesTheBundledSite(t *testing.T) {
	seeds := simpleYAMLSeeds(t)
	taken := 0
	for _, s := range seeds {
		if _, ok := parseSimpleYAML([]byte(s)); ok {
			taken++
		}
	}
	if taken < len(seeds)*3/4 {
		t.Errorf("the simple reader takes %d of %d frontmatters", taken, len(seeds))
	}
}
