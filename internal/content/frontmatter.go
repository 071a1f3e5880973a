package content

import (
	"bufio"
	"bytes"
	"fmt"
	"sync"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"
)

// front is a file split into its frontmatter and body.
type front struct {
	// Node is the decoded frontmatter as a YAML mapping node whose positions
	// are lines and columns of the whole file. TOML frontmatter is converted
	// into the same shape, so one decoder serves both.
	Node       *yaml.Node
	BodyOffset int
}

// syntaxError is a frontmatter that cannot be decoded, with the position of
// the problem in the file.
type syntaxError struct {
	Line, Col int
	Msg, Hint string
}

func (e *syntaxError) Error() string { return e.Msg }

// rawFront receives the frontmatter bytes from adrg/frontmatter's detection;
// decoding happens here so positions survive.
type rawFront struct {
	data   []byte
	format string
	found  bool
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		raw := v.(*rawFront)
		raw.data, raw.format, raw.found = bytes.Clone(data), format, true
		return nil
	}
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
}

// bom is the byte-order mark Windows Notepad writes at the start of a
// UTF-8 file. It is invisible to the author, so it is skipped.
var bom = []byte("\xEF\xBB\xBF")

// splitFrontmatter finds and decodes the frontmatter of src.
func splitFrontmatter(src []byte) (*front, error) {
	// Skipping the mark shifts nothing but the first line's columns, which
	// hold only the opening --- or +++; BodyOffset stays an offset into the
	// whole file.
	skipped := 0
	if bytes.HasPrefix(src, bom) {
		src, skipped = src[len(bom):], len(bom)
	}
	var raw rawFront
	read := frontOf(src)
	rest, err := parseFront(read, &raw)
	if err == nil && !raw.found && len(read) < len(src) {
		read = src // not what adrg/frontmatter makes of it: let it read all
		rest, err = parseFront(read, &raw)
	}
	if err != nil {
		return nil, &syntaxError{Line: 1, Col: 1, Msg: "cannot read the frontmatter: " + err.Error()}
	}
	openLine, delim, _ := opening(src)
	if !raw.found {
		if delim != "" {
			return nil, &syntaxError{Line: openLine, Col: 1,
				Msg:  fmt.Sprintf("the frontmatter opened with %s on line %d is never closed", delim, openLine),
				Hint: fmt.Sprintf("add a line with only %s after the last field", delim)}
		}
		return nil, &syntaxError{Line: 1, Col: 1, Msg: "the file has no frontmatter",
			Hint: "start the file with a line ---, then fields such as `title: My title`, then another line ---"}
	}
	firstLine := openLine + 1
	var node *yaml.Node
	if raw.format == "toml" {
		node, err = decodeTOML(raw.data, firstLine)
	} else {
		node, err = decodeYAML(raw.data, firstLine)
	}
	if err != nil {
		return nil, err
	}
	return &front{Node: node, BodyOffset: skipped + len(read) - len(rest)}, nil
}

// frontOf returns the start of src through the line that closes its
// frontmatter, or all of src when it opens with no delimiter or never
// closes it. adrg/frontmatter copies whatever follows the frontmatter
// into a buffer of its own, and only that copy's length is needed here:
// on a large site the copies were nearly a tenth of all a build
// allocates. It reads line by line and stops at the first line that
// closes the frontmatter, so it finds the same frontmatter in this part
// as in the whole; were the two ever to disagree, splitFrontmatter reads
// it all.
func frontOf(src []byte) []byte {
	_, delim, off := opening(src)
	if delim == "" {
		return src
	}
	for off < len(src) {
		text, next := nextLine(src, off)
		if text == delim {
			return src[:next]
		}
		off = next
	}
	return src
}

// readers are the buffered readers adrg/frontmatter reads through: it
// takes a *bufio.Reader as it is rather than make one per file.
var readers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// parseFront runs adrg/frontmatter over src and returns what follows the
// frontmatter.
func parseFront(src []byte, raw *rawFront) ([]byte, error) {
	r := readers.Get().(*bufio.Reader)
	r.Reset(bytes.NewReader(src))
	defer func() { r.Reset(nil); readers.Put(r) }()
	return frontmatter.Parse(r, raw, formats...)
}

// opening finds the frontmatter's opening delimiter the way
// adrg/frontmatter does (the first non-blank line) and returns its line,
// the delimiter, or "" when the file opens with none, and where the next
// line begins.
func opening(src []byte) (line int, delim string, after int) {
	off := 0
	for line = 1; off < len(src); line++ {
		text, next := nextLine(src, off)
		if text != "" {
			if text == "---" || text == "+++" {
				return line, text, next
			}
			return line, "", next
		}
		off = next
	}
	return line, "", off
}

// nextLine returns the line of src that starts at off, trimmed as
// adrg/frontmatter trims it, and where the next line begins.
func nextLine(src []byte, off int) (text string, next int) {
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		return string(bytes.TrimSpace(src[off:])), len(src)
	}
	return string(bytes.TrimSpace(src[off : off+end])), off + end + 1
}

func decodeYAML(data []byte, firstLine int) (*yaml.Node, error) {
	doc, simple := parseSimpleYAML(data)
	if !simple {
		doc = new(yaml.Node)
		if err := yaml.Unmarshal(data, doc); err != nil {
			return nil, yamlError(err, data, firstLine)
		}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: firstLine, Column: 1}, nil
	}
	root := doc.Content[0]
	lines := yamlLinesOf(data)
	if err := lines.splitField(root, data, firstLine); err != nil {
		return nil, err
	}
	place(root, lines, firstLine-1, firstLine+bytes.Count(data, []byte("\n")))
	if root.Kind != yaml.MappingNode {
		return nil, &syntaxError{Line: root.Line, Col: root.Column,
			Msg:  "the frontmatter must be a list of `field: value` lines",
			Hint: "write each field on its own line, e.g. `title: Rebuilding trust with families`"}
	}
	return root, nil
}

// place moves every position of the tree from YAML's lines of the
// frontmatter to lines and columns of the whole file: down by the lines
// before the frontmatter, and through lines when YAML counted a line
// break that the file's lines do not (see yamlLines). No position goes
// past last, the frontmatter's last line.
func place(n *yaml.Node, lines yamlLines, before, last int) {
	n.Line, n.Column = lines.position(n.Line, n.Column)
	n.Line = min(n.Line+before, last)
	for _, c := range n.Content {
		place(c, lines, before, last)
	}
}
