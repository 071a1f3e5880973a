package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"

	"github.com/casebook/casebook/internal/site"
	"sync"
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
type partialCache struct {
	m sync.Map // cacheKey → template.HTML
}

type cacheKey struct {
	name string
	dot  any
	keys string
}

// reset forgets every rendered partial: a new build begins.
func (c *partialCache) reset() { c.m.Clear() }

// placeholder stands in at parse time; each template set gets an executor
// bound to itself before it runs.
func (c *partialCache) placeholder(name string, dot any, keys ...any) (template.HTML, error) {
	return "", fmt.Errorf("partialCached %q called outside a page layout", name)
}

// executor returns partialCached for one template set.
func (c *partialCache) executor(set *template.Template) func(string, any, ...any) (template.HTML, error) {
	return func(name string, dot any, keys ...any) (template.HTML, error) {
		k := cacheKey{name: name}
		if len(keys) > 0 {
			k.keys = keyString(keys)
		} else if dot == nil || reflect.TypeOf(dot).Comparable() {
			k.dot = dot
		} else {
			return "", fmt.Errorf("partialCached %q: pass a key, since a %T cannot identify a cache entry", name, dot)
		}
		if html, ok := c.m.Load(k); ok {
			return html.(template.HTML), nil
		}
		var buf bytes.Buffer
		if err := set.ExecuteTemplate(&buf, name, dot); err != nil {
			return "", err
		}
		html := template.HTML(buf.String())
		c.m.Store(k, html)
		return html, nil
	}
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
