package build

import (
	"bytes"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

type minifier struct{ m *minify.M }

func newMinifier() *minifier {
	m := minify.New()
	// Keep <html>, <head>, <body> and end tags: validators, screen readers'
	// page models and hand inspection all read such pages more reliably.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/xml", xml.Minify)
	m.AddFunc("application/json", json.Minify)
	return &minifier{m: m}
}

// minify writes the minified in to out. in is passed as the buffer itself:
// the minifier reads anything with a Bytes method in place, where a plain
// reader would be copied whole first.
func (m *minifier) minify(media string, out, in *bytes.Buffer) error {
	out.Grow(in.Len())
	return m.m.Minify(media, out, in)
}
