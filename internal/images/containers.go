package images

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// The three container formats, read as sequences of pieces: JPEG marker
// segments, PNG chunks and RIFF chunks. Probe reads them; Strip writes back
// the pieces it keeps.

var (
	exifHeader   = []byte("Exif\x00\x00")
	pngSignature = []byte("\x89PNG\r\n\x1a\n")
)

func cutShort(format string) error {
	return fmt.Errorf("%w: the %s file is cut short", ErrNotPicture, format)
}

// segment is a piece of a JPEG file: a marker segment with its payload, or
// (marker 0) bytes between them: the start and end of image markers and
// entropy-coded data.
type segment struct {
	marker  byte
	payload []byte // after the length field
	raw     []byte // all of it, from the 0xff
}

// jpegSegments calls visit for every piece of a JPEG file, in order, up to
// and including the end of image marker; what follows it (such as a second
// picture appended by a phone) is not visited. A file that ends inside its
// entropy-coded data is accepted, as browsers show it; one that ends
// before is not.
func jpegSegments(data []byte, visit func(segment)) error {
	visit(segment{raw: data[:2]})
	i := 2
	for i < len(data) {
		if data[i] != 0xff {
			return fmt.Errorf("%w: the JPEG has stray bytes where a marker should be", ErrNotPicture)
		}
		for i+1 < len(data) && data[i+1] == 0xff { // fill bytes
			i++
		}
		if i+1 >= len(data) {
			break
		}
		marker := data[i+1]
		switch {
		case marker == 0xd9: // end of image
			visit(segment{raw: data[i : i+2]})
			return nil
		case marker == 0x01 || marker >= 0xd0 && marker <= 0xd8:
			visit(segment{raw: data[i : i+2]})
			i += 2
			continue
		}
		if i+4 > len(data) {
			break
		}
		end := i + 2 + int(binary.BigEndian.Uint16(data[i+2:i+4]))
		if end < i+4 || end > len(data) {
			break
		}
		visit(segment{marker: marker, payload: data[i+4 : end], raw: data[i:end]})
		i = end
		if marker == 0xda { // start of scan: entropy-coded data follows
			next := scanEnd(data, i)
			visit(segment{raw: data[i:next]})
			if next == len(data) {
				return nil
			}
			i = next
		}
	}
	return cutShort("JPEG")
}

// scanEnd returns where the entropy-coded data starting at i ends: at the
// next marker that is not a restart marker, or at the end of data.
func scanEnd(data []byte, i int) int {
	for {
		j := bytes.IndexByte(data[i:], 0xff)
		if j < 0 || i+j+1 >= len(data) {
			return len(data)
		}
		i += j
		switch next := data[i+1]; {
		case next == 0x00 || next >= 0xd0 && next <= 0xd7: // a stuffed byte, a restart marker
			i += 2
		case next == 0xff:
			i++
		default:
			return i
		}
	}
}

func isSOF(m byte) bool { return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc }

// keepJPEGSegment reports whether a piece of a JPEG file is kept by Strip:
// only what decoding needs (frames, tables, scans, restart intervals) and
// the two application segments that say how to show the colors (an ICC
// profile, and Adobe's color transform). Everything else goes, known or
// not: EXIF, XMP, IPTC, comments, JFIF's APP0 (which may carry a
// thumbnail) and any marker this list does not name.
func keepJPEGSegment(s segment) bool {
	switch m := s.marker; {
	case m == 0: // start and end of image, restart markers, entropy-coded data
		return true
	case m >= 0xc0 && m <= 0xcf: // frames, Huffman and arithmetic coding tables
		return true
	case m == 0xda || m == 0xdb || m == 0xdc || m == 0xdd || m == 0xde || m == 0xdf:
		return true // scans, quantization tables, lines, restart interval, hierarchy
	case m == 0xe2:
		return bytes.HasPrefix(s.payload, []byte("ICC_PROFILE\x00"))
	case m == 0xee:
		return bytes.HasPrefix(s.payload, []byte("Adobe"))
	}
	return false
}

// chunk is a PNG or RIFF (WebP) chunk.
type chunk struct {
	typ  string
	data []byte
	raw  []byte // the whole chunk: length, type, data and CRC or padding
}

// pngChunks calls visit for every chunk of a PNG file up to IEND.
func pngChunks(data []byte, visit func(chunk)) error {
	i := len(pngSignature)
	for i+12 <= len(data) {
		n := binary.BigEndian.Uint32(data[i : i+4])
		if uint64(n) > uint64(len(data)-i-12) {
			break
		}
		end := i + 12 + int(n)
		c := chunk{typ: string(data[i+4 : i+8]), data: data[i+8 : end-4], raw: data[i:end]}
		visit(c)
		if c.typ == "IEND" {
			return nil
		}
		i = end
	}
	return cutShort("PNG")
}

// keepPNGChunk lists the chunks Strip keeps: the critical ones, and the
// ancillary ones about colors, transparency, pixel density and animation.
// Text, time, EXIF and every private chunk go.
var keepPNGChunk = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true, "cICP": true,
	"mDCV": true, "cLLI": true, "sBIT": true, "bKGD": true, "hIST": true, "sPLT": true, "pHYs": true,
	"acTL": true, "fcTL": true, "fdAT": true,
}

