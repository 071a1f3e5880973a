package publish

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// removeTree removes dir and everything in it on all cores: a site has
// thousands of folders, and removing them one after another is much of
// what a rebuild spends once unchanged files are links.
func removeTree(dir string) {
	work := make(chan string)
	var wg sync.WaitGroup
	for range max(2, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for p := range work {
				os.RemoveAll(p)
			}
		})
	}
	// Hand out the folders three levels down (staging folder, site,
	// section): a section holds one folder per page. The files at the top
	// go last: they include the stamp or marker that shows the folder is
	// casebook's, so a removal cut short leaves a folder the next build
	// still recognises and clears.
	var top []string
	level := []string{dir}
	for depth := range 3 {
		var next []string
		for _, d := range level {
			entries, _ := os.ReadDir(d)
			for _, e := range entries {
				p := filepath.Join(d, e.Name())
				switch {
				case e.IsDir():
					next = append(next, p)
				case depth == 0:
					top = append(top, p)
				default:
					os.Remove(p)
				}
			}
		}
		level = next
	}
	for _, p := range level {
		work <- p
	}
	close(work)
	wg.Wait()
	for _, p := range top {
		os.Remove(p)
	}
	os.RemoveAll(dir)
}
