package packed

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func spillFile(t *testing.T) *os.File {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "spill"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// noise is n bytes S2 cannot shrink, so texts fill chunks quickly.
func noise(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// TestSpillRoundTrip packs texts from several goroutines, enough to fill
// a few chunks, reading each back at once (from the chunk in memory or
// the file, whichever holds it then) and all again at the end, from the
// file but for the last chunk.
func TestSpillRoundTrip(t *testing.T) {
	f := spillFile(t)
	s := NewSpill(f)
	const workers, each = 4, 120
	texts := make([][]byte, workers*each)
	packed := make([]Text, len(texts))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for i := w * each; i < (w+1)*each; i++ {
				texts[i] = noise(r, 1+r.IntN(20_000))
				packed[i] = s.Pack(texts[i])
				if got, err := packed[i].Bytes(); err != nil || !bytes.Equal(got, texts[i]) {
					t.Errorf("text %d read back at once: %d bytes, %v; want %d bytes", i, len(got), err, len(texts[i]))
				}
			}
		})
	}
	wg.Wait()
	if s.flushed.Load() < 2*spillChunk {
		t.Fatalf("the file holds %d bytes; the test means to fill chunks of %d", s.flushed.Load(), spillChunk)
	}
	if st, err := f.Stat(); err != nil || st.Size() != s.flushed.Load() {
		t.Fatalf("the file is %v bytes (%v), the spill counts %d", st.Size(), err, s.flushed.Load())
	}
	for i, p := range packed {
		if got, err := p.Bytes(); err != nil || !bytes.Equal(got, texts[i]) {
			t.Fatalf("text %d read back at the end: %d bytes, %v; want %d bytes", i, len(got), err, len(texts[i]))
		}
		if p.Len() != len(texts[i]) || p.Empty() || p.data != nil {
			t.Fatalf("text %d: Len %d, Empty %v, in memory %v", i, p.Len(), p.Empty(), p.data != nil)
		}
	}
}

// TestSpillWriteFails checks that texts stay readable, from memory, when
// the file cannot take them, and that texts packed after that are kept as
// Pack keeps them.
func TestSpillWriteFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spill")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path) // read-only: every write fails
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := NewSpill(f)
	r := rand.New(rand.NewPCG(7, 7))
	var texts [][]byte
	var packed []Text
	for range 3 * spillChunk / 10_000 {
		b := noise(r, 10_000)
		texts, packed = append(texts, b), append(packed, s.Pack(b))
	}
	if !s.failed || s.flushed.Load() != 0 {
		t.Fatalf("failed %v, flushed %d: the writes were meant to fail", s.failed, s.flushed.Load())
	}
	// The chunk whose write failed stays; later texts are each their own,
	// so that a page's body goes when the page lets it go.
	if len(s.pending) > spillChunk+10_100 {
		t.Errorf("the spill holds %d bytes after its write failed, want the one chunk (%d) alone", len(s.pending), spillChunk)
	}
	if last := packed[len(packed)-1]; last.spill != nil || last.data == nil {
		t.Errorf("a text packed after the write failed is spilled %v, in memory %v; want in memory alone", last.spill != nil, last.data != nil)
	}
	for i, p := range packed {
		if got, err := p.Bytes(); err != nil || !bytes.Equal(got, texts[i]) {
			t.Fatalf("text %d: %d bytes, %v; want %d bytes", i, len(got), err, len(texts[i]))
		}
	}
}

// TestSpillReadFails checks the error when a spilled text cannot be read
// back: ErrRead, with the system's reason and not the file's path.
func TestSpillReadFails(t *testing.T) {
	f := spillFile(t)
	s := NewSpill(f)
	r := rand.New(rand.NewPCG(3, 3))
	first := s.Pack(noise(r, 5000))
	for s.flushed.Load() == 0 {
		s.Pack(noise(r, 50_000))
	}
	f.Close()
	_, err := first.Bytes()
	if !errors.Is(err, ErrRead) || !errors.Is(err, os.ErrClosed) {
		t.Fatalf("reading from a closed file gave %v, want ErrRead and os.ErrClosed", err)
	}
	if want := fmt.Sprintf("%v: %v", ErrRead, os.ErrClosed); err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if dir := filepath.Dir(f.Name()); strings.Contains(err.Error(), dir) {
		t.Errorf("message %q names the folder %s", err, dir)
	}
}

// TestDamagedText checks that bytes that are not S2 give ErrRead, not a
// panic: a spill's file lies on disk, where anything may change it.
func TestDamagedText(t *testing.T) {
	f := spillFile(t)
	s := NewSpill(f)
	p := s.Pack([]byte(strings.Repeat("families and teachers ", 50)))
	copy(s.pending, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff")
	if _, err := p.Bytes(); !errors.Is(err, ErrRead) {
		t.Fatalf("a damaged text gave %v, want ErrRead", err)
	}
}

// TestSpilledBytesAreTheirOwn reads one spilled text, then others through
// the same pooled buffers, and checks the first's bytes are untouched:
// the packed bytes are read into a shared buffer, the text never.
func TestSpilledBytesAreTheirOwn(t *testing.T) {
	s := NewSpill(spillFile(t))
	r := rand.New(rand.NewPCG(7, 7))
	first := noise(r, 3000)
	texts := []Text{s.Pack(first)}
	for range 3 {
		texts = append(texts, s.Pack(noise(r, 2000)))
	}
	for len(texts) < 40 { // past a chunk, so reads come from the file
		texts = append(texts, s.Pack(noise(r, spillChunk/20)))
	}
	got, err := texts[0].Bytes()
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Clone(got)
	for _, other := range texts[1:] {
		if _, err := other.Bytes(); err != nil {
			t.Fatal(err)
		}
		other.Len()
	}
	if !bytes.Equal(got, want) || !bytes.Equal(got, first) {
		t.Error("reading other spilled texts changed the bytes of the first")
	}
	if s.flushed.Load() == 0 {
		t.Error("nothing reached the file; the test means to read from it")
	}
}
