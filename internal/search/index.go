// Package search builds a site's search index from the site graph: the
// files /search/ fetches, a few at a time, to answer a query in the
// browser (static/js/search.js) without a server.
//
// Every result (a page, or a lesson of a case study) is a doc, numbered in
// the order ties are broken in. Every word of every doc is a term, folded
// (case and accents removed). The files:
//
//   - the manifest, inlined in /search/: the facets and their values, the
//     counts with no query, and where each term, top list and doc lives;
//   - term shards (t-*.bin), alphabetical runs of terms: for each term its
//     docs by where the word is (title, head, body often, body once), its
//     facet counts, and for a term that begins others the counts of all of
//     them together;
//   - top lists (r-*.json), alphabetical too: for each term its ten best
//     docs, ready to show with a snippet around the word, so a one-word
//     query needs one shard and one top list;
//   - doc records (d-*.json), runs of docs in order: what other queries
//     show of a result;
//   - the facet columns (f-*.bin): every doc's facet values, for counts and
//     filters under any query.
package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/site"
)

// Dir is where the index files go in the built site.
const Dir = "search/index/"

// File is one file of the index.
type File struct {
	Path string // in the built site: "search/index/t-1a2b3c4d5e.bin"
	Data []byte // gzipped, as published: many hosts do not compress what they serve
	Key  uint64 // digests the bytes before compression, never 0
}

// Index is a site's search index.
type Index struct {
	// Manifest is the JSON the search page carries inline and
	// search/manifest.json holds.
	Manifest []byte
	Files    []File
	// Docs counts the results.
	Docs int
	// Unpacked counts the bodies unpacked again to cut snippets from.
	Unpacked int
	// Err, when set, says why there is no index: a page's text could
	// not be read back (see site.Options.Spill). Nothing else is set.
	Err error
}

// Sizes of the index's pieces, before compression. A query fetches whole
// files, so they are small: a term shard holds a run of rare words, or a
// common word or two (whose docs take up to a bit each per tier); a top
// list file, the top lists of a run of terms.
const (
	shardBytes  = 24 << 10 // raw bytes of a term shard
	topBytes    = 48 << 10 // raw bytes of a top-list file
	recordsPer  = 128      // docs per record file
	recordChunk = 64       // record files per digest in their names
	topN        = 10       // results in a top list: the first page of results
	headChars   = 160      // text kept in a doc record: the head's, then the body's
	minBodyLead = 40       // the least of the body worth adding to a short head
	snippetLead = 50       // bytes of context before a word in a snippet
	snippetLen  = 160      // bytes a snippet aims at
)

// Where a word is in a doc, best first. A doc counts under its best tier
// for a term.
const (
	tierBody     = 1 // in the body, once or twice
	tierBodyMany = 2 // in the body three times or more
	tierHead     = 3 // in the summary, lesson text, problem or solution
	tierTitle    = 4
	tiers        = 4
)

// posting is one doc a term is in, as postings give them one at a time
// (a term keeps its own packed: see postings).
type posting struct {
	doc int32
	// at is the tier, in the low 3 bits, and above them the byte offset
	// of the word's first occurrence in the field of its tier.
	at uint32
}

// maxPos is the largest offset a posting holds; a later one is taken as
// maxPos, which only moves a snippet in a field of over 512 MB.
const maxPos = 1<<29 - 1

func newPosting(doc int32, tier uint8, pos int32) posting {
	return posting{doc: doc, at: uint32(min(max(pos, 0), maxPos))<<3 | uint32(tier)}
}

func (p posting) tier() uint8 { return uint8(p.at & 7) }
func (p posting) pos() int32  { return int32(p.at >> 3) }

type term struct {
	text  string
	posts postings
}

// Build indexes the site. cache, which may be nil, keeps the compressed
// files of earlier builds: the development server rebuilds the index after
// every save, and most files come out the same.
func Build(s *site.Site, cache *Cache) *Index {
	index, _ := BuildUnless(s, cache, nil)
	return index
}

// BuildUnless is Build that gives up as soon as stop, which may be nil,
// returns true, and then returns false and leaves cache as it was. stop
// is asked from every core, every few dozen pages or terms: the
// development server remakes the index after a save, and a second save
// should not wait the best part of a second behind it.
func BuildUnless(s *site.Site, cache *Cache, stop func() bool) (*Index, bool) {
	if cache == nil {
		cache = &Cache{}
	}
	docs := collect(s)
	facets := buildFacets(s, docs)
	ix := &indexer{docs: docs, facets: facets, lang: languageFor(s.Lang), words: s.Words(), stop: &stopper{ask: stop}}
	ix.flattenFacets()
	if ix.terms = analyzeAll(docs, ix.lang, ix.stop); ix.stop.now() {
		return ix.stopped()
	}
	ix.packer = newPacker(cache.gz)
	index := ix.write()
	if index == nil {
		return ix.stopped()
	}
	cache.keep(index.Files)
	return index, true
}

