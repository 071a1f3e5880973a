package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/linkcheck"
	"github.com/casebook/casebook/internal/synth"
	"github.com/casebook/casebook/internal/testsite"
)

// pagedSite is the minimal site with lists long enough to page through at
// two entries a page: eleven case studies under one theme and stage, each
// with a lesson and a link to the about page.
func pagedSite() testsite.Files {
	files := testsite.Minimal().With(testsite.Files{
		"casebook.toml": "title = \"Paged\"\nbase_url = \"https://example.org/casebook/\"\n\n[lists]\npage_size = 2\npreview = 1\n",
	})
	for i := range 11 {
		files[fmt.Sprintf("content/case-studies/story-%02d.md", i)] = fmt.Sprintf(
			"---\ntitle: Story %02d\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Story number %d.\nstages: [design-studios]\ndate: 2024-01-%02d\nlessons:\n  - theme: staff-capacity\n    text: Lesson %d.\n---\nSee [about](../about.md).\n",
			i, i, i+1, i)
	}
	return files
}

// TestPagination builds a site whose lists run to several pages and reads
// it as a host serves it under /casebook/: every page of every list is
// linked from the one before, none is empty, each holds the entries it
// should in order, and each is in the sitemap.
func TestPagination(t *testing.T) {
	src := testsite.Write(t, pagedSite())
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := Build(Options{Src: src, Out: out, Theme: casebook.Theme}, &diags); err != nil || diags.Len() > 0 {
		t.Fatalf("build: %v %v", err, diags.Items())
	}
	site, err := linkcheck.Load(out, "https://example.org/casebook/")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range site.Check() {
		t.Errorf("broken reference: %s", p)
	}
	sitemap := readFile(t, out, "sitemap.xml")
	lists := []struct {
		first string // the list's first page, from the output folder
		pages int
		count int // entries in the whole list
		entry string
	}{
		{"case-studies/index.html", 7, 13, `<h3 class="card-title">`},
		{"themes/staff-capacity/case-studies/index.html", 7, 13, `<h3 class="card-title">`},
		{"themes/staff-capacity/lessons/index.html", 7, 13, `<li class="lesson">`},
		{"journey/design-studios/case-studies/index.html", 7, 13, `<h3 class="card-title">`},
		{"districts/lakeside/case-studies/index.html", 6, 12, `<h3 class="card-title">`},
		{"about/links/index.html", 6, 12, `<span class="kind-label">`},
	}
	for _, l := range lists {
		seen := 0
		page := l.first
		for n := 1; n <= l.pages; n++ {
			html := readFile(t, out, page)
			entries := strings.Count(html, l.entry)
			if entries == 0 {
				t.Errorf("%s is empty", page)
			}
			seen += entries
			if want := fmt.Sprintf(`aria-current="page"><span class="visually-hidden">Page </span>%d</a>`, n); !strings.Contains(html, want) {
				t.Errorf("%s does not mark itself as page %d in its pagination", page, n)
			}
			url := "https://example.org/casebook/" + strings.TrimSuffix(page, "index.html")
			if !strings.Contains(sitemap, "<loc>"+url+"</loc>") {
				t.Errorf("the sitemap lacks %s", url)
			}
			next := regexp.MustCompile(`<a href="/casebook/([^"]*)" rel="next">`).FindStringSubmatch(html)
			if n < l.pages && next == nil {
				t.Fatalf("%s (page %d of %d) has no link to the next page", page, n, l.pages)
			}
			if n == l.pages && next != nil {
				t.Errorf("the last page %s links to a next page", page)
			}
			if next != nil {
				if want := strings.TrimSuffix(l.first, "index.html") + fmt.Sprintf("page/%d/", n+1); next[1] != want {
					t.Errorf("%s: the next page is %s, want %s", page, next[1], want)
				}
				page = next[1] + "index.html"
			}
		}
		if seen != l.count {
			t.Errorf("%s: the pages show %d entries, want %d", l.first, seen, l.count)
		}
		if _, err := os.Stat(filepath.Join(out, strings.TrimSuffix(l.first, "index.html"), fmt.Sprintf("page/%d/index.html", l.pages+1))); err == nil {
			t.Errorf("%s has a page after the last", l.first)
		}
	}
	// The theme page shows its own text first, then one entry of each list
	// with a link to all of them.
	theme := readFile(t, out, "themes/staff-capacity/index.html")
	about, lessons := strings.Index(theme, "Capacity matters."), strings.Index(theme, "Lessons from the case studies")
	if about < 0 || lessons < 0 || about > lessons {
		t.Errorf("the theme page does not lead with its own text")
	}
	for _, link := range []string{
		`<a class="more-link" href="/casebook/themes/staff-capacity/lessons/">See all 13 lessons</a>`,
		`<a class="more-link" href="/casebook/themes/staff-capacity/case-studies/">See all 13 case studies</a>`,
	} {
		if !strings.Contains(theme, link) {
			t.Errorf("the theme page lacks %s", link)
		}
	}
}

