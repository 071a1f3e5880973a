package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A wide table on a phone must scroll sideways rather than break its words
// apart. A scrolling box needs keyboard focus and a name to be usable (WCAG
// 2.1.1, and axe's scrollable-region-focusable), so every table is wrapped
// in a focusable region named after its header cells.

// kindTableScroll is the wrapper's node kind.
var kindTableScroll = ast.NewNodeKind("TableScroll")

// tableScroll wraps one table.
type tableScroll struct {
	ast.BaseBlock
	label   string
	columns int
}

func (n *tableScroll) Kind() ast.NodeKind { return kindTableScroll }

func (n *tableScroll) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"label": n.label}, nil)
}

// wrapTables puts each table of the document inside a tableScroll.
func wrapTables(tables []*extast.Table, src []byte) {
	for _, t := range tables {
		parent := t.Parent()
		if parent == nil {
			continue
		}
		w := &tableScroll{label: tableLabel(t, src), columns: len(t.Alignments)}
		parent.ReplaceChild(parent, t, w)
		w.AppendChild(w, t)
	}
}

// tableLabel names a table by its header cells: "Table: Role, Rhythm".
func tableLabel(t *extast.Table, src []byte) string {
	var cells []string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if _, ok := row.(*extast.TableHeader); !ok {
			continue
		}
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			if text := strings.TrimSpace(string(plainText(c, src))); text != "" {
				cells = append(cells, text)
			}
		}
	}
	if len(cells) == 0 {
		return "Table"
	}
	return "Table: " + strings.Join(cells, ", ")
}

// wideTable is the number of columns from which a table is wider than a
// phone's screen: the stylesheet gives each column at least 7.5rem there.
const wideTable = 3

type tableScrollRenderer struct{}

func (tableScrollRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableScroll, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table-scroll" role="region" tabindex="0" aria-label="`)
			_, _ = w.Write(util.EscapeHTML([]byte(n.(*tableScroll).label)))
			_, _ = w.WriteString("\">\n")
		} else {
			_, _ = w.WriteString("</div>\n")
			if n.(*tableScroll).columns >= wideTable {
				// On a phone such a table is wider than the screen, and
				// nothing else shows that it scrolls.
				_, _ = w.WriteString(`<p class="table-hint" aria-hidden="true">Scroll the table sideways to see all its columns.</p>` + "\n")
			}
		}
		return ast.WalkContinue, nil
	})
}
