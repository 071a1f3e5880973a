package fsutil

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/casebook/casebook/internal/diag"
)

// NotPlainError is what ReadFile returns for something that is not a plain
// file: a named pipe, a socket or a device.
type NotPlainError struct {
	Path string
	Kind string // "a named pipe", ...
}

func (e *NotPlainError) Error() string { return e.Path + " is " + e.Kind + ", not a file" }

// Special describes what a file of this mode is when it is neither a plain
// file, a folder nor a symbolic link, such as "a named pipe"; "" otherwise.
// A site has no use for such things, and reading one can wait forever.
func Special(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0, mode&fs.ModeCharDevice != 0:
		return "a device file"
	case mode&fs.ModeIrregular != 0:
		return "a special file"
	}
	return ""
}

// ReadFile reads the plain file at path. Anything else there is refused
// with a *NotPlainError, without waiting on it: the check is made on the
// opened file, so a file swapped for a named pipe after a folder was
// listed is refused too.
func ReadFile(path string) ([]byte, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if kind := Special(info.Mode()); kind != "" || info.IsDir() {
		if kind == "" {
			kind = "a folder"
		}
		return nil, &NotPlainError{Path: path, Kind: kind}
	}
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Report adds Problem's message and hint as an error at rel: the way every
// stage reports a file or folder it cannot read.
func Report(diags *diag.List, rel string, err error, folder bool) {
	msg, hint := Problem(err, rel, folder)
	diags.Errorf(rel, 0, 0, hint, "%s", msg)
}

// Problem says, for an author, what went wrong reading the file or folder
// at rel (a path relative to the site): the message and a hint.
func Problem(err error, rel string, folder bool) (message, hint string) {
	what := "file"
	if folder {
		what = "folder"
	}
	var notPlain *NotPlainError
	switch {
	case errors.As(err, &notPlain):
		return fmt.Sprintf("this is %s; casebook reads only plain files", notPlain.Kind),
			"remove it, or put a plain file in its place"
	case errors.Is(err, fs.ErrPermission):
		access := "u+r"
		if folder {
			access = "u+rx"
		}
		return fmt.Sprintf("casebook cannot read this %s (permission denied)", what),
			fmt.Sprintf("give yourself permission to read it, e.g. `chmod %s %s`", access, rel)
	case IsLoop(err):
		return fmt.Sprintf("this %s is reached through symbolic links that lead round in a loop", what),
			"remove one of the links, or replace one with the real " + what
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("this %s disappeared while casebook was reading the site", what),
			"if it was moved or deleted on purpose (or by a sync tool), run casebook again"
	}
	// The path is absolute; the diagnostic names rel instead.
	return fmt.Sprintf("casebook cannot read this %s: %v", what, Reason(err)), ""
}

// Reason is err without the path the system's error names, for a message
// that names the file itself, relative to the site or the output folder:
// messages never show an absolute path.
func Reason(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	if le, ok := errors.AsType[*os.LinkError](err); ok {
		return le.Err
	}
	return err
}
