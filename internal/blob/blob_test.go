package blob

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestPack(t *testing.T) {
	random := make([]byte, 100<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	html := []byte(strings.Repeat(`<li><a href="/case-studies/x/">A case study</a></li>`, 400))
	for _, tc := range []struct {
		name   string
		in     []byte
		zipped bool
	}{
		{"empty", nil, false},
		{"short", []byte("<p>hi</p>"), false},
		{"html", html, true},
		{"noise", random, false}, // a photo, say: kept as it is
		{"noise then text", append(random[:1000:1000], html...), true}, // the sample decides only for large files
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := Pack(tc.in)
			got, err := b.Bytes()
			if err != nil || !bytes.Equal(got, tc.in) || b.Len() != len(tc.in) {
				t.Fatalf("Bytes() = %d bytes, %v; want the %d packed", len(got), err, len(tc.in))
			}
			gz, zipped := b.Gzip()
			if zipped != tc.zipped {
				t.Fatalf("zipped = %v, want %v", zipped, tc.zipped)
			}
			if zipped {
				if len(gz) >= len(tc.in)/2 {
					t.Errorf("%d bytes gzipped to %d", len(tc.in), len(gz))
				}
				r, err := gzip.NewReader(bytes.NewReader(gz))
				if err != nil {
					t.Fatal(err)
				}
				if plain, err := io.ReadAll(r); err != nil || !bytes.Equal(plain, tc.in) {
					t.Fatalf("the gzip stream reads as %d bytes, %v", len(plain), err)
				}
			}
		})
	}
}

func TestPackCopies(t *testing.T) {
	in := []byte("<p>short</p>")
	b := Pack(in)
	in[1] = 'X'
	if got, _ := b.Bytes(); string(got) != "<p>short</p>" {
		t.Fatalf("the blob changed with its source: %q", got)
	}
}

func TestSame(t *testing.T) {
	a := Pack([]byte(strings.Repeat("a page ", 100)))
	if !Same(a, Pack([]byte(strings.Repeat("a page ", 100)))) {
		t.Error("equal bytes are not Same")
	}
	if Same(a, Pack([]byte(strings.Repeat("a page ", 99)+"a pagE "))) {
		t.Error("different bytes are Same")
	}
	if !Same(Blob{}, Pack(nil)) || !Same(Pack([]byte{}), Pack(nil)) {
		t.Error("empty files are not Same")
	}
}
