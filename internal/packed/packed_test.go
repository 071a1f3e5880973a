package packed

import (
	"bytes"
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
			p := PackString(s)
			if got := p.String(); got != s {
				t.Fatalf("String() = %q, want %q", got, s)
			}
			if got := p.Bytes(); !bytes.Equal(got, []byte(s)) || (s == "") != (got == nil) {
				t.Fatalf("Bytes() = %q, want %q", got, s)
			}
			if p.Len() != len(s) || p.Empty() != (s == "") {
				t.Fatalf("Len() = %d, Empty() = %v for %d bytes", p.Len(), p.Empty(), len(s))
			}
			if q := Pack([]byte(s)); q.String() != s {
				t.Fatalf("Pack and PackString differ: %q", q.String())
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
	if cap(p.data) != len(p.data) {
		t.Errorf("packed text holds %d bytes of room for %d", cap(p.data), len(p.data))
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
	if got := first.String(); got != "the lessons of the first pilot year" {
		t.Errorf("after more packing and a changed input, String() = %q", got)
	}
}

func FuzzPack(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("<p>hello</p>"))
	f.Add(bytes.Repeat([]byte("ab"), 3000))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got := Pack(b).Bytes(); !bytes.Equal(got, b) {
			t.Fatalf("round trip of %d bytes gave %d bytes", len(b), len(got))
		}
	})
}
