package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/testsite"
)

// TestSearchDataInAnyLayout: a build makes the search index while pages
// render, and a site's own layout may call searchData on every page: each
// gets the finished manifest, never an empty one.
func TestSearchDataInAnyLayout(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal().With(testsite.Files{
		"layouts/partials/footer.html": `<footer><script type="application/json" id="index">{{searchData}}</script></footer>`,
	}))
	out := filepath.Join(t.TempDir(), "public")
	if diags, err := build(t, src, out); err != nil || diags.Len() > 0 {
		t.Fatal(err, diags.Items())
	}
	for _, page := range []string{"index.html", "about/index.html", "case-studies/mentors/index.html", "search/index.html"} {
		b, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"version":1`) {
			t.Errorf("%s has no search manifest in its footer", page)
		}
	}
}
