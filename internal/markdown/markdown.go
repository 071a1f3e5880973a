// Package markdown converts a page body to HTML with goldmark: GFM, footnotes,
// heading ids and typography. While converting, an AST transformer hands
// every link and image destination to a Resolver, which rewrites links to
// source files into page URLs, and the converter lints the body for
// accessibility (see lint.go) and reports raw HTML, with byte offsets into
// the body. A link to a PDF or Office document gets its type and size beside
// it (see docinfo.go).
package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/casebook/casebook/internal/minify"
)

// Resolver decides where a link or image in a body points. It is called once
// per destination, in document order, from the converting goroutine.
type Resolver interface {
	// Resolve returns the destination to publish for dest, written at byte
	// offset off of the body. It reports problems itself.
	Resolve(dest string, off int, image bool) string
	// FileSize returns the size in bytes of the file in the site that dest,
	// a link destination just given to Resolve, points to; false for an
	// external address or a file that is not there.
	FileSize(dest string) (int64, bool)
	// Picture says how to show the picture at dest, an image destination
	// just given to Resolve; false leaves the image as it is written.
	Picture(dest string) (Picture, bool)
}

// HeadingIDer is a Resolver that gives the ids a body's headings take
// instead of those made from their text: a translation's headings keep
// their source's ids, so a link to one of them works in every language.
// The ids are used only when there are as many as the body has headings.
type HeadingIDer interface {
	HeadingIDs() []string
}

// Picture is what an <img> gets besides its src and alt: the widths the
// browser may choose from and the size it will be shown at, so the page
// does not shift while it loads.
type Picture struct {
	Srcset, Sizes string
	Width, Height int
}

// Problem is something wrong in a body that the converter itself can see.
type Problem struct {
	Offset  int
	Error   bool // false: a warning
	Message string
	Hint    string
}

// Result is a converted body. HTML and Text are read from buffers the
// next conversions reuse: they are valid until Release.
type Result struct {
	HTML     []byte
	IDs      []string // heading ids, in document order
	Problems []Problem
	// Text is the body's words without markup, a block per line, for
	// the search index.
	Text []byte
	bufs [3]*bytes.Buffer
}

// Release hands the result's buffers back for the next conversions; HTML
// and Text must not be read after it. A caller that keeps them (packed,
// at 100,000 case studies) need not allocate and copy them first: the
// copies were a twentieth of what a large build allocated.
func (r *Result) Release() {
	for i, b := range r.bufs {
		if b != nil {
			putBuffer(b)
			r.bufs[i] = nil
		}
	}
	r.HTML, r.Text = nil, nil
}

// Converter turns markdown into HTML. It is safe for concurrent use.
type Converter struct {
	md     goldmark.Markdown
	unsafe bool
	minify *minify.Minifier // nil leaves the HTML as goldmark writes it
}

// New returns a converter. Raw HTML in bodies is shown as text unless unsafe
// is true.
func New(unsafe bool) *Converter {
	var opts []renderer.Option
	if unsafe {
		opts = append(opts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(opts...),
	)
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableScrollRenderer{}, 100), util.Prioritized(docInfoRenderer{}, 100)))
	if !unsafe {
		md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100)))
	}
	return &Converter{md: md, unsafe: unsafe}
}

// Minified returns a converter like c whose HTML is minified by m, as the
// layouts it goes into are.
func (c *Converter) Minified(m *minify.Minifier) *Converter {
	mc := *c
	mc.minify = m
	return &mc
}

// Convert parses body, lets r rewrite its links, and renders it.
func (c *Converter) Convert(body []byte, r Resolver) (*Result, error) {
	res := &Result{}
	doc := c.md.Parser().Parse(text.NewReader(body))
	if ider, ok := r.(HeadingIDer); ok {
		setHeadingIDs(doc, ider.HeadingIDs())
	}
	tables, docs := walk(doc, body, r, res, c.unsafe)
	textBuf := res.buffer(0)
	bodyText(textBuf, doc, body)
	res.Text = textBuf.Bytes()
	wrapTables(tables, body)
	labelDocLinks(docs)
	buf := res.buffer(1)
	if err := c.md.Renderer().Render(unbuffered{buf}, body, doc); err != nil {
		res.Release()
		return nil, err
	}
	if c.minify == nil {
		res.HTML = buf.Bytes()
		return res, nil
	}
	small := res.buffer(2)
	if err := c.minify.HTML(small, buf.Bytes()); err != nil {
		res.Release()
		return nil, err
	}
	res.HTML = small.Bytes()
	return res, nil
}

// buffer takes buffer i of the result from the pool.
func (r *Result) buffer(i int) *bytes.Buffer {
	r.bufs[i] = buffers.Get().(*bytes.Buffer)
	return r.bufs[i]
}

