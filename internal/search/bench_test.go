package search_test

import (
	"fmt"
	"testing"

	"github.com/casebook/casebook/internal/search"
)

// BenchmarkIndex times building the search index of synthetic sites from
// their site graphs (synthGraph), compression included: the index's
// share of a build.
// Run: go test ./internal/search -run '^$' -bench Index -benchmem
func BenchmarkIndex(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("case-studies=%d", n), func(b *testing.B) {
			s := synthGraph(b, n)
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
