package content

import "strconv"

// Bounds returns the smallest and largest value an IntField or a
// NumberField accepts: its Range, or the range every number is held to.
// Exported schemas use it so editors and CMSs reject what casebook rejects.
func (f Field) Bounds() IntRange {
	if f.Range != nil {
		return *f.Range
	}
	return defaultRange
}

// FormatNumber writes a NumberField's value as an author would: 2.5, and 3
// rather than 3.0 or 3e+00.
func FormatNumber(x float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64)
}
