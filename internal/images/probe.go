// Package images prepares the pictures a site publishes: it reads their
// headers (size, orientation, metadata), removes every kind of metadata
// (EXIF with its GPS position, XMP, IPTC, comments, embedded thumbnails),
// turns pictures upright, writes the widths a page offers the browser, and
// keeps what it made in a cache by content hash so no picture is resized
// twice.
package images

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
)

// Format is a picture's file format, read from its bytes, not its name.
type Format string

const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	WebP Format = "webp"
	GIF  Format = "gif"
)

// Ext is the usual file extension for the format, with its dot.
func (f Format) Ext() string {
	if f == JPEG {
		return ".jpg"
	}
	return "." + string(f)
}

// Info is what a picture's header says.
type Info struct {
	Format Format
	// Width and Height are as the picture is shown: with its orientation
	// applied, so a portrait phone photo stored on its side is taller than
	// wide.
	Width, Height int
	// Orientation is the EXIF orientation, 1 (upright) to 8.
	Orientation int
	// GPS is set when the picture records where it was taken.
	GPS bool
	// Metadata is set when the file carries anything Strip removes.
	Metadata bool
	// Alpha is set for a WebP that says it has transparent pixels.
	Alpha bool
}

// ErrNotPicture is returned by Probe for bytes that are not a JPEG, PNG,
// WebP or GIF picture, or whose header is cut short or inconsistent.
var ErrNotPicture = errors.New("not a picture")

// IsPictureName reports whether a file's name says it is a picture
// casebook strips of metadata: a JPEG, PNG or WebP.
func IsPictureName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".webp":
		return true
	}
	return false
}

// IsNotPicture reports whether err says a file is not a picture.
func IsNotPicture(err error) bool { return errors.Is(err, ErrNotPicture) }

// Reason says, for an author, why a file was refused.
func Reason(err error) string {
	if r, ok := strings.CutPrefix(err.Error(), ErrNotPicture.Error()+": "); ok {
		return r
	}
	if errors.Is(err, ErrNotPicture) {
		return "it is not a JPEG, PNG, WebP or GIF file"
	}
	return err.Error()
}

// maxSide and maxPixels bound the pictures casebook accepts, far above
// any camera's (a 200-megapixel phone photo passes): a header claiming
// more is corrupt or hostile, and decoding it would take gigabytes.
const (
	maxSide   = 30000
	maxPixels = 250_000_000
)

