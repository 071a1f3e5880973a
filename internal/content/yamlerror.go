package content

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// YAML's messages are written for programmers and its line numbers are not
// always the line of the problem. yamlError finds the line an author has to
// change and says what is wrong in their words.
//
// Where yaml.v3 (v3.0.6) puts its "line N":
//   - Scanner errors (tabs, colons, unclosed quotes, characters that cannot
//     start a value) count lines from 1.
//   - Parser errors (parserErrors below) count from 0, and name the line
//     where the enclosing list or group of fields starts rather than the
//     line of the problem.
//   - Either kind falls back to the problem's own line when the enclosing
//     construct starts on the first line, and omits the line altogether
//     when that is the first line too.
//
// So parser lines get 1 added, and each message is then moved to the line
// that shows its problem (the bracket or quote that is never closed, the
// first line YAML cannot read), found in the text itself.

// parserErrors are the yaml.v3 messages that come from its parser, whose
// line numbers count from 0.
var parserErrors = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"found undefined tag handle",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

var (
	yamlLine      = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// yamlError turns a YAML library error into a positioned, plain-language one.
func yamlError(err error, data []byte, firstLine int) error {
	msg, line := yamlMessage(err)
	lines := strings.Split(string(data), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	y := &yamlProblem{lines: lines, msg: msg,
		e: &syntaxError{Line: line, Col: 1, Msg: "the frontmatter is not valid YAML: " + msg}}
	y.explain()
	y.e.Line = firstLine + min(max(y.e.Line, 1), len(lines)) - 1
	return y.e
}

// yamlMessage splits a yaml.v3 error into its message and the 1-based line
// of the frontmatter it reports (1 when it reports none).
func yamlMessage(err error) (msg string, line int) {
	msg = err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return strings.TrimPrefix(msg, "yaml: "), 1
	}
	line, _ = strconv.Atoi(m[1])
	msg = m[2]
	for _, p := range parserErrors {
		if msg == p {
			return msg, line + 1
		}
	}
	return msg, line
}

// yamlProblem is one YAML error being explained: the frontmatter's lines
// (counted from 1 in e.Line), the library's message and the error to fill.
type yamlProblem struct {
	lines []string
	msg   string
	e     *syntaxError
}

func (y *yamlProblem) text(line int) string {
	if line < 1 || line > len(y.lines) {
		return ""
	}
	return y.lines[line-1]
}

// explain rewrites y.e for the problems authors run into.
func (y *yamlProblem) explain() {
	if y.tabIndent() {
		return
	}
	switch {
	case unknownAnchor.MatchString(y.msg):
		y.unknownAlias(unknownAnchor.FindStringSubmatch(y.msg)[1])
	case y.msg == "found character that cannot start any token":
		y.reservedStart()
	case y.msg == "mapping values are not allowed in this context":
		y.colonOrIndent()
	case y.msg == "did not find expected ',' or ']'" || y.msg == "did not find expected ',' or '}'" ||
		(y.msg == "did not find expected node content" && y.unclosedBracketBefore(y.e.Line) > 0):
		y.unclosedBracket()
	case y.msg == "found unexpected end of stream":
		y.unclosedQuote()
	case y.msg == "did not find expected key":
		y.e.Line = y.firstFailingLine(y.e.Line)
		y.unreadableLine()
	case y.msg == "did not find expected '-' indicator":
		y.e.Line = y.firstFailingLine(y.e.Line)
		y.e.Msg = "this line's indentation does not match the list above it"
		y.e.Hint = "line up each `- ` item with the one above it, and each field of an item (such as `text:`) with its first field (such as `theme:`)"
	case y.msg == "could not find expected ':'":
		y.e.Msg = "this line is not a `field: value` line"
		y.e.Hint = "write each field as `field: value`; a long value continues on the next lines only if they are indented"
	case y.msg == "control characters are not allowed":
		y.controlCharacter()
	}
}

// tabIndent reports a tab in a line's indentation, which YAML forbids. A
// tab inside a value is fine, so only leading whitespace counts; the line
// YAML names is preferred, then the first line indented with a tab.
func (y *yamlProblem) tabIndent() bool {
	if !strings.Contains(y.msg, "tab") && y.msg != "found character that cannot start any token" {
		return false
	}
	line, col := y.e.Line, tabInIndent(y.text(y.e.Line))
	if col == 0 {
		for i, l := range y.lines {
			if col = tabInIndent(l); col > 0 {
				line = i + 1
				break
			}
		}
	}
	if col == 0 {
		return false
	}
	y.e.Line, y.e.Col = line, col
	y.e.Msg = "the frontmatter is indented with a tab"
	y.e.Hint = "indent with spaces, not tabs"
	return true
}

// tabInIndent returns the column of the first tab in l's leading
// whitespace, or 0.
func tabInIndent(l string) int {
	indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
	return strings.IndexByte(indent, '\t') + 1
}

// unknownAlias explains `locale: *x`: the author meant the text "*x", YAML
// read a reference to a value labelled &x. The message has no line.
func (y *yamlProblem) unknownAlias(name string) {
	star := regexp.MustCompile(`(^|[\s\[{,:-])(\*` + regexp.QuoteMeta(name) + `)`)
	for i, l := range y.lines {
		if m := star.FindStringSubmatchIndex(l); m != nil {
			y.e.Line, y.e.Col = i+1, m[4]+1
			break
		}
	}
	y.e.Msg = fmt.Sprintf("the value `*%s` starts with *, which YAML reads as a reference to another value", name)
	y.e.Hint = "values starting with * or & must be in quotes, e.g. " + quotedExample(y.text(y.e.Line), "*"+name)
}

// reservedStart explains a value starting with @, ` or %, which YAML
// reserves.
func (y *yamlProblem) reservedStart() {
	l := y.text(y.e.Line)
	_, value, ok := field(l)
	if !ok || value == "" {
		return
	}
	y.e.Col = len([]rune(l[:strings.Index(l, value)])) + 1
	y.e.Msg = fmt.Sprintf("a value cannot start with %c unless it is in quotes", []rune(value)[0])
	y.e.Hint = "put the value in quotes, e.g. " + quotedExample(l, value)
}

// colonOrIndent tells a colon inside a value (`title: Equity: a story`)
// from a line indented more than the field above it, which YAML reports
// with the same message.
func (y *yamlProblem) colonOrIndent() {
	l := y.text(y.e.Line)
	if _, value, ok := field(l); ok && (strings.Contains(value, ": ") || strings.HasSuffix(value, ":")) {
		y.e.Col = len([]rune(l[:strings.Index(l, value)])) + 1
		y.e.Msg = "a value contains a colon, which YAML reads as a new field"
		y.e.Hint = "put the value in quotes, e.g. `title: \"Equity: a district's story\"`"
		return
	}
	y.e.Msg = "this line's indentation does not match the lines above it"
	y.e.Hint = "start each field at the beginning of the line; in a list such as `lessons:`, line up `text:` with `theme:` above it"
}

// unclosedBracket points at the [ or { that is never closed. YAML names
// the line it starts on, or a later one when it starts on the first line.
func (y *yamlProblem) unclosedBracket() {
	line := y.unclosedBracketBefore(y.e.Line)
	if line == 0 {
		return
	}
	l := y.text(line)
	open := strings.LastIndexAny(l, "[{")
	y.e.Line, y.e.Col = line, len([]rune(l[:open]))+1
	if l[open] == '[' {
		y.e.Msg = "the list that starts with [ is never closed"
		y.e.Hint = "end the list with ] on the same line, e.g. `themes: [equity-vision, staff-capacity]`; put a value in quotes if it contains a comma or a bracket"
		return
	}
	y.e.Msg = "the group that starts with { is never closed"
	y.e.Hint = "end it with } on the same line, or put the value in quotes if the braces are part of the text"
}

// unclosedBracketBefore returns the nearest line at or above line holding
// a [ or { that the line does not close, or 0.
func (y *yamlProblem) unclosedBracketBefore(line int) int {
	for ; line >= 1; line-- {
		l := y.text(line)
		if strings.Count(l, "[")+strings.Count(l, "{") > strings.Count(l, "]")+strings.Count(l, "}") {
			return line
		}
	}
	return 0
}

// unclosedQuote points at the quote that opens a value and never closes.
// YAML names the quote's line, or the end of the frontmatter when the quote
// is on the first line, so the nearest line with a quote at or above it is
// the one.
func (y *yamlProblem) unclosedQuote() {
	for line := min(y.e.Line, len(y.lines)); line >= 1; line-- {
		l := y.text(line)
		if q := strings.IndexAny(l, `"'`); q >= 0 {
			y.e.Line, y.e.Col = line, len([]rune(l[:q]))+1
			y.e.Msg = fmt.Sprintf("the quote %c that starts this value is never closed", l[q])
			y.e.Hint = fmt.Sprintf("add a closing %c at the end of the value", l[q])
			return
		}
	}
}

// firstFailingLine finds the line YAML stops at when it names the start of
// the enclosing group instead: the first line from there that makes the
// frontmatter so far fail with the same message. Frontmatter is a few
// dozen lines, so parsing it again a line at a time is cheap.
func (y *yamlProblem) firstFailingLine(from int) int {
	for end := max(from, 1); end <= len(y.lines); end++ {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(y.lines[:end], "\n")), &n)
		if err != nil && strings.HasSuffix(err.Error(), y.msg) {
			return end
		}
	}
	return from
}