// TestSessionListCrossesPageBoundary adds case studies one by one to a
// list at the edge of a page, then takes them away, comparing every
// rebuild with a clean build: pages appear and go as lists grow and shrink.
func TestSessionListCrossesPageBoundary(t *testing.T) {
	dir := bundledCopy(t)
	replaceIn(t, dir, "casebook.toml", "page_size = 24\npreview = 6", "page_size = 3\npreview = 2")
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	var added []string
	for i := range 4 {
		p := fmt.Sprintf("content/case-studies/added-%d.md", i)
		writeFile(t, dir, p, strings.Replace(newStudyDoc, "A new story", fmt.Sprintf("Added story %d", i), 1))
		added = append(added, p)
		rebuild(t, s, dir, p)
	}
	files, _ := cleanBuild(t, dir)
	var paged []string
	for p := range files {
		if strings.Contains(p, "/page/") {
			paged = append(paged, p)
		}
	}
	if len(paged) == 0 {
		t.Fatal("no list runs to a second page; the test proves nothing")
	}
	slices.Reverse(added)
	for _, p := range added {
		removeFile(t, dir, p)
		rebuild(t, s, dir, p)
	}
}

// TestSessionDefersLaterListPages adds a case study that shifts the later
// pages of its lists: the save renders the pages a reader is likely to be
// looking at, and any later page a browser has open, and leaves the other
// later pages as they were until Settle, after which the site equals a
// clean build. A second save before Settle (the case study taken away
// again) must leave no page of either save behind.
func TestSessionDefersLaterListPages(t *testing.T) {
	dir := bundledCopy(t)
	replaceIn(t, dir, "casebook.toml", "page_size = 24\npreview = 6", "page_size = 3\npreview = 2")
	const open = "case-studies/page/2/index.html"
	s := NewSession(sessionOptions(dir))
	s.Open(func(p string) bool { return p == open })
	rebuild(t, s, dir)
	before := unpack(t, s.Files())

	const added = "content/case-studies/added.md"
	writeFile(t, dir, added, newStudyDoc)
	var diags diag.List
	out, st, err := s.Rebuild([]string{added}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	want := mustClean(t, dir)
	files := unpack(t, s.Files())
	var deferred []string
	for p, w := range want {
		if !strings.Contains(p, "/page/") || p == open || bytes.Equal(before[p], w) || before[p] == nil {
			continue
		}
		deferred = append(deferred, p)
		if _, put := out.Put[p]; put || !bytes.Equal(files[p], before[p]) {
			t.Errorf("%s changed with the save (put: %v); it should wait for Settle", p, put)
		}
	}
	// Fingerprints may call for more pages than changed; never fewer.
	if len(deferred) == 0 || st.Deferred < len(deferred) {
		t.Fatalf("the save deferred %d pages; %d later pages changed", st.Deferred, len(deferred))
	}
	if bytes.Equal(before[open], want[open]) || !bytes.Equal(unpack(t, out.Put)[open], want[open]) {
		t.Errorf("the open page %s was not brought up to date with the save (changed at all: %v)", open, !bytes.Equal(before[open], want[open]))
	}
	if !bytes.Equal(files[studyPageFor(added)], want[studyPageFor(added)]) {
		t.Errorf("the new case study's own page is not served with the save")
	}

	// Taken away again before Settle: the pages deferred by the first
	// save are as they were before it, and the site equals a clean build.
	removeFile(t, dir, added)
	rebuild(t, s, dir, added)
	if again, _, err := s.Settle(&diags); err != nil || again != nil {
		t.Errorf("a second Settle did work: %v, %v", again != nil, err)
	}

	writeFile(t, dir, added, newStudyDoc)
	rebuild(t, s, dir, added) // and settled, compared with a clean build
}

// A save that changes more than manyOutputs pages (a theme's title,
// which every case study under it names) renders the theme's own page
// and the page a browser shows with the save, and the rest in Settle;
// the settled site equals a clean build.
func TestSessionDefersManyPages(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, 400); err != nil {
		t.Fatal(err)
	}
	const (
		theme = "content/themes/equity-vision.md"
		open  = "case-studies/case-study-1/index.html"
	)
	writeFile(t, dir, "casebook.toml", readFile(t, dir, "casebook.toml")+"\n[lists]\npage_size = 3\npreview = 2\n")
	s := NewSession(sessionOptions(dir))
	s.Open(func(p string) bool { return p == open })
	rebuild(t, s, dir)

	// A new case study, the newest, shifts more than manyOutputs later
	// pages of the lists it is on, which wait as ever; the other pages it
	// changes are not held back with them.
	const study = "content/case-studies/newest.md"
	writeFile(t, dir, study, strings.Replace(readFile(t, dir, "content/case-studies/case-study-2.md"), "date: 2023-01-04", "date: 2030-01-01", 1))
	st := rebuild(t, s, dir, study)
	if st.Deferred <= manyOutputs || st.Rendered < 10 {
		t.Errorf("a new case study rendered %d pages with the save and deferred %d", st.Rendered, st.Deferred)
	}

	before := unpack(t, s.Files())
	replaceIn(t, dir, theme, "title: Theme equity-vision", "title: A vision for equity")
	var diags diag.List
	out, st, err := s.Rebuild([]string{theme}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	follow(s, out) // as the development server serves it
	want := mustClean(t, dir)
	files := unpack(t, s.Files())
	changed := 0
	for p, w := range want {
		if before[p] != nil && !bytes.Equal(before[p], w) {
			changed++
		}
	}
	if changed <= manyOutputs || st.Rendered+st.Deferred < changed || st.Rendered > manyOutputs {
		t.Fatalf("%d pages changed; the save rendered %d and deferred %d", changed, st.Rendered, st.Deferred)
	}
	for _, p := range []string{"themes/equity-vision/index.html", open} {
		if bytes.Equal(before[p], want[p]) || !bytes.Equal(unpack(t, out.Put)[p], want[p]) || !bytes.Equal(files[p], want[p]) {
			t.Errorf("%s was not brought up to date with the save", p)
		}
	}
	// A save on its way stops Settle after one batch: what it rendered
	// is served, the rest waits for the next Settle.
	s.Interrupt(func() bool { return true })
	settled, sst, err := s.Settle(&diags)
	if err != nil || settled == nil || sst.Rendered != settleBatch || sst.Deferred != st.Deferred-settleBatch || !sst.SearchStale {
		t.Fatalf("an interrupted Settle rendered %d of %d deferred pages and left %d (search stale: %v): %v", sst.Rendered, st.Deferred, sst.Deferred, sst.SearchStale, err)
	}
	follow(s, settled)
	s.Interrupt(nil)
	rebuild(t, s, dir) // settled, and compared with a clean build
}

// studyPageFor is the output of the case study at a content path.
func studyPageFor(rel string) string {
	return strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md") + "/index.html"
}

// TestPagesStaySmall builds a synthetic site of 2,000 case studies, whose
// themes and stages have hundreds of each list, unminified: no page may
// pass 100 KB. Long lists are paged, so a page's size does not grow with
// the site (at 10,000 case studies the largest is about 23 KB; see the
// README).
func TestPagesStaySmall(t *testing.T) {
	src := t.TempDir()
	if err := synth.Write(src, 2000); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	res, err := Load(Options{Src: src, NoMinify: true, Theme: casebook.Theme}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	files, err := Render(res, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	largest, name := 0, ""
	for p, b := range files {
		if strings.HasSuffix(p, ".html") && len(b) > largest {
			largest, name = len(b), p
		}
	}
	if largest > 100<<10 {
		t.Errorf("%s is %d KB", name, largest>>10)
	}
	t.Logf("the largest page is %s, %d KB", name, largest>>10)
}

// TestThemesAndStagesAreNotPaged: their section pages list every theme
// and stage, so no later page may copy them, however small the pages.
func TestThemesAndStagesAreNotPaged(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal().With(testsite.Files{
		"casebook.toml": "title = \"T\"\n\n[lists]\npage_size = 1\n",
	}))
	var diags diag.List
	res, err := Load(Options{Src: src, Theme: casebook.Theme}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	paged := 0
	for _, o := range res.Outputs {
		if strings.HasPrefix(o.Path, "themes/page/") || strings.HasPrefix(o.Path, "journey/page/") {
			t.Errorf("%s copies its section page", o.Path)
		}
		if strings.Contains(o.Path, "/page/") {
			paged++
		}
	}
	if paged == 0 {
		t.Error("nothing is paged at one entry a page; the test proves nothing")
	}
}
