// Package minify makes outputs smaller without changing what they mean.
//
// Pages are not minified one by one: that was a fifth of a large build's
// work for 2% fewer bytes. Instead the layouts are minified once, as
// templates, when they load (Layout), and each page's converted body once,
// when it is converted (HTML); a page made of the two is as small as the
// page minified whole would be. Other files (stylesheets, scripts, feeds,
// the sitemap, HTML copied from static/) are minified as they are written
// (Output).
package minify

import (
	"bytes"
	"strings"

	"github.com/casebook/casebook/internal/tmplscan"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies by media type. It is safe for concurrent use.
type Minifier struct {
	files   *minify.M // whole files and HTML fragments
	layouts *minify.M // HTML with Go template actions left as they are
}

// New returns a minifier for every media type casebook writes.
func New() *Minifier {
	return &Minifier{files: withTypes([2]string{}), layouts: withTypes(html.GoTemplateDelims)}
}

// withTypes returns a minifier for every media type, whose HTML keeps
// <html>, <head>, <body>, end tags and attribute quotes: validators,
// screen readers' page models and hand inspection all read such pages
// more reliably, and a layout's attribute values are template actions
// whose output the minifier cannot see. delims, when not empty, are the
// template delimiters whose actions HTML minifying leaves alone.
func withTypes(delims [2]string) *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, TemplateDelims: delims})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/xml", xml.Minify)
	m.AddFunc("application/json", json.Minify)
	return m
}

// Output writes the minified in to out. in is passed as the buffer itself:
// the minifier reads anything with a Bytes method in place, where a plain
// reader would be copied whole first.
func (m *Minifier) Output(media string, out, in *bytes.Buffer) error {
	out.Grow(in.Len())
	return m.files.Minify(media, out, in)
}

// Layout minifies the text of an HTML layout, leaving its {{actions}} as
// they are. A layout with a <textarea> is left as it is: around an action
// inside one, the minifier drops whitespace a reader would see, which it
// keeps when it minifies the rendered page.
func (m *Minifier) Layout(text string) (string, error) {
	if strings.Contains(strings.ToLower(text), "<textarea") {
		return text, nil
	}
	return m.layouts.String("text/html", blankComments(text))
}

// blankComments empties each template comment, {{/* ... */}}, keeping its
// delimiters and trim markers, which say what whitespace goes. The
// minifier reads quotes inside an action, so one apostrophe in a comment
// ("a page's title") had it read the rest of the layout as a single
// action, which it leaves as it is: the layout went out unminified.
func blankComments(text string) string {
	var b strings.Builder
	written := 0
	for _, a := range tmplscan.Actions(text) {
		if !a.Comment(text) {
			continue
		}
		close := a.Body + 2 + strings.Index(text[a.Body+2:a.End], "*/")
		b.WriteString(text[written : a.Body+2])
		written = close
	}
	if written == 0 {
		return text
	}
	b.WriteString(text[written:])
	return b.String()
}

// HTML minifies a fragment of HTML, such as a converted page body, into
// out.
func (m *Minifier) HTML(out *bytes.Buffer, fragment []byte) error {
	out.Grow(len(fragment))
	return m.files.Minify("text/html", out, bytes.NewBuffer(fragment))
}
