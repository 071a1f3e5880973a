// Package tomlerr turns an error of the TOML library into what an author
// needs: the line and column of the mistake in the file, a message, and a
// hint where one helps. The library's own line and column are off at a
// line's end and in a text over several lines; its byte offset is not.
package tomlerr

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/casebook/casebook/internal/diag"
)

// Error is a TOML syntax error placed in its file (line and column from 1).
type Error struct {
	Line, Col int
	Msg, Hint string
}

// Locate places err, an error from decoding data with the TOML library;
// false when err is not a syntax error.
func Locate(data []byte, err error) (Error, bool) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return Error{}, false
	}
	line, col := position(data, pe.Position, pe.Message)
	msg, hint := message(pe.Message)
	return Error{Line: line, Col: col, Msg: msg, Hint: hint}, true
}

// position is the line and column (from 1) of a TOML error in data,
// found from its byte offset: the library's own line is one too far when
// the character at fault is a line's end, and its column can count from
// the line before. The offset is where the token at fault starts, or the
// spaces before it. A bad escape is at its own backslash, after the
// offset, in a """ text up to where the library stopped; any other fault
// in a token over several lines is where the library stopped, at its
// end; a control character is one byte after the offset.
func position(data []byte, pos toml.Position, msg string) (line, col int) {
	lines := diag.NewLines(data)
	at := pos.Start + bomLen(data) // the library skips a byte-order mark
	if at < 0 || at >= len(data) {
		return min(max(1, pos.Line), lines.Count()), 1
	}
	end := min(at+max(pos.Len, 1), len(data))
	multiline := bytes.IndexByte(data[at:end-1], '\n') >= 0
	switch bad := escapeIn(msg); {
	case bad != "" && multiline:
		at = badEscape(data, at, end, bad)
	case bad != "":
		lineEnd := len(data)
		if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
			lineEnd = at + i + 1 // the break itself may be what is escaped
		}
		at = badEscape(data, at, lineEnd, bad)
	case multiline:
		at = end - 1
	case strings.HasPrefix(msg, "TOML files cannot contain control characters") && at+1 < len(data):
		at++
	}
	for at < len(data) && (data[at] == ' ' || data[at] == '\t') {
		at++
	}
	line, col = lines.Position(at)
	if line == 1 && bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		col-- // editors do not show a byte-order mark as a character
	}
	return line, max(col, 1)
}

// escapeIn is what follows the backslash of the escape msg finds fault
// with ("q" for \q), or "" when msg is not about an escape.
func escapeIn(msg string) string {
	for _, lead := range []string{`invalid escape in string '\`, `invalid escape: '\`, `hexadecimal digits after '\`} {
		if _, after, ok := strings.Cut(msg, lead); ok && after != "" {
			_, size := utf8.DecodeRuneInString(after)
			return after[:size]
		}
	}
	return ""
}

// badEscape is the offset of the backslash that starts the escape bad (the
// text after the backslash, as the library quotes it) in data[from:to],
// where the library's offset from is somewhere before it in the same text:
// escapes before it are stepped over in pairs, so the \ of "a\\ b\q" is
// not taken for the \q. from when there is none.
func badEscape(data []byte, from, to int, bad string) int {
	for i := from; i+1 < to; i++ {
		switch {
		case data[i] != '\\':
		case bytes.HasPrefix(data[i+1:], []byte(bad)):
			return i
		default:
			i++ // an escape that is fine: step over what it escapes
		}
	}
	return from
}

// message words a TOML library message for an author, with a hint where
// one helps. A backslash that ends a line in a one-line text comes out of
// the library with the line break inside its quotes.
func message(msg string) (string, string) {
	if msg == "invalid escape in string '\\\n'" || msg == "invalid escape in string '\\\r'" {
		return "a backslash ends the line inside a one-line text",
			`close the text with " on the same line, or write text over several lines between """ and """`
	}
	switch {
	case strings.HasPrefix(msg, "invalid escape"), strings.Contains(msg, "hexadecimal digits after '\\"):
		// Most often a Windows path: C:\Users.
		return msg, `write \\ for a backslash, or put the text in single quotes, where a backslash is just a backslash ('...', or '''...''' over several lines)`
	case msg == "strings cannot contain newlines":
		return msg, `close the text with " on the same line, or write text over several lines between """ and """`
	}
	return msg, ""
}

// bomLen is the length of the byte-order mark data starts with, which
// BurntSushi/toml skips before it counts offsets.
func bomLen(data []byte) int {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return 3
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		return 2
	}
	return 0
}
