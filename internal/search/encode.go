package search

import "encoding/binary"

// The index's binary files are sequences of unsigned varints (7 bits a
// byte, low bits first, the high bit set on all but the last byte: what
// encoding/binary.AppendUvarint writes), strings (a length, then UTF-8
// bytes) and doc sets. search.js reads them with the same rules.

// buffer builds one binary file.
type buffer []byte

func (b *buffer) uint(v int) { *b = binary.AppendUvarint(*b, uint64(v)) }

func (b *buffer) str(s string) {
	b.uint(len(s))
	*b = append(*b, s...)
}

// A doc set is written in whichever of two forms is shorter: a list (0,
// the number of docs, then each doc's distance from the one before, the
// first from -1) or a bitmap (1, the number of bytes, then the bytes: doc
// i is bit i%8 of byte i/8). A common word's set costs at most one bit per
// doc in the site; a rare word's a byte or two per doc that has it.
const (
	setList   = 0
	setBitmap = 1
)

// set writes the sorted doc ids of a set.
func (b *buffer) set(ids []int32) {
	var list buffer
	prev := int32(-1)
	for _, id := range ids {
		list.uint(int(id - prev))
		prev = id
	}
	bitmapLen := 0
	if len(ids) > 0 {
		bitmapLen = int(ids[len(ids)-1])/8 + 1
	}
	if len(ids) == 0 || len(list)+varintLen(len(ids)) <= bitmapLen+varintLen(bitmapLen) {
		b.uint(setList)
		b.uint(len(ids))
		*b = append(*b, list...)
		return
	}
	bits := make([]byte, bitmapLen)
	for _, id := range ids {
		bits[id/8] |= 1 << (id % 8)
	}
	b.uint(setBitmap)
	b.uint(bitmapLen)
	*b = append(*b, bits...)
}

func varintLen(v int) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// The JSON files are written by hand: most of an index is a few kinds of
// small arrays, and building them as []any for encoding/json was most of
// the index's cost.

// appendJSONString appends s as a JSON string.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			const hex = "0123456789abcdef"
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
