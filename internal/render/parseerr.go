package render

import (
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/tmplscan"
)

// builtins are the functions text/template gives every layout.
var builtins = []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or",
	"print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"}

// undefinedFunc is text/template's message for a name it has no function for.
var undefinedFunc = regexp.MustCompile(`^function "([^"]+)" not defined$`)

// parseProblem words a layout's parse error as a theme author would put
// it, and places it where the fix goes: text/template says only
// "unexpected EOF", on a line past the end, for a block left open, and
// names no column for a function it does not know. text is the layout's,
// funcs the names of the functions layouts have. It returns the message,
// line, column and hint; a message it does not know comes back as it is.
func parseProblem(msg, text string, line, col int, funcs []string) (string, int, int, string) {
	if msg == "unexpected EOF" {
		if open, ok := unclosedBlock(text); ok {
			return fmt.Sprintf("this {{%s}} is never closed: the layout ends before its {{end}}", open.word),
				open.line, open.col, "add {{end}} where the {{" + open.word + "}} should stop"
		}
		return msg, line, col, ""
	}
	if m := undefinedFunc.FindStringSubmatch(msg); m != nil {
		if c := wordColumn(text, line, m[1]); c > 0 {
			col = c
		}
		hint := diag.DidYouMean(m[1], append(slices.Clone(builtins), funcs...))
		if hint == "" {
			hint = "casebook's docs/layouts.md lists the functions layouts can use"
		}
		return fmt.Sprintf("there is no function `%s`", m[1]), line, col, hint
	}
	return msg, line, col, ""
}

// funcNames lists the names of the functions in maps, sorted, so that a
// suggestion between two equally near names is always the same one.
func funcNames(maps ...template.FuncMap) []string {
	var names []string
	for _, m := range maps {
		for name := range m {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// action is one {{...}} of a layout: the first word inside, and where its
// braces start (from 1).
type action struct {
	word      string
	line, col int
}

// unclosedBlock finds the innermost block ({{if}}, {{range}}, {{with}},
// {{define}}, {{block}}) that no {{end}} closes.
func unclosedBlock(text string) (action, bool) {
	var open []action
	for _, a := range actions(text) {
		switch a.word {
		case "if", "range", "with", "define", "block":
			open = append(open, a)
		case "end":
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return action{}, false
	}
	return open[len(open)-1], true
}

// actions lists the layout's actions in order, with the word each starts
// with and where (see tmplscan.Actions).
func actions(text string) []action {
	var out []action
	for _, a := range tmplscan.Actions(text) {
		inner := strings.TrimSpace(text[a.Body:a.End])
		word := inner
		if i := strings.IndexFunc(inner, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '-' }); i >= 0 {
			word = inner[:i]
		}
		line := 1 + strings.Count(text[:a.Start], "\n")
		col := 1 + utf8.RuneCountInString(text[strings.LastIndexByte(text[:a.Start], '\n')+1:a.Start])
		out = append(out, action{word: word, line: line, col: col})
	}
	return out
}

// wordColumn is the column (from 1) of the first whole word w on line
// line of text where a function's name can stand: after {{, (, or | with
// spaces between. It is 0 when there is none.
func wordColumn(text string, line int, w string) int {
	lines := strings.Split(text, "\n")
	if line < 1 || line > len(lines) {
		return 0
	}
	l := lines[line-1]
	for from := 0; ; {
		i := strings.Index(l[from:], w)
		if i < 0 {
			return 0
		}
		i += from
		lead := strings.TrimRight(l[:i], " \t")
		called := strings.HasSuffix(lead, "{{") || strings.HasSuffix(lead, "{{-") || strings.HasSuffix(lead, "(") || strings.HasSuffix(lead, "|")
		if called && (i+len(w) == len(l) || !isWordByte(l[i+len(w)])) {
			return 1 + utf8.RuneCountInString(l[:i])
		}
		from = i + len(w)
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c == '$' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
