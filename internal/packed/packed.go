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
	"sync"
	"unsafe"

	"github.com/klauspost/compress/s2"
)

// Text is some text, compressed, in memory or in a Spill. The zero Text
// is empty.
type Text struct {
	// data is the first of the n bytes of an S2 block in memory; nil
	// when the text is empty or spilled. A pointer and a length rather
	// than a slice: a Text is a quarter smaller, and a page holds two.
	data *byte
	// A spilled text is n bytes at off in spill.
	spill *Spill
	off   int64
	n     uint32
}

// scratch holds the buffers texts are compressed into before they are
// copied at their exact size (s2 wants room for the worst case), and
// those spilled texts are read into before they are unpacked.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// Pack compresses b, which it does not keep, into memory.
func Pack(b []byte) Text {
	if len(b) == 0 {
		return Text{}
	}
	buf := scratch.Get().(*[]byte)
	defer scratch.Put(buf)
	return packedCopy(encode(buf, b))
}

// packedCopy is a Text in memory holding a copy of enc, an S2 block.
func packedCopy(enc []byte) Text {
	data := make([]byte, len(enc))
	copy(data, enc)
	return Text{data: &data[0], n: uint32(len(data))}
}

// inMemory is the packed bytes of a text that is not spilled.
func (t Text) inMemory() []byte {
	if t.data == nil {
		return nil
	}
	return unsafe.Slice(t.data, t.n)
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
	data := t.inMemory()
	if t.spill != nil {
		// The packed bytes are needed only until they are unpacked.
		buf := scratch.Get().(*[]byte)
		defer scratch.Put(buf)
		var err error
		if data, err = t.spill.read(t, buf); err != nil {
			return nil, err
		}
	}
	if len(data) == 0 {
		return nil, nil
	}
	n, err := s2.DecodedLen(data)
	if err != nil {
		return nil, &ReadError{Err: err}
	}
	out, err := s2.Decode(make([]byte, n), data)
	if err != nil {
		return nil, &ReadError{Err: err}
	}
	return out, nil
}

// Len is the text's length unpacked. A spilled text is read for it.
func (t Text) Len() int {
	data := t.inMemory()
	if t.spill != nil {
		buf := scratch.Get().(*[]byte)
		defer scratch.Put(buf)
		data, _ = t.spill.read(t, buf)
	}
	n, _ := s2.DecodedLen(data)
	return n
}

// Empty reports whether the text is empty.
func (t Text) Empty() bool { return t.n == 0 }

// Packed is how many bytes the text takes packed, in memory or spilled.
func (t Text) Packed() int { return int(t.n) }
