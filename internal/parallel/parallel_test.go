package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// Every index is visited once, whatever n and the number of cores, and
// the runs cover the indexes without gaps or overlaps.
func TestEachVisitsEveryIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 3, 8} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 3, 7, 100, 1001} {
			seen := make([]atomic.Int32, n)
			Each(n, func(i int) { seen[i].Add(1) })
			for i := range seen {
				if got := seen[i].Load(); got != 1 {
					t.Fatalf("GOMAXPROCS %d, n %d: index %d visited %d times", procs, n, i, got)
				}
			}
			var covered atomic.Int64
			Runs(n, func(lo, hi int) {
				if lo < 0 || hi > n || lo >= hi {
					t.Errorf("GOMAXPROCS %d, n %d: run [%d, %d)", procs, n, lo, hi)
				}
				covered.Add(int64(hi - lo))
			})
			if covered.Load() != int64(n) {
				t.Fatalf("GOMAXPROCS %d, n %d: runs cover %d indexes", procs, n, covered.Load())
			}
		}
		runtime.GOMAXPROCS(old)
	}
}
