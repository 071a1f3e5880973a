package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/synth"
)

// BenchmarkBuild times full builds of synthetic sites: every relation,
// related case studies, backlinks, minifying and the publish, as a rebuild
// (the output already exists, so only changed files are written).
// Run: go test ./internal/build -run '^$' -bench Build -benchmem -count 5
func BenchmarkBuild(b *testing.B) {
	defer PaceGC()() // as the command line runs
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("case-studies=%d", n), func(b *testing.B) {
			src := b.TempDir()
			if err := synth.Write(src, n); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(b.TempDir(), "public")
			// Two untimed builds, so the loop times rebuilds into an output
			// the way a second build finds it. Cold builds are measured
			// from the command line (see docs/speed.md).
			for range 2 {
				if _, err := Build(Options{Src: src, Out: out, Theme: casebook.Theme}, &diag.List{}); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				var diags diag.List
				res, err := Build(Options{Src: src, Out: out, Theme: casebook.Theme}, &diags)
				if err != nil || diags.Len() > 0 {
					b.Fatalf("%v %v", err, diags.Items()[:min(5, diags.Len())])
				}
				b.ReportMetric(float64(len(res.Outputs)), "files")
			}
		})
	}
}

// BenchmarkSessionEdit times what the development server does after a
// save: reload the files, rebuild what the change calls for, render what
// changed. Each edit is one save the issue tracker's speed table names:
//
//   - body: a sentence appended to one case study (the fast path);
//   - body+search: the same, then the search index brought up to date,
//     which serve does once the author pauses (Session.Settle);
//   - title, themes, stages: the case study's title, its themes or its
//     journey stages changed, which other pages show;
//   - new, deleted, renamed: a case study added, removed, or moved to
//     another file name;
//   - new+settle: a case study added, then the later pages of the long
//     lists it shifts and the search index brought up to date.
//
// Every edit is undone by the next one, so the site stays the same size.
// The first build is not timed.
// Run: go test ./internal/build -run '^$' -bench SessionEdit -benchmem -count 5
func BenchmarkSessionEdit(b *testing.B) {
	defer PaceGC()() // as casebook serve runs
	const rel = "content/case-studies/case-study-1.md"
	for _, n := range []int{1000, 10000} {
		src := b.TempDir()
		if err := synth.Write(src, n); err != nil {
			b.Fatal(err)
		}
		originals := map[string][]byte{}
		for _, name := range []string{rel, homePage, plainPage, stagePage} {
			text, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
			if err != nil {
				b.Fatal(err)
			}
			originals[name] = text
		}
		for _, e := range sessionEdits(originals) {
			b.Run(fmt.Sprintf("%s/case-studies=%d", e.name, n), func(b *testing.B) {
				if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(spare)), bytes.Replace(originals[rel], []byte("\ntitle: "), []byte("\ntitle: Spare "), 1), 0o644); err != nil {
					b.Fatal(err)
				}
				s := NewSession(Options{Src: src, NoMinify: true, Theme: casebook.Theme})
				if _, _, err := s.Rebuild(nil, &diag.List{}); err != nil {
					b.Fatal(err)
				}
				defer restore(b, src, originals)
				i, rendered := 0, 0
				for b.Loop() {
					i++
					changed, err := e.edit(src, i)
					if err != nil {
						b.Fatal(err)
					}
					var diags diag.List
					_, st, err := s.Rebuild(changed, &diags)
					if err != nil || diags.HasErrors() {
						b.Fatal(err, diags.Items())
					}
					rendered += st.Rendered
					b.ReportMetric(float64(rendered)/float64(i), "rendered/op")
					if e.settle {
						_, sst, err := s.Settle(&diags)
						if err != nil || diags.HasErrors() {
							b.Fatal(err, diags.Items())
						}
						b.ReportMetric(float64(sst.Indexed), "indexed")
						b.ReportMetric(float64(sst.Rendered), "settled")
					}
				}
			})
		}
	}
}

type sessionEdit struct {
	name string
	// edit makes the i-th save in the site at src and returns the files
	// it changed, relative to src.
	edit   func(src string, i int) ([]string, error)
	settle bool // also bring the rest up to date, as serve does next (Session.Settle)
}

// spare is a case study no page links to, which the benchmark adds to the
// site for the saves that delete or rename a page: deleting a page others
// link to is an error, which the development server does not publish.
// spareMoved is where the rename save moves it.
const (
	spare      = "content/case-studies/spare.md"
	spareMoved = "content/case-studies/spare-moved.md"
)

// The other pages some saves change: the home page, a plain page and a
// journey stage of a synthetic site.
const (
	homePage  = "content/_index.md"
	plainPage = "content/about.md"
	stagePage = "content/journey/design-studios.md"
)

