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
	for {
		open := commentOpen(text)
		if open < 0 {
			break
		}
		end := strings.Index(text[open:], "*/")
		if end < 0 {
			break // unclosed: parsing the layout reports it
		}
		b.WriteString(text[:open])
		text = text[open+end:]
	}
	if b.Len() == 0 {
		return text
	}
	b.WriteString(text)
	return b.String()
}

// commentOpen returns the index just past the "/*" of text's first
// template comment, or -1. A comment starts right after "{{" or after
// "{{- " (a trim marker is a dash and a space); any other action is
// passed whole, so that "{{/*" inside one of its strings is left alone.
func commentOpen(text string) int {
	for i := 0; ; {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			return -1
		}
		k := i + j + 2
		if strings.HasPrefix(text[k:], "- ") || strings.HasPrefix(text[k:], "-\t") ||
			strings.HasPrefix(text[k:], "-\n") || strings.HasPrefix(text[k:], "-\r") {
			k += 2
		}
		if strings.HasPrefix(text[k:], "/*") {
			return k + 2
		}
		i = actionEnd(text, k)
	}
}

// actionEnd returns the index just past the "}}" that ends the action
// whose text starts at i, stepping over its quoted and raw strings, or
// len(text) when nothing ends it.
func actionEnd(text string, i int) int {
	for i < len(text) {
		switch c := text[i]; c {
		case '"', '\'':
			// A quoted string or character ends at its quote, or, unclosed,
			// at the line's end, where the template fails to parse anyway.
			for i++; i < len(text) && text[i] != c && text[i] != '\n'; i++ {
				if text[i] == '\\' {
					i++
				}
			}
			i++
		case '`':
			end := strings.IndexByte(text[i+1:], '`')
			if end < 0 {
				return len(text)
			}
			i += end + 2
		case '}':
			if strings.HasPrefix(text[i:], "}}") {
				return i + 2
			}
			i++
		default:
			i++
		}
	}
	return len(text)
}

// HTML minifies a fragment of HTML, such as a converted page body, into
// out.
func (m *Minifier) HTML(out *bytes.Buffer, fragment []byte) error {
	out.Grow(len(fragment))
	return m.files.Minify("text/html", out, bytes.NewBuffer(fragment))
}
