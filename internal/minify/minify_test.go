package minify

import (
	"testing"
	"text/template/parse"
)

// Layouts lose the whitespace a page would lose, and keep their actions
// and the text readers see as it is.
func TestLayout(t *testing.T) {
	cases := []struct{ in, want string }{
		{"<ul>\n  <li>{{.A}}</li>\n  <li>{{.B}}</li>\n</ul>\n", "<ul><li>{{.A}}</li><li>{{.B}}</li></ul>"},
		{"<p>{{.A}} {{.B}}</p>", "<p>{{.A}} {{.B}}</p>"},
		{"<pre>\n  {{.A}}\n    {{.B}}\n</pre>", "<pre>\n  {{.A}}\n    {{.B}}\n</pre>"},
		{"<a {{if .X}}class=\"x\"{{end}} href=\"{{.URL}}\">t</a>", "<a {{if .X}}class=\"x\"{{end}} href=\"{{.URL}}\">t</a>"},
		{"<script>var x = {{.Page.Title}};</script>", "<script>var x = {{.Page.Title}};</script>"},
		{"<form>\n<textarea>\n {{.T}}\n</textarea>\n</form>", "<form>\n<textarea>\n {{.T}}\n</textarea>\n</form>"},
		// An apostrophe in a comment does not stop the minifier.
		{"{{- /* Dot: a page's card. */ -}}\n<ul>\n  <li>{{.A}}</li>\n</ul>\n", "{{- /**/ -}}<ul><li>{{.A}}</li></ul>"},
		{"{{/* it's */}}<p>\n  {{.A}}\n</p>{{-\t/* isn't */\t-}}\n<p>b</p>", "{{/**/}}<p>{{.A}}</p>{{-\t/**/\t-}}<p>b</p>"},
		// Only comments are emptied: not CSS comments, strings or actions.
		{"<style>/* it's */ p{color:red}</style><p>{{\"/* x */\"}}</p>", "<style>p{color:red}</style><p>{{\"/* x */\"}}</p>"},
		{"<p>{{\"{{/* x */\"}}{{print `{{/* it's */`}}</p>{{/* y */}}", "<p>{{\"{{/* x */\"}}{{print `{{/* it's */`}}</p>{{/**/}}"},
	}
	m := New()
	for _, c := range cases {
		got, err := m.Layout(c.in)
		if err != nil || got != c.want {
			t.Errorf("Layout(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

// Emptying comments leaves what a layout means as it was: it parses, or
// fails to, as before, into the same tree.
func FuzzBlankComments(f *testing.F) {
	for _, s := range []string{
		"{{- /* a page's card */ -}}\n<p>{{.A}}</p>",
		"{{/* one */}}{{/* two */ -}} x {{- /**/}}",
		"{{- /* unclosed",
		"{{/* a */ x}}",
		"{{-/* no space */}}",
		"{{ /* space first */ }}",
		"<style>/* css */</style>{{\"/*\"}}",
		"{{\"{{/* x */\"}}{{print `{{/* y */`}}{{'\\''}}{{/* z */}}",
		"{{\"a\\\"{{/* x */\"}}",
		"{{/*/}} {{/* a */}}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		blank := blankComments(text)
		a, errA := parse.Parse("t", text, "", "", map[string]any{})
		b, errB := parse.Parse("t", blank, "", "", map[string]any{})
		if (errA == nil) != (errB == nil) {
			t.Fatalf("%q parses: %v; emptied %q: %v", text, errA, blank, errB)
		}
		if errA == nil && a["t"].Root.String() != b["t"].Root.String() {
			t.Fatalf("%q and emptied %q parse differently:\n%s\n%s", text, blank, a["t"].Root, b["t"].Root)
		}
	})
}
