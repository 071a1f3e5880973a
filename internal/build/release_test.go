package build

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/packed"
	"github.com/casebook/casebook/internal/testsite"
)

// A build lets a body go once its page is written only where the layouts
// are the default theme's, which show a body on its own page alone. A
// site's own layout may show any page's body anywhere: here the about page
// shows every case study's, so every body must stay until the end.
func TestBuildLetsBodiesGoOnlyWithTheDefaultLayouts(t *testing.T) {
	showAll := `{{define "main"}}{{range .Site.CaseStudies}}<section>{{.Content}}</section>{{end}}{{end}}`
	for _, tc := range []struct {
		name    string
		files   testsite.Files
		letsGo  bool
		aboutIn string // what the about page must show
	}{
		{name: "default theme", files: testsite.Minimal(), letsGo: true, aboutIn: "Who we are"},
		{name: "own layout", files: testsite.Minimal().With(testsite.Files{"layouts/page.html": showAll}), aboutIn: "coaching worked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := testsite.Write(t, tc.files)
			out := filepath.Join(t.TempDir(), "public")
			var diags diag.List
			res, err := Build(Options{Src: src, Out: out, Theme: casebook.Theme, PictureCache: t.TempDir()}, &diags)
			if err != nil || diags.Len() > 0 {
				t.Fatalf("build: %v\n%v", err, diags.Items())
			}
			for _, p := range res.Site.CaseStudies {
				// A body the build kept to the end was set aside in the
				// staging folder, which is gone: reading it fails.
				body, err := p.Content()
				if kept := body != "" || errors.Is(err, packed.ErrRead); kept == tc.letsGo {
					t.Errorf("%s: body kept after the build is %v, want %v", p.Path, kept, !tc.letsGo)
				}
			}
			files := snapshot(t, out)
			if about := files["about/index.html"]; !strings.Contains(about, tc.aboutIn) {
				t.Errorf("about/index.html does not show %q:\n%s", tc.aboutIn, about)
			}
			for _, p := range res.Site.CaseStudies {
				page := files[strings.TrimPrefix(p.URL, "/")+"index.html"]
				if !strings.Contains(page, "<h2 id=") {
					t.Errorf("%s lost its body:\n%s", p.URL, page)
				}
			}
		})
	}
}
