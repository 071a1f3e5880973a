//go:build !unix

package publish

import (
	"errors"
	"fmt"
	"os"

	"github.com/casebook/casebook/internal/fsutil"
)

// lockStaging makes the staging folder dir if it is not there. Where flock
// is not available, concurrent builds into one folder are not prevented.
func lockStaging(dir, out string) (unlock func(), err error) {
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("cannot create a staging folder beside %s: %w", out, fsutil.Reason(err))
	}
	return func() {}, nil
}
