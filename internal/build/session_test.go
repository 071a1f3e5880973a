package build

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/blob"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
)

// bundledCopy copies the bundled example site, in English alone, into a
// temporary folder: the session's work per save is measured on a site in
// one language (an edition in another is rebuilt whole; see
// bilingualBundledCopy).
func bundledCopy(t *testing.T) string {
	t.Helper()
	dir := bilingualBundledCopy(t)
	replaceIn(t, dir, "casebook.toml", `languages = ["en", "es"]`, `language = "en"`)
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".es.md") {
			err = os.Remove(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// bilingualBundledCopy copies the bundled example site as it is, in
// English and Spanish, into a temporary folder.
func bilingualBundledCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join("..", "..")
	copyTree(t, filepath.Join(root, "content"), filepath.Join(dir, "content"))
	copyTree(t, filepath.Join(root, "i18n"), filepath.Join(dir, "i18n"))
	b, err := os.ReadFile(filepath.Join(root, "casebook.toml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "casebook.toml", string(b))
	return dir
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replaceIn replaces old with new in a site file, failing if old is not
// there: an edit that silently does nothing would prove nothing.
func replaceIn(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	text := readFile(t, dir, rel)
	if !strings.Contains(text, old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	writeFile(t, dir, rel, strings.Replace(text, old, new, 1))
}

func removeFile(t *testing.T, dir, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

func sessionOptions(dir string) Options {
	return Options{Src: dir, NoMinify: true, Theme: casebook.Theme, PictureCache: testPictures}
}

// cleanBuild renders the site from scratch, as a first build does.
func cleanBuild(t *testing.T, dir string) (map[string][]byte, []string) {
	t.Helper()
	var diags diag.List
	res, err := Load(sessionOptions(dir), &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		return nil, diagText(diags)
	}
	files, err := Render(res, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		files = nil
	}
	return files, diagText(diags)
}

func diagText(diags diag.List) []string {
	var out []string
	for _, d := range diags.Items() {
		out = append(out, d.String())
	}
	slices.Sort(out)
	return out
}

// served holds, for each session under test, the site as a server would
// have it from the changes the session handed out.
var served = struct {
	sync.Mutex
	by map[*Session]map[string]blob.Blob
}{by: map[*Session]map[string]blob.Blob{}}

// follow applies a rebuild's changes (nil: it failed) to what the server
// would have, and returns that.
func follow(s *Session, ch *Changes) map[string]blob.Blob {
	served.Lock()
	defer served.Unlock()
	site := served.by[s]
	if site == nil {
		site = map[string]blob.Blob{}
		served.by[s] = site
	}
	if ch != nil {
		maps.Copy(site, ch.Put)
		for _, p := range ch.Gone {
			delete(site, p)
		}
	}
	return site
}

// rebuild runs one session rebuild and checks it against a clean build of
// the same files: the same outputs, byte for byte, and the same problems;
// both the session's own outputs and the site made by following only its
// changes from the first build.
func rebuild(t *testing.T, s *Session, dir string, changed ...string) Stats {
	t.Helper()
	var diags diag.List
	out, st, err := s.Rebuild(changed, &diags)
	if err != nil {
		t.Fatal(err)
	}
	site := follow(s, out)
	if st.SearchStale || st.Deferred > 0 {
		// As the development server does: the edited pages first, then
		// the later pages of long lists and the index.
		settled, sst, err := s.Settle(&diags)
		if err != nil || settled == nil {
			t.Fatalf("Settle after a rebuild that left %d pages and the index (stale: %v) behind: %v, changes: %v", st.Deferred, st.SearchStale, err, settled != nil)
		}
		site, st.Indexed = follow(s, settled), sst.Indexed
	}
	want, wantDiags := cleanBuild(t, dir)
	if got := diagText(diags); !slices.Equal(got, wantDiags) {
		t.Fatalf("after changing %v, the session reports\n%s\nbut a clean build reports\n%s", changed, strings.Join(got, "\n"), strings.Join(wantDiags, "\n"))
	}
	if out == nil { // failed, as a clean build must have: nothing to compare
		compareFiles(t, nil, want, changed)
		return st
	}
	compareFiles(t, unpack(t, s.Files()), want, changed)
	compareFiles(t, unpack(t, site), want, changed)
	return st
}

// unpack returns a session's outputs' bytes by path.
func unpack(t *testing.T, files map[string]blob.Blob) map[string][]byte {
	t.Helper()
	plain := make(map[string][]byte, len(files))
	for p, b := range files {
		var err error
		if plain[p], err = b.Bytes(); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	return plain
}

func compareFiles(t *testing.T, got, want map[string][]byte, changed []string) {
	t.Helper()
	var problems []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			problems = append(problems, "missing "+p)
		case !bytes.Equal(g, w):
			problems = append(problems, "differs "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			problems = append(problems, "extra "+p)
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		t.Fatalf("after changing %v, the session's site differs from a clean build in %d files:\n%s", changed, len(problems), strings.Join(problems[:min(len(problems), 15)], "\n"))
	}
}

const (
	studyPath   = "content/case-studies/all-means-all-middle-school-pathways.md"
	studyURL    = "case-studies/all-means-all-middle-school-pathways/index.html"
	otherStudy  = "content/case-studies/english-learners-on-track.md"
	districtMD  = "content/districts/prairie-junction.md"
	resourceMD  = "content/resources/global-learning-series.md"
	newStudyMD  = "content/case-studies/a-new-story.md"
	newStudyDoc = `---
title: "A new story of pathways"
district: prairie-junction
themes: [staff-capacity]
summary: "A short study added while the server runs."
problem: all-means-all-pathways
stages: [pilot-definition]
date: 2026-11-01
lessons:
  - theme: staff-capacity
    text: "New lessons show on the theme page."
---

## What happened

It links to [the other study](english-learners-on-track.md).
`
)

func TestSessionEditsMatchCleanBuild(t *testing.T) {
	cases := []struct {
		name string
		edit func(t *testing.T, dir string) []string
		// setup, when set, writes a page before the first build, at
		// setupAt or else at newStudyMD.
		setup, setupAt string
		// maxRendered, when set, bounds how many outputs the rebuild may
		// render: the point of the session.
		maxRendered int
	}{
		{"body edit", func(t *testing.T, dir string) []string {
			writeFile(t, dir, studyPath, readFile(t, dir, studyPath)+"\nA sentence added while the server runs.\n")
			return []string{studyPath}
		}, "", "", 1},
		{"frontmatter moves a case study to another theme", func(t *testing.T, dir string) []string {
			replaceIn(t, dir, studyPath, "  - quality-instruction\n", "  - students-and-families\n")
			replaceIn(t, dir, studyPath, "  - theme: quality-instruction\n", "  - theme: students-and-families\n")
			return []string{studyPath}
		}, "", "", 0},
		{"title edit of a case study", func(t *testing.T, dir string) []string {
			replaceIn(t, dir, studyPath, `title: "All Means All:`, `title: "Every Student:`)
			return []string{studyPath}
		}, "", "", 40},
		{"district renamed, shown on case-study cards two steps away", func(t *testing.T, dir string) []string {
			replaceIn(t, dir, districtMD, "title: ", "title: Renamed ")
			return []string{districtMD}
		}, "", "", 0},
		{"lesson text", func(t *testing.T, dir string) []string {
			replaceIn(t, dir, studyPath, "Teachers changed their minds", "Teachers changed their views")
			return []string{studyPath}
		}, "", "", 0},
		{"body gains a link, so the target gains a backlink", func(t *testing.T, dir string) []string {
			writeFile(t, dir, studyPath, readFile(t, dir, studyPath)+"\nSee also [English learners on track](english-learners-on-track.md).\n")
			return []string{studyPath}
		}, "", "", 0},
		{"new file", func(t *testing.T, dir string) []string {
			writeFile(t, dir, newStudyMD, newStudyDoc)
			return []string{newStudyMD}
		}, "", "", 0},
		{"a link to a missing page mends when the page is created", func(t *testing.T, dir string) []string {
			writeFile(t, dir, "content/case-studies/a-later-study.md", strings.Replace(newStudyDoc, "A new story", "A later story", 1))
			return []string{"content/case-studies/a-later-study.md"}
		}, strings.Replace(newStudyDoc, "english-learners-on-track.md", "a-later-study.md", 1), "", 0},
		{"deleted file nobody links to", func(t *testing.T, dir string) []string {
			removeFile(t, dir, newStudyMD)
			return []string{newStudyMD}
		}, newStudyDoc, "", 0},
		{"deleted file others link to: their links become errors", func(t *testing.T, dir string) []string {
			removeFile(t, dir, otherStudy)
			return []string{otherStudy}
		}, "", "", 0},
		{"broken frontmatter", func(t *testing.T, dir string) []string {
			replaceIn(t, dir, studyPath, `title: "All Means All:`, `title: "All Means All`)
			replaceIn(t, dir, studyPath, "middle schooler\"\n", "middle schooler\n")
			return []string{studyPath}
		}, "", "", 0},
		{"draft", func(t *testing.T, dir string) []string {
			replaceIn(t, dir, newStudyMD, "---\n", "---\ndraft: true\n")
			return []string{newStudyMD}
		}, newStudyDoc, "", 0},
		{"draft others link to", func(t *testing.T, dir string) []string {
			replaceIn(t, dir, resourceMD, "---\n", "---\ndraft: true\n")
			return []string{resourceMD}
		}, "", "", 0},
		{"image beside a page", func(t *testing.T, dir string) []string {
			writeFile(t, dir, "content/case-studies/chart.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>`)
			writeFile(t, dir, studyPath, readFile(t, dir, studyPath)+"\n![A bar chart of enrolment by grade](chart.svg)\n")
			return []string{"content/case-studies/chart.svg", studyPath}
		}, "", "", 0},
		{"layout edit", func(t *testing.T, dir string) []string {
			b, err := fs.ReadFile(casebook.Theme, "layouts/partials/footer.html")
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "layouts/partials/footer.html", strings.Replace(string(b), "Published with casebook.", "Published by the district.", 1))
			return []string{"layouts/partials/footer.html"}
		}, "", "", 0},
		{"static edit", func(t *testing.T, dir string) []string {
			writeFile(t, dir, "static/css/casebook.css", "body { color: black }\n")
			return []string{"static/css/casebook.css"}
		}, "", "", 1},
		{"a case study filed in a year folder: links to and from it still work", func(t *testing.T, dir string) []string {
			moved := "content/case-studies/2024/" + path.Base(otherStudy)
			writeFile(t, dir, moved, readFile(t, dir, otherStudy))
			removeFile(t, dir, otherStudy)
			return []string{otherStudy, moved}
		}, "", "", 0},
		{"a new page in a new folder", func(t *testing.T, dir string) []string {
			writeFile(t, dir, "content/case-studies/2025/spring/"+path.Base(newStudyMD), newStudyDoc)
			return []string{"content/case-studies/2025/spring/" + path.Base(newStudyMD)}
		}, "", "", 0},
		{"a folder removed with its page", func(t *testing.T, dir string) []string {
			if err := os.RemoveAll(filepath.Join(dir, "content/case-studies/2025")); err != nil {
				t.Fatal(err)
			}
			return []string{"content/case-studies/2025/" + path.Base(newStudyMD)}
		}, newStudyDoc, "content/case-studies/2025/" + path.Base(newStudyMD), 0},
		{"config edit", func(t *testing.T, dir string) []string {
			replaceIn(t, dir, "casebook.toml", `title = "District Equity Casebook"`, `title = "Our Equity Casebook"`)
			return []string{"casebook.toml"}
		}, "", "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := bundledCopy(t)
			if c.setup != "" {
				writeFile(t, dir, cmp.Or(c.setupAt, newStudyMD), c.setup)
			}
			s := NewSession(sessionOptions(dir))
			rebuild(t, s, dir)
			st := rebuild(t, s, dir, c.edit(t, dir)...)
			if c.maxRendered > 0 && st.Rendered > c.maxRendered {
				t.Errorf("rendered %d outputs, want at most %d", st.Rendered, c.maxRendered)
			}
			if st.Reused == 0 && c.maxRendered > 0 {
				t.Errorf("reused nothing from the last build")
			}
		})
	}
}

// TestSessionBodyEditRendersOnlyThePage pins the fast path: a body edit
// renders that one page, and it shows the new text.
func TestSessionBodyEditRendersOnlyThePage(t *testing.T) {
	dir := bundledCopy(t)
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	writeFile(t, dir, studyPath, readFile(t, dir, studyPath)+"\nA sentence about bus routes.\n")
	var diags diag.List
	out, st, err := s.Rebuild([]string{studyPath}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	page := unpack(t, out.Put)[studyURL]
	if st.Rendered != 1 || st.Indexed != 0 || !st.SearchStale || !bytes.Contains(page, []byte("A sentence about bus routes.")) {
		t.Fatalf("rendered %d outputs and %d of the index, left it stale: %v; the page has the sentence: %v",
			st.Rendered, st.Indexed, st.SearchStale, bytes.Contains(page, []byte("bus routes")))
	}
	if len(out.Put) != 1 || len(out.Gone) != 0 || st.Outputs != len(s.Files()) {
		t.Errorf("the changes put %d files and take %d away, want the page alone; %d outputs of %d", len(out.Put), len(out.Gone), st.Outputs, len(s.Files()))
	}
	// Then the index follows, once, and changes only the index.
	out, st, err = s.Settle(&diags)
	if err != nil || out == nil || st.Indexed == 0 || st.Rendered != 0 {
		t.Fatalf("Settle: %v; %d index files, %d others", err, st.Indexed, st.Rendered)
	}
	for p := range out.Put {
		if !strings.HasPrefix(p, "search/") { // the search page, its manifest and the index
			t.Errorf("Settle changed %s", p)
		}
	}
	if again, _, _ := s.Settle(&diags); again != nil {
		t.Errorf("a second Settle did the work again")
	}
}

// A save that changes frontmatter also serves its pages first: the search
// index stays the last build's until Settle makes it again. The rebuild
// helper then checks the whole site against a clean build.
func TestSessionFrontmatterEditLeavesIndexForLater(t *testing.T) {
	dir := bundledCopy(t)
	s := NewSession(sessionOptions(dir))
	if _, _, err := s.Rebuild(nil, &diag.List{}); err != nil {
		t.Fatal(err)
	}
	before := s.Files()
	replaceIn(t, dir, studyPath, `title: "All Means All:`, `title: "Every Student:`)
	var diags diag.List
	out, st, err := s.Rebuild([]string{studyPath}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	for p := range out.Put {
		if strings.HasPrefix(p, "search/") {
			t.Errorf("%s changed before Settle", p)
		}
	}
	for _, p := range out.Gone {
		t.Errorf("%s gone before Settle", p)
	}
	files := unpack(t, s.Files())
	if !st.SearchStale || st.Indexed != 0 || !bytes.Contains(files[studyURL], []byte("Every Student")) {
		t.Fatalf("index left stale: %v, index files made: %d, the page has the new title: %v", st.SearchStale, st.Indexed, bytes.Contains(files[studyURL], []byte("Every Student")))
	}
	kept := 0
	for p, b := range unpack(t, before) {
		if strings.HasPrefix(p, search.Dir) || p == render.ManifestPath {
			kept++
			if !bytes.Equal(files[p], b) {
				t.Errorf("%s changed before Settle", p)
			}
		}
	}
	if kept == 0 {
		t.Fatal("the first build made no search index")
	}
	out, st, err = s.Settle(&diags)
	if err != nil || out == nil || st.Indexed == 0 {
		t.Fatalf("Settle: %v; %d index files", err, st.Indexed)
	}
	compareFiles(t, unpack(t, s.Files()), mustClean(t, dir), []string{studyPath})
}

func mustClean(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files, problems := cleanBuild(t, dir)
	if files == nil {
		t.Fatal(problems)
	}
	return files
}

// TestSessionRecoversAfterErrors breaks a page, then fixes it: the failed
// rebuild must not leave anything stale behind.
func TestSessionRecoversAfterErrors(t *testing.T) {
	dir := bundledCopy(t)
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	good := readFile(t, dir, studyPath)
	replaceIn(t, dir, studyPath, "district: prairie-junction", "district: prairie-junctoin")
	rebuild(t, s, dir, studyPath)
	replaceIn(t, dir, otherStudy, "title: ", "title: Edited while broken: ")
	rebuild(t, s, dir, otherStudy)
	writeFile(t, dir, studyPath, good)
	rebuild(t, s, dir, studyPath)
}

// TestSessionRandomEdits applies random sequences of edits, comparing with
// a clean build after each one.
func TestSessionRandomEdits(t *testing.T) {
	edits := randomEdits()
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			randomSession(t, edits, seed, bundledCopy(t))
		})
	}
}

// TestSessionRandomEditsBilingual does the same on the bundled site in
// English and Spanish, whose Spanish edition shows the edited pages
// translated or not.
func TestSessionRandomEditsBilingual(t *testing.T) {
	edits := randomEdits()
	for seed := range uint64(2) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			randomSession(t, edits, seed+20, bilingualBundledCopy(t))
		})
	}
}

// TestSessionRandomEditsPaged does the same with two entries a page, so
// that every list has later pages, which show less than their first.
func TestSessionRandomEditsPaged(t *testing.T) {
	edits := randomEdits()
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			dir := bundledCopy(t)
			replaceIn(t, dir, "casebook.toml", "page_size = 24", "page_size = 2")
			randomSession(t, edits, seed+10, dir)
		})
	}
}

