package render

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"html/template"
	"maps"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"github.com/casebook/casebook/internal/packed"
	"github.com/casebook/casebook/internal/site"
)

// partialCache backs the layout function partialCached, which renders a
// partial once per build for each argument and reuses the HTML:
//
//	{{partialCached "partials/card.html" .}}            one render per page
//	{{partialCached "partials/footer.html" . "site"}}   one render per key
//	{{partialCached "partials/journey-map.html" . .Page.Kind .Page.Stages}}
//
// Keys are compared as text; a page stands for its URL, so a list of
// stages is a key too.
//
// A page's card looks the same on every list that shows it, and the footer
// is the same on every page; rendering each once turns the cost of list
// pages from the number of entries they show into the number of pages.
// The contract: the partial's output must depend only on its dot (or, with
// keys, only on the keys and site-wide data).
//
// In the development server the cache outlives a build: an entry for a
// page is reused while the page's card-level fingerprint and body are
// unchanged, and an entry by keys while the site-wide fingerprint is (see
// site.Fingerprints). Without fingerprints, every build starts empty.
type partialCache struct {
	// pages holds the entries whose dot is a page, m all others: a save
	// need look at every page's entry only when pages came or went, and
	// at the few others every time.
	pages entries
	m     entries
	// urls digests the addresses of the pages of the last reset, in any
	// order, and changes counts how often they changed since entries for
	// pages that are gone were last looked for.
	urls    uint64
	changes int
	fp      *site.Fingerprints
	build   atomic.Uint64 // counts builds, for dropping keyed entries no longer used
	// unstamped counts entries stored with stamp 0 since the last reset
	// (an upper bound): most saves have none, and need not look at every
	// entry of a large site to find them.
	unstamped atomic.Int64
	// spill, when set, keeps the HTML of entries for pages out of memory
	// once held, the bytes of pages' HTML kept in memory this build,
	// reaches keep (see Renderer.SpillPartials).
	spill *packed.Spill
	keep  int64
	held  atomic.Int64
}

type cacheKey struct {
	name string
	page string // the dot's URL, when the dot is a page
	dot  any    // any other comparable dot, for one build only
	keys string
}

type cached struct {
	html    template.HTML
	spilled packed.Text   // the HTML instead, when the cache has a spill
	stamp   uint64        // what the entry was made from; 0 for one build only
	used    atomic.Uint64 // the last build that used it
}

// HTML returns the entry's HTML, read back if it was spilled.
func (e *cached) HTML() (template.HTML, error) {
	if e.spilled.Empty() {
		return e.html, nil
	}
	s, err := e.spilled.String()
	return template.HTML(s), err
}

// reset starts a build for site s with its fingerprints (fp may be nil).
// Dropped: entries that cannot be checked, entries for pages that are
// gone, and entries by keys that are stale or went unused in the last
// build (keys may be any text, so they are not kept on the off chance).
func (c *partialCache) reset(s *site.Site, fp *site.Fingerprints) {
	last := c.build.Add(1) - 1
	c.fp = fp
	unstamped := c.unstamped.Swap(0) > 0 // every such entry goes below
	if fp == nil {
		c.m.clear()
		c.pages.clear()
		c.held.Store(0)
		c.urls, c.changes = 0, 0
		return
	}
	c.m.drop(func(k cacheKey, e *cached) bool {
		return e.stamp == 0 || k.keys != "" && (e.stamp != fp.Global() || e.used.Load() < last)
	})
	// An entry for a page is checked against the page's fingerprint where
	// it is used, so one whose page is gone is only memory: looked for
	// once the set of pages has changed sweepAfter times. At 10,000 case
	// studies, looking every time was a tenth of a save that changes
	// frontmatter, and then still a twentieth of one that adds a page.
	if digest := urlDigest(s.Pages); digest != c.urls {
		if c.urls != 0 { // not the first set of pages since the cache was emptied
			c.changes++
		}
		c.urls = digest
	}
	if !unstamped && c.changes < sweepAfter {
		return
	}
	c.changes = 0
	urls := make(map[string]bool, len(s.Pages))
	for _, p := range s.Pages {
		urls[p.URL] = true
	}
	c.pages.drop(func(k cacheKey, e *cached) bool { return e.stamp == 0 || !urls[k.page] })
}

// sweepAfter is how many changes to the set of pages the cache may keep
// the entries of gone pages through: a few pages' cards each.
const sweepAfter = 16

// urlSeed seeds urlDigest: digests are compared within one process only.
var urlSeed = maphash.MakeSeed()

// urlDigest digests the pages' addresses whatever their order.
func urlDigest(pages []*site.Page) uint64 {
	var sum uint64
	for _, p := range pages {
		sum += maphash.String(urlSeed, p.URL)
	}
	return sum + uint64(len(pages))
}

// of returns the entries k belongs with: the pages' or the others.
func (c *partialCache) of(k cacheKey) *entries {
	if k.page != "" {
		return &c.pages
	}
	return &c.m
}

func (c *partialCache) load(k cacheKey) (*cached, bool) { return c.of(k).load(k) }
func (c *partialCache) store(k cacheKey, e *cached)     { c.of(k).store(k, e) }

// len counts the entries.
func (c *partialCache) len() int { return c.m.len() + c.pages.len() }

// entries is a map safe for concurrent use. Not a sync.Map: a large site
// keeps a card per page, and a sync.Map's entry (a trie node and the key
// boxed in an interface, two allocations) took 164 bytes where a map
// takes 96, measured over 200,000 card keys.
type entries struct {
	mu sync.RWMutex
	m  map[cacheKey]*cached
}

func (s *entries) load(k cacheKey) (*cached, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.m[k]
	return e, ok
}

