package content

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Slugify turns a title or a bad file name into a slug: accents folded,
// letters lowercased, anything else a single hyphen.
// "Latino/a/x families" becomes "latino-a-x-families", and a title with
// nothing of that kind, such as "¿?", the stand-in "page" (see HasSlug).
func Slugify(s string) string {
	if slug := slugify(s); slug != "" {
		return slug
	}
	return "page"
}

// HasSlug reports whether s has anything Slugify keeps, a letter or a
// digit, rather than leaving it the stand-in "page".
func HasSlug(s string) bool { return slugify(s) != "" }

// slugify is Slugify, "" when nothing of s is kept.
func slugify(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(folded) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	return b.String()
}
