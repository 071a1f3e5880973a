package build

import (
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
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := check(t, testsite.Write(t, testsite.Minimal().With(tc.files))); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
