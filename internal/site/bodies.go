package site

import (
	"fmt"
	"slices"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
)

// BodyEdit is the result of ReplaceBodies.
type BodyEdit struct {
	Pages []*Page // the pages whose bodies were replaced
	// Retracted are the diagnostics the old bodies had; Found are the new
	// bodies'. The site's diagnostics are the last build's, less
	// Retracted, plus Found.
	Retracted, Found diag.List
}

// ReplaceBodies is the development server's fast path for saves that change
// only pages' bodies, the most common edit by far: it converts each new
// body into the site as it stands, without building the graph again.
//
// sources are new decodes of files whose pages are in the site, each with
// the very same frontmatter text as the decode the site was built from
// (the caller checks), so every field and relation stays as it is. The
// body alone can still reach other pages, through its links (backlinks,
// anchors) and its headings' ids (other pages' links to them), so when any
// of those change, ReplaceBodies changes nothing and returns ok false: the
// caller builds afresh. It needs a site built with a Memo.
func (s *Site) ReplaceBodies(sources []*content.Page) (edit BodyEdit, ok bool, err error) {
	b := s.builder
	if b == nil || b.opts.Memo == nil {
		return edit, false, nil
	}
	_, ok, err = b.replaceBodies(sources, &edit)
	return edit, ok, err
}

// replaceBodies converts the bodies of sources beside their pages and,
// when every one may take its page's place (see convertAside), puts them
// in, adding the pages to the edit; ok false leaves the site as it is.
func (b *builder) replaceBodies(sources []*content.Page, edit *BodyEdit) (reps []replacement, ok bool, err error) {
	reps, ok, err = b.convertAside(sources)
	if !ok || err != nil {
		return nil, ok, err
	}
	b.opts.Memo.converted = 0
	for _, r := range reps {
		b.replaceBody(r, edit)
		edit.Pages = append(edit.Pages, r.page)
	}
	return reps, true, nil
}

// A replacement is a page's new body, converted beside the page.
type replacement struct {
	page, next *Page
	links      []outLink
	diags      diag.List
}

// convertAside converts the bodies of sources beside their pages, leaving
// the site as it is; ok is false when a page is not in the site (or was
// not converted through the memo), a file is broken, or a body's headings,
// link targets or pictures differ from the page's: other pages show those.
func (b *builder) convertAside(sources []*content.Page) (reps []replacement, ok bool, err error) {
	for _, src := range sources {
		p := b.byPath[src.Path]
		old, known := b.opts.Memo.entries[src.Path]
		if p == nil || !known || src.Broken || p.source == nil || p.source.Broken {
			return nil, false, nil
		}
		next := *p // converted aside, so a refusal leaves p alone
		next.source = src
		r := replacement{page: p, next: &next}
		if r.links, err = b.convert(&next, &r.diags); err != nil {
			return nil, false, err
		}
		if next.headings != p.headings || !sameTargets(old.links, r.links, p.URL) || !slices.Equal(next.bodyFiles, p.bodyFiles) {
			return nil, false, nil
		}
		reps = append(reps, r)
	}
	return reps, true, nil
}

// replaceBody puts a body converted aside into its page and the memo, and
// records the diagnostics the old body had and the new one has.
func (b *builder) replaceBody(r replacement, edit *BodyEdit) {
	old := b.opts.Memo.entries[r.page.Path]
	edit.Retracted.Merge(old.diags)
	edit.Found.Merge(r.diags)
	p := r.page
	p.source, p.content, p.text, p.contentSum = r.next.source, r.next.content, r.next.text, r.next.contentSum
	p.bodyFiles, p.headings = r.next.bodyFiles, r.next.headings
	b.opts.Memo.keep(p, r.links, r.diags)
	b.checkAnchors(p, r.links, &edit.Found)
}

// Untranslated reports whether, in an edition in another language, the
// page of the source file at path shows that file's text: it has no
// translation. It needs a site built with a Memo.
func (s *Site) Untranslated(path string) bool {
	if s.builder == nil {
		return false
	}
	p := s.builder.byPath[path]
	return p != nil && p.Untranslated
}

// sameTargets reports whether two bodies' links lead to the same pages
// with the same anchors, leaving out links within the page itself (at url).
func sameTargets(old []memoLink, links []outLink, url string) bool {
	key := func(u, frag string) string { return fmt.Sprintf("%s#%s", u, frag) }
	var a, b []string
	for _, l := range old {
		if l.url != url {
			a = append(a, key(l.url, l.fragment))
		}
	}
	for _, l := range links {
		if l.to.URL != url {
			b = append(b, key(l.to.URL, l.fragment))
		}
	}
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}
