package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestUnclosedBlock(t *testing.T) {
	for _, tc := range []struct {
		text string
		want action // word "" for none
	}{
		{"<p>{{.Title}}</p>", action{}},
		{"{{if .A}}x{{end}}", action{}},
		{"{{if .A}}x", action{"if", 1, 1}},
		{"{{range .A}}{{if .B}}x{{end}}", action{"range", 1, 1}},
		{"{{with .A}}{{else}}\n  {{- if .B}}x{{end}}", action{"with", 1, 1}},
		{"{{define \"main\"}}\n<p>\n  {{if .A}}{{end}}\n  {{with .B}}", action{"with", 4, 3}},
		{"{{/* {{if}} in a comment */}}{{block \"x\" .}}", action{"block", 1, 30}},
		{"{{if .A}}{{\"}}{{end\"}}", action{"if", 1, 1}},
		{"{{if .A}}{{`}}{{end`}}{{end}}", action{}},
		{"{{if .A}}{{with .B}}x{{-\tend}}", action{"if", 1, 1}},
		{"{{if .A}}{{-\nif .B}}x{{end}}", action{"if", 1, 1}},
		{"é{{if .A}}", action{"if", 1, 2}},
		{"{{if .A", action{}}, // an action never closed: text/template says so itself
	} {
		got, ok := unclosedBlock(tc.text)
		if ok != (tc.want.word != "") || got != tc.want {
			t.Errorf("unclosedBlock(%q) = %+v, %v, want %+v", tc.text, got, ok, tc.want)
		}
	}
}

func TestWordColumn(t *testing.T) {
	text := "<p class=\"dat\">\n{{.dat}} dat {{update .X}} {{printf \"%s\" \"dat\" | dat}} {{- dat .Y}} ({{é}}{{dat}})"
	for _, tc := range []struct {
		line int
		word string
		want int
	}{
		{2, "dat", 50},
		{2, "update", 16},
		{1, "dat", 0},
		{3, "dat", 0},
	} {
		if got := wordColumn(text, tc.line, tc.word); got != tc.want {
			t.Errorf("wordColumn(line %d, %q) = %d, want %d", tc.line, tc.word, got, tc.want)
		}
	}
}

func FuzzParseProblem(f *testing.F) {
	f.Add("{{if .A}}{{`}}{{end`}}", 1, "dat")
	f.Add("{{/* x */}}{{with .B}}\n{{- range .C}}{{\"\\\"}}\"}}", 2, "x")
	f.Add("é{{dat .Y}}\n{{", 1, "dat")
	f.Fuzz(func(t *testing.T, text string, line int, name string) {
		for _, msg := range []string{"unexpected EOF", `function "` + name + `" not defined`} {
			_, l, c, _ := parseProblem(msg, text, line, 0, builtins)
			if l != line && (l < 1 || l > 1+strings.Count(text, "\n")) || c < 0 {
				t.Fatalf("parseProblem(%q) on %q placed it at %d:%d", msg, text, l, c)
			}
			if c > 0 && msg != "unexpected EOF" && name != "" {
				// A function placed by its name is where the name is,
				// its bytes as they are (a column counts a stray byte
				// as a character, as utf8.RuneCountInString does).
				at := strings.Split(text, "\n")[l-1]
				for range c - 1 {
					_, size := utf8.DecodeRuneInString(at)
					at = at[size:]
				}
				if !strings.HasPrefix(at, name) {
					t.Fatalf("parseProblem(%q) on %q placed %q at %d:%d", msg, text, name, l, c)
				}
			}
		}
	})
}
