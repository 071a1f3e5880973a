package markdown

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// bodyText writes to b a body's words as a reader sees them, without
// markup: what the search index reads. Raw HTML is left out, shown or
// not. Blocks end in a newline, so a snippet can tell where a paragraph
// or list item ends; entities (the typographer's curly quotes and dashes
// among them) become the characters they stand for.
func bodyText(b *bytes.Buffer, doc ast.Node, src []byte) {
	b.Grow(len(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock && b.Len() > 0 && b.Bytes()[b.Len()-1] != '\n' {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			writeUnescaped(b, util.UnescapePunctuations(t.Segment.Value(src)))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			writeUnescaped(b, t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// writeUnescaped writes text with its entities (&amp;, the typographer's
// &rsquo;) turned into the characters they stand for.
func writeUnescaped(b *bytes.Buffer, text []byte) {
	if bytes.IndexByte(text, '&') < 0 {
		b.Write(text)
		return
	}
	b.WriteString(html.UnescapeString(string(text)))
}
