package content

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseSimpleYAML reads the frontmatter most pages have, the way the YAML
// library reads it, at a fraction of the cost: a parse of a typical case
// study's frontmatter by the library was a twentieth of a build's CPU and
// an eighth of what it allocated. It knows only
//
//	key: plain, "double-quoted" or 'single-quoted' text
//	key: [a flow, list]
//	key:
//	  - an item of a block list
//	  - key: or a small mapping
//	    key: of such values
//
// on lines without tabs, comments, anchors, tags, escapes or text a plain
// value would have to be read with care (a number other than a whole
// one, a value beginning with an indicator). ok is false for anything
// else, and the caller asks the library: what this returns must be the
// very tree the library makes (FuzzSimpleYAML holds it to that).
func parseSimpleYAML(data []byte) (doc *yaml.Node, ok bool) {
	if len(data) == 0 || data[0] == '\n' || !simpleBytes(data) {
		return nil, false
	}
	p := simpleParser{lines: strings.Split(string(data), "\n")}
	// About the most nodes the text can make: two a line and one an item
	// of a flow list.
	p.free = make([]yaml.Node, 0, 2*len(p.lines)+bytes.Count(data, []byte(","))+2)
	root := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1})
	root.Content = make([]*yaml.Node, 0, 2*len(p.lines))
	for p.skipBlank() {
		text := p.lines[p.at]
		if text[0] == ' ' {
			return nil, false
		}
		key, value, ok := p.field(0)
		if !ok {
			return nil, false
		}
		if value == nil {
			if value, ok = p.blockList(); !ok {
				return nil, false
			}
		}
		root.Content = append(root.Content, key, value)
	}
	if len(root.Content) == 0 {
		return nil, false
	}
	return p.node(yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{root}}), true
}

// simpleBytes reports whether data is UTF-8 with none of the bytes the
// simple reader leaves to the library: tabs, carriage returns, control
// characters, the indicators of comments, anchors, aliases, tags, block
// text, directives, flow mappings and escapes, and the characters YAML
// counts as line breaks or refuses.
func simpleBytes(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if notSimple[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError || r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += size
	}
	return true
}

// notSimple marks the bytes simpleBytes refuses.
var notSimple = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c < ' ' && c != '\n' || c == 0x7f || strings.IndexByte("#&*!|>%@`{}\\", byte(c)) >= 0
	}
	return t
}()

type simpleParser struct {
	lines []string
	at    int         // the line being read, from 0
	free  []yaml.Node // where the next nodes go
}

// node places n in the parser's next free node: a page's nodes share an
// allocation or two rather than taking one apiece.
func (p *simpleParser) node(n yaml.Node) *yaml.Node {
	if len(p.free) == cap(p.free) {
		p.free = make([]yaml.Node, 0, 16)
	}
	p.free = append(p.free, n)
	return &p.free[len(p.free)-1]
}

// skipBlank moves past empty lines and reports whether a line is left.
// The text after the last line break is a line only if it is not empty.
func (p *simpleParser) skipBlank() bool {
	for p.at < len(p.lines) && p.lines[p.at] == "" {
		p.at++
	}
	return p.at < len(p.lines)
}

// next passes the current line, returning it and its number from 1.
func (p *simpleParser) next() (line string, n int) {
	p.at++
	return p.lines[p.at-1], p.at
}

// field reads `key: value` at column indent+1 of the current line and
// moves to the next line. value is nil for `key:` with nothing after it.
func (p *simpleParser) field(indent int) (key, value *yaml.Node, ok bool) {
	line, n := p.next()
	rest := line[indent:]
	colon := strings.IndexByte(rest, ':')
	if colon <= 0 || !simpleKey(rest[:colon]) {
		return nil, nil, false
	}
	key = p.plain(rest[:colon], line, indent, n)
	if key == nil {
		return nil, nil, false
	}
	after := rest[colon+1:]
	if after == "" {
		return key, nil, true
	}
	if after[0] != ' ' || len(after) < 2 || after[1] == ' ' {
		return nil, nil, false
	}
	value = p.value(line, indent+colon+2, n)
	return key, value, value != nil
}

// simpleKey reports whether s is a key of letters, digits, '_' and '-'
// that starts with a letter, and no longer than a key could sensibly be
// (YAML refuses one past 1,024 characters).
func simpleKey(s string) bool {
	if len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '_' || c == '-')) {
			return false
		}
	}
	return s != ""
}

// value reads the scalar or flow list from byte off of line n to its end.
func (p *simpleParser) value(line string, off, n int) *yaml.Node {
	text := line[off:]
	switch text[0] {
	case '"', '\'':
		return p.quoted(line, off, n)
	case '[':
		return p.flowList(line, off, n)
	}
	if strings.Contains(text, ": ") || strings.HasSuffix(text, ":") {
		return nil
	}
	return p.plain(text, line, off, n)
}

// quoted reads a quoted scalar that fills the rest of line n from off,
// with no quote of its kind inside (so no escapes to read).
func (p *simpleParser) quoted(line string, off, n int) *yaml.Node {
	q := line[off]
	inner := line[off+1:]
	end := strings.IndexByte(inner, q)
	if end < 0 || end != len(inner)-1 {
		return nil
	}
	style := yaml.DoubleQuotedStyle
	if q == '\'' {
		style = yaml.SingleQuotedStyle
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: inner[:end], Line: n, Column: column(line, off)})
}

