// Package packed keeps text compressed in memory until it is read. A build
// holds every converted body, as HTML and as plain text for search, from
// the moment it is converted until its page is rendered and the index is
// written: at 100,000 case studies that is some 650 MB, and the largest
// part of what the build holds.
//
// The format is S2, made for speed rather than size: it packs minified
// HTML to about 37% at 900 MB/s and unpacks it at over 2 GB/s, where
// gzip's fastest level packs to 29% at 125 MB/s. Packing every body then
// costs well under a percent of a build.
package packed

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/s2"
)

// Text is some text, compressed, in memory or in a Spill. The zero Text
// is empty.
type Text struct {
	data []byte // an S2 block; nil when the text is empty or spilled
	// A spilled text is n bytes at off in spill, size bytes unpacked.
	spill   *Spill
	off     int64
	n, size int32
}

// scratch holds the buffers texts are compressed into before they are
// copied at their exact size: s2 wants room for the worst case.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// Pack compresses b, which it does not keep, into memory.
func Pack(b []byte) Text {
	if len(b) == 0 {
		return Text{}
	}
	buf := scratch.Get().(*[]byte)
	defer scratch.Put(buf)
	enc := encode(buf, b)
	data := make([]byte, len(enc))
	copy(data, enc)
	return Text{data: data}
}

// encode compresses b into *buf, growing it as needed.
func encode(buf *[]byte, b []byte) []byte {
	if n := s2.MaxEncodedLen(len(b)); cap(*buf) < n {
		*buf = make([]byte, n)
	}
	return s2.Encode((*buf)[:cap(*buf)], b)
}

// PackString compresses s.
func PackString(s string) Text {
	// s2 only reads its input, so it may read the string's bytes in place.
	return Pack(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// String returns the text, unpacked afresh on every call.
func (t Text) String() (string, error) {
	b, err := t.Bytes()
	if len(b) == 0 {
		return "", err
	}
	// b is new and never written again: the string may own it.
	return unsafe.String(&b[0], len(b)), nil
}

// Bytes returns the text in a new slice. A text in memory is never
// damaged, but a spilled one may not be read back (see ErrRead).
func (t Text) Bytes() ([]byte, error) {
	data := t.data
	if t.spill != nil {
		var err error
		if data, err = t.spill.read(t); err != nil {
			return nil, err
		}
	}
	if len(data) == 0 {
		return nil, nil
	}
	n, err := s2.DecodedLen(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRead, err)
	}
	out, err := s2.Decode(make([]byte, n), data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRead, err)
	}
	return out, nil
}

// Len is the text's length unpacked.
func (t Text) Len() int {
	if t.spill != nil || len(t.data) == 0 {
		return int(t.size)
	}
	n, _ := s2.DecodedLen(t.data)
	return n
}

// Empty reports whether the text is empty.
func (t Text) Empty() bool { return len(t.data) == 0 && t.spill == nil }

// Packed is how many bytes the text takes packed, in memory or spilled.
func (t Text) Packed() int { return len(t.data) + int(t.n) }
