package images

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// SVGSize reads the size an SVG drawing gives itself: its root element's
// width and height in pixels, or else its viewBox's. ok is false when it
// gives neither (or is not an SVG), and a page cannot reserve its place.
func SVGSize(data []byte) (w, h int, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for range 64 { // the root element comes after a prolog, comments and a doctype
		tok, err := d.RawToken()
		if err != nil {
			return 0, 0, false
		}
		start, isStart := tok.(xml.StartElement)
		if !isStart {
			continue
		}
		if start.Name.Local != "svg" {
			return 0, 0, false
		}
		attr := map[string]string{}
		for _, a := range start.Attr {
			attr[a.Name.Local] = a.Value
		}
		if w, h := svgLength(attr["width"]), svgLength(attr["height"]); w > 0 && h > 0 {
			return w, h, true
		}
		f := strings.FieldsFunc(attr["viewBox"], func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' })
		if len(f) == 4 {
			vw, err1 := strconv.ParseFloat(f[2], 64)
			vh, err2 := strconv.ParseFloat(f[3], 64)
			if err1 == nil && err2 == nil && vw >= 1 && vh >= 1 && vw <= maxSide && vh <= maxSide {
				return int(math.Round(vw)), int(math.Round(vh)), true
			}
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// svgLength reads a width or height in pixels: "120" or "120px"; 0 for a
// percentage, another unit, or nonsense.
func svgLength(s string) int {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
	if err != nil || v < 1 || v > maxSide {
		return 0
	}
	return int(math.Round(v))
}
