//go:build unix

package fsutil

import (
	"os"
	"syscall"
)

// openNoWait opens path for reading without blocking: opening a named pipe
// otherwise waits until something writes to it.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
