package content

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/casebook/casebook/internal/tomlerr"
	"go.yaml.in/yaml/v3"
)

// The TOML library keeps the positions of keys private, so decodeTOML finds
// them by reading the lines itself: each `key = value` line belongs to the
// table whose [header] or [[header]] is above it. The scan does not
// understand multi-line strings or arrays, so a key = value line written
// inside a multi-line string could be taken for a key, and the entries of a
// multi-line array take the position of their key. Positions are for
// pointing an author at a line; they are right for frontmatter as people
// write it, and approximate otherwise.

var (
	tomlKeyValue = regexp.MustCompile(`^(\s*)["']?([A-Za-z0-9_-]+)["']?\s*=\s*`)
	tomlHeader   = regexp.MustCompile(`^\s*(\[\[?)\s*["']?([A-Za-z0-9_-]+)["']?\s*\]\]?`)
)

// tomlPos is where a key and its value are written, in file lines and
// columns counted from 1.
type tomlPos struct {
	line, keyCol, valCol int
}

// tomlTable is one table of the frontmatter: the top level, a [table], or
// one entry of an [[array of tables]].
type tomlTable struct {
	header tomlPos
	keys   map[string]tomlPos
}

// tomlLayout is where every key of a TOML frontmatter is written.
type tomlLayout struct {
	lines     []string
	firstLine int // the file line of lines[0]
	top       *tomlTable
	tables    map[string][]*tomlTable // by header name, in file order
}

func scanTOML(data []byte, firstLine int) *tomlLayout {
	lay := &tomlLayout{lines: strings.Split(string(data), "\n"), firstLine: firstLine,
		top: &tomlTable{keys: map[string]tomlPos{}}, tables: map[string][]*tomlTable{}}
	current := lay.top
	for i, l := range lay.lines {
		line := firstLine + i
		if h := tomlHeader.FindStringSubmatchIndex(l); h != nil {
			name := l[h[4]:h[5]]
			current = &tomlTable{header: tomlPos{line: line, keyCol: h[2] + 1, valCol: h[2] + 1}, keys: map[string]tomlPos{}}
			lay.tables[name] = append(lay.tables[name], current)
			continue
		}
		if m := tomlKeyValue.FindStringSubmatchIndex(l); m != nil {
			key := l[m[4]:m[5]]
			if _, seen := current.keys[key]; !seen {
				current.keys[key] = tomlPos{line: line, keyCol: runeCol(l, m[3]), valCol: runeCol(l, m[1])}
			}
		}
	}
	return lay
}

// runeCol is the 1-based column of byte offset off in l, counting
// characters as editors do.
func runeCol(l string, off int) int { return len([]rune(l[:off])) + 1 }

// byteOffset is the byte offset of 1-based column col in l, clamped to l.
func byteOffset(l string, col int) int {
	n := 1
	for i := range l {
		if n == col {
			return i
		}
		n++
	}
	return len(l)
}

// decodeTOML decodes TOML frontmatter into a YAML mapping node, with the
// positions scanTOML finds, so one decoder serves both formats.
func decodeTOML(data []byte, firstLine int) (*yaml.Node, error) {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		if e, ok := tomlerr.Locate(data, err); ok {
			return nil, &syntaxError{Line: firstLine + e.Line - 1, Col: e.Col,
				Msg: "the frontmatter is not valid TOML: " + e.Msg, Hint: e.Hint}
		}
		return nil, &syntaxError{Line: firstLine, Col: 1, Msg: "the frontmatter is not valid TOML: " + err.Error()}
	}
	lay := scanTOML(data, firstLine)
	root := &yaml.Node{Kind: yaml.MappingNode, Line: firstLine, Column: 1}
	lay.appendFields(root, m, topLevelOrder(md, m), lay.top, tomlPos{line: firstLine, keyCol: 1, valCol: 1})
	return root, nil
}

