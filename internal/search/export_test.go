package search

// SetTermBatch makes term entries n at a time until restore is called.
func SetTermBatch(n int) (restore func()) {
	old := termBatch
	termBatch = n
	return func() { termBatch = old }
}
