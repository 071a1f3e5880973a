//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/casebook/casebook/internal/fsutil"
)

// lockStaging makes the staging folder dir if it is not there and takes an
// exclusive lock on it for the length of a build, so two builds into one
// output folder cannot interleave. The system releases the lock if
// casebook dies; the folder itself is removed by the build that ends it.
func lockStaging(dir, out string) (unlock func(), err error) {
	for range 3 {
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("cannot create a staging folder beside %s: %w", out, fsutil.Reason(err))
		}
		if info, err := os.Lstat(dir); err == nil && !info.IsDir() {
			return nil, &RefusedError{Out: out, Reason: fmt.Sprintf("a file is in the way: %s, where casebook stages each build", info.Name()),
				Hint: "move that file elsewhere or delete it"}
		}
		f, err := os.Open(dir)
		if errors.Is(err, os.ErrNotExist) {
			continue // another build removed it as it finished: make it again
		}
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("another casebook build is writing %s; wait for it to finish and try again", out)
			}
			return nil, fmt.Errorf("cannot lock the staging folder beside %s: %w", out, fsutil.Reason(err))
		}
		// The build that held the lock may have removed the folder between
		// our open and our lock: the lock is only good on the folder that is
		// still at dir.
		held, err1 := f.Stat()
		there, err2 := os.Lstat(dir)
		if err1 == nil && err2 == nil && os.SameFile(held, there) {
			return func() { f.Close() }, nil
		}
		f.Close()
	}
	return nil, fmt.Errorf("another casebook build is writing %s; wait for it to finish and try again", out)
}
