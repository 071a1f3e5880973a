package search

import (
	"slices"
	"testing"
	"unsafe"
)

func TestPostingKeepsTierAndOffset(t *testing.T) {
	for _, c := range []struct {
		tier         uint8
		pos, wantPos int32
	}{
		{tierBody, 0, 0},
		{tierBodyMany, 17, 17},
		{tierHead, 4096, 4096},
		{tierTitle, maxPos, maxPos},
		{tierTitle, maxPos + 1, maxPos},
		{tierBody, 1<<31 - 1, maxPos},
		{tierHead, -1, 0},
	} {
		p := newPosting(42, c.tier, c.pos)
		if p.doc != 42 || p.tier() != c.tier || p.pos() != c.wantPos {
			t.Errorf("newPosting(42, %d, %d) = doc %d, tier %d, pos %d; want 42, %d, %d",
				c.tier, c.pos, p.doc, p.tier(), p.pos(), c.tier, c.wantPos)
		}
	}
	if size := unsafe.Sizeof(posting{}); size != 8 {
		t.Errorf("a posting takes %d bytes, want 8", size)
	}
}

// TestPostingsRoundTrip packs runs of postings, as analyzeRange's workers
// do, joins them as analyzeAll does, and reads them back.
func TestPostingsRoundTrip(t *testing.T) {
	runs := [][]posting{
		{newPosting(0, tierTitle, 0), newPosting(1, tierBody, 5), newPosting(200, tierHead, 70_000)},
		{},
		{newPosting(201, tierBodyMany, maxPos)},
		{newPosting(1<<20, tierBody, 1), newPosting(1<<31-1, tierTitle, 3)},
	}
	var all postings
	var last int32
	var want []posting
	for _, run := range runs {
		var part postings
		var partLast int32
		for _, p := range run {
			part, partLast = part.add(partLast, p), p.doc
		}
		all = all.join(last, part)
		if len(run) > 0 {
			last = partLast
		}
		want = append(want, run...)
	}
	var got []posting
	for p := range all.all() {
		got = append(got, p)
	}
	if !slices.Equal(got, want) {
		t.Errorf("read back %v, want %v", got, want)
	}
	if c := all.compact(); !slices.Equal(c, all) || cap(c) > len(c)+len(c)/4 {
		t.Errorf("compact kept %d bytes of room for %d, or changed them", cap(c), len(c))
	}
}
