package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzText feeds arbitrary text to what the index does with a page's
// words: splitting and folding them, cutting snippets around each and
// leads. None may panic, split a character, or run long.
// Run: go test ./internal/search -fuzz FuzzText
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"English learners on track: catching slips before they become lost credits.",
		"Educación bilingüe para familias\nLas familias pidieron más talleres.",
		"cafe\u0301 ΣΟΦΟΣ İstanbul ﬁle Ⅻ",
		strings.Repeat("word ", 200),
		strings.Repeat("ñ", 300),
		"a\n\n\nb",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		valid := utf8.ValidString(text)
		eachWord(text, spanish, func(term string, pos int) {
			if term == "" || term != Fold(term) || valid && !utf8.ValidString(term) {
				t.Fatalf("the Spanish term %q is not a folded word", term)
			}
		})
		eachWord(text, english, func(term string, pos int) {
			if pos < 0 || pos >= len(text) {
				t.Fatalf("word %q at %d, outside the text", term, pos)
			}
			if term == "" || term != Fold(term) {
				t.Fatalf("word %q is not folded", term)
			}
			sn := window(text, pos)
			if valid && !utf8.ValidString(sn) {
				t.Fatalf("the snippet around %d splits a character: %q", pos, sn)
			}
			if len(sn) > snippetLen+len("……")+utf8.UTFMax {
				t.Fatalf("the snippet around %d is %d bytes long", pos, len(sn))
			}
		})
		l := lead(text, headChars)
		if valid && !utf8.ValidString(l) {
			t.Fatalf("the lead splits a character: %q", l)
		}
		if len(l) > headChars+len("…")+utf8.UTFMax {
			t.Fatalf("the lead is %d bytes long", len(l))
		}
	})
}
