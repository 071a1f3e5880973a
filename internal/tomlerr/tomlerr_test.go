package tomlerr

import (
	"errors"
	"testing"

	"github.com/BurntSushi/toml"
)

// The cases that place and word errors in files are in content's
// TestTOMLErrorPositions and config's TestTOMLSyntaxErrors; these are the
// edges.
func TestLocate(t *testing.T) {
	if _, ok := Locate([]byte("x"), errors.New("not from the library")); ok {
		t.Error("an error that is not a ParseError was placed")
	}
	for _, tc := range []struct {
		src       string
		line, col int
	}{
		{`a = "\\\q"`, 1, 8},                         // escapes before the bad one are stepped over in pairs
		{"a = \"\\u12\"", 1, 6},                      // too few hex digits: the backslash
		{"a = 1\nb = \"\uea69", 2, 6},                // at the end, inside a character: that character
		{"a = \"x\\\r\n", 1, 7},                      // a backslash before CRLF
		{`title = "Cost \ benefit"`, 1, 15},          // a backslash before a space
		{"a = \"\"\"\nbar \\ x\nmore\n\"\"\"", 2, 5}, // in a text over several lines: its own line
		{"a = \"\"\"\nl1 \\x\\\\\n\"\"\"", 2, 4},     // the first bad one, not the last backslash
		{"a = \"\"\"\nl1 \\u12\n\n\"\"\"", 2, 4},
		{"\ufefftitle = \"a\\q\"", 1, 11}, // a byte-order mark is not a column
	} {
		var m map[string]any
		_, err := toml.Decode(tc.src, &m)
		e, ok := Locate([]byte(tc.src), err)
		if !ok || e.Line != tc.line || e.Col != tc.col {
			t.Errorf("%q: %+v (%v), want %d:%d", tc.src, e, ok, tc.line, tc.col)
		}
	}
}
