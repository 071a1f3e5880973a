package publish

import (
	"errors"
	"fmt"
	"io/fs"
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
	dir, root, o := openedDirect(t)
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

// TestDirectMkdir: a folder is made with mkdirat on its parent, opened as
// files are: refused when the parent is reached through a symbolic link
// or lies outside the folder; "exists" when it does; made in any number
// of parents, more than are kept open.
func TestDirectMkdir(t *testing.T) {
	dir, _, o := openedDirect(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "css")); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]error{"css/x": unix.ELOOP, "../x": unix.EXDEV, "../x/y": unix.EXDEV, "missing/x": unix.ENOENT} {
		if ok, err := o.mkdir(rel); !ok || !errors.Is(err, want) {
			t.Errorf("mkdir %q: ok %v, err %v; want true and %v", rel, ok, err, want)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("a folder was made outside: %v", entries)
	}
	var made []string
	for i := range keptParents + 3 {
		parent := fmt.Sprintf("s%d", i)
		made = append(made, parent, parent+"/a", parent+"/b", parent+"/a/c")
	}
	made = append(made, "s0/d") // after s0's descriptor was let go
	for _, rel := range made {
		if ok, err := o.mkdir(rel); !ok || err != nil {
			t.Fatalf("mkdir %q: ok %v, err %v", rel, ok, err)
		}
		if info, err := os.Lstat(filepath.Join(dir, rel)); err != nil || !info.IsDir() {
			t.Fatalf("%s: %v, %v", rel, info, err)
		}
	}
	if ok, err := o.mkdir("s1/a"); !ok || !errors.Is(err, fs.ErrExist) {
		t.Errorf("mkdir of a folder that is there: ok %v, err %v; want true and fs.ErrExist", ok, err)
	}
	if n := len(o.parents.fds); n > keptParents {
		t.Errorf("%d parent descriptors kept; at most %d", n, keptParents)
	}
	var zero directOpener
	if ok, _ := zero.mkdir("x"); ok {
		t.Error("the zero directOpener made a folder")
	}
}

// openedDirect opens a new folder as a Root and for writing directly,
// both closed when the test ends.
func openedDirect(t *testing.T) (dir string, root *os.Root, o *directOpener) {
	dir = t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	opened := openDirect(root, dir)
	t.Cleanup(opened.close)
	return dir, root, &opened
}
