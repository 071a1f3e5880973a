package search_test

import (
	"fmt"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/synth"
)

// BenchmarkIndex times building the search index of synthetic sites from
// their site graphs, compression included: the index's share of a build.
// The graph comes from build.Graph, not build.Load, whose plan builds the
// index and then lets the pages' text go.
// Run: go test ./internal/search -run '^$' -bench Index -benchmem
func BenchmarkIndex(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("case-studies=%d", n), func(b *testing.B) {
			src := b.TempDir()
			if err := synth.Write(src, n); err != nil {
				b.Fatal(err)
			}
			var diags diag.List
			s, err := build.Graph(build.Options{Src: src, Theme: casebook.Theme}, &diags)
			if err != nil || diags.HasErrors() {
				b.Fatal(err, diags.Items())
			}
			var ix *search.Index
			for b.Loop() {
				ix = search.Build(s, nil)
			}
			size := 0
			for _, f := range ix.Files {
				size += len(f.Data)
			}
			b.ReportMetric(float64(size)/1e6, "MB-gz")
			b.ReportMetric(float64(len(ix.Files)), "files")
			b.ReportMetric(float64(ix.Docs), "docs")
		})
	}
}