// randomSession builds the site at dir in a session, then applies 25
// edits picked with seed, comparing with a clean build after each.
func randomSession(t *testing.T, edits []randomEdit, seed uint64, dir string) {
	rnd := rand.New(rand.NewPCG(seed, 7))
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	for step := range 25 {
		e := edits[rnd.IntN(len(edits))]
		changed := e.apply(t, dir, rnd)
		t.Logf("step %d: %s", step, e.name)
		rebuild(t, s, dir, changed...)
	}
}

type randomEdit struct {
	name  string
	apply func(t *testing.T, dir string, rnd *rand.Rand) []string
}

// randomEdits are edits that keep the site buildable or break it in ways
// a later edit can repair, so a sequence of them keeps exercising both.
func randomEdits() []randomEdit {
	pick := func(t *testing.T, dir, folder string, rnd *rand.Rand) string {
		entries, err := os.ReadDir(filepath.Join(dir, "content", folder))
		if err != nil {
			t.Fatal(err)
		}
		var mds []string
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".md") && e.Name() != "_index.md" {
				mds = append(mds, "content/"+folder+"/"+e.Name())
			}
		}
		return mds[rnd.IntN(len(mds))]
	}
	themes := []string{"equity-vision", "shared-ownership", "plans-into-action", "staff-capacity", "quality-instruction", "students-and-families"}
	stages := []string{"conditions-map", "design-studios", "district-dossier", "equity-coaching", "final-design", "pilot-definition", "pilot-implementation", "pilot-learnings", "theory-of-action"}
	// addToList puts one of slugs first in a random case study's list.
	addToList := func(field string, slugs []string) func(*testing.T, string, *rand.Rand) []string {
		return func(t *testing.T, dir string, rnd *rand.Rand) []string {
			p := pick(t, dir, "case-studies", rnd)
			text := readFile(t, dir, p)
			writeFile(t, dir, p, strings.Replace(text, field+":\n", field+":\n  - "+slugs[rnd.IntN(len(slugs))]+"\n", 1))
			return []string{p}
		}
	}
	return []randomEdit{
		{"append to a body", func(t *testing.T, dir string, rnd *rand.Rand) []string {
			folder := []string{"case-studies", "themes", "districts", "journey", "problems", "resources"}[rnd.IntN(6)]
			p := pick(t, dir, folder, rnd)
			writeFile(t, dir, p, readFile(t, dir, p)+fmt.Sprintf("\nAn added sentence, number %d.\n", rnd.IntN(1000)))
			return []string{p}
		}},
		{"retitle a page", func(t *testing.T, dir string, rnd *rand.Rand) []string {
			folder := []string{"case-studies", "themes", "districts", "journey", "problems", "resources"}[rnd.IntN(6)]
			p := pick(t, dir, folder, rnd)
			text := readFile(t, dir, p)
			writeFile(t, dir, p, strings.Replace(text, "\ntitle: ", fmt.Sprintf("\ntitle: %d ", rnd.IntN(100)), 1))
			return []string{p}
		}},
		{"move a district to another locale", func(t *testing.T, dir string, rnd *rand.Rand) []string {
			p := pick(t, dir, "districts", rnd)
			text := readFile(t, dir, p)
			locale := []string{"urban", "suburban", "town", "rural"}[rnd.IntN(4)]
			i := strings.Index(text, "\nlocale: ")
			if i < 0 {
				return nil
			}
			j := i + 1 + strings.IndexByte(text[i+1:], '\n')
			writeFile(t, dir, p, text[:i]+"\nlocale: "+locale+text[j:])
			return []string{p}
		}},
		{"add a theme to a case study", addToList("themes", themes)},
		{"add a stage to a case study", addToList("stages", stages)},
		{"drop a case study's first theme", func(t *testing.T, dir string, rnd *rand.Rand) []string {
			p := pick(t, dir, "case-studies", rnd)
			text := readFile(t, dir, p)
			i := strings.Index(text, "themes:\n  - ")
			if i < 0 {
				return nil
			}
			start := i + len("themes:\n")
			end := start + strings.IndexByte(text[start:], '\n') + 1
			if !strings.HasPrefix(text[end:], "  - ") {
				return nil // keep at least one theme
			}
			writeFile(t, dir, p, text[:start]+text[end:])
			return []string{p}
		}},
		{"redate a case study", func(t *testing.T, dir string, rnd *rand.Rand) []string {
			p := pick(t, dir, "case-studies", rnd)
			text := readFile(t, dir, p)
			i := strings.Index(text, "\ndate: ")
			if i < 0 {
				return nil
			}
			date := fmt.Sprintf("\ndate: 20%02d-%02d-%02d", 10+rnd.IntN(16), 1+rnd.IntN(12), 1+rnd.IntN(28))
			writeFile(t, dir, p, text[:i]+date+text[i+len("\ndate: 2023-02-08"):])
			return []string{p}
		}},
		{"add a case study", func(t *testing.T, dir string, rnd *rand.Rand) []string {
			p := fmt.Sprintf("content/case-studies/added-%d.md", rnd.IntN(1000))
			writeFile(t, dir, p, strings.Replace(newStudyDoc, "staff-capacity]", themes[rnd.IntN(len(themes))]+"]", 1))
			return []string{p}
		}},
		{"remove an added case study", func(t *testing.T, dir string, rnd *rand.Rand) []string {
			matches, _ := filepath.Glob(filepath.Join(dir, "content", "case-studies", "added-*.md"))
			if len(matches) == 0 {
				return nil
			}
			m := matches[rnd.IntN(len(matches))]
			rel := "content/case-studies/" + filepath.Base(m)
			removeFile(t, dir, rel)
			return []string{rel}
		}},
		{"break or mend a reference", func(t *testing.T, dir string, rnd *rand.Rand) []string {
			p := pick(t, dir, "case-studies", rnd)
			text := readFile(t, dir, p)
			if strings.Contains(text, "district: nowhere-") {
				i := strings.Index(text, "district: nowhere-")
				j := i + strings.IndexByte(text[i:], '\n')
				writeFile(t, dir, p, text[:i]+"district: "+text[i+len("district: nowhere-"):j]+text[j:])
			} else {
				writeFile(t, dir, p, strings.Replace(text, "district: ", "district: nowhere-", 1))
			}
			return []string{p}
		}},
		{"mend every reference", func(t *testing.T, dir string, rnd *rand.Rand) []string {
			var changed []string
			for i := range 12 {
				_ = i
				p := pick(t, dir, "case-studies", rnd)
				text := readFile(t, dir, p)
				if strings.Contains(text, "district: nowhere-") {
					writeFile(t, dir, p, strings.Replace(text, "district: nowhere-", "district: ", 1))
					changed = append(changed, p)
				}
			}
			return changed
		}},
	}
}

