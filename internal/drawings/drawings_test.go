package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The illustrations in the bundled casebook are what this program draws:
// run it again after changing a scene.
func TestBundledDrawingsAreCurrent(t *testing.T) {
	dir := t.TempDir()
	for _, d := range drawings {
		got := filepath.Join(dir, filepath.Base(d.path))
		if err := write(got, d); err != nil {
			t.Fatal(err)
		}
		a, err := os.ReadFile(got)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(d.path)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s is not what the program draws now: run go run ./internal/drawings", d.path)
		}
	}
}
