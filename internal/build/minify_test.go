package build

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/minify"
)

// Pages are not minified as they are written: their layouts were minified
// as they loaded, and their bodies as they were converted. Each page must
// then mean what the page made from the layouts as written means: the two,
// minified whole, are the same bytes. And it must be about as small as
// that page minified whole, or the minified layouts are not doing their job.
func TestPagesFromMinifiedLayouts(t *testing.T) {
	for _, src := range []string{"testdata/site", "../.."} {
		t.Run(src, func(t *testing.T) {
			small := renderSite(t, Options{Src: src, Theme: casebook.Theme})
			plain := renderSite(t, Options{Src: src, NoMinify: true, Theme: casebook.Theme})
			pages := 0
			for path, got := range small {
				if !strings.HasSuffix(path, ".html") {
					continue
				}
				pages++
				want := minifyWhole(t, plain[path])
				if again := minifyWhole(t, got); !bytes.Equal(again, want) {
					t.Errorf("%s differs from the page minified whole:\n%s\nwant:\n%s", path, again, want)
					continue
				}
				if len(got) > len(want)+len(want)/25 {
					t.Errorf("%s is %d bytes; minified whole, %d", path, len(got), len(want))
				}
			}
			if pages < 10 {
				t.Fatalf("only %d pages rendered", pages)
			}
		})
	}
}

// renderSite renders every output of the site at src into memory.
func renderSite(t *testing.T, opts Options) map[string][]byte {
	t.Helper()
	var diags diag.List
	res, err := Load(opts, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	for _, o := range res.Outputs {
		if o.Media == "text/html" && o.Source != "" && !o.Minified && !opts.NoMinify {
			t.Errorf("%s: a page is to be minified as it is written, not made of minified layouts", o.Path)
		}
	}
	files, err := Render(res, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	return files
}

func minifyWhole(t *testing.T, page []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := minifier.Output("text/html", &out, bytes.NewBuffer(page)); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// Every layout of the default theme is minified as it loads. The minifier
// leaves alone what it cannot read, such as the rest of a layout after a
// comment with an apostrophe in it once was, and the pages still come out
// right, only larger: so this looks at the layouts themselves.
func TestThemeLayoutsMinified(t *testing.T) {
	m := minify.New()
	err := fs.WalkDir(casebook.Theme, "layouts", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(casebook.Theme, path)
		if err != nil {
			return err
		}
		text := string(b)
		small, err := m.Layout(text)
		if err != nil {
			return err
		}
		// Line breaks that trim markers take away at parse time do not count;
		// the minifier keeps some beside actions, where it cannot tell.
		lines, left := strings.Count(untrimmed(text), "\n"), strings.Count(untrimmed(small), "\n")
		if lines > 3 && left >= lines {
			t.Errorf("%s keeps %d of its %d line breaks once minified:\n%s", path, left, lines, small)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var trimmed = regexp.MustCompile(`\s+(\{\{-\s)|(\s-\}\})\s+`)

// untrimmed is a layout's text without the whitespace its actions' trim
// markers remove.
func untrimmed(text string) string { return trimmed.ReplaceAllString(text, "$1$2") }
