package diag

import (
	"strings"
	"testing"
)

func TestPosition(t *testing.T) {
	src := []byte("ab\n\"\uea69x\nñ\n\xbf\xbf\xbf\xbfz")
	for _, tc := range []struct{ off, line, col int }{
		{0, 1, 1},
		{2, 1, 3},  // the line break
		{3, 2, 1},  // the quote
		{4, 2, 2},  // U+EA69's first byte
		{5, 2, 2},  // inside it: that character
		{6, 2, 2},  // its last byte
		{7, 2, 3},  // x
		{9, 3, 1},  // ñ
		{10, 3, 1}, // inside ñ
		{11, 3, 2}, // the line break after it
		{16, 4, 5}, // invalid bytes count one each
		{15, 4, 4}, // among them: each its own character, as RuneCount has it
		{99, 4, 6}, // past the end: the end
		{-1, 1, 1},
	} {
		if line, col := NewLines(src).Position(tc.off); line != tc.line || col != tc.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tc.off, line, col, tc.line, tc.col)
		}
	}
}

func TestPrintBrief(t *testing.T) {
	var l List
	for i := 1; i <= 5; i++ {
		l.Warnf("a.md", i, 1, "", "placeholder")
	}
	l.Errorf("a.md", 6, 1, "", "broken")
	l.Warnf("b.md", 1, 1, "", "other")
	var b strings.Builder
	if left := l.PrintBrief(&b, 2); left != 3 {
		t.Errorf("left out %d, want 3", left)
	}
	want := "a.md:1:1: warning: placeholder\na.md:2:1: warning: placeholder\na.md:6:1: error: broken\nb.md:1:1: warning: other\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
