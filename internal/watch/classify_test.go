package watch

import (
	"path/filepath"
	"testing"
)

func TestClassify(t *testing.T) {
	root := filepath.FromSlash("/site")
	tests := []struct {
		path string // relative to root, slash-separated; "!" prefix means absolute as given
		want Change
		ok   bool
	}{
		// every class
		{"content/case-studies/a.md", Change{Path: "content/case-studies/a.md", Class: Content}, true},
		{"content/_index.md", Change{Path: "content/_index.md", Class: Content}, true},
		{"content/deep/er/x.md", Change{Path: "content/deep/er/x.md", Class: Content}, true},
		{"layouts/page.html", Change{Path: "layouts/page.html", Class: Layout}, true},
		{"layouts/partials/nav.html", Change{Path: "layouts/partials/nav.html", Class: Layout}, true},
		{"static/site.css", Change{Path: "static/site.css", Class: Static}, true},
		{"static/img/logo.svg", Change{Path: "static/img/logo.svg", Class: Static}, true},
		{"casebook.toml", Change{Path: "casebook.toml", Class: Config}, true},
		{"content/4913.md", Change{Path: "content/4913.md", Class: Content}, true},
		{"content/notes#1.md", Change{Path: "content/notes#1.md", Class: Content}, true},
		{"static/a~b.txt", Change{Path: "static/a~b.txt", Class: Static}, true},

		// hidden files and folders
		{"content/.hidden.md", Change{}, false},
		{"content/.drafts/a.md", Change{}, false},
		{"static/.DS_Store", Change{}, false},
		// editors' temp and swap files
		{"content/.a.md.swp", Change{}, false},
		{"content/a.md.swp", Change{}, false},
		{"content/a.md.swx", Change{}, false},
		{"content/a.md.swo", Change{}, false},
		{"content/a.md~", Change{}, false},
		{"layouts/page.html~", Change{}, false},
		{"content/.#a.md", Change{}, false},
		{"content/4913", Change{}, false},
		{"layouts/partials/4913", Change{}, false},
		{"content/a.md.tmp", Change{}, false},
		{"static/site.css.tmp", Change{}, false},
		{"content/#a.md#", Change{}, false},
		{"content/a.md___jb_tmp___", Change{}, false},
		{"content/a.md___jb_old___", Change{}, false},
		// output folder
		{"public/index.html", Change{}, false},
		{"public", Change{}, false},
		{".public.casebook-staging", Change{}, false},
		{".public.casebook-staging/site/index.html", Change{}, false},
		// outside the sources
		{"README.md", Change{}, false},
		{"casebook.toml~", Change{}, false},
		{"casebook.toml.swp", Change{}, false},
		{"other.toml", Change{}, false},
		{"content", Change{}, false},
		{"layouts", Change{}, false},
		{"static", Change{}, false},
		{"contents/a.md", Change{}, false},
		{"sub/casebook.toml", Change{}, false},
		{"content/casebook.toml", Change{Path: "content/casebook.toml", Class: Content}, true},
		{".git/HEAD", Change{}, false},
		{"!/site", Change{}, false},
		{"!/elsewhere/content/a.md", Change{}, false},
		{"!/site/../other/content/a.md", Change{}, false},
		{"!/sitex/content/a.md", Change{}, false},
		{"!/casebook.toml", Change{}, false},
	}
	for _, tt := range tests {
		path := filepath.Join(root, filepath.FromSlash(tt.path))
		if tt.path[0] == '!' {
			path = filepath.FromSlash(tt.path[1:])
		}
		got, ok := Classify(root, path)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Classify(%q, %q) = %+v, %v; want %+v, %v", root, path, got, ok, tt.want, tt.ok)
		}
	}
}

func TestClassifyRootWithTrailingSlash(t *testing.T) {
	got, ok := Classify("/site/", "/site/content/a.md")
	if !ok || got != (Change{Path: "content/a.md", Class: Content}) {
		t.Errorf("got %+v, %v", got, ok)
	}
}
