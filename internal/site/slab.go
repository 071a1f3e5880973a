package site

// pageChunk is how many pages a slab's array holds: about 220 KB of them.
const pageChunk = 256

// A pageSlab hands out the builder's pages from arrays of pageChunk,
// rather than one allocation each. The collector follows every pointer
// to a page on every collection while pages render: millions of them at
// 100,000 case studies, from the relation lists. A pointer into one of a
// few hundred large arrays costs it a lookup it has in cache, where one
// of 155,000 separate pages cost a miss apiece. An array lives while any
// page of it does, which costs nothing in a build, whose pages live to
// its end. The development server makes each save's new pages one by one
// (a nil slab), and each pagination's pages in arrays of their own, so
// that the pages a save replaces go with their arrays.
//
// A slab is for one goroutine at a time: the builder makes pages as it
// indexes the files and paginates, one after the other.
type pageSlab struct {
	free []Page
}

// next returns a zeroed page; a nil slab allocates it alone.
func (s *pageSlab) next() *Page {
	if s == nil {
		return new(Page)
	}
	if len(s.free) == 0 {
		s.free = make([]Page, pageChunk)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}