// colorPNGChunk lists the chunks about colors that a re-encoded PNG
// carries over from its original.
var colorPNGChunk = map[string]bool{"gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true, "cICP": true}

// webpChunks calls visit for every chunk of a WebP file.
func webpChunks(data []byte, visit func(chunk)) error {
	size := uint64(binary.LittleEndian.Uint32(data[4:8])) + 8
	if size > uint64(len(data)) || size < 12 {
		return cutShort("WebP")
	}
	return riffChunks(data[12:size], visit)
}

// riffChunks calls visit for every RIFF chunk in data: a WebP file's after
// its header, or an animation frame's after its own.
func riffChunks(data []byte, visit func(chunk)) error {
	for i := 0; i < len(data); {
		if i+8 > len(data) {
			return cutShort("WebP")
		}
		n := uint64(binary.LittleEndian.Uint32(data[i+4 : i+8]))
		if n > uint64(len(data)-i-8) {
			return cutShort("WebP")
		}
		end := i + 8 + int(n)
		raw := data[i:end]
		if n%2 == 1 && end < len(data) { // chunks are padded to an even size
			end++
			raw = data[i:end]
		}
		visit(chunk{typ: string(data[i : i+4]), data: data[i+8 : i+8+int(n)], raw: raw})
		i = end
	}
	return nil
}

// keepWebPChunk lists the chunks Strip keeps: the picture, its alpha,
// animation and color profile. EXIF, XMP and unknown chunks go. An
// animation frame (ANMF) keeps only its own picture and alpha.
var keepWebPChunk = map[string]bool{"VP8 ": true, "VP8L": true, "VP8X": true, "ALPH": true, "ANIM": true, "ANMF": true, "ICCP": true}

// keepInFrame lists the chunks Strip keeps inside an animation frame.
var keepInFrame = map[string]bool{"VP8 ": true, "VP8L": true, "ALPH": true}

// anmfHeader is the size of an animation frame's own header, before its
// chunks: position, size, duration and flags.
const anmfHeader = 16

// frameExtras reports whether an animation frame holds chunks besides its
// picture and alpha, and whether it can be read at all.
func frameExtras(frame []byte) (extras bool, err error) {
	if len(frame) < anmfHeader {
		return false, cutShort("WebP")
	}
	err = riffChunks(frame[anmfHeader:], func(c chunk) { extras = extras || !keepInFrame[c.typ] })
	return extras, err
}

// A GIF file is a header, a logical screen descriptor, an optional color
// table, then blocks: images, and extensions made of sub-blocks.

// gifBlock is one block of a GIF file, from its introducer to its end.
type gifBlock struct {
	label byte // 0x2c for an image; an extension's label otherwise; 0 for the header
	app   string
	raw   []byte
}

// gifBlocks calls visit for the header and every block of a GIF file, up
// to its trailer.
func gifBlocks(data []byte, visit func(gifBlock)) error {
	if len(data) < 13 {
		return cutShort("GIF")
	}
	i := 13 + colorTable(data[10])
	if i > len(data) {
		return cutShort("GIF")
	}
	visit(gifBlock{raw: data[:i]})
	for i < len(data) {
		start := i
		switch data[i] {
		case 0x3b: // trailer
			visit(gifBlock{label: 0x3b, raw: data[i : i+1]})
			return nil
		case 0x2c: // an image: descriptor, color table, code size, data
			if i+10 > len(data) {
				return cutShort("GIF")
			}
			i += 10 + colorTable(data[i+9]) + 1
		case 0x21: // an extension
			if i+2 > len(data) {
				return cutShort("GIF")
			}
			i += 2
		default:
			return fmt.Errorf("%w: the GIF has stray bytes where a block should be", ErrNotPicture)
		}
		first := i
		end, ok := subBlocks(data, i)
		if !ok {
			return cutShort("GIF")
		}
		b := gifBlock{label: data[start], raw: data[start:end]}
		if b.label == 0x21 {
			b.label = data[start+1]
			if b.label == 0xff && first < len(data) && data[first] == 11 && first+12 <= len(data) {
				b.app = string(data[first+1 : first+12])
			}
		}
		visit(b)
		i = end
	}
	return nil // no trailer: browsers show what is there
}

func colorTable(flags byte) int {
	if flags&0x80 == 0 {
		return 0
	}
	return 3 << ((flags & 7) + 1)
}

// subBlocks returns where the sub-blocks starting at i end.
func subBlocks(data []byte, i int) (int, bool) {
	for i < len(data) {
		n := int(data[i])
		i++
		if n == 0 {
			return i, true
		}
		i += n
	}
	return i, false
}

// keepGIFBlock reports whether Strip keeps a GIF block: the images, the
// graphic controls that time them, and the application extensions that
// make them loop; comments and every other application's data go.
func keepGIFBlock(b gifBlock) bool {
	switch b.label {
	case 0, 0x2c, 0x3b, 0xf9, 0x01:
		return true
	case 0xff:
		return b.app == "NETSCAPE2.0" || b.app == "ANIMEXTS1.0"
	}
	return false
}
