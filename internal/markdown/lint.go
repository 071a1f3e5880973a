package markdown

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// The accessibility lint of authored content (WCAG 2.1 AA): alt text that is
// a file name, skipped or extra level-1 headings, link text that does not
// say where the link goes, and tables without a header row. Every message
// is written for the person who wrote the page, not for a programmer.

// imageFileName matches alt text that is a file name rather than a
// description: "IMG_2041.jpg", "chart-final.svg", "DSC01234".
var imageFileName = regexp.MustCompile(`(?i)^(\S+\.(jpe?g|png|gif|svg|webp|avif|bmp|tiff?|heic|heif)|(img|dsc|dscn|dscf|pxl|screenshot)[ _-]?\d[\w-]*)$`)

// altIsFileName reports whether alt is a file name: the image's own, or
// anything that looks like one.
func altIsFileName(alt, dest string) bool {
	alt = strings.TrimSpace(alt)
	if alt == "" {
		return false
	}
	if u, err := url.Parse(dest); err == nil && u.Path != "" {
		base := path.Base(u.Path)
		stem := strings.TrimSuffix(base, path.Ext(base))
		if strings.EqualFold(alt, base) {
			return true
		}
		// "team-photo" for team-photo.jpg; but "Team" for team.jpg reads
		// as a word, and is left alone.
		if strings.EqualFold(alt, stem) && strings.ContainsAny(stem, "-_.0123456789") && !strings.Contains(stem, " ") {
			return true
		}
	}
	return imageFileName.MatchString(alt)
}

// vagueLinkTexts are link texts that say nothing about where a link goes
// when a screen reader lists a page's links out of context.
var vagueLinkTexts = map[string]bool{
	"click here": true, "here": true, "read more": true, "more": true,
	"link": true, "this link": true, "this page": true, "click": true,
	"click this link": true, "learn more": true, "go here": true,
}

// normalizeLinkText lowercases text, turns the typographer's entities back
// into characters, drops punctuation and collapses spaces.
func normalizeLinkText(s string) string {
	s = html.UnescapeString(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return ' '
		}
		return unicode.ToLower(r)
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// lintImage checks an image's alt text.
func lintImage(n *ast.Image, src []byte, off int, res *Result) {
	alt := strings.TrimSpace(string(plainText(n, src)))
	dest := string(n.Destination)
	if alt == "" {
		res.Problems = append(res.Problems, Problem{Offset: off, Error: true,
			Message: "this image has no alt text, so readers who cannot see it miss what it shows",
			Hint:    fmt.Sprintf("describe the image inside the brackets: ![Students at the design studio](%s), or mark it ![](%s \"decorative\") if it shows nothing the text does not say", dest, dest)})
		return
	}
	if message, hint, isError := AltProblem(alt, dest); message != "" {
		res.Problems = append(res.Problems, Problem{Offset: off, Error: isError, Message: message, Hint: hint})
	}
}

// redundantAlt matches alt text that starts by saying it is a picture,
// which a screen reader announces already.
var redundantAlt = regexp.MustCompile(`(?i)^(an? |the )?(image|picture|photo|photograph|graphic|pic) (of|showing|shows)\b\s*`)

// AltProblem checks the alt text of the picture at dest, written in a
// body or in frontmatter. A file name is an error (a screen reader reads
// it out, which helps no one); "image of ..." is a warning.
func AltProblem(alt, dest string) (message, hint string, isError bool) {
	switch {
	case altIsFileName(alt, dest):
		return fmt.Sprintf("the alt text `%s` is a file name, so readers who cannot see the image hear the file name instead of what it shows", alt),
			fmt.Sprintf("replace it with a few words saying what the picture shows: ![Students at the design studio](%s)", dest), true
	case redundantAlt.MatchString(alt):
		rest := redundantAlt.ReplaceAllString(alt, "")
		if rest != "" {
			rest = strings.ToUpper(rest[:1]) + rest[1:]
		}
		return fmt.Sprintf("the alt text starts `%s`, but screen readers already say it is an image", strings.TrimSpace(redundantAlt.FindString(alt))),
			fmt.Sprintf("say what it shows straight away: `%s`", rest), false
	}
	return "", "", false
}

// lintLink checks that a link's text says where it goes.
func lintLink(n *ast.Link, src []byte, off int, res *Result) {
	text := normalizeLinkText(string(plainText(n, src)))
	switch {
	case text == "":
		res.Problems = append(res.Problems, Problem{Offset: off,
			Message: "this link has no text, so screen readers read out its address instead",
			Hint:    "write what the link leads to inside the brackets, e.g. [the planning template](planning-template.pdf)"})
	case vagueLinkTexts[text]:
		res.Problems = append(res.Problems, Problem{Offset: off,
			Message: fmt.Sprintf("the link text `%s` does not say where the link goes; screen reader users often hear a page's links as a list, out of context",
				strings.TrimSpace(html.UnescapeString(string(plainText(n, src))))),
			Hint: "write what the link leads to as its text, e.g. [the family survey results](results.md) rather than [click here](results.md)"})
	}
}

// headingLint follows the heading levels of a body. The page title is the
// page's only level-1 heading, so a body starts below level 1.
type headingLint struct{ prev int } // 0 before the body's first heading

func (h *headingLint) check(n *ast.Heading, src []byte, res *Result) {
	off := lineStart(src, offset(n, src))
	prev, after := h.prev, "the heading above it ("+strings.Repeat("#", h.prev)+")"
	hint := "use %s here: one # more than the heading above it"
	if prev == 0 {
		prev, after = 1, "the page title (which counts as #)"
		hint = "use %s here: the page title counts as #, so the body's first heading is ##"
	}
	h.prev = n.Level
	switch {
	case n.Level == 1:
		res.Problems = append(res.Problems, Problem{Offset: off,
			Message: "this is a level-1 heading (# ...), but the page title is already the page's one main heading",
			Hint:    "use ## for the sections of the page, and ### for parts of a section"})
	case n.Level > prev+1:
		res.Problems = append(res.Problems, Problem{Offset: off,
			Message: fmt.Sprintf("this heading (%s) skips a level after %s, so readers who move through the page by headings lose their place",
				strings.Repeat("#", n.Level), after),
			Hint: fmt.Sprintf(hint, strings.Repeat("#", prev+1))})
	}
}

// lintTable warns about a table whose header row is empty: GFM tables always
// have one, but an empty one tells a screen reader nothing about the columns.
func lintTable(t *extast.Table, src []byte, res *Result) {
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if _, ok := row.(*extast.TableHeader); !ok {
			continue
		}
		if strings.TrimSpace(string(plainText(row, src))) != "" {
			return
		}
		res.Problems = append(res.Problems, Problem{Offset: tableOffset(t, src),
			Message: "this table has no header row: its first row is empty, so screen readers cannot say what each column holds",
			Hint:    "write the column names in the first row, e.g. | Role | Meets |, above the |---|---| line"})
		return
	}
}

