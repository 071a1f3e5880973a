package synth

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Write(a, 40); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, 40); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(filepath.Join(a, "content/case-studies/case-study-7.md"))
	y, _ := os.ReadFile(filepath.Join(b, "content/case-studies/case-study-7.md"))
	if len(x) < 2000 || len(x) > 3200 || string(x) != string(y) {
		t.Errorf("case study is %d bytes, or differs between runs", len(x))
	}
}
