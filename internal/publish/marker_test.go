package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMarkerRoundTrip(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	want := manifest{
		"index.html":          {size: 12, mtime: 1733356800000000000, sum: contentSum([]byte("<p>home</p>\n"))},
		"themes/x/index.html": {size: -1},
	}
	if err := writeMarker(root, want); err != nil {
		t.Fatal(err)
	}
	got, err := readMarker(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d records, want %d: %v", len(got), len(want), got)
	}
	for p, r := range want {
		if got[p] != r {
			t.Errorf("%s: read %+v, want %+v", p, got[p], r)
		}
	}
}

// A record whose digest is not 32 hex digits vouches for nothing: the file
// is written again rather than trusted.
func TestMarkerBadDigest(t *testing.T) {
	for _, sum := range []string{"", "abc", strings.Repeat("0f", 15), strings.Repeat("0f", 17), strings.Repeat("zz", 16), strings.Repeat("0f", 64)} {
		dir := t.TempDir()
		text := markerHeader + "a.html\t3\t4\t" + sum + "\n"
		if err := os.WriteFile(filepath.Join(dir, Marker), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := readMarker(dir)
		if err != nil {
			t.Fatal(err)
		}
		if r, ok := m["a.html"]; !ok || r.size != -1 {
			t.Errorf("digest %q: read %+v, %v, want the file listed without a record", sum, r, ok)
		}
	}
}

func FuzzReadMarker(f *testing.F) {
	f.Add(markerHeader + "index.html\t12\t1733356800000000000\t" + strings.Repeat("ab", 16) + "\nsearch/x.json\n")
	f.Add(markerHeader + "a\t1\t2\t" + strings.Repeat("ab", 40) + "\n")
	f.Add("not a marker")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, text string) {
		if err := os.WriteFile(filepath.Join(dir, Marker), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := readMarker(dir)
		if err != nil {
			return
		}
		for p, r := range m {
			if p == "" || (r.size < 0 && r != record{size: -1}) {
				t.Fatalf("read %q as %+v", p, r)
			}
		}
	})
}
