package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A write that fails part way leaves nothing behind for CreateFile: a
// part of a new page would read as a page that exists, and the next try
// would refuse to replace it. The failure comes from a file size limit,
// which makes write return EFBIG (Go ignores the signal that comes with
// it).
func TestCreateFileLeavesNoPartialFile(t *testing.T) {
	root := t.TempDir()
	var was syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &was); err != nil {
		t.Fatal(err)
	}
	small := was
	small.Cur = 4
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &small); err != nil {
		t.Fatal(err)
	}
	created := CreateFile(root, "content/x.md", []byte("more than four bytes"))
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &was); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(created, syscall.EFBIG) {
		t.Fatalf("a write past the size limit gave %v, want EFBIG", created)
	}
	if want := "cannot write content/x.md: file too large"; created.Error() != want {
		t.Errorf("got %q, want %q", created, want)
	}
	if _, err := os.Lstat(filepath.Join(root, "content/x.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("CreateFile left the part it wrote: %v", err)
	}
}
