package search

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/parallel"
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

// termBatch is how many terms' entries are made at a time. A batch's
// entries go into the shards, and its terms' postings are let go, before
// the next batch is made: no later term's entry reads them, since a term
// counts only itself and the longer words after it. Holding every entry
// and every posting to the end was some 200 MB at 100,000 case studies,
// at the moment the build holds the most. A variable for tests.
var termBatch = 8192

// writeTerms writes the term shards and works out every term's top lists
// on the way. It returns the shards' boundaries.
func (ix *indexer) writeTerms() []boundary {
	ix.tops = make([]termTops, len(ix.terms))
	begins := make([]int, len(ix.terms)) // the end of a term's run of longer words, or 0
	entries := make([]buffer, min(termBatch, len(ix.terms)))
	counters := sync.Pool{New: func() any { return newCounter(ix) }}
	shards := shardWriter{ix: ix}
	for lo := 0; lo < len(ix.terms); lo += termBatch {
		hi := min(lo+termBatch, len(ix.terms))
		parallel.Runs(hi-lo, func(from, to int) {
			counter := counters.Get().(*counter)
			defer counters.Put(counter)
			for i := lo + from; i < lo+to; i++ {
				if (i-lo-from)%askEvery == 0 && ix.stop.now() {
					return
				}
				entries[i-lo], begins[i] = ix.termEntry(i, counter)
				ix.tops[i].exact = topHits(ix.terms[i])
			}
		})
		if ix.stop.now() {
			return nil
		}
		for i := lo; i < hi; i++ {
			shards.add(ix.terms[i].text, entries[i-lo])
			entries[i-lo] = nil
			ix.terms[i].posts = nil
		}
	}
	for i, end := range begins {
		if end > 0 {
			ix.tops[i].prefix = prefixTop(ix.tops[i:end])
		}
	}
	return shards.finish()
}

// shardWriter gathers terms' entries into shards of about shardBytes, in
// the terms' order, each term written as what it shares with the one
// before and the rest.
type shardWriter struct {
	ix          *indexer
	out         []boundary
	body        buffer
	first, prev string
	n           int // terms in body
}

func (w *shardWriter) add(text string, entry buffer) {
	if w.n > 0 && len(w.body)+len(entry)+len(text) > shardBytes {
		w.flush()
	}
	if w.n == 0 {
		w.first = text
	}
	shared := commonPrefix(w.prev, text)
	w.body.uint(shared)
	w.body.str(text[shared:])
	w.body = append(w.body, entry...)
	w.prev = text
	w.n++
}

func (w *shardWriter) flush() {
	var head buffer
	head.uint(w.n)
	w.out = append(w.out, boundary{w.first, w.ix.file("t", "bin", append(head, w.body...))})
	w.body, w.prev, w.n = nil, "", 0
}

// finish writes the last shard, or an empty one for an empty index, and
// returns the shards' boundaries.
func (w *shardWriter) finish() []boundary {
	if w.n > 0 || len(w.out) == 0 {
		w.flush()
	}
	return w.out
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
	for p := range ix.terms[i].posts.all() {
		sets[p.tier()] = append(sets[p.tier()], p.doc)
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
// the first of the highest tiers: one pass keeps the first topN of each
// tier, and stops once the title's are found.
func topHits(t term) []hit {
	var firsts [tiers + 1][topN]hit
	var found [tiers + 1]int
	for p := range t.posts.all() {
		tier := p.tier()
		if found[tier] < topN {
			firsts[tier][found[tier]] = hit{doc: p.doc, score: qualityExact * tierWeight[tier], tier: tier, pos: p.pos()}
			found[tier]++
			if tier == tierTitle && found[tier] == topN {
				break
			}
		}
	}
	var out []hit
	for tier := tierTitle; tier >= tierBody && len(out) < topN; tier-- {
		out = append(out, firsts[tier][:min(found[tier], topN-len(out))]...)
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
		for p := range t.posts.all() {
			if c.stamp[p.doc] == c.run {
				continue
			}
			c.stamp[p.doc] = c.run
			for _, v := range c.ix.values.of(p.doc) {
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
