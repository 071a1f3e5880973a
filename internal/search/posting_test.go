package search

import (
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
