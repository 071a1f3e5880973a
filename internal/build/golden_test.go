package build

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/publish"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden builds testdata/site, unminified, and compares every output
// file with testdata/golden; and testdata/bilingual, the same site with an
// edition in Spanish, with testdata/golden-bilingual. Run `go test
// ./internal/build -run Golden -update` after an intended change to the
// theme or the pipeline, and read the diff before committing it.
func TestGolden(t *testing.T) {
	for site, golden := range map[string]string{"testdata/site": "testdata/golden", "testdata/bilingual": "testdata/golden-bilingual"} {
		t.Run(filepath.Base(site), func(t *testing.T) { testGolden(t, site, golden) })
	}
}

func testGolden(t *testing.T, src, golden string) {
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := Build(Options{Src: src, Out: out, NoMinify: true, Theme: casebook.Theme, PictureCache: t.TempDir()}, &diags); err != nil || diags.Len() > 0 {
		t.Fatalf("build: %v\n%v", err, diags.Items())
	}
	got := snapshot(t, out)
	delete(got, publish.Marker)
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for name, body := range got {
			p := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := snapshot(t, golden)
	var names []string
	for name := range want {
		names = append(names, name)
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("new output %s (run with -update if intended)", name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if g, ok := got[name]; !ok {
			t.Errorf("missing output %s", name)
		} else if g != want[name] {
			t.Errorf("%s differs from the golden file (run with -update if intended)\n%s", name, firstDiff(g, want[name]))
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(got, want string) string {
	gl, wl := splitLines(got), splitLines(want)
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + g + "\n  want: " + w
		}
	}
	return ""
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
