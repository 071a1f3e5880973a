package packed

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	page := strings.Repeat(`<p>Families met with teachers twice a term, and the district <a href="/case-studies/x/">wrote it down</a>.</p>`, 40)
	for name, s := range map[string]string{
		"empty":   "",
		"one":     "a",
		"accents": "educación, familias, niño",
		"page":    page,
		"binary":  "\x00\xff\xfe\x01 not text at all",
	} {
		t.Run(name, func(t *testing.T) {
			spill := NewSpill(spillFile(t))
			for how, p := range map[string]Text{"PackString": PackString(s), "Pack": Pack([]byte(s)), "Spill.Pack": spill.Pack([]byte(s))} {
				if got := mustString(t, p); got != s {
					t.Fatalf("%s: String() = %q, want %q", how, got, s)
				}
				if got, err := p.Bytes(); err != nil || !bytes.Equal(got, []byte(s)) || (s == "") != (got == nil) {
					t.Fatalf("%s: Bytes() = %q, %v, want %q", how, got, err, s)
				}
				if p.Len() != len(s) || p.Empty() != (s == "") {
					t.Fatalf("%s: Len() = %d, Empty() = %v for %d bytes", how, p.Len(), p.Empty(), len(s))
				}
			}
		})
	}
}

// TestSmaller checks that packing pays on the text it is for, and that a
// packed text does not keep the scratch buffer's spare room.
func TestSmaller(t *testing.T) {
	page := strings.Repeat(`<li><a href="/casebook/case-studies/closing-the-loop/">Closing the loop with parents</a></li>`, 100)
	p := PackString(page)
	if p.Packed() > len(page)/4 {
		t.Errorf("packed %d bytes into %d, want a quarter or less", len(page), p.Packed())
	}
	// A Pack allocates the packed bytes alone, not the scratch buffer's
	// worst-case room, which is larger than the page itself. The least
	// of a few: the race detector makes the pool drop some buffers.
	var least uint64 = 1 << 62
	for range 20 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		PackString(page)
		runtime.ReadMemStats(&after)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	if least > uint64(p.Packed())*9/8+64 {
		t.Errorf("a Pack of %d bytes into %d allocates %d bytes", len(page), p.Packed(), least)
	}
}

// TestOwnBytes checks that a packed text owns its bytes: Pack compresses
// into a pooled buffer that the next Pack reuses, and a build packs from
// buffers it then reuses.
func TestOwnBytes(t *testing.T) {
	in := []byte("the lessons of the first pilot year")
	first := Pack(in)
	copy(in, "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
	for range 3 { // shorter, so each fits in the buffer the first left
		Pack([]byte("another, shorter text"))
	}
	if got := mustString(t, first); got != "the lessons of the first pilot year" {
		t.Errorf("after more packing and a changed input, String() = %q", got)
	}
}

func FuzzPack(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("<p>hello</p>"))
	f.Add(bytes.Repeat([]byte("ab"), 3000))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, err := Pack(b).Bytes(); err != nil || !bytes.Equal(got, b) {
			t.Fatalf("round trip of %d bytes gave %d bytes, %v", len(b), len(got), err)
		}
	})
}

func mustString(t *testing.T, p Text) string {
	t.Helper()
	s, err := p.String()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
