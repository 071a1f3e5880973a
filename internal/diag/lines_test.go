package diag

import "testing"

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
