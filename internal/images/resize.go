package images

import (
	"image"

	xdraw "golang.org/x/image/draw"
)

// Widths are the widths, in pixels, a picture shown on a page is offered
// at: a phone's column, a laptop's, and both again on high-density
// screens. The largest is what browsers without srcset get.
var Widths = []int{480, 800, 1200, 1600}

// Plan returns the widths to write for a picture of the given size,
// smallest first: each of Widths below its own width, and its own width
// (or the largest of Widths) last. It never enlarges. A width within a
// tenth of the next one is left out: it would save nothing.
func Plan(info Info) []int {
	largest := min(info.Width, Widths[len(Widths)-1])
	var ws []int
	for _, w := range Widths {
		if w*11 < largest*10 {
			ws = append(ws, w)
		}
	}
	return append(ws, largest)
}

// HeightAt is the height of a picture with info shown at width w.
func HeightAt(info Info, w int) int {
	return max(1, (info.Height*w+info.Width/2)/info.Width)
}

// OutputFormat is the format a picture's widths are written in: a JPEG
// stays a JPEG and a PNG (usually a drawing or a chart) a PNG; a WebP
// becomes a JPEG, or a PNG where its header says it has transparent
// pixels, since nothing here encodes WebP. A GIF is never resized.
func OutputFormat(info Info) Format {
	if info.Format == WebP && info.Alpha {
		return PNG
	}
	if info.Format == WebP {
		return JPEG
	}
	return info.Format
}

// Variant is a picture at one width, encoded.
type Variant struct {
	Width, Height int
	Format        Format
	Data          []byte
}

// Resize decodes a picture once and encodes it at each width of ws
// (from Plan), upright and without metadata. Each width is scaled from
// the next larger one, which is as sharp as scaling from the original
// and much faster for a large photo.
func Resize(data []byte, info Info, ws []int) ([]Variant, error) {
	img, err := decode(data)
	if err != nil {
		return nil, err
	}
	colors := colorsOf(img, data)
	f := OutputFormat(info)
	out := make([]Variant, len(ws))
	src := img
	for i := len(ws) - 1; i >= 0; i-- {
		w, h := ws[i], HeightAt(info, ws[i])
		sw, sh := w, h // the size as stored, before turning upright
		if info.Orientation >= 5 {
			sw, sh = h, w
		}
		scaled := src // at its own size, a picture is only encoded again
		if b := src.Bounds(); b.Dx() != sw || b.Dy() != sh {
			dst := image.NewRGBA(image.Rect(0, 0, sw, sh))
			xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
			scaled = dst
		}
		upright := scaled
		if info.Orientation != 1 {
			upright = orient(toRGBA(scaled), info.Orientation)
		}
		b, err := encode(upright, f, colors)
		if err != nil {
			return nil, err
		}
		out[i] = Variant{Width: w, Height: h, Format: f, Data: b}
		src = scaled
	}
	return out, nil
}
