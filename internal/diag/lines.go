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
	for back := 0; off > start && off < len(l.src) && back < utf8.UTFMax-1 && !utf8.RuneStart(l.src[off]); back++ {
		off--
	}
	return i + 1, utf8.RuneCount(l.src[start:off]) + 1
}

// Count is the number of lines in the file.
func (l *Lines) Count() int { return len(l.starts) }
