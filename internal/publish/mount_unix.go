//go:build unix

package publish

import (
	"os"
	"path/filepath"
	"syscall"
)

// mountPoint reports whether dir is where another file system is mounted
// (a disk, a network share, a container's volume): it and its parent are
// on different devices, or, on Linux, the system lists it as mounted,
// which finds a folder mounted from the same device too (a bind mount).
// A build cannot rename its staging folder onto it.
func mountPoint(dir string) bool {
	if listedAsMounted(dir) {
		return true
	}
	var self, parent syscall.Stat_t
	if syscall.Stat(dir, &self) != nil || syscall.Stat(filepath.Dir(dir), &parent) != nil {
		return false
	}
	return self.Dev != parent.Dev && dir != string(os.PathSeparator)
}