// A file changed while the site had errors is still changed once they are
// fixed: the next good build must copy it afresh.
func TestSessionStaticEditWhileBroken(t *testing.T) {
	dir := bundledCopy(t)
	writeFile(t, dir, "static/css/extra.css", "body { color: red }\n")
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	good := readFile(t, dir, studyPath)
	replaceIn(t, dir, studyPath, "district: prairie-junction", "district: prairie-junctoin")
	rebuild(t, s, dir, studyPath) // fails, as a clean build does
	writeFile(t, dir, "static/css/extra.css", "body { color: blue }\n")
	rebuild(t, s, dir, "static/css/extra.css") // still fails
	writeFile(t, dir, studyPath, good)
	rebuild(t, s, dir, studyPath) // must serve the blue css
}

// A static file changed while the layouts were broken still resets the
// converted bodies (a linked PDF's size) once the layouts are fixed.
func TestSessionStaticEditWhileLayoutBroken(t *testing.T) {
	dir := bundledCopy(t)
	writeFile(t, dir, "static/docs/guide.pdf", "%PDF-1.4 small\n")
	writeFile(t, dir, "content/about.md", readFile(t, dir, "content/about.md")+"\nRead [the guide](/docs/guide.pdf).\n")
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	writeFile(t, dir, "layouts/page.html", "{{define \"main\"}}{{if}}{{end}}\n")
	rebuild(t, s, dir, "layouts/page.html") // fails
	writeFile(t, dir, "static/docs/guide.pdf", "%PDF-1.4 "+strings.Repeat("x", 50000)+"\n")
	rebuild(t, s, dir, "static/docs/guide.pdf") // still fails
	removeFile(t, dir, "layouts/page.html")
	rebuild(t, s, dir, "layouts/page.html") // the guide's size must be the new one
}