// stopped is what BuildUnless returns when the index stopped: nothing,
// when its caller said to stop, and an index with only Err when reading
// a body failed.
func (ix *indexer) stopped() (*Index, bool) {
	if err := ix.stop.failure(); err != nil {
		return &Index{Err: err}, true
	}
	return nil, false
}

// A stopper asks whether to give up, and remembers a yes: every part of
// the index that sees it stops, and the caller, asking after them, sees
// it too. A stopper with no question stops only on failure; a nil one
// never stops, and cannot be told of a failure (every index has one).
type stopper struct {
	ask     func() bool
	stopped atomic.Bool
	mu      sync.Mutex
	err     error // the first failure, which stopped the index
}

func (s *stopper) now() bool {
	if s == nil {
		return false
	}
	if s.stopped.Load() {
		return true
	}
	if s.ask != nil && s.ask() {
		s.stopped.Store(true)
		return true
	}
	return false
}

// fail stops the index for err: a body that could not be read back.
func (s *stopper) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
	s.stopped.Store(true)
}

// failure is what stopped the index, if anything failed.
func (s *stopper) failure() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// askEvery is how many pages or terms a worker goes through between two
// questions to its stopper: a few milliseconds of work.
const askEvery = 64

// A Cache keeps the compressed index files of the last build by the
// digest of their bytes.
type Cache struct {
	gz map[uint64][]byte
}

type indexer struct {
	lang   *language
	words  *i18n.Table
	docs   []doc
	facets []*facet
	offset []int      // offset[f] is facet f's first value in the flat numbering
	values docValues  // each doc's facet values, flat numbers
	terms  []term     // sorted
	tops   []termTops // by term
	packer *packer    // compresses the files as they are written
	stop   *stopper   // see BuildUnless
	// unpacked counts the bodies unpacked again for snippets.
	unpacked atomic.Int64
}

// flattenFacets numbers every facet value across the facets, and lists
// each doc's values.
func (ix *indexer) flattenFacets() {
	n := 0
	for _, f := range ix.facets {
		ix.offset = append(ix.offset, n)
		n += len(f.Values)
	}
	ix.values.start = make([]int32, len(ix.docs)+1)
	for d := range ix.docs {
		for fi, f := range ix.facets {
			for _, v := range f.of(&ix.docs[d]) {
				ix.values.flat = append(ix.values.flat, uint16(ix.offset[fi]+v))
			}
		}
		ix.values.start[d+1] = int32(len(ix.values.flat))
	}
}

// docValues are the docs' facet values in one list: a large site has
// hundreds of thousands of docs, each with a few values, and a list for
// each would take more than its values.
type docValues struct {
	flat  []uint16
	start []int32 // doc d's values are flat[start[d]:start[d+1]]
}

// of is doc d's values.
func (dv *docValues) of(d int32) []uint16 { return dv.flat[dv.start[d]:dv.start[d+1]] }

// analyzeAll finds every doc's terms on all cores, each worker taking a
// run of docs so the postings come out in doc order.
func analyzeAll(docs []doc, lang *language, stop *stopper) []term {
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(docs) + workers - 1) / max(workers, 1)
	parts := make([]map[string]*termAcc, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*chunk, min((w+1)*chunk, len(docs))
		wg.Go(func() { parts[w] = analyzeRange(docs, lo, hi, lang, stop) })
	}
	wg.Wait()
	if stop.now() {
		return nil
	}
	all := parts[0]
	for _, part := range parts[1:] {
		for t, acc := range part {
			if into := all[t]; into != nil {
				into.posts, into.last = into.posts.join(into.last, acc.posts), acc.last
			} else {
				all[t] = acc
			}
		}
	}
	terms := make([]term, 0, len(all))
	for t, acc := range all {
		terms = append(terms, term{text: t, posts: acc.posts.compact()})
	}
	slices.SortFunc(terms, func(a, b term) int { return strings.Compare(a.text, b.text) })
	return terms
}

// termAcc gathers one term's postings, and what the doc being read has of
// it so far.
type termAcc struct {
	posts     postings
	last      int32 // the last doc in posts; 0 before the first
	doc       int32 // the doc being read; -1 before the first
	tier      uint8 // its best tier but the body so far; 0 for none
	pos       int32 // where the word is first in that tier's field
	bodyCount int
}

// done adds the doc being read to the postings under its best tier: the
// title, the head, or the body, often or not.
func (a *termAcc) done() {
	tier := a.tier
	if tier == 0 {
		tier = tierBody
		if a.bodyCount >= 3 {
			tier = tierBodyMany
		}
	}
	a.posts = a.posts.add(a.last, newPosting(a.doc, tier, a.pos))
	a.last = a.doc
}

