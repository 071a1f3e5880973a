package search

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// hit is one doc of a top list, with what put it there.
type hit struct {
	doc   int32
	score int
	tier  uint8
	pos   int32
}

// Ranking: a doc's score for a query word is the weight of the best place
// the word is in (title, head, body often, body once) times how well it
// matched (the word itself, a longer word it begins, or a word one typing
// mistake away). search.js ranks with the same numbers.
var tierWeight = [tiers + 1]int{0, 1, 2, 6, 12}

const (
	qualityTypo   = 1
	qualityPrefix = 2
	qualityExact  = 3
)

// termTops are a term's top lists.
type termTops struct {
	exact  []hit // the best docs with the term itself
	prefix []hit // the best with the term or a longer word it begins; nil when none
}

// writeTerms writes the term shards and works out every term's top lists
// on the way. It returns the shards' boundaries.
func (ix *indexer) writeTerms() []boundary {
	ix.tops = make([]termTops, len(ix.terms))
	entries := make([]buffer, len(ix.terms))
	begins := make([]int, len(ix.terms)) // the end of a term's run of longer words, or 0
	parallel(len(ix.terms), func(lo, hi int) {
		counter := newCounter(ix)
		for i := lo; i < hi; i++ {
			entries[i], begins[i] = ix.termEntry(i, counter)
			ix.tops[i].exact = topHits(ix.terms[i])
		}
	})
	for i, end := range begins {
		if end > 0 {
			ix.tops[i].prefix = prefixTop(ix.tops[i:end])
		}
	}
	var out []boundary
	var body buffer
	first, prev, n := "", "", 0
	flush := func() {
		var head buffer
		head.uint(n)
		out = append(out, boundary{first, ix.file("t", "bin", append(head, body...))})
		body, prev, n = nil, "", 0
	}
	for i, t := range ix.terms {
		e := entries[i]
		if n > 0 && len(body)+len(e)+len(t.text) > shardBytes {
			flush()
		}
		if n == 0 {
			first = t.text
		}
		shared := commonPrefix(prev, t.text)
		body.uint(shared)
		body.str(t.text[shared:])
		body = append(body, e...)
		prev = t.text
		n++
	}
	if n > 0 || len(out) == 0 {
		flush()
	}
	return out
}

// termEntry encodes term i's entry in a shard, but for the term itself:
// whether it begins longer words, its docs by tier, and its counts (and
// those of its run of longer words). It returns the end of that run, or 0.
func (ix *indexer) termEntry(i int, counter *counter) (buffer, int) {
	var e buffer
	end := prefixRunEnd(ix.terms, i)
	flags := 0
	if end > i+1 {
		flags = 1
	}
	e.uint(flags)
	sets := [tiers + 1][]int32{}
	for _, p := range ix.terms[i].posts {
		sets[p.tier] = append(sets[p.tier], p.doc)
	}
	for tier := tierTitle; tier >= tierBody; tier-- {
		e.set(sets[tier])
	}
	counter.write(&e, ix.terms[i:i+1])
	if flags == 0 {
		return e, 0
	}
	counter.write(&e, ix.terms[i:end])
	return e, end
}

// parallel calls fn on runs of [0, n) on every core and waits.
func parallel(n int, fn func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	chunk := max(1, (n+workers-1)/workers)
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		wg.Go(func() { fn(lo, min(lo+chunk, n)) })
	}
	wg.Wait()
}

// prefixRunEnd returns the end of the run of terms starting at i that
// begin with terms[i]: the sorted vocabulary keeps them together.
func prefixRunEnd(terms []term, i int) int {
	j := i + 1
	for j < len(terms) && strings.HasPrefix(terms[j].text, terms[i].text) {
		j++
	}
	return j
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// topHits ranks a term's docs by the tier the word is in, then by doc, and
// keeps the best topN. A term's postings are in doc order, so the best are
// the first of the highest tiers.
func topHits(t term) []hit {
	var out []hit
	for tier := uint8(tierTitle); tier >= tierBody && len(out) < topN; tier-- {
		for _, p := range t.posts {
			if p.tier == tier {
				out = append(out, hit{doc: p.doc, score: qualityExact * tierWeight[tier], tier: tier, pos: p.pos})
				if len(out) == topN {
					break
				}
			}
		}
	}
	return out
}

// prefixTop ranks the docs of a run of terms, the first matched as itself
// and the rest as longer words it begins, from their own top lists: a doc
// that is not in the top list of the term it scores best by has ten docs
// above it already.
func prefixTop(tops []termTops) []hit {
	best := map[int32]hit{}
	for k, t := range tops {
		for _, h := range t.exact {
			if k > 0 {
				h.score = h.score / qualityExact * qualityPrefix
			}
			if old, ok := best[h.doc]; !ok || h.score > old.score {
				best[h.doc] = h
			}
		}
	}
	hits := make([]hit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc)) })
	return hits[:min(topN, len(hits))]
}

