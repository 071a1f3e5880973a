package markdown

import (
	"github.com/casebook/casebook/internal/minify"

	"strings"
	"testing"
)

type prefixer struct{}

func (prefixer) Resolve(dest string, off int, image bool) string { return "/base/" + dest }

// FileSize knows one local file, plan.pdf, of 240 KB.
func (prefixer) FileSize(dest string) (int64, bool) { return 240 * 1024, dest == "plan.pdf" }
func (prefixer) Picture(dest string) (Picture, bool) {
	return Picture{Srcset: "/x/" + dest + " 480w", Sizes: "100vw", Width: 480, Height: 320}, dest == "photo.jpg"
}

func TestConvert(t *testing.T) {
	cases := []struct {
		name, body string
		unsafe     bool
		want       []string
		ids        []string
		problems   int
	}{
		{name: "links are resolved", body: "[a](x.md)", want: []string{`<a href="/base/x.md">a</a>`}},
		{name: "heading ids", body: "## Who came?\n\n## Who came?\n", ids: []string{"who-came", "who-came-1"}},
		{name: "raw HTML escaped by default", body: "a <script>alert(1)</script>", want: []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, problems: 2},
		{name: "raw HTML block escaped", body: "<div onclick=x>\nhi\n</div>\n", want: []string{"&lt;div onclick=x&gt;"}, problems: 1},
		{name: "raw HTML kept when unsafe", body: "a <b>x</b>", unsafe: true, want: []string{"<b>x</b>"}},
		{name: "tables scroll in a named, focusable region", body: "| Role | Rhythm |\n|---|---|\n| b | c |\n",
			want: []string{`<div class="table-scroll" role="region" tabindex="0" aria-label="Table: Role, Rhythm">` + "\n<table>", "<th>Role</th>", "</table>\n</div>"}},
		{name: "a table of three columns says on a phone that it scrolls", body: "| Week | Step | Led by |\n|---|---|---|\n| 1 | a | b |\n",
			want: []string{"</table>\n</div>\n" + `<p class="table-hint" aria-hidden="true">Scroll the table sideways to see all its columns.</p>`}},
		{name: "strikethrough and typographer", body: "~~old~~ \"quoted\" -- dash", want: []string{"<del>old</del>", "&ldquo;quoted&rdquo;", "&ndash;"}},
		{name: "footnotes", body: "Text[^1]\n\n[^1]: Note.\n", want: []string{`class="footnotes"`}},
		{name: "image without alt", body: "![](x.png)", problems: 1},
		{name: "image with alt", body: "![A chart](x.png)", want: []string{`alt="A chart"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := New(tc.unsafe).Convert([]byte(tc.body), prefixer{})
			if err != nil {
				t.Fatal(err)
			}
			html := string(res.HTML)
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("missing %s in %s", w, html)
				}
			}
			if tc.ids != nil && strings.Join(res.IDs, ",") != strings.Join(tc.ids, ",") {
				t.Errorf("ids = %v, want %v", res.IDs, tc.ids)
			}
			if len(res.Problems) != tc.problems {
				t.Errorf("%d problems, want %d: %+v", len(res.Problems), tc.problems, res.Problems)
			}
		})
	}
}

// A result's HTML and text are read from pooled buffers: they hold until
// the result is released, whatever is converted meanwhile, minified or
// not.
func TestResultHoldsUntilReleased(t *testing.T) {
	for name, c := range map[string]*Converter{"plain": New(false), "minified": New(false).Minified(minify.New())} {
		t.Run(name, func(t *testing.T) {
			first, err := c.Convert([]byte("First *body*, kept.\n"), prefixer{})
			if err != nil {
				t.Fatal(err)
			}
			html, text := string(first.HTML), string(first.Text)
			for range 20 { // another conversion may take a buffer the pool has
				other, err := c.Convert([]byte(strings.Repeat("Another body, written over. ", 50)), prefixer{})
				if err != nil {
					t.Fatal(err)
				}
				other.Release()
			}
			if string(first.HTML) != html || string(first.Text) != text {
				t.Fatalf("before Release: HTML %q, text %q; want %q, %q", first.HTML, first.Text, html, text)
			}
			if !strings.Contains(html, "<em>body</em>") || text != "First body, kept.\n" {
				t.Fatalf("HTML %q, text %q", html, text)
			}
			first.Release()
			if first.HTML != nil || first.Text != nil {
				t.Fatal("Release leaves HTML or Text to read")
			}
		})
	}
}