// Warnings from casebook.toml are reported by every rebuild, not only the
// one that read the file.
func TestSessionKeepsConfigWarnings(t *testing.T) {
	dir := bundledCopy(t)
	replaceIn(t, dir, "casebook.toml", "language = \"en\"\n", "language = \"en\"\ncolour = \"blue\"\n")
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	replaceIn(t, dir, studyPath, `title: "All Means All:`, `title: "Every Student:`)
	rebuild(t, s, dir, studyPath)
}

// A page that is a symbolic link changes when its target does, although
// the watcher reports only the target.
func TestSessionSymlinkedPage(t *testing.T) {
	dir := bundledCopy(t)
	writeFile(t, dir, "content/about-src.md", "---\ntitle: About us\n---\nOriginal text.\n")
	if err := os.Symlink("about-src.md", filepath.Join(dir, "content/about-us.md")); err != nil {
		t.Fatal(err)
	}
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	writeFile(t, dir, "content/about-src.md", "---\ntitle: About us\n---\nNew text.\n")
	rebuild(t, s, dir, "content/about-src.md")
}

// The same for a static file.
func TestSessionSymlinkedStatic(t *testing.T) {
	dir := bundledCopy(t)
	writeFile(t, dir, "static/css/main.css", "a { color: red }\n")
	if err := os.Symlink("main.css", filepath.Join(dir, "static/css/alias.css")); err != nil {
		t.Fatal(err)
	}
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	writeFile(t, dir, "static/css/main.css", "a { color: blue }\n")
	rebuild(t, s, dir, "static/css/main.css")
}

