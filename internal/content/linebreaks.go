package content

import (
	"bytes"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlLines maps YAML's line numbers in a frontmatter to the lines of
// the file that editors, and casebook's messages, count. YAML also ends a
// line at a lone carriage return, a NEL (U+0085), and U+2028 and U+2029,
// which text pasted from a web page or a word processor may hold. After
// one of those, YAML's line n starts part way into an earlier line of the
// file, so every field after it would be reported a line too far down.
// nil maps every line to itself, as for nearly every file.
type yamlLines []lineStart

// lineStart is where one of YAML's lines starts in the text.
type lineStart struct {
	line  int // the text's line, from 1
	col   int // characters into it: more than 0 after an invisible break
	start int // the byte offset
}

// yamlLinesOf maps the lines of frontmatter text; nil when the text has
// no line break but \n and \r\n.
func yamlLinesOf(text []byte) yamlLines {
	if !hasUnusualBreak(text) {
		return nil
	}
	m := yamlLines{{line: 1}}
	line, col := 1, 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		i += size
		switch {
		case r == '\r' && i < len(text) && text[i] == '\n':
			i++ // one break, for YAML as for the file
			fallthrough
		case r == '\n':
			line, col = line+1, 0
		case invisibleBreaks[r] != "":
			col++ // a break for YAML only
		default:
			col++
			continue
		}
		m = append(m, lineStart{line: line, col: col, start: i})
	}
	return m
}

// position is YAML's line and column (from 1) as a line and column of
// the text.
func (m yamlLines) position(line, col int) (int, int) {
	if line < 1 || line > len(m) {
		return line, col
	}
	return m[line-1].line, m[line-1].col + col
}

// splitField reports a field (still in YAML's lines) that an invisible
// break split off the value before it, on the same line of the file:
// that value lost its end without a word, as in "summary: A line" U+2028
// "and: more". A lone carriage return is left alone, since most editors
// show it as the new line YAML reads, and so is a break that follows no
// value (see brokenBefore).
func (m yamlLines) splitField(n *yaml.Node, text []byte, firstLine int) error {
	if m == nil {
		return nil
	}
	if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0 { // {a: 1,<break> b: 2} loses nothing
		for i := 0; i < len(n.Content); i += 2 {
			if at, r, ok := m.brokenBefore(n.Content[i].Line, text); ok && r != '\r' {
				return invisibleBreakError(at.line+firstLine-1, at.col, r)
			}
		}
	}
	for _, c := range n.Content {
		if err := m.splitField(c, text, firstLine); err != nil {
			return err
		}
	}
	return nil
}

// brokenBefore reports the invisible break r that begins YAML's line
// (from 1) part way into a line of text, after a value, and where that
// line starts. Before the break, on its line as an editor shows it (after
// any carriage return), there must be more than spaces, a key's colon, or
// the - and ? that start an item or a key.
func (m yamlLines) brokenBefore(line int, text []byte) (at lineStart, r rune, ok bool) {
	if line < 1 || line > len(m) || m[line-1].col == 0 {
		return lineStart{}, 0, false
	}
	at = m[line-1]
	r, size := utf8.DecodeLastRune(text[:at.start])
	before := text[:at.start-size]
	before = bytes.TrimSpace(before[bytes.LastIndexAny(before, "\n\r")+1:])
	ok = len(before) > 0 && !bytes.HasSuffix(before, []byte(":")) && len(bytes.Trim(before, "-? ")) > 0
	return at, r, ok
}

// blame returns the error for a YAML error that invisible breaks cause,
// one the text is free of once every such break is a space: it names the
// first break that alone, the others made spaces, still fails. nil when
// the breaks are not the cause (a bracket never closed stays so), or no
// one of the first blameTries breaks is.
func (m yamlLines) blame(text []byte) *syntaxError {
	if m == nil || !parses(withoutBreaks(text, -1)) {
		return nil
	}
	tries := 0
	for _, at := range m {
		if at.col > 0 && tries < blameTries {
			tries++
			r, size := utf8.DecodeLastRune(text[:at.start])
			if !parses(withoutBreaks(text, at.start-size)) {
				return invisibleBreakError(at.line, at.col, r)
			}
		}
	}
	return nil
}

// blameTries bounds the parses blame makes, one per break, for a
// frontmatter pasted with many.
const blameTries = 64

// parses reports whether text is YAML that decodes.
func parses(text []byte) bool {
	var node yaml.Node
	return yaml.Unmarshal(text, &node) == nil
}

// withoutBreaks is text with each invisible break but the one at byte
// keep a space, a byte for a byte.
func withoutBreaks(text []byte, keep int) []byte {
	out := bytes.Clone(text)
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		if _, ok := invisibleBreaks[r]; ok && i != keep && !(r == '\r' && i+1 < len(out) && out[i+1] == '\n') {
			copy(out[i:i+size], "   ")
		}
		i += size
	}
	return out
}

// hasUnusualBreak reports whether text holds a line break YAML counts
// and the file's lines do not: a carriage return without a \n after it,
// or the UTF-8 of U+0085, U+2028 or U+2029.
func hasUnusualBreak(text []byte) bool {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\r':
			if i+1 == len(text) || text[i+1] != '\n' {
				return true
			}
		case 0xC2:
			if i+1 < len(text) && text[i+1] == 0x85 {
				return true
			}
		case 0xE2:
			if i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xA8 || text[i+2] == 0xA9) {
				return true
			}
		}
	}
	return false
}

// invisibleBreaks name the line breaks YAML counts that an editor shows
// as nothing, or not as a new line (see yamlLines).
var invisibleBreaks = map[rune]string{
	'\r':     "a carriage return (\\r) with no line feed after it",
	'\u0085': "a next-line character (U+0085)",
	'\u2028': "a line separator (U+2028)",
	'\u2029': "a paragraph separator (U+2029)",
}

// invisibleBreakError says that line holds the invisible break r at col.
func invisibleBreakError(line, col int, r rune) *syntaxError {
	return &syntaxError{Line: line, Col: col,
		Msg:  "this line holds " + invisibleBreaks[r] + ", an invisible line break where YAML ends the line",
		Hint: "delete it; it often comes with text pasted from a web page or a document"}
}