// flowList reads `[a, b]`, of plain items, that fills the rest of line n
// from off.
func (p *simpleParser) flowList(line string, off, n int) *yaml.Node {
	if !strings.HasSuffix(line, "]") {
		return nil
	}
	list := p.node(yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: n, Column: column(line, off)})
	body := line[off+1 : len(line)-1]
	// In a flow list, YAML also reads a '?' as the mark of a key.
	if strings.ContainsAny(body, "[]:'\"?") {
		return nil
	}
	if strings.TrimLeft(body, " ") == "" {
		if body != "" {
			return nil
		}
		return list
	}
	start := off + 1
	for _, item := range strings.Split(body, ",") {
		trimmed := strings.TrimLeft(item, " ")
		at := start + len(item) - len(trimmed)
		start += len(item) + 1
		trimmed = strings.TrimRight(trimmed, " ")
		item := p.plain(trimmed, line, at, n)
		if item == nil {
			return nil
		}
		list.Content = append(list.Content, item)
	}
	return list
}

// blockList reads the lines `- item` after a `key:` line: scalars, or
// small mappings whose later keys line up under the first.
func (p *simpleParser) blockList() (*yaml.Node, bool) {
	if !p.skipBlank() {
		return nil, false
	}
	indent := len(p.lines[p.at]) - len(strings.TrimLeft(p.lines[p.at], " "))
	list := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.at + 1, Column: indent + 1})
	for p.skipBlank() {
		line := p.lines[p.at]
		if !strings.HasPrefix(line[min(indent, len(line)):], "- ") || strings.TrimLeft(line[:indent], " ") != "" {
			break
		}
		item, ok := p.listItem(line, indent+2)
		if !ok {
			return nil, false
		}
		list.Content = append(list.Content, item)
	}
	if len(list.Content) == 0 {
		return nil, false // `key:` alone: null
	}
	if indent > 0 && p.at < len(p.lines) && p.lines[p.at][0] == ' ' {
		return nil, false // a line indented other than as this list
	}
	return list, true
}

// listItem reads the item that starts at byte off of line, after "- ".
func (p *simpleParser) listItem(line string, off int) (*yaml.Node, bool) {
	rest := line[off:]
	if rest == "" || rest[0] == ' ' || rest[0] == '-' {
		return nil, false
	}
	colon := strings.IndexByte(rest, ':')
	if colon < 0 || rest[0] == '"' || rest[0] == '\'' || rest[0] == '[' {
		line, n := p.next()
		item := p.value(line, off, n)
		return item, item != nil
	}
	m := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.at + 1, Column: column(line, off)})
	for {
		key, value, ok := p.field(off)
		if !ok || value == nil {
			return nil, false
		}
		m.Content = append(m.Content, key, value)
		if !p.skipBlank() {
			break
		}
		next := p.lines[p.at]
		if len(next) <= off || strings.TrimLeft(next[:off], " ") != "" || next[off] == ' ' {
			break
		}
	}
	return m, true
}

// plain makes the plain scalar text found at byte off of line n.
func (p *simpleParser) plain(text, line string, off, n int) *yaml.Node {
	if text == "" || strings.HasSuffix(text, " ") || strings.Contains(text, " #") {
		return nil
	}
	tag := plainTag(text)
	if tag == "" {
		return nil
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text, Line: n, Column: column(line, off)})
}

// plainTag is the tag YAML resolves the plain scalar s to, or "" when the
// simple reader leaves s to the library: anything that starts with an
// indicator, a sign or a dot, and numbers other than whole ones and dates.
func plainTag(s string) string {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "null", "Null", "NULL", "~":
		return "!!null"
	}
	c := s[0]
	switch {
	case c >= utf8.RuneSelf || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		return "!!str"
	case '0' <= c && c <= '9':
		return numberTag(s)
	case c == '(' || c == '/' || c == '$':
		return "!!str"
	}
	return ""
}

// numberTag is plainTag for s that starts with a digit. YAML tries such
// text as a date, then as a whole number (strconv.ParseInt's and
// ParseUint's base 0, with any '_' dropped), then as a float, and reads
// it as text when all fail.
func numberTag(s string) string {
	if len(s) > 4 && s[4] == '-' {
		if isDate(s) {
			return "!!timestamp"
		}
		return ""
	}
	if strings.IndexByte(s, '_') >= 0 {
		return ""
	}
	if _, err := strconv.ParseInt(s, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(s, 0, 64); err == nil {
		return "!!int"
	}
	if yamlFloat.MatchString(s) || strings.HasPrefix(s, "0b") || strings.HasPrefix(s, "0o") {
		return ""
	}
	return "!!str"
}

// yamlFloat is how YAML tells a float.
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// isDate reports whether s is a date written yyyy-mm-dd.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// column is the 1-based column YAML gives byte off of line: it counts
// characters, not bytes.
func column(line string, off int) int {
	return 1 + utf8.RuneCountInString(line[:off])
}
