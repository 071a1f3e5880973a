package publish

import (
	"os"
	"path/filepath"
)

// removeTree removes dir and everything in it, its folders first: the
// files at the top hold the staging stamp (or an old spare's marker), so a
// removal cut short leaves a folder the next build still recognises as
// casebook's and clears.
func removeTree(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	os.RemoveAll(dir)
}