// A partial cached by the layout data (not a page or keys) lasts one build
// only, the fast path's included.
func TestSessionPartialCachedByData(t *testing.T) {
	dir := bundledCopy(t)
	writeFile(t, dir, "layouts/page.html", "{{define \"main\"}}\n<article>\n{{partialCached \"partials/page-header.html\" .}}\n</article>\n{{end}}\n")
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	writeFile(t, dir, "content/about.md", readFile(t, dir, "content/about.md")+"\nA sentence added while serving.\n")
	rebuild(t, s, dir, "content/about.md")
}

// TestSessionPartialCacheStaysBounded edits a title 100 times under a layout
// that caches a partial by the title: entries for old titles must go.
func TestSessionPartialCacheStaysBounded(t *testing.T) {
	dir := bundledCopy(t)
	writeFile(t, dir, "layouts/partials/title-box.html", "<p>{{.Page.Title}}</p>")
	writeFile(t, dir, "layouts/page.html", "{{define \"main\"}}\n<article>\n{{partialCached \"partials/title-box.html\" . .Page.Title}}\n{{template \"partials/page-header.html\" .}}\n</article>\n{{end}}\n")
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	start := s.renderer.PartialsCached()
	for range 100 {
		replaceIn(t, dir, "content/about.md", "title: ", "title: x")
		var diags diag.List
		if _, _, err := s.Rebuild([]string{"content/about.md"}, &diags); err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
	}
	if n := s.renderer.PartialsCached(); n > start+5 {
		t.Errorf("partialCached holds %d entries after 100 title edits, %d after the first build", n, start)
	}
}

