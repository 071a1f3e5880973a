package search

import (
	"strconv"

	"github.com/casebook/casebook/internal/parallel"
)

// writeTops writes the top lists, alphabetical runs of terms per file:
//
//	{"docs":[record...],"exact":{"term":[[doc,"snippet"],...]},"prefix":{...}}
//
// with the record (without text) of every doc the file's lists name.
func (ix *indexer) writeTops() []boundary {
	w := topsWriter{ix: ix, inFile: map[int32]bool{}}
	// The lists of a batch of terms at a time, with their snippets, on
	// every core; then into files, in order. A batch rather than every
	// term at once: at 100,000 case studies, every list is 72 MB.
	for lo := 0; lo < len(ix.terms) && !ix.stop.now(); lo += topsBatch {
		hi := min(lo+topsBatch, len(ix.terms))
		exact := make([][]byte, hi-lo)
		prefix := make([][]byte, hi-lo)
		parallel.Runs(hi-lo, func(from, to int) {
			bodies := bodies{stop: ix.stop}
			for k := from; k < to; k++ {
				i := lo + k
				exact[k] = ix.topList(ix.terms[i].text, ix.tops[i].exact, &bodies)
				if p := ix.tops[i].prefix; p != nil {
					prefix[k] = ix.topList(ix.terms[i].text, p, &bodies)
				}
			}
			ix.unpacked.Add(int64(bodies.unpacked))
		})
		for k := range exact {
			w.term(lo+k, exact[k], prefix[k])
		}
	}
	if w.first != "" {
		w.flush()
	}
	return w.out
}

// topsBatch is how many terms' top lists are made at a time.
const topsBatch = 4096

// topsWriter puts top lists into files as they come, term by term.
type topsWriter struct {
	ix            *indexer
	out           []boundary
	docs, ex, pre []byte
	first         string         // the file's first term; "" before it has one
	inFile        map[int32]bool // the docs whose records the file has
}

// term adds term i's lists (prefix may be nil), starting a file first when
// the one being written is full.
func (w *topsWriter) term(i int, exact, prefix []byte) {
	if w.first != "" && len(w.docs)+len(w.ex)+len(w.pre) > topBytes {
		w.flush()
	}
	if w.first == "" {
		w.first = w.ix.terms[i].text
	}
	w.ex = appendListItem(w.ex, exact)
	if prefix != nil {
		w.pre = appendListItem(w.pre, prefix)
	}
	for _, hits := range [][]hit{w.ix.tops[i].exact, w.ix.tops[i].prefix} {
		for _, h := range hits {
			if !w.inFile[h.doc] {
				w.inFile[h.doc] = true
				if len(w.docs) > 0 {
					w.docs = append(w.docs, ',')
				}
				w.docs = w.ix.appendRecord(w.docs, h.doc, false)
			}
		}
	}
}

func (w *topsWriter) flush() {
	js := append([]byte(`{"docs":[`), w.docs...)
	js = append(append(js, `],"exact":{`...), w.ex...)
	js = append(append(js, `},"prefix":{`...), w.pre...)
	js = append(js, "}}"...)
	w.out = append(w.out, boundary{w.first, w.ix.file("r", "json", js)})
	w.docs, w.ex, w.pre = w.docs[:0], w.ex[:0], w.pre[:0]
	clear(w.inFile)
	w.first = ""
}

// appendListItem adds item to a comma-separated list.
func appendListItem(dst, item []byte) []byte {
	if len(dst) > 0 {
		dst = append(dst, ',')
	}
	return append(dst, item...)
}

// topList is one term's top list as JSON: "term":[[doc,"snippet"],...].
func (ix *indexer) topList(term string, hits []hit, bodies *bodies) []byte {
	dst := append(appendJSONString(nil, term), ':', '[')
	for k, h := range hits {
		if k > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendInt(append(dst, '['), int64(h.doc), 10)
		dst = append(appendJSONString(append(dst, ','), ix.snippetFor(h.doc, h.tier, int(h.pos), bodies)), ']')
	}
	return append(dst, ']')
}