// sessionEdits are the saves BenchmarkSessionEdit times, made to a case
// study (or to spare, a copy of it) and the other pages above, whose texts
// are in originals.
func sessionEdits(originals map[string][]byte) []sessionEdit {
	const rel = "content/case-studies/case-study-1.md"
	original := originals[rel]
	write := func(src, name string, text []byte) ([]string, error) {
		return []string{name}, os.WriteFile(filepath.Join(src, filepath.FromSlash(name)), text, 0o644)
	}
	// toggleIn rewrites one line of a page on odd saves and puts it back
	// on even ones; toggle, of the case study.
	toggleIn := func(name, from, to string) func(string, int) ([]string, error) {
		return func(src string, i int) ([]string, error) {
			if i%2 == 0 {
				return write(src, name, originals[name])
			}
			return write(src, name, bytes.Replace(originals[name], []byte(from), []byte(to), 1))
		}
	}
	toggle := func(from, to string) func(string, int) ([]string, error) { return toggleIn(rel, from, to) }
	// added adds a case study on odd saves and deletes it on even ones.
	added := func(src string, i int) ([]string, error) {
		name := fmt.Sprintf("content/case-studies/case-study-new-%d.md", i)
		if i%2 == 0 {
			name = fmt.Sprintf("content/case-studies/case-study-new-%d.md", i-1)
			return []string{name}, os.Remove(filepath.Join(src, filepath.FromSlash(name)))
		}
		return write(src, name, bytes.Replace(original, []byte("\ntitle: "), []byte("\ntitle: New "), 1))
	}
	text := original
	return []sessionEdit{
		{name: "body", edit: func(src string, i int) ([]string, error) {
			text = fmt.Appendf(text, "\nSentence %d.\n", i)
			return write(src, rel, text)
		}},
		{name: "body+search", settle: true, edit: func(src string, i int) ([]string, error) {
			return write(src, rel, fmt.Appendf(original, "\nSentence %d.\n", i))
		}},
		{name: "title", edit: func(src string, i int) ([]string, error) {
			return write(src, rel, bytes.Replace(original, []byte("\ntitle: "), fmt.Appendf(nil, "\ntitle: %d ", i), 1))
		}},
		{name: "themes", edit: toggle("themes: [", "themes: [equity-vision, ")},
		{name: "home", edit: toggleIn(homePage, "\ntitle: ", "\ntitle: Our ")},
		{name: "page", edit: toggleIn(plainPage, "\ntitle: ", "\ntitle: All ")},
		{name: "stage-order", edit: toggleIn(stagePage, "\norder: 5\n", "\norder: 5.5\n")},
		{name: "stages", edit: func(src string, i int) ([]string, error) {
			if i%2 == 0 {
				return write(src, rel, original)
			}
			stage, err := stageNotIn(src, original)
			if err != nil {
				return nil, err
			}
			return write(src, rel, bytes.Replace(original, []byte("stages: ["), []byte("stages: ["+stage+", "), 1))
		}},
		{name: "new", edit: added},
		{name: "new+settle", settle: true, edit: added},
		{name: "deleted", edit: func(src string, i int) ([]string, error) {
			if i%2 == 0 {
				return write(src, spare, original)
			}
			return []string{spare}, os.Remove(filepath.Join(src, filepath.FromSlash(spare)))
		}},
		{name: "renamed", edit: func(src string, i int) ([]string, error) {
			from, to := spare, spareMoved
			if i%2 == 0 {
				from, to = spareMoved, spare
			}
			return []string{from, to}, os.Rename(filepath.Join(src, filepath.FromSlash(from)), filepath.Join(src, filepath.FromSlash(to)))
		}},
	}
}

// stageNotIn returns a journey stage of the site at src that the case study
// text does not name.
func stageNotIn(src string, text []byte) (string, error) {
	stages, err := filepath.Glob(filepath.Join(src, "content/journey/*.md"))
	if err != nil {
		return "", err
	}
	for _, f := range stages {
		slug := strings.TrimSuffix(filepath.Base(f), ".md")
		if slug != "_index" && !bytes.Contains(text, []byte(slug)) {
			return slug, nil
		}
	}
	return "", fmt.Errorf("the case study names every stage")
}

// restore puts the site back as the benchmark found it: the pages in
// originals as they were, and no page it added.
func restore(b *testing.B, src string, originals map[string][]byte) {
	b.Helper()
	for _, stray := range []string{spare, spareMoved} {
		os.Remove(filepath.Join(src, filepath.FromSlash(stray)))
	}
	news, _ := filepath.Glob(filepath.Join(src, "content/case-studies/case-study-new-*.md"))
	for _, f := range news {
		os.Remove(f)
	}
	for name, text := range originals {
		if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(name)), text, 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
