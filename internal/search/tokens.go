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

// A language says how the words of its text become terms: which words
// are too common to search by, and how a word is cut to its stem so that
// its forms meet ("familias" finds "familia"). The browser does the same
// to a query, from the manifest's lang and stop list.
type language struct {
	code    string // "" when words are not stemmed
	stop    map[string]bool
	list    []string // the stop words, sorted, for the manifest
	maxStop int      // the longest stop word's length: longer words need no lookup
	stem    func(string) string
}

// languageFor returns how text in lang is searched: Spanish is stemmed;
// every other language is matched word for word, with the English stop
// words.
func languageFor(lang string) *language {
	if lang == "es" {
		return spanish
	}
	return english
}

func newLanguage(code, words string, stem func(string) string) *language {
	l := &language{code: code, stop: map[string]bool{}, list: strings.Fields(words), stem: stem}
	for _, w := range l.list {
		l.stop[w] = true
		l.maxStop = max(l.maxStop, len(w))
	}
	return l
}

// english's stop words are too common to search by.
var english = newLanguage("", `about an and are as at be been but by can could did do does for from had has
have he her his how if in into is it its may more most not of on or our over she should so such than that
the their them then there these they this those to was we were what when where which who will with would you your`,
	func(w string) string { return w })

// spanish's stop words are folded, as terms are.
var spanish = newLanguage("es", `al como con de del el en entre es esta este esto estos ha han hay la las le les
lo los mas muy no nos o para pero por que se sin sobre son su sus tambien un una unas unos y ya`, StemSpanish)

// StemSpanish cuts a folded Spanish word to the stem its singular and
// plural, masculine and feminine forms share: familia and familias are
// famili, alumno and alumnas alumn, inglés and ingleses ingl, luz and
// luces luc, avance and avances avanc. It is a light stemmer (plurals and
// gender only), so a stem still reads as the word; search.js has the same
// rules, and the tests run both. A stem keeps at least three bytes.
func StemSpanish(w string) string {
	n := len(w)
	cut := func(k int) bool { return n-k >= 3 }
	switch {
	case strings.HasSuffix(w, "eses") && cut(4):
		w = w[:n-4] // ingleses → ingl, as inglés
	case (strings.HasSuffix(w, "os") || strings.HasSuffix(w, "as") || strings.HasSuffix(w, "es")) && cut(2):
		w = w[:n-2]
	case (strings.HasSuffix(w, "o") || strings.HasSuffix(w, "a") || strings.HasSuffix(w, "e")) && cut(1):
		w = w[:n-1]
	}
	// A z before a plural's -es is written c (luz, luces): both end in c.
	if strings.HasSuffix(w, "z") {
		w = w[:len(w)-1] + "c"
	}
	return w
}

// eachWord calls fn with every word of text: its term (folded, and
// stemmed in a language that stems) and its byte offset in text. Words of
// one letter and stop words are left out: they match nearly every page
// and say nothing about what a reader wants.
func eachWord(text string, lang *language, fn func(term string, pos int)) {
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
		if t == "" || len(t) <= lang.maxStop && lang.stop[t] || utf8.RuneCountInString(t) == 1 && (t[0] < '0' || t[0] > '9') {
			return
		}
		fn(lang.stem(t), start)
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
