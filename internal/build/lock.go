//go:build unix

package build

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lock takes an exclusive lock beside out for the length of a build, so two
// builds into one folder cannot interleave their files. The lock is released
// by unlock, or by the system if casebook dies.
func lock(out string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	path := sparePath(out) + ".lock"
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("another casebook build is writing %s; wait for it to finish and try again", out)
	}
	return func() { f.Close() }, nil
}