// unreadableLine explains a line YAML cannot read as a field: most often
// text after a value's closing quote (`title: "Equity" in practice`).
func (y *yamlProblem) unreadableLine() {
	l := y.text(y.e.Line)
	if key, value, ok := field(l); ok && textAfterQuote(value) {
		y.e.Col = len([]rune(l[:strings.Index(l, value)])) + 1
		y.e.Msg = "this value has text after its closing quote"
		y.e.Hint = "put the whole value inside one pair of quotes, e.g. " + quotedExample(key+": "+value, unquoted(value))
		return
	}
	y.e.Msg = "YAML cannot read this line as `field: value`"
	y.e.Hint = "check the quotes and the indentation on this line: each field starts at the beginning of a line, and a list item with `- ` lines up with the one above it"
}

// controlCharacter points at an invisible control character, which YAML
// does not allow; it reports no line.
func (y *yamlProblem) controlCharacter() {
	for i, l := range y.lines {
		for j, r := range []rune(l) {
			if unicode.IsControl(r) && r != '\t' {
				y.e.Line, y.e.Col = i+1, j+1
				y.e.Msg = "the frontmatter contains an invisible control character"
				y.e.Hint = "delete this line and type it again; such characters often come with text pasted from another program"
				return
			}
		}
	}
}

