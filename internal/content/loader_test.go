package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/diag"
)

// A hint that names the site's pages follows the pages: once the first
// district exists, the case study missing one is told its name.
func TestLoaderHintsFollowNewPages(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/case-studies/x.md", "---\ntitle: X\ndistrict:\nthemes: [t]\nsummary: s\n---\n")
	l := NewLoader(root, Options{})
	load := func(changed ...string) string {
		var diags diag.List
		if _, err := l.Load(changed, &diags); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		diags.Print(&b)
		return b.String()
	}
	if got := load(); !strings.Contains(got, "the site has no districts yet") {
		t.Fatalf("first load:\n%s", got)
	}
	write("content/districts/riverbend.md", "---\ntitle: Riverbend\nregion: West\n---\n")
	if got := load("content/districts/riverbend.md"); !strings.Contains(got, "hint: write `district: riverbend`; the districts are: riverbend") {
		t.Errorf("after adding a district:\n%s", got)
	}
}
