package search_test

import (
	"bytes"
	"sync/atomic"
	"testing"

	"github.com/casebook/casebook/internal/search"
)

// BuildUnless gives up at whichever of its questions the answer turns to
// yes, and an index made afterwards with the same cache is the one Build
// makes.
func TestBuildUnlessStopsAtAnyQuestion(t *testing.T) {
	s := synthGraph(t, 300)
	want := search.Build(s, nil)
	var asked atomic.Int64
	cache := &search.Cache{}
	if ix, ok := search.BuildUnless(s, cache, func() bool { asked.Add(1); return false }); !ok || !sameIndex(ix, want) {
		t.Fatalf("never told to stop: ok %v, same index as Build %v", ok, ok && sameIndex(ix, want))
	}
	total := asked.Load()
	if total < 20 {
		t.Fatalf("%d questions for %d docs, want one every few dozen pages or terms", total, want.Docs)
	}
	for after := int64(1); after <= total; after++ {
		asked.Store(0)
		if ix, ok := search.BuildUnless(s, cache, func() bool { return asked.Add(1) >= after }); ok || ix != nil {
			t.Fatalf("told to stop at question %d of %d: ok %v", after, total, ok)
		}
	}
	if ix, ok := search.BuildUnless(s, cache, nil); !ok || !sameIndex(ix, want) {
		t.Errorf("after %d builds given up, the index is not Build's", total)
	}
}

func sameIndex(a, b *search.Index) bool {
	if !bytes.Equal(a.Manifest, b.Manifest) || len(a.Files) != len(b.Files) {
		return false
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			return false
		}
	}
	return true
}

// The term shards are written a batch of terms at a time, each batch's
// postings let go before the next: the index is the same whatever the
// batch, including batches that split a run of terms beginning with the
// same word, whose counts read the postings of later batches.
func TestTermBatchesMakeTheSameIndex(t *testing.T) {
	s := synthGraph(t, 300)
	want := search.Build(s, nil)
	for _, n := range []int{1, 7, 1000} {
		restore := search.SetTermBatch(n)
		got := search.Build(s, nil)
		restore()
		if !sameIndex(got, want) {
			t.Errorf("batches of %d terms make another index", n)
		}
	}
}
