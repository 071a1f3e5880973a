// Package gcpace sets how far the Go heap may grow between collections
// from the live heap after each one: by a share of it, as GOGC does, but
// never by less than a fixed headroom.
//
// A fixed GOGC makes a small heap collect very often: at GOGC=50, a
// 10,000-case-study build, whose live data climbs from nothing to about
// 140 MB, collected 141 times, most of them while the heap held a few
// megabytes. A fixed memory limit instead makes a heap that outgrows it
// collect nonstop. With a headroom, a small heap grows by the headroom
// before it is collected and a large one by its share, so the peak is
// about the larger of live+headroom and live×(1+percent/100).
//
// That peak counts only the heap's objects. The process holds more: spans
// that are partly empty, and memory freed but not yet handed back, which
// at 100,000 case studies came to a further 200 to 350 MB over a goal of
// about 1 GB. With a least limit, the pacer also sets a memory limit,
// which counts all of it: the larger of the least limit and
// live×(1+percent/100). Under that limit the runtime collects a little
// early and hands memory back. The limit is never below GOGC's goal, so
// it binds only by what the heap holds beyond its objects (a quarter of
// the live heap at 100,000): collections come closer together, but not
// back to back unless that much reaches half the live heap, where a
// fixed limit below the live heap collects nonstop.
package gcpace

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// minHeap is the least heap the runtime aims at, at GOGC=100: at any
// other GOGC, minHeap×GOGC/100. Percent counts a smaller live heap as
// minHeap, so that this least goal stays within the headroom: at 1 MB
// live, GOGC=6,400 would let the heap reach 256 MB before a collection.
const minHeap = 4 << 20

// Pacer follows the collector until Stop.
type Pacer struct {
	percent     int
	headroom    uint64
	leastLimit  uint64 // 0: no memory limit
	before      int    // GOGC before Start
	limitBefore int64  // the memory limit before Start

	mu       sync.Mutex
	stopped  bool
	sample   []metrics.Sample
	adjusted int // how many times GOGC was set, for tests
}

// Start sets GOGC now and again after every collection: percent when
// the live heap times percent/100 is at least headroom (in bytes), and
// whatever makes the heap grow by headroom when it is not. With a
// leastLimit (in bytes) it also sets the memory limit (see Limit), unless
// one was set already or GOMEMLIMIT says otherwise (off for none).
func Start(percent int, headroom, leastLimit uint64) *Pacer {
	p := &Pacer{percent: percent, headroom: headroom,
		sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	p.before = debug.SetGCPercent(percent)
	p.limitBefore = debug.SetMemoryLimit(-1)
	// GOMEMLIMIT=off reads back as no limit, but is a choice too.
	if p.limitBefore == math.MaxInt64 && os.Getenv("GOMEMLIMIT") == "" {
		p.leastLimit = leastLimit
	}
	p.adjust()
	p.arm()
	return p
}

// Stop ends the pacing and sets GOGC back to what it was before Start.
func (p *Pacer) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	debug.SetGCPercent(p.before)
	debug.SetMemoryLimit(p.limitBefore)
}

// arm asks to hear of the next collection: a cleanup attached to an
// object nothing refers to runs once a collection has found it
// unreachable and its memory is swept, which is the next collection, or
// the one after when arm runs while one is marking; the pacer may then
// be a collection late, which does no harm. The object is 16 bytes:
// smaller ones may share a block with others, and then their cleanup may
// never run.
func (p *Pacer) arm() {
	runtime.AddCleanup(new([16]byte), func(p *Pacer) {
		if p.adjust() {
			p.arm()
		}
	}, p)
}

// adjust sets GOGC for the live heap the last collection found; false
// once the pacer is stopped.
func (p *Pacer) adjust() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return false
	}
	metrics.Read(p.sample)
	live := p.sample[0].Value.Uint64()
	debug.SetGCPercent(Percent(live, p.percent, p.headroom))
	if p.leastLimit > 0 {
		debug.SetMemoryLimit(Limit(live, p.percent, p.leastLimit))
	}
	p.adjusted++
	return true
}

// Percent is the GOGC that lets a heap of live bytes grow by
// live×percent/100, or by headroom when that is more; percent must be
// more than 0. (The runtime also lets the heap grow by its goroutine
// stacks and globals times GOGC/100: while the heap is small and GOGC
// high, some megabytes more than the headroom.)
func Percent(live uint64, percent int, headroom uint64) int {
	live = max(live, minHeap) // see minHeap; before the first collection it counts none
	if live*uint64(percent)/100 >= headroom {
		return percent
	}
	return int(headroom * 100 / live)
}

// Limit is the memory limit for a heap of live bytes: what percent lets
// it grow to, or least when that is more.
func Limit(live uint64, percent int, least uint64) int64 {
	p := uint64(percent)
	grown := live/100*p + live%100*p/100 // live×percent/100 without overflow
	if live > math.MaxInt64-grown {
		return math.MaxInt64
	}
	return int64(max(live+grown, least))
}
