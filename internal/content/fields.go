package content

// Bounds returns the smallest and largest value an IntField accepts: its
// Range, or the range every whole number is held to. Exported schemas use it
// so editors and CMSs reject what casebook rejects.
func (f Field) Bounds() IntRange {
	if f.Range != nil {
		return *f.Range
	}
	return defaultRange
}
