//go:build unix

package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestProblem(t *testing.T) {
	pathErr := func(err error) error { return &fs.PathError{Op: "open", Path: "/abs/site/content/x.md", Err: err} }
	cases := []struct {
		name      string
		err       error
		folder    bool
		msg, hint string
	}{
		{"named pipe", &NotPlainError{Path: "content/x.md", Kind: "a named pipe"}, false,
			"this is a named pipe; casebook reads only plain files", "remove it, or put a plain file in its place"},
		{"unreadable file", pathErr(fs.ErrPermission), false,
			"casebook cannot read this file (permission denied)", "give yourself permission to read it, e.g. `chmod u+r content/x.md`"},
		{"unreadable folder", pathErr(fs.ErrPermission), true,
			"casebook cannot read this folder (permission denied)", "give yourself permission to read it, e.g. `chmod u+rx content/x.md`"},
		{"gone", pathErr(fs.ErrNotExist), false,
			"this file disappeared while casebook was reading the site", "if it was moved or deleted on purpose (or by a sync tool), run casebook again"},
		{"a loop of links", pathErr(syscall.ELOOP), true,
			"this folder is reached through symbolic links that lead round in a loop", "remove one of the links, or replace one with the real folder"},
		{"other, without the absolute path", pathErr(syscall.EIO), false,
			"casebook cannot read this file: input/output error", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msg, hint := Problem(c.err, "content/x.md", c.folder)
			if msg != c.msg || hint != c.hint {
				t.Errorf("got\n%q\n%q\nwant\n%q\n%q", msg, hint, c.msg, c.hint)
			}
		})
	}
}

func TestReadFileRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	var notPlain *NotPlainError
	if _, err := ReadFile(pipe); !errors.As(err, &notPlain) || notPlain.Kind != "a named pipe" {
		t.Errorf("reading a named pipe: %v", err)
	}
	if _, err := ReadFile(dir); !errors.As(err, &notPlain) || notPlain.Kind != "a folder" {
		t.Errorf("reading a folder: %v", err)
	}
	plain := filepath.Join(dir, "plain.md")
	if err := os.WriteFile(plain, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(plain); err != nil || string(b) != "text" {
		t.Errorf("reading a plain file: %q, %v", b, err)
	}
}

func TestSpecial(t *testing.T) {
	cases := []struct {
		mode fs.FileMode
		want string
	}{
		{0o644, ""},
		{fs.ModeDir | 0o755, ""},
		{fs.ModeSymlink, ""},
		{fs.ModeNamedPipe, "a named pipe"},
		{fs.ModeSocket, "a socket"},
		{fs.ModeDevice, "a device file"},
		{fs.ModeDevice | fs.ModeCharDevice, "a device file"},
		{fs.ModeIrregular, "a special file"},
	}
	for _, c := range cases {
		if got := Special(c.mode); got != c.want {
			t.Errorf("Special(%v) = %q, want %q", c.mode, got, c.want)
		}
	}
}
