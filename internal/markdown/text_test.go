package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/text"
)

// TestBodyText checks what search reads of a body: every word a reader
// sees, without markup, a block a line.
func TestBodyText(t *testing.T) {
	cases := []struct{ md, want string }{
		{"A *short* [link](x.md) and `code`.", "A short link and code.\n"},
		{"AT\\&T &amp; friends", "AT&T & friends\n"},
		{"It's -- done...", "It’s – done…\n"},
		{"See <https://example.org/guide>.", "See https://example.org/guide.\n"},
		{"```\nfmt.Println(1)\n```", "fmt.Println(1)\n"},
		{"    indented code\n", "indented code\n"},
		{"## Who came\n\n- families\n- staff", "Who came\nfamilies\nstaff\n"},
		{"one\ntwo", "one two\n"},
	}
	c := New(false)
	for _, tc := range cases {
		src := []byte(tc.md)
		doc := c.md.Parser().Parse(text.NewReader(src))
		var b bytes.Buffer
		if bodyText(&b, doc, src); b.String() != tc.want {
			t.Errorf("%q: got %q, want %q", tc.md, b.String(), tc.want)
		}
	}
}
