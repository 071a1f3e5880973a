package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/testsite"
)

// TestCollidingOutputs: a file that would land where casebook already
// publishes something is an error naming that file, never a silent
// overwrite.
func TestCollidingOutputs(t *testing.T) {
	cases := []struct {
		name  string
		files testsite.Files
		want  string
	}{
		{"static robots.txt", testsite.Files{"static/robots.txt": "User-agent: *"},
			"static/robots.txt: error: this file would be published at /robots.txt and replace the page or file casebook generates there\n  hint: rename or remove it\n"},
		{"static page", testsite.Files{"static/about/index.html": "<p>stray</p>"},
			"static/about/index.html: error: this file would be published at /about/index.html and replace content/about.md\n  hint: rename or remove it\n"},
		{"file beside the pages", testsite.Files{"content/index.html": "stray"},
			"content/index.html: error: this file would be published at /index.html and replace content/_index.md\n  hint: rename or remove it\n"},
		{"static search page", testsite.Files{"static/search/index.html": "<p>stray</p>"},
			"static/search/index.html: error: this file would be published at /search/index.html and replace the page or file casebook generates there\n  hint: rename or remove it\n"},
		{"static search manifest", testsite.Files{"static/search/manifest.json": "{}"},
			"static/search/manifest.json: error: this file would be published at /search/manifest.json and replace the page or file casebook generates there\n  hint: rename or remove it\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := testsite.Write(t, testsite.Minimal().With(tc.files))
			if got := check(t, src); got != tc.want {
				t.Errorf("check:\n%s\nwant:\n%s", got, tc.want)
			}
			// A build plans the search index on the side: the same
			// collisions, the same words, and nothing published.
			out := filepath.Join(t.TempDir(), "public")
			diags, err := build(t, src, out)
			var b strings.Builder
			diags.Print(&b)
			if err != nil || b.String() != tc.want {
				t.Errorf("build: %v\n%s\nwant:\n%s", err, b.String(), tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a build with a collision published: %v", err)
			}
		})
	}
}
