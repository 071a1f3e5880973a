package content

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Most frontmatter mistakes are text that YAML reads as something else
// because of its first character or its quotes. The fix is always the
// author's own line with the value quoted, so the helpers here describe
// what YAML saw and write that line.

// indicatorReading says, for each character YAML treats specially at the
// start of a value, what YAML makes of it.
var indicatorReading = map[byte]string{
	'*': "reads as a reference to another value",
	'&': "reads as a label rather than text",
	'-': "reads as a list item",
	'[': "reads as a list",
	'{': "reads as a group of fields",
	'!': "reads as a tag rather than text",
	'%': "reserves for its own use",
	'@': "reserves for its own use",
	'`': "reserves for its own use",
}

// indicatorProblem is the message and hint for the value of key, which
// starts with a character of indicatorReading.
func indicatorProblem(key, value string) (msg, hint string) {
	msg = fmt.Sprintf("the value of `%s` starts with %c, which YAML %s", key, value[0], indicatorReading[value[0]])
	return msg, "put the value in quotes: " + fixedLine(key, value)
}

// quotesInsideProblem is the message and hint for a value wrapped in quotes
// that holds the same quote inside (see quotesInsideQuotes).
func quotesInsideProblem(key, value string) (msg, hint string) {
	msg = "this value has a quote inside its quotes, which YAML reads as the closing quote"
	hint = `use single quotes outside, or write \" for each " inside: `
	if value[0] == '\'' {
		hint = "use double quotes outside, or write '' for each ' inside: "
	}
	return msg, hint + fixedLine(key, value[1:len(value)-1])
}

// fixedLine is the line `key: "value"`, quoted so that YAML reads it back
// as value, between backticks for a hint.
func fixedLine(key, value string) string {
	return "`" + key + ": " + yamlQuote(value) + "`"
}

// yamlQuote writes s as a quoted YAML value that reads back as s: in double
// quotes, or in single quotes (each ' doubled) when s holds a " or a \,
// which double quotes would end at or read as an escape.
func yamlQuote(s string) string {
	if !strings.ContainsAny(s, `"\`) {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// closingQuote returns the index of the quote that closes the quoted text
// value opens with, or -1 when value opens with no quote or never closes
// it. Inside double quotes \ escapes the next character; inside single
// quotes ” stands for one '.
func closingQuote(value string) int {
	if value == "" || (value[0] != '"' && value[0] != '\'') {
		return -1
	}
	q := value[0]
	for i := 1; i < len(value); i++ {
		switch {
		case q == '"' && value[i] == '\\':
			i++
		case q == '\'' && value[i] == '\'' && i+1 < len(value) && value[i+1] == '\'':
			i++
		case value[i] == q:
			return i
		}
	}
	return -1
}

// nothingAfter reports whether rest, the text after a value on its line,
// is empty or a comment.
func nothingAfter(rest string) bool {
	rest = strings.TrimSpace(rest)
	return rest == "" || rest[0] == '#'
}

// textAfterQuote reports a value that opens with a quote and goes on
// after the matching closing one.
func textAfterQuote(value string) bool {
	end := closingQuote(value)
	return end > 0 && !nothingAfter(value[end+1:])
}

// quotesInsideQuotes reports a value wrapped in quotes that holds the same
// quote inside, as in "The "best" plan" or 'Families' voice': YAML ends the
// value at the first inner quote. A closing quote followed by a colon, as
// in "Homework": "a story", is a quote that ends early instead.
func quotesInsideQuotes(value string) bool {
	end := closingQuote(value)
	return end > 0 && end < len(value)-1 && value[len(value)-1] == value[0] && value[end+1] != ':'
}

// curlyQuotes are the quotes word processors type, which YAML reads as
// ordinary text.
const curlyQuotes = "“”‘’„‚"

// curlyWrapped returns the text inside a value wrapped whole in curly
// quotes (“Family nights”), as Word types a quoted title, and whether it is.
func curlyWrapped(value string) (string, bool) {
	for _, pair := range []string{"“”", "‘’", "„“", "‚‘"} {
		open, size := utf8.DecodeRuneInString(pair)
		close, _ := utf8.DecodeRuneInString(pair[size:])
		inner, ok := strings.CutPrefix(value, string(open))
		if inner, found := strings.CutSuffix(inner, string(close)); ok && found && inner != "" {
			return inner, true
		}
	}
	return "", false
}

func startsWithCurlyQuote(value string) bool {
	r, _ := utf8.DecodeRuneInString(value)
	return strings.ContainsRune(curlyQuotes, r)
}

// textAfterFlow reports a value that opens a list or a group of fields
// with [ or { and has more text after the matching ] or }, as in
// `[Draft] Homework study`: YAML cannot read the rest.
func textAfterFlow(value string) bool {
	end := flowEnd(value)
	return end > 0 && !nothingAfter(value[end+1:])
}

// flowEnd returns the index of the ] or } that closes the list or group
// value opens with, or -1 when value opens with neither or does not close
// it on this line. Brackets inside quoted entries do not count; a quote
// starts an entry only after [, {, a comma or a colon, as in YAML.
func flowEnd(value string) int {
	if value == "" || (value[0] != '[' && value[0] != '{') {
		return -1
	}
	depth, prev := 0, byte(' ')
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch {
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth--; depth == 0 {
				return i
			}
		case (c == '"' || c == '\'') && strings.IndexByte("[{,:", prev) >= 0:
			end := closingQuote(value[i:])
			if end < 0 {
				return -1
			}
			i += end
		}
		if c != ' ' && c != '\t' {
			prev = value[i]
		}
	}
	return -1
}

// coreTag reports a value starting with one of YAML's own tags, such as
// `!!str 2026`, which an author who writes one means.
func coreTag(value string) bool {
	for _, t := range []string{"!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!seq", "!!map"} {
		if rest, ok := strings.CutPrefix(value, t); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return true
		}
	}
	return false
}
