package markdown

import (
	"testing"
)

// recorder is a Resolver that rewrites every destination and checks that
// the offsets it is given lie inside the body.
type recorder struct {
	t    *testing.T
	size int
}

func (r recorder) Resolve(dest string, off int, image bool) string {
	if off < 0 || off > r.size {
		r.t.Fatalf("offset %d outside a body of %d bytes (dest %q)", off, r.size, dest)
	}
	return "/rewritten/" + dest
}

func (r recorder) FileSize(dest string) (int64, bool) { return int64(len(dest)), true }
func (r recorder) Picture(dest string) (Picture, bool) {
	return Picture{Srcset: dest + " 480w", Sizes: "100vw", Width: len(dest) + 1, Height: 7}, len(dest)%2 == 0
}

// FuzzConvert converts arbitrary markdown with link rewriting: no input may
// panic, and every reported position must lie inside the body.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"[a](b.md) ![alt](c.png) ![](d.png)",
		"# T\n\n## Who came?\n\n[x](../journey/a.md#who-came)\n",
		"<div>raw</div>\n\ntext <b>x</b>",
		"| a | b |\n|---|---|\n| [l](x.md) | ![i](y.png) |\n",
		"[^1]\n\n[^1]: note [n](z.md)\n",
		"- [ ] task\n- [x] done\n",
		"[ref]\n\n[ref]: target.md\n",
		"<https://example.org> www.example.org",
		"![a ![b](c)](d)",
		"# T\n\n#### deep\n\n[click here](x.pdf) [](y.docx) ![IMG_1.jpg](IMG_1.jpg)\n",
		"|  |  |\n|---|---|\n| a | b |\n",
	} {
		f.Add(s)
	}
	safe, unsafe := New(false), New(true)
	f.Fuzz(func(t *testing.T, body string) {
		for _, c := range []*Converter{safe, unsafe} {
			res, err := c.Convert([]byte(body), recorder{t, len(body)})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range res.Problems {
				if p.Offset < 0 || p.Offset > len(body) {
					t.Fatalf("problem at %d outside a body of %d bytes", p.Offset, len(body))
				}
			}
		}
	})
}

// FuzzMaySpaceAddress checks the quick test lintSpaced makes first: a line
// it turns away never holds what the lint's regexp looks for.
func FuzzMaySpaceAddress(f *testing.F) {
	for _, s := range []string{
		"[a](my notes.md)", "[a](x`y` z)", "`[a](b` c)", "[a](<b c>)", "[a](b)[c](d e)",
		"[a](b\tc)", "![p](IMG 1.jpg)", "[a](b) and (c d)", "[a](b`<` c)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if maySpaceAddress([]byte(line)) {
			return
		}
		if m := spacedDestination.FindString(blankCode(line)); m != "" {
			t.Fatalf("%q was turned away, but holds %q", line, m)
		}
	})
}
