package images

import "encoding/binary"

// EXIF tags read from the first image file directory (IFD0).
const (
	tagOrientation = 0x0112
	tagGPSInfo     = 0x8825
)

// exifFacts is what casebook reads from an EXIF block: how the picture is
// turned, and whether it records where it was taken. Everything else in
// it is dropped unread.
type exifFacts struct {
	orientation int  // 1 to 8; 1 when absent or out of range
	gps         bool // a GPS directory with at least one entry
}

// readExif reads a TIFF-structured EXIF block ("II*\x00" or "MM\x00*"
// and what follows). A block it cannot follow gives the defaults: the
// block is removed all the same, and a picture is never refused for its
// metadata.
func readExif(b []byte) exifFacts {
	facts := exifFacts{orientation: 1}
	if len(b) < 8 {
		return facts
	}
	var order binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return facts
	}
	ifd := int(order.Uint32(b[4:8]))
	entries, ok := ifdEntries(b, ifd, order)
	if !ok {
		return facts
	}
	for i := range entries {
		e := b[ifd+2+12*i:]
		switch order.Uint16(e[0:2]) {
		case tagOrientation:
			if o := int(order.Uint16(e[8:10])); order.Uint16(e[2:4]) == 3 && o >= 1 && o <= 8 {
				facts.orientation = o
			}
		case tagGPSInfo:
			if n, ok := ifdEntries(b, int(order.Uint32(e[8:12])), order); ok && n > 0 {
				facts.gps = true
			}
		}
	}
	return facts
}

// ifdEntries returns the number of entries of the directory at offset off,
// and whether all of them lie inside b.
func ifdEntries(b []byte, off int, order binary.ByteOrder) (int, bool) {
	if off < 8 || off > len(b)-2 {
		return 0, false
	}
	n := int(order.Uint16(b[off : off+2]))
	return n, off+2+12*n <= len(b)
}
