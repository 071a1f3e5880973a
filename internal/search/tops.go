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
	// Each term's lists, with their snippets, on every core; then the
	// files, in order.
	exact := make([][]byte, len(ix.terms))
	prefix := make([][]byte, len(ix.terms))
	parallel.Runs(len(ix.terms), func(lo, hi int) {
		var bodies bodies
		for i := lo; i < hi; i++ {
			exact[i] = ix.topList(ix.terms[i].text, ix.tops[i].exact, &bodies)
			if p := ix.tops[i].prefix; p != nil {
				prefix[i] = ix.topList(ix.terms[i].text, p, &bodies)
			}
		}
		ix.unpacked.Add(int64(bodies.unpacked))
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
