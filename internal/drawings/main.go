// Command drawings draws the illustrations of the bundled example
// casebook, so its pictures are made here rather than taken from anyone:
//
//	go run ./internal/drawings
//
// writes them beside the case studies that show them. They are drawn at
// twice their size and scaled down, which smooths their edges. The output
// is the same on every run.
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"

	xdraw "golang.org/x/image/draw"
)

// drawing is one illustration and where it goes.
type drawing struct {
	path          string // under the site root
	width, height int
	draw          func(c *canvas)
}

var drawings = []drawing{
	{"content/case-studies/family-night.jpg", 1600, 900, familyNight},
	{"content/case-studies/stepping-stones.png", 1200, 675, steppingStones},
	{"content/case-studies/talking-circle.jpg", 1400, 1000, talkingCircle},
}

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	for _, d := range drawings {
		if err := write(filepath.Join(root, filepath.FromSlash(d.path)), d); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func write(path string, d drawing) error {
	c := newCanvas(2*d.width, 2*d.height)
	d.draw(c)
	small := image.NewRGBA(image.Rect(0, 0, d.width, d.height))
	xdraw.CatmullRom.Scale(small, small.Bounds(), c.img, c.img.Bounds(), xdraw.Src, nil)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if filepath.Ext(path) == ".png" {
		err = png.Encode(f, small)
	} else {
		err = jpeg.Encode(f, small, &jpeg.Options{Quality: 92})
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// canvas draws filled shapes in a unit square's coordinates scaled to its
// size: x from 0 to 1 across, y from 0 to h/w down, so shapes keep their
// proportions whatever the size.
type canvas struct {
	img  *image.RGBA
	w, h int
}

func newCanvas(w, h int) *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), w: w, h: h}
}

func (c *canvas) px(v float64) int { return int(math.Round(v * float64(c.w))) }

// fill paints every pixel inside the bounding box (in units) for which
// inside says so, blending col over what is there by its alpha.
func (c *canvas) fill(x0, y0, x1, y1 float64, col color.RGBA, inside func(x, y float64) bool) {
	for py := max(0, c.px(y0)); py < min(c.h, c.px(y1)+1); py++ {
		for pxl := max(0, c.px(x0)); pxl < min(c.w, c.px(x1)+1); pxl++ {
			x, y := (float64(pxl)+.5)/float64(c.w), (float64(py)+.5)/float64(c.w)
			if inside(x, y) {
				c.blend(pxl, py, col)
			}
		}
	}
}

func (c *canvas) blend(x, y int, col color.RGBA) {
	i := c.img.PixOffset(x, y)
	a := float64(col.A) / 255
	p := c.img.Pix[i : i+4]
	p[0] = uint8(float64(col.R)*a + float64(p[0])*(1-a))
	p[1] = uint8(float64(col.G)*a + float64(p[1])*(1-a))
	p[2] = uint8(float64(col.B)*a + float64(p[2])*(1-a))
	p[3] = 255
}

func (c *canvas) rect(x0, y0, x1, y1 float64, col color.RGBA) {
	c.fill(x0, y0, x1, y1, col, func(x, y float64) bool { return x >= x0 && x < x1 && y >= y0 && y < y1 })
}

func (c *canvas) ellipse(cx, cy, rx, ry float64, col color.RGBA) {
	c.fill(cx-rx, cy-ry, cx+rx, cy+ry, col, func(x, y float64) bool {
		dx, dy := (x-cx)/rx, (y-cy)/ry
		return dx*dx+dy*dy <= 1
	})
}

func (c *canvas) circle(cx, cy, r float64, col color.RGBA) { c.ellipse(cx, cy, r, r, col) }

// polygon fills a polygon by the even-odd rule.
func (c *canvas) polygon(col color.RGBA, pts ...[2]float64) {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x0, y0, x1, y1 = min(x0, p[0]), min(y0, p[1]), max(x1, p[0]), max(y1, p[1])
	}
	c.fill(x0, y0, x1, y1, col, func(x, y float64) bool {
		in := false
		for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
			a, b := pts[i], pts[j]
			if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
				in = !in
			}
		}
		return in
	})
}

// gradient paints the rows between y0 and y1 from one color to another.
func (c *canvas) gradient(y0, y1 float64, from, to color.RGBA) {
	for py := max(0, c.px(y0)); py < min(c.h, c.px(y1)); py++ {
		t := (float64(py)/float64(c.w) - y0) / (y1 - y0)
		col := mix(from, to, t)
		for x := range c.w {
			c.blend(x, py, col)
		}
	}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	t = max(0, min(1, t))
	m := func(p, q uint8) uint8 { return uint8(float64(p)*(1-t) + float64(q)*t) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 255}
}

func rgb(hex uint32) color.RGBA {
	return color.RGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 255}
}

func alpha(c color.RGBA, a uint8) color.RGBA { c.A = a; return c }

// person draws a figure seen from the front: head and shoulders, scale
// s (1 is an adult), at its feet's position.
func (c *canvas) person(x, feet, s float64, body, skin color.RGBA) {
	h := .16 * s
	c.ellipse(x, feet-h*.42, h*.2, h*.42, body)
	c.rect(x-h*.2, feet-h*.42, x+h*.2, feet, body)
	c.circle(x, feet-h*.95, h*.13, skin)
}
