package markdown

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A link to a PDF or an Office document opens a file, not a page, and may be
// large: readers should know before they follow it (WCAG 2.4.4 and common
// district web guidelines). The converter puts the document's type, and for
// a file in the site its size, beside the link:
//
//	<a href="...">Planning template</a> <span class="doc-info">(PDF, 240 KB)</span>

// docTypes names the document types by extension.
var docTypes = map[string]string{
	".pdf":  "PDF",
	".doc":  "Word document",
	".docx": "Word document",
	".xls":  "Excel spreadsheet",
	".xlsx": "Excel spreadsheet",
	".ppt":  "PowerPoint presentation",
	".pptx": "PowerPoint presentation",
	".odt":  "OpenDocument text",
	".ods":  "OpenDocument spreadsheet",
	".odp":  "OpenDocument presentation",
}

// docType returns the type of document a link destination names, or "".
func docType(dest string) string {
	u, err := url.Parse(dest)
	if err != nil {
		return ""
	}
	return docTypes[strings.ToLower(path.Ext(u.Path))]
}

// docLabel is the text shown beside a document link: "PDF, 240 KB", or
// only the type when the size is not known.
func docLabel(typ string, size int64, known bool) string {
	if !known {
		return typ
	}
	return typ + ", " + formatSize(size)
}

// formatSize writes a file size the way file managers do: 900 bytes,
// 240 KB, 1.4 MB.
func formatSize(n int64) string {
	const kb, mb = 1024, 1024 * 1024
	switch {
	case n < kb:
		if n == 1 {
			return "1 byte"
		}
		return fmt.Sprintf("%d bytes", n)
	case n < mb:
		return fmt.Sprintf("%d KB", (n+kb/2)/kb)
	default:
		s := fmt.Sprintf("%.1f", float64(n)/mb)
		return strings.TrimSuffix(s, ".0") + " MB"
	}
}

// kindDocInfo is the node kind of the label after a document link.
var kindDocInfo = ast.NewNodeKind("DocInfo")

// docInfo is the label after a document link.
type docInfo struct {
	ast.BaseInline
	label string
}

func (n *docInfo) Kind() ast.NodeKind { return kindDocInfo }

func (n *docInfo) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"label": n.label}, nil)
}

// docLink is a document link found during the walk, labelled once the walk
// is done (changing the tree while walking it would skip nodes).
type docLink struct {
	link  *ast.Link
	label string
}

// labelDocLinks puts each label right after its link.
func labelDocLinks(links []docLink) {
	for _, d := range links {
		if parent := d.link.Parent(); parent != nil {
			parent.InsertAfter(parent, d.link, &docInfo{label: d.label})
		}
	}
}

type docInfoRenderer struct{}

func (docInfoRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindDocInfo, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(` <span class="doc-info">(`)
			_, _ = w.Write(util.EscapeHTML([]byte(n.(*docInfo).label)))
			_, _ = w.WriteString(")</span>")
		}
		return ast.WalkSkipChildren, nil
	})
}
