package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestCannotWrite(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content/themes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content/resources"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// The system's errors name absolute paths; the messages must not.
	sys := func(err error) error { return &fs.PathError{Op: "open", Path: filepath.Join(root, "x"), Err: err} }
	cases := []struct {
		rel  string
		err  error
		want string
	}{
		{"content/resources/guide.md", sys(syscall.ENOTDIR),
			"cannot write content/resources/guide.md: content/resources is a file, not a folder; rename or move it"},
		{"content/resources", sys(syscall.ENOTDIR),
			"cannot write content/resources: content/resources is a file, not a folder; rename or move it"},
		{"content/themes", sys(syscall.EISDIR), "cannot write content/themes: it is a folder; rename or move it"},
		{"content/themes/new/x.md", sys(syscall.EACCES),
			"cannot write content/themes/new/x.md: permission denied; check that you may write in content/themes"},
		{"frontmatter.json", sys(syscall.EPERM), "cannot write frontmatter.json: permission denied; check that you may write in the site folder"},
		{"content/themes/x.md", sys(syscall.ENOSPC), "cannot write content/themes/x.md: the disk is full"},
		{"content/themes/x.md", sys(syscall.EROFS), "cannot write content/themes/x.md: the file system is read-only"},
		{"content/themes/x.md", sys(syscall.EIO), "cannot write content/themes/x.md: input/output error"},
	}
	for _, c := range cases {
		if got := CannotWrite(root, c.rel, c.err).Error(); got != c.want {
			t.Errorf("%s, %v:\n got %s\nwant %s", c.rel, c.err, got, c.want)
		}
	}
	// Without a root, paths are as the user typed them, from where they are.
	want := "cannot write out.json: permission denied; check that you may write in this folder"
	if got := CannotWrite("", "out.json", sys(syscall.EACCES)).Error(); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestWriteFile(t *testing.T) {
	root := t.TempDir()
	if err := CreateFile(root, "a/b/c.txt", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := CreateFile(root, "a/b/c.txt", []byte("two")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("an exclusive write over a file: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "a/b/c.txt")); string(b) != "one" {
		t.Errorf("the exclusive write changed the file to %q", b)
	}
	if err := WriteFile(root, "a/b/c.txt", []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "a/b/c.txt")); string(b) != "two" {
		t.Errorf("the file holds %q, want two", b)
	}
	want := "cannot write a/b/c.txt/d.txt: a/b/c.txt is a file, not a folder; rename or move it"
	err := WriteFile(root, "a/b/c.txt/d.txt", nil)
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("%v does not wrap the system's error", err)
	}
}
