package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A run that fails part way still records what it wrote: else the next
// run takes those files for somebody's changes and keeps them stale.
func TestRecordSurvivesAFailure(t *testing.T) {
	out := t.TempDir()
	files := map[string][]byte{"a.json": []byte("a1\n"), "b/c.json": []byte("c1\n")}
	if err := os.WriteFile(filepath.Join(out, "b"), nil, 0o644); err != nil { // a file where b/ should be
		t.Fatal(err)
	}
	if _, _, err := writeKeeping(out, files, false); err == nil {
		t.Fatal("writing under a file did not fail")
	}
	if err := os.Remove(filepath.Join(out, "b")); err != nil {
		t.Fatal(err)
	}
	files["a.json"] = []byte("a2\n")
	written, kept, err := writeKeeping(out, files, false)
	if err != nil || len(kept) > 0 || strings.Join(written, " ") != "a.json b/c.json" {
		t.Errorf("written %v, kept %v, err %v: a.json, written by the failed run, should be replaced", written, kept, err)
	}
}
