//go:build !unix

package fsutil

import (
	"os"
)

// openNoWait opens path for reading after making sure it is a plain file.
func openNoWait(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if kind := Special(info.Mode()); kind != "" {
		return nil, &NotPlainError{Path: path, Kind: kind}
	}
	return os.Open(path)
}