// counter counts the facet values of the docs of runs of terms.
type counter struct {
	ix     *indexer
	counts []int
	stamp  []int32 // the run a doc was last counted in, to count it once
	run    int32
}

func newCounter(ix *indexer) *counter {
	n := 0
	for _, f := range ix.facets {
		n += len(f.Values)
	}
	return &counter{ix: ix, counts: make([]int, n), stamp: make([]int32, len(ix.docs))}
}

// write appends the counts of the docs of run to e, sparsely: the number
// of values with docs, then for each its distance from the one before (the
// first from -1) and its count.
func (c *counter) write(e *buffer, run []term) {
	c.run++
	var touched []int
	for _, t := range run {
		for _, p := range t.posts {
			if c.stamp[p.doc] == c.run {
				continue
			}
			c.stamp[p.doc] = c.run
			for _, v := range c.ix.values[p.doc] {
				if c.counts[v] == 0 {
					touched = append(touched, int(v))
				}
				c.counts[v]++
			}
		}
	}
	slices.Sort(touched)
	e.uint(len(touched))
	prev := -1
	for _, v := range touched {
		e.uint(v - prev)
		e.uint(c.counts[v])
		c.counts[v] = 0
		prev = v
	}
}

// writeTops writes the top lists, alphabetical runs of terms per file:
//
//	{"docs":[record...],"exact":{"term":[[doc,"snippet"],...]},"prefix":{...}}
//
// with the record (without text) of every doc the file's lists name.
func (ix *indexer) writeTops() []boundary {
	// Each term's lists, with their snippets, on every core; then the
	// files, in order.
	exact := make([][]byte, len(ix.terms))
	prefix := make([][]byte, len(ix.terms))
	parallel(len(ix.terms), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			exact[i] = ix.topList(ix.terms[i].text, ix.tops[i].exact)
			if p := ix.tops[i].prefix; p != nil {
				prefix[i] = ix.topList(ix.terms[i].text, p)
			}
		}
	})
	var out []boundary
	var docs, ex, pre []byte
	var first string
	inFile := map[int32]bool{}
	flush := func() {
		js := append([]byte(`{"docs":[`), docs...)
		js = append(append(js, `],"exact":{`...), ex...)
		js = append(append(js, `},"prefix":{`...), pre...)
		js = append(js, "}}"...)
		out = append(out, boundary{first, ix.file("r", "json", js)})
		docs, ex, pre = docs[:0], ex[:0], pre[:0]
		clear(inFile)
		first = ""
	}
	add := func(dst, list []byte) []byte {
		if len(dst) > 0 {
			dst = append(dst, ',')
		}
		return append(dst, list...)
	}
	for i, t := range ix.terms {
		if first != "" && len(docs)+len(ex)+len(pre) > topBytes {
			flush()
		}
		if first == "" {
			first = t.text
		}
		ex = add(ex, exact[i])
		if prefix[i] != nil {
			pre = add(pre, prefix[i])
		}
		for _, hits := range [][]hit{ix.tops[i].exact, ix.tops[i].prefix} {
			for _, h := range hits {
				if !inFile[h.doc] {
					inFile[h.doc] = true
					if len(docs) > 0 {
						docs = append(docs, ',')
					}
					docs = ix.docs[h.doc].appendRecord(docs, int(h.doc), false)
				}
			}
		}
	}
	if first != "" {
		flush()
	}
	return out
}

// topList is one term's top list as JSON: "term":[[doc,"snippet"],...].
func (ix *indexer) topList(term string, hits []hit) []byte {
	dst := append(appendJSONString(nil, term), ':', '[')
	for k, h := range hits {
		if k > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendInt(append(dst, '['), int64(h.doc), 10)
		dst = append(appendJSONString(append(dst, ','), ix.docs[h.doc].snippetFor(h.tier, int(h.pos))), ']')
	}
	return append(dst, ']')
}

