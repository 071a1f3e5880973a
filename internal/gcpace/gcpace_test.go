package gcpace

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		name     string
		live     uint64
		percent  int
		headroom uint64
		want     int
	}{
		{"before the first collection: 4 MB grows by the headroom", 0, 50, 64 * mb, 1600},
		{"a small heap grows by the headroom", 16 * mb, 50, 64 * mb, 400},
		{"where the share equals the headroom", 128 * mb, 50, 64 * mb, 50},
		{"a large heap grows by its share", 1024 * mb, 50, 64 * mb, 50},
		{"just under: a little more than the share", 120 * mb, 50, 64 * mb, 53},
		{"no headroom is plain GOGC", 8 * mb, 50, 0, 50},
	} {
		if got := Percent(c.live, c.percent, c.headroom); got != c.want {
			t.Errorf("%s: Percent(%d MB, %d, %d MB) = %d, want %d", c.name, c.live/mb, c.percent, c.headroom/mb, got, c.want)
		}
	}
	// However small the live heap, the least goal the runtime keeps
	// (minHeap×GOGC/100) stays within the headroom.
	for _, live := range []uint64{0, 1, 512 << 10, mb, 3 * mb, 4 * mb} {
		if goal := uint64(Percent(live, 50, 64*mb)) * minHeap / 100; goal > 64*mb {
			t.Errorf("at %d bytes live the least goal is %d MB, over the 64 MB headroom", live, goal/mb)
		}
	}
}

// gogc reads the collector's percent without setting it, so a pacer's
// cleanup running meanwhile is not undone.
func gogc() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// adjustments is how many times p has set GOGC.
func (p *Pacer) adjustments() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.adjusted
}

// after runs collections until ok(GOGC), or fails: the pacer hears of a
// collection from a cleanup, which runs soon after it, not during it.
func after(t *testing.T, want string, ok func(int) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok(gogc()) {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC is %d after collections, want %s", gogc(), want)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

func TestPacerFollowsTheLiveHeap(t *testing.T) {
	const headroom = 32 << 20
	before := debug.SetGCPercent(77)
	defer debug.SetGCPercent(before)

	p := Start(50, headroom, 0)
	// A test's live heap is a few megabytes: GOGC well over 50.
	after(t, "more than 50 with a small live heap", func(p int) bool { return p > 50 })

	// 128 MB live: half of it is more than the headroom.
	ballast := make([][]byte, 128)
	for i := range ballast {
		ballast[i] = make([]byte, 1<<20)
	}
	after(t, "50 with 128 MB live", func(p int) bool { return p == 50 })
	runtime.KeepAlive(ballast)

	p.Stop()
	if got := gogc(); got != 77 {
		t.Errorf("GOGC after Stop = %d, want 77 as before Start", got)
	}
	ballast = nil
	stopped := p.adjustments()
	for range 3 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond) // time for a cleanup armed before Stop to run
	}
	if n := p.adjustments(); n != stopped {
		t.Errorf("the pacer set GOGC %d times after Stop", n-stopped)
	}
	if got := gogc(); got != 77 {
		t.Errorf("GOGC after Stop and collections = %d, want 77", got)
	}
}

func TestLimit(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		name        string
		live, least uint64
		want        int64
	}{
		{"a small heap is held to the least limit", 100 * mb, 960 * mb, 960 * mb},
		{"where the share reaches it", 640 * mb, 960 * mb, 960 * mb},
		{"a large heap may grow by its share, all told", 1000 * mb, 960 * mb, 1500 * mb},
		{"before the first collection", 0, 960 * mb, 960 * mb},
		{"a huge heap", 1 << 62, 960 * mb, 1<<62 + 1<<61},
		{"no overflow", 1 << 63, 960 * mb, math.MaxInt64},
		{"no overflow, nearer", math.MaxInt64 / 4 * 3, 960 * mb, math.MaxInt64},
	} {
		if got := Limit(c.live, 50, c.least); got != c.want {
			t.Errorf("%s: Limit(%d MB, 50, %d MB) = %d MB, want %d MB", c.name, c.live/mb, c.least/mb, got/mb, c.want/mb)
		}
	}
}

// memoryLimit reads the runtime's memory limit without setting it.
func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

func TestPacerSetsTheLimitUnlessOneIsSet(t *testing.T) {
	const least = 900 << 20
	before := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(before)

	p := Start(50, 32<<20, least)
	// A test's live heap is a few megabytes: the least limit holds.
	if got := memoryLimit(); got != least {
		t.Errorf("memory limit with a small live heap = %d, want %d", got, least)
	}
	p.Stop()
	if got := memoryLimit(); got != math.MaxInt64 {
		t.Errorf("memory limit after Stop = %d, want none, as before Start", got)
	}

	// A limit set before, as GOMEMLIMIT sets one, is the user's: kept.
	debug.SetMemoryLimit(2 << 30)
	p = Start(50, 32<<20, least)
	runtime.GC()
	time.Sleep(5 * time.Millisecond) // time for the pacer's cleanup to run
	if got := memoryLimit(); got != 2<<30 {
		t.Errorf("memory limit with one set before = %d, want it kept (%d)", got, 2<<30)
	}
	p.Stop()
	if got := memoryLimit(); got != 2<<30 {
		t.Errorf("memory limit after Stop = %d, want %d", got, 2<<30)
	}

	// GOMEMLIMIT=off reads back as no limit, and is kept too.
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "off")
	p = Start(50, 32<<20, least)
	if got := memoryLimit(); got != math.MaxInt64 {
		t.Errorf("memory limit with GOMEMLIMIT=off = %d, want none", got)
	}
	p.Stop()
}