// tableOffset is where a table starts: the start of its header line, found
// through the header cells, which keep their place even when empty.
func tableOffset(t *extast.Table, src []byte) int {
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Lines().Len() > 0 {
				return lineStart(src, c.Lines().At(0).Start)
			}
		}
	}
	return lineStart(src, offset(t, src))
}

// lineStart is the offset of the start of the line holding off.
func lineStart(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// spacedDestination matches a link or picture whose address has a space
// in it, which markdown does not take for a link at all: [text](my notes.md)
// is published as it is written. An address followed by a title
// ([text](page.md "Title")) is a link, and is left out by lintSpaced.
var spacedDestination = regexp.MustCompile(`(!?)\[([^\]\n]*)\]\(([^)\n<]*\s[^)\n<]*)\)`)

// codeSpan matches inline code, where markdown syntax is only text.
var codeSpan = regexp.MustCompile("`+[^`\n]*`+")

// blankCode is line with its code spans made spaces, which keeps every
// other byte where it was.
func blankCode(line string) string {
	return codeSpan.ReplaceAllStringFunc(line, func(c string) string { return strings.Repeat(" ", len(c)) })
}

// maySpaceAddress reports whether line may hold what spacedDestination
// matches once code spans are blanked: some "](" followed, before the
// next ")" or "<", by a space or a backtick (a code span there may be
// blanked into spaces). Most lines with links fail it, and are spared
// the copy and the regexps.
func maySpaceAddress(line []byte) bool {
	for {
		i := bytes.Index(line, []byte("]("))
		if i < 0 {
			return false
		}
		line = line[i+2:]
		end := bytes.IndexAny(line, ")<")
		if end < 0 {
			end = len(line)
		}
		if bytes.ContainsAny(line[:end], " \t\n\f\r`") {
			return true
		}
		// A "](" before end looks at part of what was just looked at:
		// go on from end, so a line of a thousand "](" is read once.
		line = line[end:]
	}
}

// lintSpaced reports, in a paragraph, a link or picture that is shown as
// its markdown because its address has a space: phone photos' names often
// do. lines are the paragraph's lines in src.
func lintSpaced(lines [][2]int, src []byte, res *Result) {
	for _, l := range lines {
		if !maySpaceAddress(src[l[0]:l[1]]) {
			continue // most lines, and no need to copy them
		}
		line := blankCode(string(src[l[0]:l[1]]))
		for _, m := range spacedDestination.FindAllStringSubmatchIndex(line, -1) {
			dest := strings.TrimSpace(line[m[6]:m[7]])
			space := strings.IndexFunc(dest, unicode.IsSpace)
			if space < 0 {
				continue // spaces around the address only: a link
			}
			if rest := strings.TrimLeftFunc(dest[space:], unicode.IsSpace); strings.ContainsRune(`"'(`, rune(rest[0])) {
				continue // an address and a title: a link
			}
			what, text := "link", line[m[4]:m[5]]
			if m[3] > m[2] {
				what = "picture"
			}
			res.Problems = append(res.Problems, Problem{Offset: l[0] + m[0], Error: true,
				Message: fmt.Sprintf("this %s is published as its markdown, since its address `%s` has a space in it", what, dest),
				Hint:    fmt.Sprintf("put the address in angle brackets: %s[%s](<%s>), or rename the file without spaces", line[m[2]:m[3]], text, dest)})
		}
	}
}