// buffers recycles the buffers bodies are rendered, minified and read
// as text into: a body's buffer, regrown as it filled, was a twentieth of
// what a large build allocated.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return // let the rare huge body's buffer go rather than keep it
	}
	b.Reset()
	buffers.Put(b)
}

// unbuffered lets goldmark write straight into a bytes.Buffer: given a
// plain io.Writer, it wraps it in a bufio.Writer of its own, 4 KB per
// body, and copies every byte through it.
type unbuffered struct{ *bytes.Buffer }

func (unbuffered) Buffered() int { return 0 }
func (unbuffered) Flush() error  { return nil }

var _ util.BufWriter = unbuffered{}

// setHeadingIDs gives the document's headings ids, in order, when there
// is one for each.
func setHeadingIDs(doc ast.Node, ids []string) {
	if len(ids) == 0 {
		return
	}
	var headings []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, n)
		}
		return ast.WalkContinue, nil
	})
	if len(headings) != len(ids) {
		return
	}
	for i, h := range headings {
		h.SetAttributeString("id", []byte(ids[i]))
	}
}

// walk visits the tree once: heading ids and levels, link and image
// destinations, link and alt text, tables, raw HTML. It returns the tables
// to be wrapped and the document links to be labelled once the walk is done
// (changing the tree while walking it would skip nodes).
func walk(doc ast.Node, src []byte, r Resolver, res *Result, unsafe bool) (tables []*extast.Table, docs []docLink) {
	var headings headingLint
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings.check(n, src, res)
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					res.IDs = append(res.IDs, string(b))
				}
			}
		case *ast.Link:
			off, dest := offset(n, src), string(n.Destination)
			lintLink(n, src, off, res)
			n.Destination = []byte(r.Resolve(dest, off, false))
			if typ := docType(dest); typ != "" {
				size, known := r.FileSize(dest)
				docs = append(docs, docLink{link: n, label: docLabel(typ, size, known)})
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				// An autolink is always an address with a scheme, which
				// Resolve leaves as it is; it still checks what it runs.
				r.Resolve(string(n.URL(src)), offset(n, src), false)
			}
		case *ast.Image:
			off := offset(n, src)
			dest := string(n.Destination)
			if decorative(n) {
				n.Title = nil
				for n.FirstChild() != nil {
					n.RemoveChild(n, n.FirstChild())
				}
			} else {
				lintImage(n, src, off, res)
			}
			n.Destination = []byte(r.Resolve(dest, off, true))
			if pic, ok := r.Picture(dest); ok {
				setPicture(n, pic)
			}
		case *ast.Paragraph, *ast.TextBlock:
			lines := make([][2]int, n.Lines().Len())
			for i := range lines {
				seg := n.Lines().At(i)
				lines[i] = [2]int{seg.Start, seg.Stop}
			}
			lintSpaced(lines, src, res)
		case *extast.Table:
			lintTable(n, src, res)
			tables = append(tables, n)
		case *ast.RawHTML, *ast.HTMLBlock:
			if !unsafe {
				res.Problems = append(res.Problems, Problem{Offset: offset(n, src),
					Message: "raw HTML is shown as text on the page",
					Hint:    "use markdown instead, or set unsafe_html = true under [markdown] in casebook.toml if you trust every author"})
			}
		}
		return ast.WalkContinue, nil
	})
	return tables, docs
}

// offset finds where a node starts in the body. Inline nodes carry their own
// position; otherwise the first line or text segment below them is used.
func offset(n ast.Node, src []byte) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if rh, ok := n.(*ast.RawHTML); ok && rh.Segments.Len() > 0 {
		return rh.Segments.At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	if p := n.Parent(); p != nil {
		return offset(p, src)
	}
	return 0
}

// plainText is the text inside a node, such as an image's alt text.
func plainText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}

// decorative reports whether an image is marked as decorative by its
// title, ![](border.png "decorative"): its alt text is empty, so screen
// readers pass over it.
func decorative(n *ast.Image) bool {
	return strings.EqualFold(strings.TrimSpace(string(n.Title)), "decorative")
}

// setPicture gives an image its widths and size. A picture in a body is
// loaded when the reader scrolls near it, and decoded without holding up
// the text.
func setPicture(n *ast.Image, pic Picture) {
	n.SetAttributeString("width", []byte(strconv.Itoa(pic.Width)))
	n.SetAttributeString("height", []byte(strconv.Itoa(pic.Height)))
	if pic.Srcset != "" {
		n.SetAttributeString("srcset", []byte(pic.Srcset))
		n.SetAttributeString("sizes", []byte(pic.Sizes))
	}
	n.SetAttributeString("loading", []byte("lazy"))
	n.SetAttributeString("decoding", []byte("async"))
}
