package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/packed"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/synth"
)

// TestUnreadableBodies loses the file a build keeps its bodies in, after
// they are converted: the search index and rendering fail with
// packed.ErrRead, naming the page and no folder, and blaming no layout;
// nothing panics.
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
	if ix := search.Build(s, nil); !errors.Is(ix.Err, packed.ErrRead) || ix.Manifest != nil {
		t.Errorf("the search index: error %v, %d bytes of manifest; want packed.ErrRead and none", ix.Err, len(ix.Manifest))
	}
	outs := r.Plan(s, nil, &diags)
	var renderDiags diag.List
	err = renderAll(outs, false, func(render.Output, []byte) error { return nil }, &renderDiags)
	if !errors.Is(err, packed.ErrRead) {
		t.Fatalf("rendering with the bodies' file gone: %v, want packed.ErrRead", err)
	}
	// The failure is the system's: no layout is blamed for it.
	if strings.Contains(err.Error(), "layouts") || strings.Contains(err.Error(), "template") {
		t.Errorf("the error blames a layout: %v", err)
	}
	if !strings.Contains(err.Error(), ".md: "+packed.ErrRead.Error()) {
		t.Errorf("the error does not name the page whose body is lost: %v", err)
	}
	if renderDiags.HasErrors() {
		var b strings.Builder
		renderDiags.Print(&b)
		t.Errorf("layout errors besides the failure:\n%s", b.String())
	}
	// The last chunk of bodies was still in memory: those pages render.
	rendered := 0
	for _, c := range s.CaseStudies {
		if body, err := c.Content(); err == nil && body != "" {
			rendered++
		}
	}
	if rendered == 0 || rendered == len(s.CaseStudies) {
		t.Errorf("%d of %d case studies' bodies read back, want some (in memory) but not all (in the file)", rendered, len(s.CaseStudies))
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

// TestSpilledCardsRenderTheSame renders a site with every card that lists
// show spilled to a file of their own, and without: every output is the
// same. Then it loses that file and renders the pages again: those that
// show a card fail with packed.ErrRead, naming the page and blaming no
// layout.
func TestSpilledCardsRenderTheSame(t *testing.T) {
	src := t.TempDir()
	// Enough case studies that their cards, packed, fill a chunk of the
	// file: the last chunk stays in memory.
	if err := synth.Write(src, 3000); err != nil {
		t.Fatal(err)
	}
	scratch := t.TempDir()
	open := func(name string) *os.File {
		f, err := os.Create(filepath.Join(scratch, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	plan := func(cards *os.File) []render.Output {
		var diags diag.List
		bodies := "bodies"
		if cards != nil {
			bodies = "bodies-beside-cards"
		}
		g, err := graph(Options{Src: src, Theme: casebook.Theme}, packed.NewSpill(open(bodies)), &diags)
		if err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
		s, r := g.editions[0].site, g.editions[0].r
		if cards != nil {
			r.SpillPartials(packed.NewSpill(cards), 0)
		}
		return r.Plan(s, nil, &diags)
	}
	renderEach := func(outs []render.Output) (map[string]string, error) {
		got := map[string]string{}
		var mu sync.Mutex
		keep := func(o render.Output, b []byte) error {
			mu.Lock()
			defer mu.Unlock()
			got[o.Path] = string(b)
			return nil
		}
		var diags diag.List
		err := renderAll(outs, false, keep, &diags)
		if diags.HasErrors() {
			t.Fatal(diags.Items())
		}
		return got, err
	}
	want, err := renderEach(plan(nil))
	if err != nil {
		t.Fatal(err)
	}
	cards := open("cards")
	outs := plan(cards)
	got, err := renderEach(outs)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d outputs with the cards spilled, %d without", len(got), len(want))
	}
	for path, html := range want {
		if got[path] != html {
			t.Errorf("%s differs with the cards spilled", path)
		}
	}
	if info, err := cards.Stat(); err != nil || info.Size() == 0 {
		t.Fatalf("no card reached the file: %v", err)
	}
	cards.Close()
	_, err = renderEach(outs)
	if !errors.Is(err, packed.ErrRead) {
		t.Fatalf("rendering with the cards' file gone: %v, want packed.ErrRead", err)
	}
	if strings.Contains(err.Error(), "layouts") || strings.Contains(err.Error(), scratch) {
		t.Errorf("the error blames a layout or names a folder: %v", err)
	}
	if page, _, _ := strings.Cut(err.Error(), ": "+packed.ErrRead.Error()); !strings.HasSuffix(page, ".md") && !strings.HasSuffix(page, "/") {
		t.Errorf("the error does not name the page: %v", err)
	}
}
