package build

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/testsite"
)

// bilingualCopy copies testdata/bilingual, a site in English and Spanish,
// into a temporary folder.
func bilingualCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, filepath.Join("testdata", "bilingual"), dir)
	return dir
}

// A development session over a site in two languages gives, after every
// kind of change to a translation, to its source and to the interface
// text, the files and problems a clean build gives.
func TestSessionTranslationEdits(t *testing.T) {
	dir := bilingualCopy(t)
	const (
		source = "content/case-studies/mentors.md"
		tr     = "content/case-studies/mentors.es.md"
		other  = "content/case-studies/coaching.es.md"
	)
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	steps := []struct {
		name string
		edit func() []string
	}{
		{"the translation's body", func() []string {
			writeFile(t, dir, tr, readFile(t, dir, tr)+"\nUna frase más.\n")
			return []string{tr}
		}},
		{"the translation's title", func() []string {
			replaceIn(t, dir, tr, "title: Mentores", "title: Mentoras y mentores")
			return []string{tr}
		}},
		{"the source's body, which makes the translation stale", func() []string {
			writeFile(t, dir, source, readFile(t, dir, source)+"\nA sentence added in English.\n")
			return []string{source}
		}},
		{"the source's heading, whose id the translation's heading takes", func() []string {
			replaceIn(t, dir, source, "## What they tried", "## What the district tried")
			replaceIn(t, dir, "content/case-studies/coaching.md", "mentors.md#what-they-tried", "mentors.md#what-the-district-tried")
			return []string{source, "content/case-studies/coaching.md"}
		}},
		{"the source's themes, which the translation shares", func() []string {
			replaceIn(t, dir, source, "themes: [equity-vision, staff-capacity]", "themes: [staff-capacity, equity-vision]")
			return []string{source}
		}},
		{"a new translation", func() []string {
			writeFile(t, dir, other, "---\ntitle: Acompañar a los docentes\nsummary: El acompañamiento creó capacidad.\n---\nUn texto nuevo.\n")
			return []string{other}
		}},
		{"a translation that contradicts its source's references", func() []string {
			replaceIn(t, dir, other, "title:", "district: riverbend\ntitle:")
			return []string{other}
		}},
		{"the contradiction mended", func() []string {
			replaceIn(t, dir, other, "district: riverbend\n", "")
			return []string{other}
		}},
		{"the interface text", func() []string {
			writeFile(t, dir, "i18n/es.toml", readFile(t, dir, "i18n/es.toml")+"search_button = \"Encontrar\"\n")
			return []string{"i18n/es.toml"}
		}},
		{"a translation deleted", func() []string {
			removeFile(t, dir, other)
			return []string{other}
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) { rebuild(t, s, dir, st.edit()...) })
	}
	page := string(unpack(t, s.Files())["es/case-studies/mentors/index.html"])
	for _, want := range []string{"Mentoras y mentores", "Una frase más.", "Encontrar", `<h2 id="what-the-district-tried">Lo que probaron</h2>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the Spanish page does not show %q after the edits", want)
		}
	}
}

// A body edit to a page takes the fast path in a site of two languages
// too: its page is rendered in each edition that shows its text, and
// nothing else until the search indexes follow. Where an edition has a
// translation of it, the translation's page stays as it is and only its
// problems change (it is now stale). A translation's own body takes the
// full rebuild. Every step is compared with a clean build, problems
// included.
func TestSessionBodyEditsBilingual(t *testing.T) {
	dir := bilingualCopy(t)
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	const untranslated = "content/case-studies/coaching.md"
	writeFile(t, dir, untranslated, readFile(t, dir, untranslated)+"\nA sentence about coaching cycles.\n")
	st := rebuild(t, s, dir, untranslated)
	if st.Rendered != 2 || !st.BodiesOnly {
		t.Errorf("a body edit to an untranslated page rendered %d outputs (want its page in each edition, 2); fast path: %v", st.Rendered, st.BodiesOnly)
	}
	files := unpack(t, s.Files())
	for _, p := range []string{"case-studies/coaching/index.html", "es/case-studies/coaching/index.html"} {
		if !strings.Contains(string(files[p]), "coaching cycles") {
			t.Errorf("%s lacks the new sentence", p)
		}
	}
	const translated = "content/case-studies/mentors.md"
	for i := range 2 { // stale once, then stale with another version
		writeFile(t, dir, translated, readFile(t, dir, translated)+fmt.Sprintf("\nOne more sentence, %d.\n", i))
		if st := rebuild(t, s, dir, translated); st.Rendered != 1 || !st.BodiesOnly {
			t.Errorf("a body edit to a translated page rendered %d outputs (want its own, 1); fast path: %v", st.Rendered, st.BodiesOnly)
		}
	}
	const translation = "content/case-studies/mentors.es.md"
	writeFile(t, dir, translation, readFile(t, dir, translation)+"\nUna frase más.\n")
	if st := rebuild(t, s, dir, translation); st.BodiesOnly {
		t.Errorf("a body edit to a translation took the fast path")
	}
}

// A translation whose source changed since is a warning that says when
// the source changed and how to see the change: with the site in git, the
// commit after the version translated and a git diff from the one before.
func TestStaleTranslation(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Fatal("these tests need git")
	}
	const src, tr = "content/case-studies/mentors.md", "content/case-studies/mentors.es.md"
	dir := testsite.Write(t, testsite.Minimal().With(bilingual(testsite.Files{
		tr: "---\ntranslation_of: c0ddbdb27bf3\ntitle: Mentores\nsummary: La mentoría subió la graduación.\nlessons:\n  - theme: equity-vision\n    text: Nombrar la meta.\n  - theme: staff-capacity\n    text: Formar a los mentores.\n---\nHola.\n",
	})))
	run := func(date string, args ...string) string {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date,
			"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.org")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("2026-11-02T10:00:00Z", "init", "-q")
	run("2026-11-02T10:00:00Z", "add", ".")
	run("2026-11-02T10:00:00Z", "commit", "-qm", "first")
	first := run("2026-11-02T10:00:00Z", "rev-parse", "--short=10", "HEAD")
	if got := check(t, dir); got != "" {
		t.Fatalf("a current translation is reported:\n%s", got)
	}

	// Changed and not committed: the change is the file's last save.
	replaceIn(t, dir, src, "Name the goal.", "Name the goal first.")
	saved := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, src), saved, saved); err != nil {
		t.Fatal(err)
	}
	want := "content/case-studies/mentors.es.md:2:17: warning: content/case-studies/mentors.md changed on 2026-11-20, after the version this translation was made from\n" +
		"  hint: see what changed with `git diff -- content/case-studies/mentors.md`, update the translation, then set `translation_of: %s`\n"
	now := sourceVersion(t, dir, src)
	if got := check(t, dir); got != fmt.Sprintf(want, now) {
		t.Errorf("uncommitted change:\n got: %s\nwant: %s", got, fmt.Sprintf(want, now))
	}

	// Committed: the commit that changed it, and a diff from the version
	// translated.
	run("2026-11-25T15:30:00Z", "commit", "-qam", "a lesson reworded")
	want = "content/case-studies/mentors.es.md:2:17: warning: content/case-studies/mentors.md changed on 2026-11-25, after the version this translation was made from\n" +
		"  hint: see what changed with `git diff " + first + " -- content/case-studies/mentors.md`, update the translation, then set `translation_of: " + now + "`\n"
	if got := check(t, dir); got != want {
		t.Errorf("committed change:\n got: %s\nwant: %s", got, want)
	}

	// Brought up to date: nothing to say.
	replaceIn(t, dir, tr, "c0ddbdb27bf3", now)
	if got := check(t, dir); got != "" {
		t.Errorf("an updated translation is reported:\n%s", got)
	}
}

// sourceVersion is the version a translation of the page at rel records.
func sourceVersion(t *testing.T, dir, rel string) string {
	t.Helper()
	var diags diag.List
	p := content.Parse(rel, []byte(readFile(t, dir, rel)), &diags)
	v, err := content.SourceVersion(p)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