// field splits a `key: value` line (or a `- key: value` list item) into
// its key and value; ok is false for any other line.
func field(l string) (key, value string, ok bool) {
	t := strings.TrimSpace(l)
	t = strings.TrimSpace(strings.TrimPrefix(t, "- "))
	i := strings.Index(t, ":")
	if i <= 0 || (i+1 < len(t) && t[i+1] != ' ' && t[i+1] != '\t') {
		return "", "", false
	}
	return strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:]), true
}

// textAfterQuote reports a value that opens with a quote and goes on
// after the matching closing one.
func textAfterQuote(value string) bool {
	if value == "" || (value[0] != '"' && value[0] != '\'') {
		return false
	}
	q := value[0]
	for i := 1; i < len(value); i++ {
		switch {
		case q == '"' && value[i] == '\\':
			i++
		case q == '\'' && value[i] == '\'' && i+1 < len(value) && value[i+1] == '\'':
			i++
		case value[i] == q:
			rest := strings.TrimSpace(value[i+1:])
			return rest != "" && !strings.HasPrefix(rest, "#")
		}
	}
	return false
}

// unquoted strips the quotes around a whole value, so 'Families' voice'
// becomes Families' voice.
func unquoted(value string) string {
	if len(value) >= 2 && value[0] == value[len(value)-1] && (value[0] == '"' || value[0] == '\'') {
		return value[1 : len(value)-1]
	}
	return value
}

// quotedExample shows value in quotes on the line's field: `locale: "*x"`.
// It uses double quotes unless the value holds one.
func quotedExample(line, value string) string {
	key, _, ok := field(line)
	if !ok {
		key = "title"
	}
	q := `"`
	if strings.Contains(value, `"`) {
		q = "'"
	}
	return "`" + key + ": " + q + value + q + "`"
}
