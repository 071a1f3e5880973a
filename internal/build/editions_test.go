package build

import (
	"path/filepath"
	"strings"
	"testing"
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
	for _, want := range []string{"Mentoras y mentores", "Una frase más.", "Encontrar"} {
		if !strings.Contains(page, want) {
			t.Errorf("the Spanish page does not show %q after the edits", want)
		}
	}
}
