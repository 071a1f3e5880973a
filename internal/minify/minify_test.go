package minify

import "testing"

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
	}
	m := New()
	for _, c := range cases {
		got, err := m.Layout(c.in)
		if err != nil || got != c.want {
			t.Errorf("Layout(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}
