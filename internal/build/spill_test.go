package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/packed"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/synth"
)

// TestUnreadableBodies loses the file a build keeps its bodies in, after
// they are converted: the pages that show them and the search index fail,
// with packed.ErrRead and no path, and nothing panics.
func TestUnreadableBodies(t *testing.T) {
	src := t.TempDir()
	// Enough case studies that their bodies fill a chunk of the file or
	// more: the last chunk is still in memory, and reads well.
	if err := synth.Write(src, 1500); err != nil {
		t.Fatal(err)
	}
	scratch := t.TempDir()
	f, err := os.Create(filepath.Join(scratch, "bodies"))
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	g, err := graph(Options{Src: src, Theme: casebook.Theme}, packed.NewSpill(f), &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	f.Close()
	s, r := g.editions[0].site, g.editions[0].r
	outs := r.Plan(s, nil, &diags)
	var renderDiags diag.List
	err = renderAll(outs, false, func(render.Output, []byte) error { return nil }, &renderDiags)
	if !errors.Is(err, packed.ErrRead) {
		t.Fatalf("rendering with the bodies' file gone: %v, want packed.ErrRead from the search index", err)
	}
	failed := 0
	for _, d := range renderDiags.Items() {
		if strings.Contains(d.Message, packed.ErrRead.Error()) && d.Severity == diag.Error {
			failed++
		}
	}
	if failed == 0 || failed == len(s.CaseStudies) {
		t.Errorf("%d of %d case study pages failed, want some (their bodies' chunk was written) but not all (the last chunk was not)",
			failed, len(s.CaseStudies))
	}
	var printed strings.Builder
	renderDiags.Print(&printed)
	for _, msg := range []string{err.Error(), printed.String()} {
		for _, dir := range []string{src, scratch} {
			if strings.Contains(msg, dir) {
				t.Errorf("a message names the folder %s:\n%s", dir, msg)
			}
		}
	}
}