func (s *entries) store(k cacheKey, e *cached) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[cacheKey]*cached{}
	}
	s.m[k] = e
}

// drop deletes the entries gone says are gone.
func (s *entries) drop(gone func(cacheKey, *cached) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	maps.DeleteFunc(s.m, gone)
}

func (s *entries) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m = nil
}

func (s *entries) len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.m)
}

// resetPages starts a build that renders a few pages of the last one,
// whose bodies may have changed: entries that cannot be checked go.
func (c *partialCache) resetPages() {
	c.build.Add(1)
	if c.unstamped.Swap(0) == 0 {
		return
	}
	for _, m := range []*entries{&c.m, &c.pages} {
		m.drop(func(_ cacheKey, e *cached) bool { return e.stamp == 0 })
	}
}

// stamp says what an entry for dot or keys depends on; 0 when there are
// no fingerprints to tell.
func (c *partialCache) stamp(k cacheKey, dot any) uint64 {
	switch {
	case c.fp == nil:
		return 0
	case k.page != "":
		return c.fp.Partial(dot.(*site.Page))
	case k.keys != "":
		return c.fp.Global()
	}
	return 0
}

// placeholder stands in at parse time; each template set gets an executor
// bound to itself before it runs.
func (c *partialCache) placeholder(name string, dot any, keys ...any) (template.HTML, error) {
	return "", fmt.Errorf("partialCached %q called outside a page layout", name)
}

// executor returns partialCached for one template set.
func (c *partialCache) executor(set *template.Template) func(string, any, ...any) (template.HTML, error) {
	return func(name string, dot any, keys ...any) (template.HTML, error) {
		k := cacheKey{name: name}
		if p, ok := dot.(*site.Page); ok && len(keys) == 0 && p != nil {
			k.page = p.URL
		} else if len(keys) > 0 {
			k.keys = keyString(keys)
		} else if dot == nil || reflect.TypeOf(dot).Comparable() {
			k.dot = dot
		} else {
			return "", fmt.Errorf("partialCached %q: pass a key, since a %T cannot identify a cache entry", name, dot)
		}
		stamp, build := c.stamp(k, dot), c.build.Load()
		if e, ok := c.load(k); ok && e.stamp == stamp {
			e.used.Store(build)
			return e.HTML()
		}
		buf, err := runPartial(set, name, dot)
		if err != nil {
			return "", err
		}
		html := template.HTML(buf.String())
		e := &cached{html: html, stamp: stamp}
		if c.spill != nil && k.page != "" && stamp == 0 {
			if c.held.Load() >= c.keep {
				e.html, e.spilled = "", c.spill.Pack(buf.Bytes())
			} else {
				c.held.Add(int64(len(html)))
			}
		}
		e.used.Store(build)
		if stamp == 0 {
			c.unstamped.Add(1)
		}
		c.store(k, e)
		return html, nil
	}
}

// uncachedName is the function uncacheOverrides puts in place of
// partialCached. Only the sets that run have it: a layout cannot call it.
const uncachedName = "partialUncached"

// uncached returns partialCached without the cache, for one template set.
func uncached(set *template.Template) func(string, any) (template.HTML, error) {
	return func(name string, dot any) (template.HTML, error) {
		buf, err := runPartial(set, name, dot)
		if err != nil {
			return "", err
		}
		return template.HTML(buf.String()), nil
	}
}

// runPartial renders the partial name of set for dot.
func runPartial(set *template.Template, name string, dot any) (*bytes.Buffer, error) {
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, name, dot); err != nil {
		return nil, err
	}
	return &buf, nil
}

// uncacheOverrides makes the default theme's layouts render a partial of
// the site's own on every call where they would cache it by key and pass
// it the layout data. The theme's keys say what its own partial shows
// (the footer, only the site), and a site's version may show more: a
// header that names the page would name the first page of the section on
// all of them, and nothing would say so. A partial given less than the
// layout data (head-site, given the site) or cached by its page alone
// (a card) stays cached, since it can show nothing its key does not fix;
// and the site's own layouts cache what they ask to.
func uncacheOverrides(set *template.Template, own map[string]bool) {
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil || own[t.Tree.ParseName] {
			continue
		}
		eachPipe(t.Tree.Root, func(p *parse.PipeNode) {
			cmd := p.Cmds[0]       // a later command gets a value piped in as well
			if len(cmd.Args) < 4 { // partialCached name dot key...
				return
			}
			fn, isIdent := cmd.Args[0].(*parse.IdentifierNode)
			name, isString := cmd.Args[1].(*parse.StringNode)
			if isIdent && isString && fn.Ident == "partialCached" && own[name.Text] && isLayoutData(cmd.Args[2]) {
				fn.Ident = uncachedName
				cmd.Args = cmd.Args[:3]
			}
		})
	}
}

// isLayoutData reports whether n is the dot or $: in the default theme's
// calls of partialCached, the data of the page's layout.
func isLayoutData(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.DotNode:
		return true
	case *parse.VariableNode:
		return len(n.Ident) == 1 && n.Ident[0] == "$"
	}
	return false
}

// keyString turns cache keys into text: pages by their URL, everything else
// as fmt prints it.
func keyString(keys []any) string {
	var b strings.Builder
	for _, k := range keys {
		switch k := k.(type) {
		case *site.Page:
			b.WriteString(pageKey(k))
		case []*site.Page:
			for _, p := range k {
				b.WriteString(pageKey(p))
				b.WriteByte(',')
			}
		default:
			fmt.Fprint(&b, k)
		}
		b.WriteByte('\x00')
	}
	return b.String()
}

func pageKey(p *site.Page) string {
	if p == nil {
		return "<nil>"
	}
	return p.URL
}