// A file the watcher would ignore (an editor's swap file) changes nothing
// when it is passed to Rebuild: the session classifies changes with the
// watcher's own rule.
func TestSessionIgnoresWhatTheWatcherIgnores(t *testing.T) {
	dir := bundledCopy(t)
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	writeFile(t, dir, "content/case-studies/.story.md.swp", "not markdown")
	st := rebuild(t, s, dir, "content/case-studies/.story.md.swp", "layouts/page.html~")
	if st.Rendered != 0 || st.SearchStale {
		t.Errorf("an ignored file re-rendered %d outputs; search stale: %v", st.Rendered, st.SearchStale)
	}
}

// Rebuild adds its problems to the caller's list and leaves what was
// there: the body-only fast path used to replace the list whole, and a
// full rebuild kept the caller's items as part of the last good build.
func TestSessionKeepsCallersDiagnostics(t *testing.T) {
	dir := bundledCopy(t)
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	for _, edit := range []func(){
		func() { writeFile(t, dir, studyPath, readFile(t, dir, studyPath)+"\nA body edit.\n") },
		func() { replaceIn(t, dir, studyPath, `title: "All Means All:`, `title: "Every Student:`) },
	} {
		edit()
		var diags diag.List
		diags.Warnf("content/elsewhere.md", 1, 1, "", "the caller's own warning")
		if _, _, err := s.Rebuild([]string{studyPath}, &diags); err != nil {
			t.Fatal(err)
		}
		if diags.Len() != 1 || diags.Items()[0].Path != "content/elsewhere.md" {
			t.Fatalf("the caller's list is now %v", diags.Items())
		}
		if s.good.diags.Len() != 0 {
			t.Fatalf("the last good build keeps the caller's warning: %v", s.good.diags.Items())
		}
	}
}

// TestSessionLetsGoOfTexts: between saves the session keeps no file's text;
// a later build that needs one (a body to convert again, a position for a
// problem) reads the file again, and says what a clean build says.
func TestSessionLetsGoOfTexts(t *testing.T) {
	dir := bundledCopy(t)
	heading := "## What changed in the schedule?"
	writeFile(t, dir, "content/about.md", readFile(t, dir, "content/about.md")+
		"\n\nSee [the schedule](case-studies/all-means-all-middle-school-pathways.md#what-changed-in-the-schedule).\n")
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	holding := func() (paths []string) {
		for _, p := range []string{"content/about.md", studyPath, "content/themes/equity-vision.md"} {
			if page := s.loader.Page(p); page == nil || page.Src != nil || page.Lines != nil {
				paths = append(paths, p)
			}
		}
		return paths
	}
	if held := holding(); held != nil {
		t.Fatalf("after a build the session still holds the text of %v", held)
	}
	// The heading goes: about.md, unchanged and without its text, now
	// links to an anchor that is not there, and the error names its line.
	replaceIn(t, dir, studyPath, heading, "## What the schedule became")
	rebuild(t, s, dir, studyPath)
	var diags diag.List
	if _, _, err := s.Rebuild(nil, &diags); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(readFile(t, dir, "content/about.md"), "\n")
	if want := fmt.Sprintf("content/about.md:%d:", line); !strings.Contains(strings.Join(diagText(diags), "\n"), want) {
		t.Fatalf("no problem at %s:\n%s", want, strings.Join(diagText(diags), "\n"))
	}
	// A new static file: every body is converted again from its file.
	replaceIn(t, dir, studyPath, "## What the schedule became", heading)
	writeFile(t, dir, "static/new.txt", "a file\n")
	if st := rebuild(t, s, dir, studyPath, "static/new.txt"); st.Rendered == 0 {
		t.Fatal("nothing rendered after a static change")
	}
	if held := holding(); held != nil {
		t.Fatalf("the session holds the text of %v", held)
	}
}

// TestSessionPagesComeAndGo: when pages come and go, the bodies converted
// before are kept unless a link of theirs may now lead elsewhere: a new
// page mends a link that had nowhere to go, and deleting it breaks the
// link again, each as a clean build says.
func TestSessionPagesComeAndGo(t *testing.T) {
	dir := bundledCopy(t)
	const added = "content/case-studies/a-new-story.md"
	writeFile(t, dir, "content/about.md", readFile(t, dir, "content/about.md")+
		"\n\nSee [the new story](case-studies/a-new-story.md).\n")
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir) // the link leads nowhere: an error
	writeFile(t, dir, added, newStudyDoc+"\nIt links back to [the about page](../about.md).\n")
	rebuild(t, s, dir, added)
	if page := string(unpack(t, s.Files())["about/index.html"]); !strings.Contains(page, "/case-studies/a-new-story/") {
		t.Fatalf("the about page does not link to the new story:\n%s", page)
	}
	removeFile(t, dir, added)
	rebuild(t, s, dir, added)
	writeFile(t, dir, added, newStudyDoc)
	rebuild(t, s, dir, added)
	// A page that was converted among other pages and links nowhere new
	// is not converted again.
	writeFile(t, dir, "content/case-studies/another-story.md", newStudyDoc)
	rebuild(t, s, dir, "content/case-studies/another-story.md")
	if n := s.memo.Converted(); n != 1 {
		t.Errorf("adding a page converted %d bodies, want 1 (its own)", n)
	}
}

