//go:build !linux

package publish

// listedAsMounted is Linux's; elsewhere mountPoint compares devices only.
func listedAsMounted(string) bool { return false }