// Probe reads a picture's header. It reads no pixels.
func Probe(data []byte) (Info, error) {
	var info Info
	var err error
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		info, err = probeJPEG(data)
	case bytes.HasPrefix(data, pngSignature):
		info, err = probePNG(data)
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		info, err = probeWebP(data)
	case bytes.HasPrefix(data, []byte("GIF87a")) || bytes.HasPrefix(data, []byte("GIF89a")):
		info, err = probeGIF(data)
	default:
		if what := sniff(data); what != "" {
			return Info{}, fmt.Errorf("%w: %s", ErrNotPicture, what)
		}
		return Info{}, ErrNotPicture
	}
	if err != nil {
		return Info{}, err
	}
	if info.Width <= 0 || info.Height <= 0 || info.Width > maxSide || info.Height > maxSide || info.Width*info.Height > maxPixels {
		return Info{}, fmt.Errorf("%w: it says it is %d×%d pixels", ErrNotPicture, info.Width, info.Height)
	}
	if info.Orientation == 0 {
		info.Orientation = 1
	}
	if info.Orientation >= 5 { // turned a quarter: the stored sides swap
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

func probeJPEG(data []byte) (Info, error) {
	info := Info{Format: JPEG}
	sized, exif := false, false
	err := jpegSegments(data, func(s segment) {
		switch {
		case isSOF(s.marker) && len(s.payload) >= 5:
			info.Height = int(binary.BigEndian.Uint16(s.payload[1:3]))
			info.Width = int(binary.BigEndian.Uint16(s.payload[3:5]))
			sized = true
		case s.marker == 0xe1 && bytes.HasPrefix(s.payload, exifHeader):
			facts := readExif(s.payload[len(exifHeader):])
			if !exif { // the first EXIF block says how to turn it, as browsers read it
				info.Orientation, exif = facts.orientation, true
			}
			info.GPS = info.GPS || facts.gps
		}
		info.Metadata = info.Metadata || !keepJPEGSegment(s)
	})
	if err != nil {
		return Info{}, err
	}
	if !sized {
		return Info{}, fmt.Errorf("%w: the JPEG has no frame header", ErrNotPicture)
	}
	return info, nil
}

func probePNG(data []byte) (Info, error) {
	info := Info{Format: PNG}
	sized := false
	err := pngChunks(data, func(c chunk) {
		switch c.typ {
		case "IHDR":
			if len(c.data) >= 8 {
				info.Width = int(binary.BigEndian.Uint32(c.data[0:4]))
				info.Height = int(binary.BigEndian.Uint32(c.data[4:8]))
				sized = true
			}
		case "eXIf":
			facts := readExif(c.data)
			info.Orientation, info.GPS = facts.orientation, info.GPS || facts.gps
		}
		info.Metadata = info.Metadata || !keepPNGChunk[c.typ]
	})
	if err != nil {
		return Info{}, err
	}
	if !sized {
		return Info{}, fmt.Errorf("%w: the PNG has no header chunk", ErrNotPicture)
	}
	return info, nil
}

func probeWebP(data []byte) (Info, error) {
	info := Info{Format: WebP}
	sized := false
	var err error
	werr := webpChunks(data, func(c chunk) {
		switch c.typ {
		case "VP8X":
			if len(c.data) >= 10 {
				info.Alpha = c.data[0]&0x10 != 0
				info.Width = 1 + int(uint24(c.data[4:7]))
				info.Height = 1 + int(uint24(c.data[7:10]))
				sized = true
			}
		case "VP8 ":
			// A key frame: 3 bytes of frame tag, the start code, then
			// 14-bit width and height.
			if !sized && len(c.data) >= 10 && bytes.Equal(c.data[3:6], []byte{0x9d, 0x01, 0x2a}) {
				info.Width = int(binary.LittleEndian.Uint16(c.data[6:8]) & 0x3fff)
				info.Height = int(binary.LittleEndian.Uint16(c.data[8:10]) & 0x3fff)
				sized = true
			}
		case "VP8L":
			if !sized && len(c.data) >= 5 && c.data[0] == 0x2f {
				bits := binary.LittleEndian.Uint32(c.data[1:5])
				info.Width = 1 + int(bits&0x3fff)
				info.Height = 1 + int(bits>>14&0x3fff)
				info.Alpha = bits>>28&1 != 0
				sized = true
			}
		case "EXIF":
			facts := readExif(bytes.TrimPrefix(c.data, exifHeader))
			info.Orientation, info.GPS = facts.orientation, info.GPS || facts.gps
		case "ANMF":
			extras, ferr := frameExtras(c.data)
			info.Metadata = info.Metadata || extras
			if ferr != nil {
				err = ferr
			}
		}
		info.Metadata = info.Metadata || !keepWebPChunk[c.typ]
	})
	if err = cmp.Or(werr, err); err != nil {
		return Info{}, err
	}
	if !sized {
		return Info{}, fmt.Errorf("%w: the WebP has no frame", ErrNotPicture)
	}
	return info, nil
}

func probeGIF(data []byte) (Info, error) {
	if len(data) < 10 {
		return Info{}, fmt.Errorf("%w: the GIF is cut short", ErrNotPicture)
	}
	info := Info{Format: GIF, Width: int(binary.LittleEndian.Uint16(data[6:8])), Height: int(binary.LittleEndian.Uint16(data[8:10]))}
	err := gifBlocks(data, func(b gifBlock) { info.Metadata = info.Metadata || !keepGIFBlock(b) })
	return info, err
}

// IsPicture reports whether data is a JPEG, PNG, WebP or GIF by its first
// bytes, whatever the file is called: what Strip must go over before it is
// published.
func IsPicture(data []byte) bool {
	return bytes.HasPrefix(data, []byte("\xff\xd8\xff")) || bytes.HasPrefix(data, pngSignature) ||
		len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" ||
		bytes.HasPrefix(data, []byte("GIF87a")) || bytes.HasPrefix(data, []byte("GIF89a"))
}

// Unstrippable says, for an author, what data is when it is a photo whose
// metadata (a GPS position among it) casebook cannot remove: HEIC, AVIF or
// TIFF. It is "" for anything else.
func Unstrippable(data []byte) string {
	if len(data) >= 12 && string(data[4:8]) == "ftyp" || bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*")) {
		return sniff(data)
	}
	return ""
}

// sniff says what a file that is not a picture casebook reads is, when
// that helps the author: a photo in a format browsers do not all show, or
// a document saved under a picture's name.
func sniff(data []byte) string {
	if len(data) >= 12 && string(data[4:8]) == "ftyp" {
		switch string(data[8:12]) {
		case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1":
			return "it is a HEIC photo, the iPhone's own format, which most browsers cannot show; export it as a JPEG (on the iPhone: Settings > Camera > Formats > Most Compatible)"
		case "avif", "avis":
			return "it is an AVIF picture, which casebook cannot resize yet; save it as a JPEG or PNG"
		}
	}
	switch ct := http.DetectContentType(data); {
	case strings.HasPrefix(ct, "text/html"):
		return "it is a web page (HTML), perhaps saved from a browser under a picture's name"
	case strings.HasPrefix(ct, "text/"):
		return "it is a text file"
	case ct == "application/pdf":
		return "it is a PDF document"
	case ct == "image/bmp" || strings.HasPrefix(ct, "image/x-icon") || strings.HasPrefix(ct, "image/vnd"):
		return "it is a " + strings.TrimPrefix(ct, "image/") + " picture, which casebook does not publish; save it as a JPEG or PNG"
	}
	if bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*")) {
		return "it is a TIFF picture, which browsers do not show; save it as a JPEG or PNG"
	}
	return ""
}

func uint24(b []byte) uint32 { return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 }