// TestSessionPagedEdits makes every list span pages (two entries each)
// and edits what later pages show of other pages: a district named under
// each lesson, its locale that groups the districts list, a theme's title
// that the pages of its lists go back to, and the entries themselves.
func TestSessionPagedEdits(t *testing.T) {
	dir := bundledCopy(t)
	replaceIn(t, dir, "casebook.toml", "page_size = 24", "page_size = 2")
	// Its lessons are on the second page of a theme's lessons, which
	// name the district of a case study that is not illustrative.
	const study, district = "content/case-studies/funding-schools-by-need.md", "content/districts/magnolia-bend.md"
	replaceIn(t, dir, study, "illustrative: true\n", "")
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	edits := []struct {
		name string
		edit func() []string
	}{
		{"district renamed, named under its case study's lessons", func() []string {
			replaceIn(t, dir, district, "title: ", "title: Renamed ")
			return []string{district}
		}},
		{"district moved to another locale", func() []string {
			replaceIn(t, dir, districtMD, "\nlocale: urban\n", "\nlocale: rural\n")
			return []string{districtMD}
		}},
		{"theme retitled", func() []string {
			replaceIn(t, dir, "content/themes/quality-instruction.md", "title: ", "title: Renamed ")
			return []string{"content/themes/quality-instruction.md"}
		}},
		{"case study retitled", func() []string {
			replaceIn(t, dir, studyPath, `title: "All Means All:`, `title: "Every Student:`)
			return []string{studyPath}
		}},
		{"case study added", func() []string {
			writeFile(t, dir, newStudyMD, newStudyDoc)
			return []string{newStudyMD}
		}},
	}
	for _, e := range edits {
		t.Logf("edit: %s", e.name)
		rebuild(t, s, dir, e.edit()...)
	}
}

