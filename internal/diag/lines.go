package diag

import (
	"sort"
	"unicode/utf8"
)

// Lines maps byte offsets of a file to 1-based line and column numbers.
// Columns count characters, not bytes, as editors do. Keeping byte offsets
// and converting only when printing keeps the hot path cheap.
type Lines struct {
	src    []byte
	starts []int
}

// NewLines indexes the line starts of src.
func NewLines(src []byte) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// Position returns the line and column of byte offset off. Offsets outside
// the file are clamped to it, and an offset inside a character's bytes
// (which a library may give) is that character's.
func (l *Lines) Position(off int) (line, col int) {
	off = max(0, min(off, len(l.src)))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	start := l.starts[i]
	if off < len(l.src) && !utf8.RuneStart(l.src[off]) {
		// Inside a character: back to its start, if a valid one covers
		// off; stray bytes count one each, as RuneCount counts them.
		for s := off - 1; s >= start && s >= off-(utf8.UTFMax-1); s-- {
			if utf8.RuneStart(l.src[s]) {
				if _, size := utf8.DecodeRune(l.src[s:]); s+size > off {
					off = s
				}
				break
			}
		}
	}
	return i + 1, utf8.RuneCount(l.src[start:off]) + 1
}

// Count is the number of lines in the file.
func (l *Lines) Count() int { return len(l.starts) }

// CheckUTF8 reports whether src is UTF-8 text; when it is not, it reports
// the first byte that is not, as an error at path.
func CheckUTF8(diags *List, path string, src []byte) bool {
	if utf8.Valid(src) {
		return true
	}
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	line, col := NewLines(src).Position(off)
	diags.Errorf(path, line, col, "save the file as UTF-8 in your editor", "the file is not valid UTF-8 text")
	return false
}
