package site

import (
	"hash/maphash"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/packed"
)

// A Memo keeps converted bodies from one Build to the next, so the
// development server converts only the pages whose files changed.
//
// A body's HTML depends on its text and on what its links find: which
// pages, drafts, files beside the pages and static files exist, and the
// sizes of linked documents. An entry is reused only for the very same
// decoded file (content.Loader hands out a new one when a file changes),
// only while the assets are the ones it was converted among, and only
// while every page it links to is still there (relink). When pages or
// drafts come or go, an entry with problems is dropped too: a new page may
// mend a broken link or change a hint that names the pages there are. An
// entry without problems linked only to pages that existed, which lead
// where they did while they exist. The caller calls Reset when a static
// file or an asset changes, which Build cannot see.
type Memo struct {
	entries map[string]memoEntry // by page path
	// pages and assets digest the paths link resolution could see.
	pages, assets uint64
	converted     int // by the last Build, ReplaceBodies or ReplacePages
	// probes keeps the headers of the pictures pages show, which hold
	// as long as the assets and static files do.
	probes *probeCache
}

type memoEntry struct {
	source  *content.Page
	content packed.Text
	text    packed.Text
	sum     uint64
	heads   headingIDs
	links   []memoLink
	diags   diag.List
	files   []PictureFile
}

// memoLink is an outLink by the target's URL: the target page is a new
// Page in every build.
type memoLink struct {
	url      string
	fragment string
	offset   int
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{entries: map[string]memoEntry{}, probes: &probeCache{}} }

// Converted is how many bodies the last Build, ReplaceBodies or
// ReplacePages converted afresh.
func (m *Memo) Converted() int { return m.converted }

// Reset forgets every converted body, and every picture's header.
func (m *Memo) Reset() {
	clear(m.entries)
	m.probes = &probeCache{}
}

var memoSeed = maphash.MakeSeed()

// universeOf digests the paths of the loaded pages and drafts, and of the
// assets, which link resolution can see.
func universeOf(loaded *content.Result) (pages, assets uint64) {
	var h maphash.Hash
	h.SetSeed(memoSeed)
	for _, p := range loaded.Pages {
		h.WriteString(p.Path)
		h.WriteByte(0)
	}
	h.WriteByte(1)
	for _, d := range loaded.Drafts {
		h.WriteString(d)
		h.WriteByte(0)
	}
	pages = h.Sum64()
	h.Reset()
	for _, a := range loaded.Assets {
		h.WriteString(a.Path)
		h.WriteByte(0)
	}
	return pages, h.Sum64()
}

// begin starts a build: entries that may convert otherwise among the
// loaded files are dropped (see Memo).
func (m *Memo) begin(loaded *content.Result) {
	m.converted = 0
	pages, assets := universeOf(loaded)
	switch {
	case assets != m.assets:
		m.Reset()
	case pages != m.pages:
		for path, e := range m.entries {
			if e.diags.Len() > 0 {
				delete(m.entries, path)
			}
		}
	}
	m.pages, m.assets = pages, assets
}

// lookup returns p's memoized conversion, if it still holds.
func (m *Memo) lookup(p *Page) (memoEntry, bool) {
	e, ok := m.entries[p.Path]
	return e, ok && e.source == p.source
}

// keep records p's conversion.
func (m *Memo) keep(p *Page, links []outLink, diags diag.List) {
	e := memoEntry{source: p.source, content: p.content, text: p.text, sum: p.contentSum, heads: p.headings, diags: diags, files: p.bodyFiles}
	for _, l := range links {
		e.links = append(e.links, memoLink{url: l.to.URL, fragment: l.fragment, offset: l.offset})
	}
	m.entries[p.Path] = e
	m.converted++
}

// prune forgets the pages that are gone.
func (m *Memo) prune(pages []*Page) {
	if len(m.entries) <= len(pages) {
		return
	}
	live := make(map[string]bool, len(pages))
	for _, p := range pages {
		live[p.Path] = true
	}
	for path := range m.entries {
		if !live[path] {
			delete(m.entries, path)
		}
	}
}