// appendRecord appends what a result shows of a doc: its number, title,
// address, kind, district and year; with text, the start of its head, and
// of its body when the head is short, for a snippet.
func (d *doc) appendRecord(dst []byte, id int, text bool) []byte {
	district := ""
	if d.district != nil && d.kind != kindDistrict {
		district = d.district.Title
	}
	dst = strconv.AppendInt(append(dst, '['), int64(id), 10)
	dst = appendJSONString(append(dst, ','), d.title)
	dst = appendJSONString(append(dst, ','), d.url)
	dst = strconv.AppendInt(append(dst, ','), int64(d.kind), 10)
	dst = appendJSONString(append(dst, ','), district)
	dst = strconv.AppendInt(append(dst, ','), int64(d.year), 10)
	if text {
		sn := lead(d.head, headChars)
		if rest := headChars - len(sn); rest >= minBodyLead && d.body != "" {
			sn = strings.TrimSpace(sn + " " + lead(d.body, rest))
		}
		dst = appendJSONString(append(dst, ','), sn)
	}
	return append(dst, ']')
}

// writeRecords writes every doc's record, recordsPer docs a file, and
// returns the digest of each run of recordChunk files (see manifest).
func (ix *indexer) writeRecords() []string {
	files := make([][]byte, (len(ix.docs)+recordsPer-1)/recordsPer)
	parallel(len(files), func(from, to int) {
		for f := from; f < to; f++ {
			lo, hi := f*recordsPer, min((f+1)*recordsPer, len(ix.docs))
			js := make([]byte, 1, 400*(hi-lo))
			js[0] = '['
			for d := lo; d < hi; d++ {
				if d > lo {
					js = append(js, ',')
				}
				js = ix.docs[d].appendRecord(js, d, true)
			}
			files[f] = append(js, ']')
		}
	})
	var sums []string
	for lo := 0; lo < len(files); lo += recordChunk {
		chunk := files[lo:min(lo+recordChunk, len(files))]
		sum := digest(chunk...)
		for i, data := range chunk {
			ix.add(fmt.Sprintf("d-%s-%d.json", sum, lo+i), data)
		}
		sums = append(sums, sum)
	}
	return sums
}

// writeFacets writes every doc's facet values, a column per facet: for a
// facet whose results may have several values, a bitmask per doc (value v
// is bit v%8 of byte v/8); otherwise the value's number plus one (0 for
// none), in one byte, or two (low byte first) past 254 values. A lesson's
// cells of the facets it inherits are left empty; after the columns, the
// lessons' case studies: the number of lessons, then for each lesson its
// doc and its case study's doc, each as the distance from the one before.
// Lessons are contiguous and in their case studies' order, so the empty
// cells and the distances compress to almost nothing.
func (ix *indexer) writeFacets() string {
	var b buffer
	for fi, f := range ix.facets {
		width := 1
		switch {
		case f.Multi:
			width = (len(f.Values) + 7) / 8
		case len(f.Values) >= 255:
			width = 2
		}
		b.uint(width)
		col := make([]byte, width*len(ix.docs))
		lo, hi := ix.offset[fi], ix.offset[fi]+len(f.Values)
		for d, vals := range ix.values {
			if f.Inherit && ix.docs[d].parent >= 0 {
				continue
			}
			for _, g := range vals {
				v := int(g)
				if v < lo || v >= hi {
					continue
				}
				v -= lo
				cell := col[d*width : (d+1)*width]
				if f.Multi {
					cell[v/8] |= 1 << (v % 8)
				} else {
					cell[0] = byte(v + 1)
					if width == 2 {
						cell[1] = byte((v + 1) >> 8)
					}
				}
			}
		}
		b = append(b, col...)
	}
	var children []int
	for d := range ix.docs {
		if ix.docs[d].parent >= 0 {
			children = append(children, d)
		}
	}
	b.uint(len(children))
	prevDoc, prevParent := 0, 0
	for _, d := range children {
		b.uint(d - prevDoc)
		b.uint(ix.docs[d].parent - prevParent)
		prevDoc, prevParent = d, ix.docs[d].parent
	}
	return ix.file("f", "bin", b)
}
