package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
)

// outLink is a body link to another page, kept for backlinks and for the
// anchor check that can only run once every page has its heading ids.
type outLink struct {
	to       *Page
	fragment string
	offset   int
}

// linkResolver rewrites one page's link destinations. Links to source files
// become page URLs; links to files beside pages or in static/ get the base
// path; external links are left alone.
type linkResolver struct {
	b        *builder
	from     *Page
	diags    *diag.List
	links    []outLink
	fieldPos *content.Pos // set when resolving a frontmatter value, not a body
}

func (lr *linkResolver) position(off int) (line, col int) {
	if lr.fieldPos != nil {
		return lr.fieldPos.Line, lr.fieldPos.Col
	}
	src := lr.from.source
	return src.Lines.Position(src.BodyOffset + off)
}

func (lr *linkResolver) errorf(off int, hint, format string, args ...any) {
	line, col := lr.position(off)
	lr.diags.Errorf(lr.from.Path, line, col, hint, format, args...)
}

// Resolve implements markdown.Resolver.
func (lr *linkResolver) Resolve(dest string, off int, image bool) string {
	if dest == "" || isExternal(dest) {
		return dest
	}
	u, err := url.Parse(dest)
	if err != nil {
		lr.errorf(off, "check the address for spaces or stray characters; write spaces as %20", "the link `%s` is not a valid address", dest)
		return dest
	}
	if u.Path == "" { // "#anchor" on the same page
		lr.links = append(lr.links, outLink{to: lr.from, fragment: u.Fragment, offset: off})
		return dest
	}
	var target string
	if strings.HasPrefix(u.Path, "/") {
		target = path.Clean("static" + u.Path) // site-absolute: the static folder is the site root
	} else {
		target = path.Join(path.Dir(lr.from.Path), u.Path)
	}
	if target == ".." || strings.HasPrefix(target, "../") {
		lr.errorf(off, "link to a file inside the site", "the link `%s` points outside the site", dest)
		return dest
	}
	published := lr.publish(target, u, dest, off, image)
	if published == "" {
		return dest
	}
	if u.RawQuery != "" {
		published += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		published += "#" + u.Fragment
	}
	return published
}

// publish maps a site-relative file to its URL, or reports it and returns "".
func (lr *linkResolver) publish(target string, u *url.URL, dest string, off int, image bool) string {
	b := lr.b
	switch {
	case strings.HasSuffix(target, ".md") && !image:
		p := b.byPath[target]
		if p == nil {
			lr.errorf(off, lr.missingHint(target), "the link `%s` points to %s, which does not exist", dest, target)
			return ""
		}
		lr.links = append(lr.links, outLink{to: p, fragment: u.Fragment, offset: off})
		return p.URL
	case strings.HasPrefix(target, "content/"):
		if !b.assets[target] {
			lr.errorf(off, lr.missingHint(target), "the %s `%s` points to %s, which does not exist", kindWord(image), dest, target)
			return ""
		}
		return b.url(strings.TrimPrefix(target, "content/"))
	case strings.HasPrefix(target, "static/"):
		rel := strings.TrimPrefix(target, "static/")
		if b.opts.StaticExists != nil && !b.opts.StaticExists(rel) {
			lr.errorf(off, "put the file in static/ or beside the page", "the %s `%s` points to %s, which does not exist", kindWord(image), dest, target)
			return ""
		}
		return b.url(rel)
	}
	lr.errorf(off, "link to a page's .md file, to a file beside it, or to a file in static/",
		"the %s `%s` points to %s, which is not published", kindWord(image), dest, target)
	return ""
}

func kindWord(image bool) string {
	if image {
		return "image"
	}
	return "link"
}

// missingHint suggests the closest existing file in the same folder.
func (lr *linkResolver) missingHint(target string) string {
	dir := path.Dir(target)
	var names []string
	for p := range lr.b.byPath {
		if path.Dir(p) == dir {
			names = append(names, path.Base(p))
		}
	}
	for a := range lr.b.assets {
		if path.Dir(a) == dir {
			names = append(names, path.Base(a))
		}
	}
	slices.Sort(names)
	if s := diag.Suggest(path.Base(target), names); s != "" {
		return fmt.Sprintf("did you mean `%s`?", s)
	}
	return "check the file name and the ../ steps; links are relative to this file's folder"
}

// isExternal reports destinations casebook leaves alone: anything with a
// scheme (https:, mailto:, tel:) or a protocol-relative //host.
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexAny(dest, ":/?#")
	return i > 0 && dest[i] == ':'
}
