//go:build ignore

// gen writes the test pictures: go run gen.go, in this folder.
//
// photo.jpg is a 64×40 JPEG stored on its side (EXIF orientation 6: turn
// it a quarter clockwise to show it), with a red block in its stored
// top-left corner, which shows at the top right. Around the pixels it
// carries everything a phone and a photo editor leave: EXIF with a GPS
// position and a camera make, XMP, an IPTC block, a comment, a JFIF header
// and a second picture appended after the end marker; and a (tiny, fake)
// ICC profile, which must survive.
//
// chart.png is a 30×20 PNG with text chunks, a time stamp and an eXIf
// chunk with a GPS position, and a gAMA chunk, which must survive.
package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
)

func main() {
	stored := image.NewRGBA(image.Rect(0, 0, 64, 40))
	for y := range 40 {
		for x := range 64 {
			c := color.RGBA{40, 90, 200, 255}
			if x < 24 && y < 16 {
				c = color.RGBA{220, 30, 30, 255}
			}
			stored.Set(x, y, c)
		}
	}
	var j bytes.Buffer
	jpeg.Encode(&j, stored, &jpeg.Options{Quality: 95})
	px := j.Bytes()
	var out []byte
	out = append(out, px[:2]...)
	out = append(out, seg(0xe0, []byte("JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x00\x00"))...)
	out = append(out, seg(0xe1, append([]byte("Exif\x00\x00"), exif()...))...)
	out = append(out, seg(0xe1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><rdf:Description exif:GPSLatitude=\"44,58.2N\"/></x:xmpmeta>"))...)
	out = append(out, seg(0xe2, []byte("ICC_PROFILE\x00\x01\x01FAKEPROFILE"))...)
	out = append(out, seg(0xed, []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x5a\x00\x07Lincoln"))...)
	out = append(out, seg(0xfe, []byte("taken at Lincoln Elementary"))...)
	out = append(out, px[2:]...)
	out = append(out, []byte("\xff\xd8\xff\xe1SECONDPICTURE-GPS")...)
	os.WriteFile("photo.jpg", out, 0o644)

	chart := image.NewRGBA(image.Rect(0, 0, 30, 20))
	for y := range 20 {
		for x := range 30 {
			chart.Set(x, y, color.RGBA{uint8(x * 8), 120, uint8(y * 12), 255})
		}
	}
	var p bytes.Buffer
	png.Encode(&p, chart)
	b := p.Bytes()
	ihdrEnd := 8 + 25
	var pout []byte
	pout = append(pout, b[:ihdrEnd]...)
	pout = append(pout, chunk("gAMA", []byte{0, 0, 0xb1, 0x8f})...)
	pout = append(pout, chunk("tEXt", []byte("Author\x00Jordan Lee, Lincoln Elementary"))...)
	pout = append(pout, chunk("tIME", []byte{0x07, 0xe8, 5, 4, 10, 30, 0})...)
	pout = append(pout, chunk("eXIf", exif())...)
	pout = append(pout, b[ihdrEnd:]...)
	os.WriteFile("chart.png", pout, 0o644)
}

func seg(marker byte, payload []byte) []byte {
	b := []byte{0xff, marker, 0, 0}
	binary.BigEndian.PutUint16(b[2:], uint16(len(payload)+2))
	return append(b, payload...)
}

func chunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// exif is a big-endian TIFF block: IFD0 with the make, the orientation
// (6) and a pointer to a GPS directory holding a latitude.
func exif() []byte {
	be := binary.BigEndian
	b := []byte("MM\x00*\x00\x00\x00\x08")
	entry := func(tag, typ uint16, count, value uint32) {
		b = be.AppendUint16(b, tag)
		b = be.AppendUint16(b, typ)
		b = be.AppendUint32(b, count)
		b = be.AppendUint32(b, value)
	}
	// IFD0 at 8: 3 entries, then the next-IFD offset; the make's text and
	// the GPS directory follow.
	ifd0End := uint32(8 + 2 + 3*12 + 4)
	makeAt := ifd0End
	gpsAt := makeAt + 8
	b = be.AppendUint16(b, 3)
	entry(0x010f, 2, 8, makeAt) // Make
	entry(0x0112, 3, 1, 6<<16)  // Orientation 6, left-justified
	entry(0x8825, 4, 1, gpsAt)  // GPSInfo
	b = be.AppendUint32(b, 0)
	b = append(b, "PhoneCo\x00"...)
	latAt := gpsAt + 2 + 2*12 + 4
	b = be.AppendUint16(b, 2)
	entry(0x0001, 2, 2, 'N'<<24) // GPSLatitudeRef
	entry(0x0002, 5, 3, latAt)   // GPSLatitude
	b = be.AppendUint32(b, 0)
	for _, v := range []uint32{44, 1, 58, 1, 12, 1} {
		b = be.AppendUint32(b, v)
	}
	return b
}
