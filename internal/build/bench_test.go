package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
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
	defer debug.SetGCPercent(debug.SetGCPercent(GCPercent)) // as the command line runs
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
// save: reload the file, rebuild what the change calls for, render what
// changed. "body" appends a sentence to one case study's body (the fast
// path); "body+search" does too and then brings the search index up to
// date, which serve does once the page is served; "title" changes its
// title, which many pages show. The first build is not timed.
// Run: go test ./internal/build -run '^$' -bench SessionEdit -benchmem -count 5
func BenchmarkSessionEdit(b *testing.B) {
	edits := []struct {
		name   string
		edit   func(text []byte, i int) []byte
		search bool // also bring the search index up to date, as serve does next
	}{
		{"body", func(text []byte, i int) []byte { return fmt.Appendf(text, "\nSentence %d.\n", i) }, false},
		{"body+search", func(text []byte, i int) []byte { return fmt.Appendf(text, "\nSentence %d.\n", i) }, true},
		{"title", func(text []byte, i int) []byte {
			return bytes.Replace(text, []byte("\ntitle: "), fmt.Appendf(nil, "\ntitle: %d ", i%10), 1)
		}, false},
	}
	for _, n := range []int{1000, 10000} {
		src := b.TempDir()
		if err := synth.Write(src, n); err != nil {
			b.Fatal(err)
		}
		for _, e := range edits {
			b.Run(fmt.Sprintf("%s/case-studies=%d", e.name, n), func(b *testing.B) {
				s := NewSession(Options{Src: src, NoMinify: true, Theme: casebook.Theme})
				if _, _, err := s.Rebuild(nil, &diag.List{}); err != nil {
					b.Fatal(err)
				}
				rel := "content/case-studies/case-study-1.md"
				path := filepath.Join(src, filepath.FromSlash(rel))
				original, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				defer os.WriteFile(path, original, 0o644)
				text, i := original, 0
				for b.Loop() {
					i++
					text = e.edit(text, i)
					if err := os.WriteFile(path, text, 0o644); err != nil {
						b.Fatal(err)
					}
					var diags diag.List
					_, st, err := s.Rebuild([]string{rel}, &diags)
					if err != nil || diags.HasErrors() {
						b.Fatal(err, diags.Items())
					}
					b.ReportMetric(float64(st.Rendered), "rendered")
					if e.search {
						_, sst, err := s.Search(&diags)
						if err != nil || diags.HasErrors() {
							b.Fatal(err, diags.Items())
						}
						b.ReportMetric(float64(sst.Indexed), "indexed")
					}
				}
			})
		}
	}
}