// TestSessionPageSavesRelink walks one session through saves that
// change, add, remove and rename case studies and pages of the other
// kinds with a folder, each compared with a clean
// build (rebuild), and pins which take the path that works the graph out
// again over the last build's pages (Stats.Relinked): a save with an
// error cannot, nor the save after it, which builds anew.
func TestSessionPageSavesRelink(t *testing.T) {
	dir := bundledCopy(t)
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	otherTitle := `title: "English learners on track: catching slips before they become lost credits"`
	otherText := readFile(t, dir, otherStudy)
	const (
		problem      = "content/problems/all-means-all-pathways.md"
		otherProblem = "content/problems/el-graduation.md"
		theme        = "content/themes/equity-vision.md"
		newTheme     = "content/themes/listen-first.md"
		stage        = "content/journey/design-studios.md"
		resource     = "content/resources/bele-framework.md"
		newResource  = "content/resources/a-listening-guide.md"
		district     = "content/districts/magnolia-bend.md"
		newDistrict  = "content/districts/willow-flats.md"
	)
	// replace, write and remove are saves of one file.
	replace := func(path, old, new string) func() []string {
		return func() []string {
			replaceIn(t, dir, path, old, new)
			return []string{path}
		}
	}
	write := func(path, text string) func() []string {
		return func() []string {
			writeFile(t, dir, path, text)
			return []string{path}
		}
	}
	remove := func(path string) func() []string {
		return func() []string {
			removeFile(t, dir, path)
			return []string{path}
		}
	}
	steps := []struct {
		name     string
		edit     func() []string
		relinked bool
	}{
		{"title", replace(studyPath, `title: "All Means All:`, `title: "Every Student:`), true},
		{"date, which reorders every list the study is on", replace(studyPath, "date: 2026-12-02", "date: 2019-03-04"), true},
		{"a theme added", replace(studyPath, "themes:\n", "themes:\n  - equity-vision\n"), true},
		{"a stage dropped", replace(studyPath, "  - district-dossier\n", ""), true},
		{"a lesson under a theme the study does not have: a warning", replace(studyPath, "  - theme: quality-instruction\n", "  - theme: students-and-families\n"), true},
		{"the warning mended", replace(studyPath, "  - theme: students-and-families\n", "  - theme: quality-instruction\n"), true},
		{"the other study's title: two pages with one title", replace(otherStudy, otherTitle, `title: "Every Student: career pathways for every middle schooler"`), true},
		{"both studies at once, the titles apart again", func() []string {
			replaceIn(t, dir, otherStudy, `title: "Every Student:`, `title: "Each Learner:`)
			replaceIn(t, dir, studyPath, "summary: \"A middle school", "summary: \"One middle school")
			return []string{otherStudy, studyPath}
		}, true},
		{"picture fields without a picture: warnings", replace(studyPath, "illustrative: true\n", "illustrative: true\nimage_credit: The district\n"), true},
		{"a misspelled district: an error", replace(studyPath, "district: prairie-junction", "district: prairie-junctoin"), false},
		{"mended, after an error: built anew", replace(studyPath, "district: prairie-junctoin", "district: prairie-junction"), false},
		{"a body and a title at once", func() []string {
			replaceIn(t, dir, studyPath, `title: "Every Student:`, `title: "All Means All:`)
			writeFile(t, dir, studyPath, readFile(t, dir, studyPath)+"\nA sentence added with the title.\n")
			return []string{studyPath}
		}, true},
		{"a new case study, which links to another", write(newStudyMD, newStudyDoc), true},
		{"renamed", func() []string {
			removeFile(t, dir, newStudyMD)
			writeFile(t, dir, "content/case-studies/renamed-story.md", newStudyDoc)
			return []string{newStudyMD, "content/case-studies/renamed-story.md"}
		}, true},
		{"moved to a year folder, its address the same", func() []string {
			removeFile(t, dir, "content/case-studies/renamed-story.md")
			writeFile(t, dir, "content/case-studies/2024/renamed-story.md", newStudyDoc)
			return []string{"content/case-studies/renamed-story.md", "content/case-studies/2024/renamed-story.md"}
		}, true},
		{"deleted", remove("content/case-studies/2024/renamed-story.md"), true},
		{"a new study linking to where the deleted one was: an error", write(newStudyMD, newStudyDoc+"\nSee [the old story](/case-studies/renamed-story/).\n"), false},
		{"a new draft: built anew", write(newStudyMD, strings.Replace(newStudyDoc, "---\n", "---\ndraft: true\n", 1)), false},
		{"the draft published: a new page", replace(newStudyMD, "draft: true\n", ""), true},
		{"a new study with a slug taken: an error", write("content/case-studies/2025/a-new-story.md", newStudyDoc), false},
		{"taken away again, after an error: built anew", remove("content/case-studies/2025/a-new-story.md"), false},
		{"a study others link to, deleted: an error", remove(otherStudy), false},
		{"the study restored, after the error: built anew", write(otherStudy, otherText), false},
		{"a problem's title", replace(problem, "title: ", "title: Renamed "), true},
		{"the problem's title again", replace(problem, "title: Renamed ", "title: Renamed again "), true},
		{"a theme's title, which its case studies name", replace(theme, "title: Set a clear", "title: Set a plain"), true},
		{"a theme's summary, which its card shows", replace(theme, `summary: "A district says`, `summary: "Each district says`), true},
		{"a theme's order: the themes reorder", replace(theme, "order: 1\n", "order: 7\n"), true},
		{"a stage's order: the journey map reorders", replace(stage, "order: 5\n", "order: 6.5\n"), true},
		{"a stage's resource dropped", replace(stage, "  - equity-use-case-template\n", ""), true},
		{"a resource's stage added, linked from the stage too", replace(resource, "stages:\n", "stages:\n  - final-design\n"), true},
		{"a district's enrollment", replace(district, "enrollment: 17300", "enrollment: 17400"), true},
		{"a district's title, which sorts the districts again", replace(district, "title: Magnolia Bend", "title: Azalea Bend"), true},
		{"a problem's stage", replace(otherProblem, "stage: pilot-implementation", "stage: pilot-learnings"), true},
		{"a problem moved to another district than its case study's: an error", replace(problem, "district: prairie-junction", "district: riverbend-unified"), false},
		{"moved back, after the error: built anew", replace(problem, "district: riverbend-unified", "district: prairie-junction"), false},
		{"a new theme", write(newTheme, "---\ntitle: Listen first\nsummary: \"Districts ask before they act.\"\norder: 8\n---\n\nA new theme.\n"), true},
		{"a case study under the new theme", replace(studyPath, "themes:\n", "themes:\n  - listen-first\n"), true},
		{"the new theme deleted while a case study names it: an error", remove(newTheme), false},
		{"mended, after the error: built anew", replace(studyPath, "  - listen-first\n", ""), false},
		{"a new district and a new resource at once", func() []string {
			writeFile(t, dir, newDistrict, "---\ntitle: Willow Flats Unified\nregion: Midwest\n---\n\nAn invented district.\n")
			writeFile(t, dir, newResource, "---\ntitle: A listening guide\nsummary: \"How to run a listening session.\"\nthemes:\n  - equity-vision\n---\n")
			return []string{newDistrict, newResource}
		}, true},
		{"both deleted", func() []string {
			removeFile(t, dir, newDistrict)
			removeFile(t, dir, newResource)
			return []string{newDistrict, newResource}
		}, true},
		{"the home page's title and summary", replace("content/_index.md", `title: "An equity`, `title: "A fairness`), true},
		{"the home page's title taken out: the site's own", replace("content/_index.md", "title: \"A fairness casebook for school districts\"\n", ""), true},
		{"a section's title, which every page under it shows", replace("content/case-studies/_index.md", "title: Case studies", "title: Stories"), true},
		{"a section's title taken out: the section's name", replace("content/journey/_index.md", "title: Journey map\n", ""), true},
		{"a section's summary", replace("content/case-studies/_index.md", `summary: "Eight`, `summary: "Eight short`), true},
		{"a plain page's title, which reorders the plain pages", replace("content/about.md", "title: About this casebook", "title: Zany title last"), true},
		{"a plain page's title the same as another's: a warning", replace("content/about.md", "title: Zany title last", "title: Glossary"), true},
		{"a plain page's title apart again, and its body", func() []string {
			replaceIn(t, dir, "content/about.md", "title: Glossary", "title: About the casebook")
			writeFile(t, dir, "content/about.md", readFile(t, dir, "content/about.md")+"\nA sentence added.\n")
			return []string{"content/about.md"}
		}, true},
		{"a new plain page: built anew", write("content/colophon.md", "---\ntitle: Colophon\n---\n\nHow the casebook is made.\n"), false},
		{"the plain page deleted: built anew", remove("content/colophon.md"), false},
		{"two stages with one order: an error", replace("content/journey/conditions-map.md", "order: 2\n", "order: 1\n"), false},
	}
	for _, step := range steps {
		st := rebuild(t, s, dir, step.edit()...)
		if st.Relinked != step.relinked {
			t.Errorf("%s: Relinked = %v, want %v", step.name, st.Relinked, step.relinked)
		}
		sameStudyStages(t, step.name, s, dir)
	}
}

// sameStudyStages fails when a case study's stages in the session's graph
// are not a clean graph's, in the same order: layouts may show them in
// order, though the default theme walks the site's stages instead.
func sameStudyStages(t *testing.T, step string, s *Session, dir string) {
	t.Helper()
	var diags diag.List
	clean, err := Graph(sessionOptions(dir), &diags)
	if err != nil || clean == nil || diags.HasErrors() {
		return // the session keeps its last good graph: nothing to compare
	}
	slugs := func(ps []*site.Page) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Slug)
		}
		return strings.Join(out, " ")
	}
	want := map[string]string{}
	for _, c := range clean.CaseStudies {
		want[c.Path] = slugs(c.Stages)
	}
	for _, c := range s.good.graph.CaseStudies {
		if got := slugs(c.Stages); got != want[c.Path] {
			t.Errorf("%s: %s's stages are %q, but in a clean build %q", step, c.Path, got, want[c.Path])
		}
	}
}