// topLevelOrder lists m's keys in the order the file writes them, so
// diagnostics come out in file order.
func topLevelOrder(md toml.MetaData, m map[string]any) []string {
	order := map[string]int{}
	for i, k := range md.Keys() {
		if _, ok := order[k[0]]; !ok {
			order[k[0]] = i
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return order[keys[i]] < order[keys[j]] })
	return keys
}

// appendFields adds a key and value node per key of m to n. Keys written in
// table t take their own position; others (such as the keys of an inline
// table) take fallback's.
func (lay *tomlLayout) appendFields(n *yaml.Node, m map[string]any, keys []string, t *tomlTable, fallback tomlPos) {
	for _, k := range keys {
		pos, ok := t.keys[k]
		if !ok {
			pos = fallback
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: pos.line, Column: pos.keyCol}
		var val *yaml.Node
		if tables := lay.tables[k]; !ok && t == lay.top && len(tables) > 0 {
			// a [table] or [[array of tables]] written under its own header
			key.Line, key.Column = tables[0].header.line, tables[0].header.keyCol
			val = lay.tableNode(m[k], tables)
		} else {
			val = lay.node(m[k], pos)
		}
		n.Content = append(n.Content, key, val)
	}
}

// tableNode converts the value of a [table] or [[array of tables]], giving
// each table's keys the positions written under its header.
func (lay *tomlLayout) tableNode(v any, tables []*tomlTable) *yaml.Node {
	switch v := v.(type) {
	case map[string]any:
		return lay.mapping(v, tables[0])
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: tables[0].header.line, Column: tables[0].header.valCol}
		for i, e := range v {
			n.Content = append(n.Content, lay.mapping(e, tables[min(i, len(tables)-1)]))
		}
		return n
	}
	return lay.node(v, tables[0].header)
}

func (lay *tomlLayout) mapping(m map[string]any, t *tomlTable) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: t.header.line, Column: t.header.valCol}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := t.keys[keys[i]], t.keys[keys[j]]
		if a.line != b.line {
			return a.line < b.line
		}
		return keys[i] < keys[j]
	})
	lay.appendFields(n, m, keys, t, t.header)
	return n
}

// node converts one value written at pos. The entries of a one-line array
// of strings get the column of their own text.
func (lay *tomlLayout) node(v any, pos tomlPos) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: pos.line, Column: pos.valCol}
	switch v := v.(type) {
	case string:
		n.Tag, n.Value = "!!str", v
	case int64:
		n.Tag, n.Value = "!!int", strconv.FormatInt(v, 10)
	case float64:
		n.Tag, n.Value = "!!float", strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		n.Tag, n.Value = "!!bool", strconv.FormatBool(v)
	case time.Time:
		n.Tag, n.Value = "!!timestamp", v.Format(time.RFC3339)
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			n.Value = v.Format(time.DateOnly)
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		lay.appendItems(n, v, pos)
	case []map[string]any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range v {
			n.Content = append(n.Content, lay.node(e, pos))
		}
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		lay.appendFields(n, v, keys, &tomlTable{}, pos)
	default:
		n.Tag, n.Value = "!!str", fmt.Sprint(v)
	}
	return n
}

// appendItems adds the entries of an array written at pos, each string at
// the column where its quoted text appears on the line.
func (lay *tomlLayout) appendItems(n *yaml.Node, items []any, pos tomlPos) {
	line := ""
	if i := pos.line - lay.firstLine; i >= 0 && i < len(lay.lines) {
		line = lay.lines[i]
	}
	from := byteOffset(line, pos.valCol)
	for _, e := range items {
		item := lay.node(e, pos)
		if s, ok := e.(string); ok && s != "" {
			if j := strings.Index(line[from:], s); j > 0 {
				item.Column = runeCol(line, from+j-1) // the opening quote, as YAML does
				from += j + len(s)
			}
		}
		n.Content = append(n.Content, item)
	}
}
