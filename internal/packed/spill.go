package packed

import (
	"errors"
	"os"
	"sync"
	"sync/atomic"

	"github.com/casebook/casebook/internal/fsutil"
)

// A Spill keeps packed texts in a file instead of the heap. A build that
// renders every page once holds each body only from its conversion to
// its page's rendering, and reads it back once or a few times: at
// 100,000 case studies the packed bodies are some 300 MB of a heap of
// about 1 GB, and the collector lets a heap grow to twice what it holds.
// In a file they are the kernel's to cache or to drop.
//
// Texts are appended to the file a chunk at a time; a text whose chunk is
// not yet written is read from memory. When a write fails (a full disk),
// that chunk stays in memory and every later text is packed as Pack
// packs it: packing never fails, and only reading back can.
type Spill struct {
	f       *os.File
	mu      sync.Mutex
	pending []byte       // packed texts not yet in f; they start at flushed
	flushed atomic.Int64 // how many bytes f holds
	failed  bool         // a write failed: pending stays, and f takes no more
}

// spillChunk is how much a spill gathers before writing it: large enough
// that writes cost little, small enough to matter nothing in memory.
const spillChunk = 1 << 20

// NewSpill keeps texts in f, which must be empty, readable and writable.
// The caller closes f once no text packed into it is read any more.
func NewSpill(f *os.File) *Spill {
	return &Spill{f: f, pending: make([]byte, 0, spillChunk)}
}

// Pack compresses b into the spill. b is not kept. On a nil Spill it is
// the package's Pack, which keeps the text in memory.
func (s *Spill) Pack(b []byte) Text {
	if s == nil || len(b) == 0 {
		return Pack(b)
	}
	buf := scratch.Get().(*[]byte)
	defer scratch.Put(buf)
	enc := encode(buf, b)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed {
		return packedCopy(enc)
	}
	off := s.flushed.Load() + int64(len(s.pending))
	s.pending = append(s.pending, enc...)
	if len(s.pending) >= spillChunk {
		s.flush()
	}
	return Text{spill: s, off: off, n: uint32(len(enc))}
}

// flush writes what is pending to the file. s.mu is held.
func (s *Spill) flush() {
	if _, err := s.f.WriteAt(s.pending, s.flushed.Load()); err != nil {
		s.failed = true // the chunk stays in pending, where its texts are read
		return
	}
	s.flushed.Add(int64(len(s.pending)))
	s.pending = s.pending[:0]
}

// read returns the packed bytes of t, which the spill holds, in *buf,
// which it grows as needed.
func (s *Spill) read(t Text, buf *[]byte) ([]byte, error) {
	if cap(*buf) < int(t.n) {
		*buf = make([]byte, t.n)
	}
	out := (*buf)[:t.n]
	if t.off+int64(t.n) <= s.flushed.Load() {
		if _, err := s.f.ReadAt(out, t.off); err != nil {
			return nil, readError(err)
		}
		return out, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if start := t.off - s.flushed.Load(); start >= 0 {
		copy(out, s.pending[start:])
		return out, nil
	}
	// Written since the check above.
	if _, err := s.f.ReadAt(out, t.off); err != nil {
		return nil, readError(err)
	}
	return out, nil
}

// ErrRead is what reading a text back failed with: a ReadError is it.
var ErrRead = errors.New("cannot read back a page's text set aside in the staging folder")

// A ReadError says why a text could not be read back: the system's
// reason, for a spill's file. errors.Is(err, ErrRead) holds for it.
type ReadError struct{ Err error }

func (e *ReadError) Error() string   { return ErrRead.Error() + ": " + e.Err.Error() }
func (e *ReadError) Unwrap() []error { return []error{ErrRead, e.Err} }

// readError says what failed without the file's absolute path, which
// messages never show.
func readError(err error) error { return &ReadError{Err: fsutil.Reason(err)} }
