package casebook_test

import (
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
)

// TestBundledStoriesAreIllustrative: every case study in the example
// casebook is a composite, so every one must say `illustrative: true`, and
// the built site must say so wherever a story or its lessons appear: in the
// story's At a glance box (with this site's note), on its card in the case
// study list, and on each of its lessons on a theme page.
func TestBundledStoriesAreIllustrative(t *testing.T) {
	// The source files, read directly, so that a story left out of the
	// build (a draft, say) is checked too.
	var diags diag.List
	loaded, err := content.Load(".", content.Options{Drafts: true}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	sources := 0
	for _, p := range loaded.Pages {
		if p.Kind != content.CaseStudy {
			continue
		}
		sources++
		if !p.Illustrative {
			t.Errorf("%s: the bundled case studies are composites; add `illustrative: true`", p.Path)
		}
	}
	if sources < 6 {
		t.Fatalf("found only %d case study files", sources)
	}
	files := 0
	if err := filepath.WalkDir("content/case-studies", func(path string, d fs.DirEntry, err error) error {
		// x.es.md translates x.md: not a case study of its own.
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") && !strings.HasPrefix(filepath.Base(path), "_index.") && strings.Count(filepath.Base(path), ".") == 1 {
			files++
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if files != sources {
		t.Errorf("%d files in content/case-studies, but %d case studies loaded", files, sources)
	}

	res, _ := buildBundled(t)
	s := res.Site
	note := s.Config.IllustrativeNote
	if note == "" || note == config.DefaultIllustrativeNote {
		t.Errorf("the example casebook should word its own illustrative_note, got %q", note)
	}
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(res.Out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return html.UnescapeString(string(b))
	}

	for _, c := range s.CaseStudies {
		page := read("case-studies/" + c.Slug + "/index.html")
		start := strings.Index(page, "At a glance</h2>")
		if start < 0 {
			t.Errorf("%s: no At a glance box", c.Slug)
			continue
		}
		box := page[start:]
		box = box[:strings.Index(box, "</section>")]
		for _, want := range []string{"Kind of story", "Illustrative", note, "Written"} {
			if !strings.Contains(box, want) {
				t.Errorf("%s: the At a glance box does not say %q", c.Slug, want)
			}
		}
		if strings.Index(box, "Kind of story") > strings.Index(box, "District") {
			t.Errorf("%s: the kind of story should be the box's first row", c.Slug)
		}
		if strings.Contains(box, "Published") {
			t.Errorf("%s: an illustrative story was written for the casebook, not published by a district", c.Slug)
		}
	}

	list := read("case-studies/index.html")
	if n := strings.Count(list, `class="flag-illustrative">Illustrative`); n != len(s.CaseStudies) {
		t.Errorf("the case study list shows the Illustrative tag on %d cards, want %d", n, len(s.CaseStudies))
	}

	lessons := 0
	for _, th := range s.Themes {
		page := read("themes/" + th.Slug + "/index.html")
		shown := len(th.List("lessons").Lessons)
		lessons += shown
		if n := strings.Count(page, "From an illustrative story: <a "); n != shown {
			t.Errorf("theme %s: %d of its %d lessons are marked as from an illustrative story", th.Slug, n, shown)
		}
		if strings.Contains(page, "Lessons from the districts") {
			t.Errorf("theme %s: the lessons heading credits districts", th.Slug)
		}
	}
	if lessons == 0 {
		t.Error("no theme page shows a lesson")
	}
}
