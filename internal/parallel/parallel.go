// Package parallel spreads a loop over every core: the index below n is
// cut into one run per core, and each run goes to its own goroutine.
package parallel

import (
	"runtime"
	"sync"
)

// Runs calls fn once for each run [lo, hi) of the indexes below n, the
// runs on every core at once, and returns when all are done. fn may keep
// state for its run, such as a cache.
func Runs(n int, fn func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	chunk := max(1, (n+workers-1)/workers)
	if chunk >= n {
		if n > 0 {
			fn(0, n) // one run: no goroutine
		}
		return
	}
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		wg.Go(func() { fn(lo, min(lo+chunk, n)) })
	}
	wg.Wait()
}

// Each calls fn for each index below n, spread over the cores as Runs
// does.
func Each(n int, fn func(i int)) {
	Runs(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			fn(i)
		}
	})
}
