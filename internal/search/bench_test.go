package search_test

import (
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/synth"
)

// BenchmarkIndex times building the search index of a synthetic site of
// 10,000 case studies from its site graph: the index's share of a build.
// Run: go test ./internal/search -run '^$' -bench Index -benchmem
func BenchmarkIndex(b *testing.B) {
	src := b.TempDir()
	if err := synth.Write(src, 10000); err != nil {
		b.Fatal(err)
	}
	var diags diag.List
	res, err := build.Load(build.Options{Src: src, Theme: casebook.Theme}, &diags)
	if err != nil || diags.HasErrors() {
		b.Fatal(err, diags.Items())
	}
	for b.Loop() {
		ix := search.Build(res.Site, nil)
		size := 0
		for _, f := range ix.Files {
			size += len(f.Data) // gzipped
		}
		b.ReportMetric(float64(size)/1e6, "MB")
		b.ReportMetric(float64(len(ix.Files)), "files")
	}
}
