package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold turns text into the form terms are compared in: accents removed
// (é → e, ñ → n), lower case. The browser folds the query the same way
// (String.normalize('NFD'), then \p{M} removed, then toLowerCase), so the
// two must agree; the tests run both on the same words.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.M, r) {
			continue
		}
		if r == 'ς' { // final sigma, which JavaScript lowercases differently
			r = 'σ'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isWordRune reports whether r is part of a word: a letter, a mark (an
// accent written as a separate character) or a number, as the browser's
// /[\p{L}\p{M}\p{N}]+/u sees them.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
}

// eachWord calls fn with every word of text: its folded form and its byte
// offset in text. Words of one letter and stop words are left out: they
// match nearly every page and say nothing about what a reader wants.
func eachWord(text string, fn func(term string, pos int)) {
	// Most text is ASCII: lowercase it once, and every word is a slice of
	// it, where folding word by word made a string for every capital.
	ascii := isASCII(text)
	lower := text
	if ascii {
		lower = strings.ToLower(text)
	}
	word := func(start, end int) {
		t := lower[start:end]
		if !ascii {
			t = Fold(text[start:end])
		}
		if t == "" || len(t) <= maxStopWord && stopWords[t] || utf8.RuneCountInString(t) == 1 && (t[0] < '0' || t[0] > '9') {
			return
		}
		fn(t, start)
	}
	start := -1
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			word(start, i)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		word(start, len(text))
	}
}

// stopWords are English words too common to search by. The browser drops
// them from queries too, from the list in the manifest.
var stopWords = map[string]bool{}

// StopWords is the list, sorted, as the manifest carries it.
var StopWords = strings.Fields(`about an and are as at be been but by can could did do does for from had has
have he her his how if in into is it its may more most not of on or our over she should so such than that
the their them then there these they this those to was we were what when where which who will with would you your`)

// maxStopWord is the longest stop word's length: longer words need no
// lookup.
var maxStopWord int

func init() {
	for _, w := range StopWords {
		stopWords[w] = true
		maxStopWord = max(maxStopWord, len(w))
	}
}
