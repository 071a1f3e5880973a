package publish

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestDirectOpener: a file opened with openat2 is refused, by that call
// and not left to the Root, when its path passes a symbolic link or
// leaves the folder; a good one gets the size and time a later Lstat
// reports. A descriptor that is not the Root's folder is not used.
func TestDirectOpener(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	o := openDirect(root, dir)
	defer o.close()
	if !o.active() {
		t.Fatal("openat2 is not in use")
	}
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "css")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "a.html"), filepath.Join(dir, "a.html")); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]error{"css/site.css": unix.ELOOP, "a.html": unix.ELOOP, "../b.html": unix.EXDEV} {
		if _, _, ok, err := o.write(rel, []byte("x")); !ok || !errors.Is(err, want) {
			t.Errorf("write %q: ok %v, err %v; want true and %v", rel, ok, err, want)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("a write went outside: %v", entries)
	}
	if err := root.Mkdir("themes", 0o755); err != nil {
		t.Fatal(err)
	}
	size, mtime, ok, err := o.write("themes/index.html", []byte("<p>hi</p>"))
	if !ok || err != nil {
		t.Fatalf("write: ok %v, err %v", ok, err)
	}
	info, err := os.Lstat(filepath.Join(dir, "themes", "index.html"))
	if err != nil || size != 9 || info.Size() != 9 || info.ModTime().UnixNano() != mtime {
		t.Errorf("wrote size %d, time %d; the file has %v (%v)", size, mtime, info, err)
	}

	other, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if mismatched := openDirect(other, dir); mismatched.active() {
		mismatched.close()
		t.Error("a descriptor for another folder than the Root's is used")
	}
	var zero directOpener
	if _, _, ok, _ := zero.write("x.html", nil); ok {
		t.Error("the zero directOpener wrote a file")
	}
}
