package build

import (
	"bytes"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/render"
)

// A save that comes while Settle makes the search index stops it within a
// few pages or terms, at whichever question it comes: Settle serves what
// it finished, says the index is still stale, and each edition's search
// page carries the manifest that edition publishes. The next Settle makes
// the index, and the site is then a clean build's.
func TestSessionSettleGivesUpTheIndexForASave(t *testing.T) {
	dir := bilingualBundledCopy(t)
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	edit := func(n int) {
		t.Helper()
		writeFile(t, dir, studyPath, readFile(t, dir, studyPath)+fmt.Sprintf("\nA sentence about bus route %d.\n", n))
		var diags diag.List
		if _, st, err := s.Rebuild([]string{studyPath}, &diags); err != nil || diags.HasErrors() || !st.SearchStale {
			t.Fatalf("a body edit: %v %v; index left for Settle: %v", err, diags.Items(), st.SearchStale)
		}
	}
	settle := func(waiting func() bool) Stats {
		t.Helper()
		s.Interrupt(waiting)
		defer s.Interrupt(nil)
		var diags diag.List
		_, st, err := s.Settle(&diags)
		if err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
		return st
	}
	// How many times an uninterrupted Settle asks, in both editions.
	edit(0)
	var asked atomic.Int64
	if st := settle(func() bool { asked.Add(1); return false }); st.SearchStale || st.Indexed == 0 {
		t.Fatalf("an uninterrupted Settle left the index stale: %v, made %d files", st.SearchStale, st.Indexed)
	}
	total := asked.Load()
	if total < 4 {
		t.Fatalf("Settle asked %d times whether a save is waiting, want a question every few pages", total)
	}
	for i, after := range []int64{1, 2, total / 2, total - 1, total} {
		edit(i + 1)
		asked.Store(0)
		st := settle(func() bool { return asked.Add(1) >= after })
		if !st.SearchStale {
			t.Fatalf("a save waiting at question %d of %d: the index is not left stale", after, total)
		}
		files := unpack(t, s.Files())
		for _, edition := range []string{"", "es/"} {
			page, manifest := files[edition+"search/index.html"], files[edition+render.ManifestPath]
			if len(manifest) == 0 || !bytes.Contains(page, manifest) {
				t.Errorf("a save waiting at question %d of %d: /%ssearch/ does not carry the manifest published beside it", after, total, edition)
			}
		}
		if st := settle(nil); st.SearchStale || st.Indexed == 0 {
			t.Fatalf("the Settle after: index stale %v, %d files", st.SearchStale, st.Indexed)
		}
		compareFiles(t, unpack(t, s.Files()), mustClean(t, dir), []string{studyPath})
	}
}
