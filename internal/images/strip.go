package images

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/draw"
	_ "image/gif" // decoders for image.Decode
	"image/jpeg"
	"image/png"

	_ "golang.org/x/image/webp"
)

// Quality is the JPEG quality casebook encodes at: photos stay clean to
// the eye at a third of the size phones save them at.
const Quality = 80

// Strip returns the picture without its metadata. JPEG, PNG, WebP and GIF
// files lose every piece that is not pixels or colors (or a GIF's timing
// and looping), without decoding them, so their pixels are untouched; a
// JPEG or PNG stored on its side is decoded, turned upright and encoded
// again, since its orientation tag goes with the rest. A WebP on its side
// stays so: nothing here encodes WebP, and StripsUpright is false for it
// (the caller tells the author).
func Strip(data []byte) (out []byte, info Info, err error) {
	info, err = Probe(data)
	if err != nil {
		return nil, Info{}, err
	}
	if info.Orientation != 1 && (info.Format == JPEG || info.Format == PNG) {
		img, err := decode(data)
		if err != nil {
			return nil, Info{}, err
		}
		out, err = encode(orient(toRGBA(img), info.Orientation), info.Format, colorsOf(img, data))
		return out, info, err
	}
	switch info.Format {
	case JPEG:
		out, err = stripJPEG(data)
	case PNG:
		out, err = stripPNG(data)
	case WebP:
		out, err = stripWebP(data)
	case GIF:
		out, err = stripGIF(data)
	}
	return out, info, err
}

func stripGIF(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	err := gifBlocks(data, func(b gifBlock) {
		if keepGIFBlock(b) {
			out = append(out, b.raw...)
		}
	})
	return out, err
}

// StripsUpright reports whether what Strip returns for a picture with info
// stands upright: it does already, or Strip turns it.
func StripsUpright(info Info) bool {
	return info.Orientation == 1 || info.Format == JPEG || info.Format == PNG
}

func stripJPEG(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	err := jpegSegments(data, func(s segment) {
		if keepJPEGSegment(s) {
			out = append(out, s.raw...)
		}
	})
	return out, err
}

func stripPNG(data []byte) ([]byte, error) {
	out := append(make([]byte, 0, len(data)), pngSignature...)
	err := pngChunks(data, func(c chunk) {
		if keepPNGChunk[c.typ] {
			out = append(out, c.raw...)
		}
	})
	return out, err
}

// WebP's extended header flags for the chunks Strip removes.
const webpFlagsMetadata = 0x08 | 0x04 // EXIF, XMP

func stripWebP(data []byte) ([]byte, error) {
	out := append(make([]byte, 0, len(data)), data[:12]...)
	err := webpChunks(data, func(c chunk) {
		if !keepWebPChunk[c.typ] {
			return
		}
		start := len(out)
		if c.typ == "ANMF" && len(c.data) >= anmfHeader {
			out = append(out, c.raw[:8+anmfHeader]...)
			_ = riffChunks(c.data[anmfHeader:], func(f chunk) {
				if keepInFrame[f.typ] {
					out = append(out, f.raw...)
				}
			})
			binary.LittleEndian.PutUint32(out[start+4:start+8], uint32(len(out)-start-8))
			return
		}
		out = append(out, c.raw...)
		if c.typ == "VP8X" && len(c.data) > 0 {
			out[start+8] &^= webpFlagsMetadata
		}
	})
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, err
}

// decode decodes a picture's pixels.
func decode(data []byte) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil { // the decoder's words ("short Huffman data") help no author
		return nil, fmt.Errorf("%w: the file is damaged or cut short", ErrNotPicture)
	}
	return img, nil
}

// colorsOf returns the file whose color profile a picture decoded from
// data may carry over: data itself, unless its profile describes inks
// (CMYK) rather than the RGB casebook writes.
func colorsOf(img image.Image, data []byte) []byte {
	if _, cmyk := img.(*image.CMYK); cmyk {
		return nil
	}
	return data
}

// toRGBA converts img to RGBA, which orient and the encoders handle fast.
func toRGBA(img image.Image) *image.RGBA {
	if rgba, ok := img.(*image.RGBA); ok {
		return rgba
	}
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
	return rgba
}

// encode writes img as a JPEG or PNG, carrying over the color profile of
// original, the file it was made from, so colors look as they did.
func encode(img image.Image, f Format, original []byte) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if f == JPEG {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: Quality})
	} else {
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img)
	}
	if err != nil {
		return nil, err
	}
	return withColors(buf.Bytes(), f, original), nil
}

// withColors inserts the color pieces of original (a JPEG's ICC profile,
// a PNG's color chunks) into out, a file of format f just encoded, which
// has none: after JPEG's start marker, after PNG's header chunk.
func withColors(out []byte, f Format, original []byte) []byte {
	var colors []byte
	switch {
	case f == JPEG && bytes.HasPrefix(original, []byte("\xff\xd8\xff")):
		_ = jpegSegments(original, func(s segment) {
			if s.marker == 0xe2 && keepJPEGSegment(s) {
				colors = append(colors, s.raw...)
			}
		})
		return splice(out, 2, colors)
	case f == PNG && bytes.HasPrefix(original, pngSignature):
		_ = pngChunks(original, func(c chunk) {
			if colorPNGChunk[c.typ] {
				colors = append(colors, c.raw...)
			}
		})
		return splice(out, len(pngSignature)+8+13+4, colors) // after IHDR
	}
	return out
}

func splice(b []byte, at int, insert []byte) []byte {
	if len(insert) == 0 || at > len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+len(insert))
	return append(append(append(out, b[:at]...), insert...), b[at:]...)
}

// orient turns img, stored with EXIF orientation o, upright.
func orient(img *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return img
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch o {
			case 2:
				sx, sy = w-1-x, y
			case 3:
				sx, sy = w-1-x, h-1-y
			case 4:
				sx, sy = x, h-1-y
			case 5:
				sx, sy = y, x
			case 6:
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8:
				sx, sy = w-1-y, x
			}
			s := img.PixOffset(sx+img.Rect.Min.X, sy+img.Rect.Min.Y)
			d := dst.PixOffset(x, y)
			copy(dst.Pix[d:d+4], img.Pix[s:s+4])
		}
	}
	return dst
}
