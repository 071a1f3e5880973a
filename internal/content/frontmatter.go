package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
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

// splitFrontmatter finds and decodes the frontmatter of src.
func splitFrontmatter(src []byte) (*front, error) {
	var raw rawFront
	rest, err := frontmatter.Parse(bytes.NewReader(src), &raw, formats...)
	if err != nil {
		return nil, &syntaxError{Line: 1, Col: 1, Msg: "cannot read the frontmatter: " + err.Error()}
	}
	openLine, delim := opening(src)
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
	return &front{Node: node, BodyOffset: len(src) - len(rest)}, nil
}

// opening finds the frontmatter's opening delimiter the way
// adrg/frontmatter does (the first non-blank line) and returns its line and
// the delimiter, or "" when the file opens with none.
func opening(src []byte) (line int, delim string) {
	off := 0
	for line = 1; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		text := string(bytes.TrimSpace(src[off : off+end]))
		if text != "" {
			if text == "---" || text == "+++" {
				return line, text
			}
			return line, ""
		}
		off += end + 1
	}
	return line, ""
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func decodeYAML(data []byte, firstLine int) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(err, data, firstLine)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: firstLine, Column: 1}, nil
	}
	root := doc.Content[0]
	shift(root, firstLine-1)
	if root.Kind != yaml.MappingNode {
		return nil, &syntaxError{Line: root.Line, Col: root.Column,
			Msg:  "the frontmatter must be a list of `field: value` lines",
			Hint: "write each field on its own line, e.g. `title: Rebuilding trust with families`"}
	}
	return root, nil
}

// yamlError turns a YAML library error into a positioned, plain-language one.
func yamlError(err error, data []byte, firstLine int) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	lines := strings.Split(string(data), "\n")
	text := ""
	if line-1 < len(lines) {
		text = lines[line-1]
	}
	e := &syntaxError{Line: firstLine + line - 1, Col: 1, Msg: "the frontmatter is not valid YAML: " + msg}
	switch {
	case strings.Contains(string(data), "\t") && (strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token")):
		e.Msg = "the frontmatter is indented with a tab"
		e.Hint = "indent with spaces, not tabs"
		for i, l := range lines {
			if j := strings.IndexByte(l, '\t'); j >= 0 {
				e.Line, e.Col = firstLine+i, j+1
				break
			}
		}
	case strings.Contains(msg, "mapping values are not allowed"):
		e.Msg = "a value contains a colon, which YAML reads as a new field"
		e.Hint = "put the value in quotes, e.g. `title: \"Equity: a district's story\"`"
		if k := strings.Index(text, ":"); k >= 0 {
			e.Col = k + 2
		}
	case strings.Contains(msg, "did not find expected key") || strings.Contains(msg, "could not find expected ':'"):
		e.Hint = "each line should read `field: value`; check the quotes and the indentation on this line and the one before"
	}
	return e
}

// shift moves every position of the tree down by lines, so positions are
// lines of the whole file instead of the frontmatter.
func shift(n *yaml.Node, lines int) {
	n.Line += lines
	for _, c := range n.Content {
		shift(c, lines)
	}
}

var tomlKeyLine = regexp.MustCompile(`^\s*(?:\[\[\s*)?["']?([A-Za-z0-9_-]+)["']?\s*(?:=|\]\])`)

// decodeTOML decodes TOML frontmatter into a YAML mapping node. The TOML
// library keeps key positions private, so each top-level key's line is found
// by scanning; values take their key's position.
func decodeTOML(data []byte, firstLine int) (*yaml.Node, error) {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &syntaxError{Line: firstLine + pe.Position.Line - 1, Col: max(1, pe.Position.Col),
				Msg: "the frontmatter is not valid TOML: " + pe.Message}
		}
		return nil, &syntaxError{Line: firstLine, Col: 1, Msg: "the frontmatter is not valid TOML: " + err.Error()}
	}
	keyLine := map[string]int{}
	for i, l := range strings.Split(string(data), "\n") {
		if k := tomlKeyLine.FindStringSubmatch(l); k != nil {
			if _, seen := keyLine[k[1]]; !seen {
				keyLine[k[1]] = firstLine + i
			}
		}
	}
	order := map[string]int{}
	for i, k := range md.Keys() {
		if len(k) == 1 {
			if _, ok := order[k[0]]; !ok {
				order[k[0]] = i
			}
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return order[keys[i]] < order[keys[j]] })
	root := &yaml.Node{Kind: yaml.MappingNode, Line: firstLine, Column: 1}
	for _, k := range keys {
		line := keyLine[k]
		if line == 0 {
			line = firstLine
		}
		root.Content = append(root.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: 1},
			tomlNode(m[k], line))
	}
	return root, nil
}

func tomlNode(v any, line int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: line, Column: 1}
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
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, line))
		}
	case []map[string]any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, line))
		}
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: 1},
				tomlNode(v[k], line))
		}
	default:
		n.Tag, n.Value = "!!str", fmt.Sprint(v)
	}
	return n
}
