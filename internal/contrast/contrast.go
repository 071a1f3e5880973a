// Package contrast measures color pairs against WCAG 2.1 and finds the
// nearest color that passes, so a site's theme settings can be checked at
// build time with a fix the author can paste.
package contrast

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The WCAG 2.1 AA minimums: body text, and large text or the parts of a
// control a reader must see (borders, focus rings).
const (
	Text = 4.5
	UI   = 3.0
)

// Color is an sRGB color.
type Color struct{ R, G, B uint8 }

// Parse reads a color written as #rgb or #rrggbb.
func Parse(s string) (Color, error) {
	hex, ok := strings.CutPrefix(strings.TrimSpace(s), "#")
	if ok && len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	if !ok || len(hex) != 6 {
		return Color{}, fmt.Errorf("%q is not a color written as #rrggbb", s)
	}
	n, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return Color{}, fmt.Errorf("%q is not a color written as #rrggbb", s)
	}
	return Color{uint8(n >> 16), uint8(n >> 8), uint8(n)}, nil
}

// String writes the color as #rrggbb.
func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// luminance is the relative luminance WCAG defines.
func (c Color) luminance() float64 {
	channel := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(c.R) + 0.7152*channel(c.G) + 0.0722*channel(c.B)
}

// Ratio is the contrast ratio of two colors, from 1 to 21.
func Ratio(a, b Color) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Format writes a ratio the way WCAG results are read, cut (never rounded
// up) to two decimals, so 4.499 shows as 4.49:1 and visibly fails 4.5.
func Format(r float64) string {
	// The small nudge keeps 2.3 from showing as 2.29 through float error.
	return strconv.FormatFloat(math.Floor(r*100+1e-9)/100, 'f', 2, 64) + ":1"
}

// Worst returns the background fg contrasts least with, and that ratio.
func Worst(fg Color, bgs []Color) (Color, float64) {
	worst, ratio := bgs[0], math.Inf(1)
	for _, bg := range bgs {
		if r := Ratio(fg, bg); r < ratio {
			worst, ratio = bg, r
		}
	}
	return worst, ratio
}

// Nearest returns the color closest to fg in lightness, with fg's hue and
// saturation, that reaches min against every background, and whether there
// is one. It assumes the backgrounds are all light or all dark, as each
// pair a theme sets is: it searches from black and from white toward fg.
// Lightness is what a designer would change first, and keeping the hue
// keeps the district's color recognizably its own.
func Nearest(fg Color, bgs []Color, min float64) (Color, bool) {
	h, s, l := fg.hsl()
	passes := func(l float64) bool {
		_, r := Worst(fromHSL(h, s, l), bgs)
		return r >= min
	}
	best, found := Color{}, false
	bestDist := math.Inf(1)
	for _, end := range []float64{0, 1} {
		if !passes(end) {
			continue
		}
		// Contrast against a fixed background changes monotonically with
		// lightness on each side of it, so bisect toward fg's lightness.
		near, far := l, end
		for range 40 {
			mid := (near + far) / 2
			if passes(mid) {
				far = mid
			} else {
				near = mid
			}
		}
		if d := math.Abs(far - l); d < bestDist {
			best, bestDist, found = fromHSL(h, s, far), d, true
		}
	}
	return best, found
}