func analyzeRange(docs []doc, lo, hi int, lang *language, stop *stopper) map[string]*termAcc {
	accs := map[string]*termAcc{}
	var touched []*termAcc
	for d := lo; d < hi; d++ {
		if (d-lo)%askEvery == 0 && stop.now() {
			return nil
		}
		id := int32(d)
		note := func(t string, tier uint8, pos int) {
			a := accs[t]
			if a == nil {
				// t is a slice of the text: a copy as the key lets the
				// text go.
				a = &termAcc{doc: -1}
				accs[strings.Clone(t)] = a
			}
			if a.doc != id {
				a.doc, a.tier, a.pos, a.bodyCount = id, 0, -1, 0
				touched = append(touched, a)
			}
			switch {
			case tier == tierBody:
				if a.bodyCount == 0 && a.tier == 0 {
					a.pos = int32(pos)
				}
				a.bodyCount++
			case tier > a.tier:
				a.tier, a.pos = tier, int32(pos)
			}
		}
		doc := &docs[d]
		if !doc.untitled {
			eachWord(doc.title, lang, func(t string, pos int) { note(t, tierTitle, pos) })
		}
		eachWord(doc.head, lang, func(t string, pos int) { note(t, tierHead, pos) })
		body, err := doc.body.String()
		if err != nil {
			stop.fail(err)
			return nil
		}
		eachWord(body, lang, func(t string, pos int) { note(t, tierBody, pos) })
		doc.setLeads(body)
		for _, a := range touched {
			a.done()
		}
		touched = touched[:0]
	}
	return accs
}

// file adds a file named by its kind letter and a digest of its bytes, so
// a changed file gets a new name and hosts may cache every file for ever.
// It returns the digest, from which search.js makes the name. The digest
// is FNV, not maphash: names must be the same in every run.
func (ix *indexer) file(kind, ext string, data []byte) string {
	sum := digest(data)
	ix.add(fmt.Sprintf("%s-%s.%s", kind, sum, ext), data)
	return sum
}

func (ix *indexer) add(name string, data []byte) {
	h := fnv.New64a()
	h.Write(data)
	ix.packer.add(&File{Path: Dir + name, Data: data, Key: h.Sum64() | 1})
}

// digest is ten hex digits of data's FNV-1a digest.
func digest(data ...[]byte) string {
	h := fnv.New64a()
	for _, d := range data {
		h.Write(d)
	}
	return fmt.Sprintf("%010x", h.Sum64()&0xffffffffff)
}

func (ix *indexer) write() *Index {
	shards := ix.writeTerms() // lets the postings go: what is left needs none
	tops := ix.writeTops()
	records := ix.writeRecords()
	if ix.stop.now() { // each part above stops early when told to
		ix.packer.finish()
		return nil
	}
	facetFile := ix.writeFacets()
	m := manifest{
		Version: 1, Docs: len(ix.docs), Facets: ix.facets, Counts: ix.globalCounts(),
		Terms: shards, Tops: tops, Records: records, RecordSize: recordsPer, RecordChunk: recordChunk, FacetFile: facetFile,
		Stop: ix.lang.list, Lang: ix.lang.code, TopN: topN,
	}
	for _, k := range kinds {
		m.Kinds = append(m.Kinds, ix.words.Or("search_kind_"+k.slug, k.label))
	}
	js, err := json.Marshal(m)
	if err != nil {
		panic(err) // only plain data above
	}
	files := ix.packer.finish()
	slices.SortFunc(files, func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
	return &Index{Manifest: js, Files: files, Docs: len(ix.docs), Unpacked: int(ix.unpacked.Load())}
}

// keep keeps this build's compressed files for the next.
func (c *Cache) keep(files []File) {
	c.gz = make(map[uint64][]byte, len(files))
	for _, f := range files {
		c.gz[f.Key] = f.Data
	}
}

type manifest struct {
	Version int        `json:"version"`
	Docs    int        `json:"docs"`
	Kinds   []string   `json:"kinds"`
	Facets  []*facet   `json:"facets"`
	Counts  []int      `json:"counts"` // every facet value's count with no query, flat
	Terms   []boundary `json:"terms"`
	Tops    []boundary `json:"tops"`
	// Records name the doc records: docs [i*RecordSize, (i+1)*RecordSize)
	// are in d-<Records[i/RecordChunk]>-<i>.json. A run of RecordChunk
	// files shares a digest, which keeps this list short.
	Records     []string `json:"records"`
	RecordSize  int      `json:"recordSize"`
	RecordChunk int      `json:"recordChunk"`
	FacetFile   string   `json:"facetFile"`
	Stop        []string `json:"stop"`
	// Lang is set for a language whose words are stemmed: the browser
	// stems a query's words the same way.
	Lang string `json:"lang,omitempty"`
	TopN int    `json:"topN"`
}

// boundary is a file holding a run of terms: the first term and the name.
type boundary [2]string

func (ix *indexer) globalCounts() []int {
	n := 0
	for _, f := range ix.facets {
		n += len(f.Values)
	}
	counts := make([]int, n)
	for _, v := range ix.values.flat {
		counts[v]++
	}
	return counts
}
