package render

import (
	"testing"

	"github.com/casebook/casebook/internal/site"
)

// The entry of a page that went is kept through a few changes to the set
// of pages, then dropped; the entries of pages still there stay.
func TestPartialCacheDropsGonePagesInTime(t *testing.T) {
	stay, leave := &site.Page{URL: "/stay/"}, &site.Page{URL: "/leave/"}
	var c partialCache
	build := func(pages ...*site.Page) {
		s := &site.Site{Pages: pages}
		c.reset(s, site.NewFingerprints(s, false))
	}
	build(stay, leave)
	for _, p := range []*site.Page{stay, leave} {
		c.store(cacheKey{name: "card", page: p.URL}, &cached{stamp: c.stamp(cacheKey{page: p.URL}, p)})
	}
	cachedFor := func(p *site.Page) bool {
		_, ok := c.load(cacheKey{name: "card", page: p.URL})
		return ok
	}
	for i := range sweepAfter {
		// Pages come and go each time: another page every build.
		build(stay, &site.Page{URL: "/new/" + string(rune('a'+i)) + "/"})
		if kept, want := cachedFor(leave), i < sweepAfter-1; kept != want {
			t.Fatalf("after %d changes, the gone page's entry is kept: %v, want %v", i+1, kept, want)
		}
		if !cachedFor(stay) {
			t.Fatalf("after %d changes, the entry of a page still there went", i+1)
		}
	}
}
