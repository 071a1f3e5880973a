package content

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
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
	breaks := yamlLinesOf(data)
	if e := breaks.blame(data); e != nil {
		e.Line += firstLine - 1
		return e
	}
	line, _ = breaks.position(line, 1)
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
	if y.tabIndent() || y.runawayQuote() {
		return
	}
	switch {
	case unknownAnchor.MatchString(y.msg):
		y.unknownAlias(unknownAnchor.FindStringSubmatch(y.msg)[1])
	case y.msg == "did not find expected alphabetic or numeric character":
		y.quoteIndicator("*&")
	case y.msg == "block sequence entries are not allowed in this context":
		y.blockEntry()
	case strings.Contains(y.msg, "tag") || strings.Contains(y.msg, "URI"):
		if y.msg == "found undefined tag handle" { // a parser error
			y.e.Line = y.firstFailingLine(y.e.Line)
		}
		y.quoteIndicator("!")
	case y.msg == "found character that cannot start any token":
		y.quoteIndicator("%@`")
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

// unknownAlias explains `title: *New homework`: the author meant the text,
// YAML read a reference to a value labelled &New. The message has no line.
func (y *yamlProblem) unknownAlias(name string) {
	star := regexp.MustCompile(`(^|[\s\[{,:-])(\*` + regexp.QuoteMeta(name) + `)`)
	for i, l := range y.lines {
		if m := star.FindStringSubmatchIndex(l); m != nil {
			y.e.Line, y.e.Col = i+1, runeCol(l, m[4])
			break
		}
	}
	if y.quoteIndicator("*") {
		return
	}
	// The alias is not a whole value, but an entry of a list or a group.
	y.e.Msg = fmt.Sprintf("the value `*%s` starts with *, which YAML %s", name, indicatorReading['*'])
	y.e.Hint = "put it in quotes: `" + yamlQuote("*"+name) + "`"
}

// quoteIndicator explains the line of y's error when it is a field whose
// value starts with one of chars, characters YAML treats specially there,
// and reports whether it did.
func (y *yamlProblem) quoteIndicator(chars string) bool {
	key, value, col, ok := field(y.text(y.e.Line))
	if !ok || value == "" || !strings.ContainsRune(chars, rune(value[0])) {
		return false
	}
	y.e.Col = col
	y.e.Msg, y.e.Hint = indicatorProblem(key, value)
	return true
}

// blockEntry explains `- ` after a field's colon: text starting with a
// dash, or a list whose first item is written on the field's own line.
func (y *yamlProblem) blockEntry() {
	key, value, col, ok := field(y.text(y.e.Line))
	if !ok || !strings.HasPrefix(value, "-") || !isListField(key) {
		y.quoteIndicator("-")
		return
	}
	y.e.Col = col
	y.e.Msg = fmt.Sprintf("the list `%s` starts on the line of its name", key)
	y.e.Hint = fmt.Sprintf("put each item on its own line below `%s:`, starting with `- `", key)
}

// colonOrIndent tells a colon inside a value (`title: Equity: a story`)
// from a line indented more than the field above it, which YAML reports
// with the same message.
func (y *yamlProblem) colonOrIndent() {
	key, value, col, ok := field(y.text(y.e.Line))
	if !ok || !(strings.Contains(value, ": ") || strings.HasSuffix(value, ":")) {
		y.e.Msg = "this line's indentation does not match the lines above it"
		y.e.Hint = "start each field at the beginning of the line; in a list such as `lessons:`, line up `text:` with `theme:` above it"
		return
	}
	y.e.Col = col
	y.e.Msg, y.e.Hint = colonProblem(key, value)
}

// colonProblem says why the colon in value starts a new field: the value
// is not quoted, or its quotes do not wrap all of it.
func colonProblem(key, value string) (msg, hint string) {
	switch {
	case quotesInsideQuotes(value):
		return quotesInsideProblem(key, value)
	case closingQuote(value) > 0:
		return "the value's closing quote comes before the end of the text, so YAML reads the colon after it as a new field",
			"put the whole value inside one pair of quotes: " + fixedLine(key, value)
	case startsWithCurlyQuote(value):
		// Quotes around the whole value were meant as quotes: Word turned
		// them curly. Quotes around part of it are part of the text.
		if inner, whole := curlyWrapped(value); whole {
			value = inner
		}
		return "curly quotes “ ” ‘ ’ are not quotes to YAML, so the colon after them starts a new field",
			"put the value in straight quotes: " + fixedLine(key, value)
	case textAfterFlow(value) && !isListField(key):
		return indicatorProblem(key, value)
	}
	return "a value contains a colon, which YAML reads as a new field", "put the value in quotes: " + fixedLine(key, value)
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
	if line := y.openQuoteLine(len(y.lines) + 1); line > 0 {
		key, value, col, _ := field(y.text(line))
		y.e.Line, y.e.Col = line, col
		y.e.Msg = fmt.Sprintf("the quote %c that starts this value is never closed", value[0])
		y.e.Hint = "close it at the end of the line: " + fixedLine(key, unescape(value))
		return
	}
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

// apostropheFix drops the opening quote of a single-quoted value whose
// "closing" quote is an apostrophe ('Families' homework, 'Let's talk'): in
// English text that is far likelier than a word in single quotes, so the
// author meant the first quote to wrap the value. A double quote is kept
// as text ("Equity" in practice).
func apostropheFix(value string) string {
	if strings.HasPrefix(value, "'") {
		return value[1:]
	}
	return value
}

// runawayQuote points at a value whose opening quote its line does not
// close (title: "A story). YAML lets a quoted value run on over
// the next lines, so it reads up to the next quote it meets, often the
// start of another field's value, and reports that later line, where the
// author would look for a mistake that is not there.
func (y *yamlProblem) runawayQuote() bool {
	if y.msg == "found unexpected end of stream" {
		return false // no quote closes it at all: unclosedQuote says so
	}
	line := y.openQuoteLine(min(y.e.Line, len(y.lines)+1))
	if line == 0 || !y.parsesWithClosed(line) {
		return false
	}
	key, value, col, _ := field(y.text(line))
	y.e.Line, y.e.Col = line, col
	y.e.Msg = fmt.Sprintf("the quote %c that starts the value of `%s` is not closed on its line, so YAML reads the lines after it as part of the value", value[0], key)
	y.e.Hint = "close it at the end of the line: " + fixedLine(key, unescape(value))
	return true
}

// openQuoteLine returns the first line before end holding a field whose
// value opens with a quote that the line does not close, or 0.
func (y *yamlProblem) openQuoteLine(end int) int {
	for line := 1; line < end; line++ {
		_, value, _, ok := field(y.text(line))
		if ok && value != "" && (value[0] == '"' || value[0] == '\'') && closingQuote(value) < 0 {
			return line
		}
	}
	return 0
}

// parsesWithClosed reports whether the frontmatter reads cleanly once the
// quote opened on line is closed there: only then is that quote the
// mistake, and not a value meant to run over several lines.
func (y *yamlProblem) parsesWithClosed(line int) bool {
	fixed := slices.Clone(y.lines)
	_, value, _, _ := field(fixed[line-1])
	fixed[line-1] = strings.TrimRight(fixed[line-1], " \t") + value[:1]
	var n yaml.Node
	return yaml.Unmarshal([]byte(strings.Join(fixed, "\n")), &n) == nil
}

// unescape is the text of a quoted value without its opening quote, as
// YAML would read it once closed: ” is one ' in single quotes, and \
// escapes the next character in double quotes.
func unescape(value string) string {
	q, text := value[0], value[1:]
	if q == '\'' {
		return strings.ReplaceAll(text, "''", "'")
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '\\' && i+1 < len(text) {
			i++
		}
		b.WriteByte(text[i])
	}
	return b.String()
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
// text after a value's closing quote (`title: "Equity" in practice`) or
// after a list (`title: [Draft] Homework study`).
func (y *yamlProblem) unreadableLine() {
	key, value, col, ok := field(y.text(y.e.Line))
	switch {
	case ok && quotesInsideQuotes(value):
		y.e.Msg, y.e.Hint = quotesInsideProblem(key, value)
	case ok && textAfterQuote(value):
		y.e.Msg = "this value has text after its closing quote"
		y.e.Hint = "put the whole value inside one pair of quotes: " + fixedLine(key, apostropheFix(value))
	case ok && textAfterFlow(value) && isListField(key):
		y.e.Msg = fmt.Sprintf("the list `%s` has text after its closing %c", key, value[flowEnd(value)])
		y.e.Hint = fmt.Sprintf("end the line with the list, e.g. `%s: [first, second]`; put an item in quotes if it contains a comma or a bracket", key)
	case ok && textAfterFlow(value):
		y.e.Msg, y.e.Hint = indicatorProblem(key, value)
	default:
		y.e.Msg = "YAML cannot read this line as `field: value`"
		y.e.Hint = "check the quotes and the indentation on this line: each field starts at the beginning of a line, and a list item with `- ` lines up with the one above it"
		return
	}
	y.e.Col = col
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
// its key and value, with the value's column; ok is false for any other
// line.
func field(l string) (key, value string, col int, ok bool) {
	t := strings.TrimLeft(l, " \t")
	if rest, item := strings.CutPrefix(t, "- "); item {
		t = strings.TrimLeft(rest, " \t")
	}
	i := strings.Index(t, ":")
	if i <= 0 || (i+1 < len(t) && t[i+1] != ' ' && t[i+1] != '\t') {
		return "", "", 0, false
	}
	after := t[i+1:]
	value = strings.TrimSpace(after)
	off := len(l) - len(strings.TrimLeft(after, " \t"))
	return strings.TrimSpace(t[:i]), value, runeCol(l, off), true
}
