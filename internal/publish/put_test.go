package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWritesStayInsideTheFolder: no output path, however written, and no
// symbolic link planted in the staging folder leads a write outside it.
func TestWritesStayInsideTheFolder(t *testing.T) {
	src := t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	s, err := Begin(src, out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	victim := t.TempDir()
	if err := os.Symlink(victim, filepath.Join(s.dir, "site", "css")); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"../x", "a/../../x", "/etc/passwd", "", "css/casebook.css"} {
		if err := s.Put(rel, []byte("x")); err == nil {
			t.Errorf("writing %q succeeded; it leads outside the folder", rel)
		}
	}
	if entries, _ := os.ReadDir(victim); len(entries) != 0 {
		t.Errorf("a write went through the symbolic link: %v", entries)
	}
	if err := s.Put("themes/x/index.html", []byte("x")); err != nil {
		t.Errorf("a good path was refused: %v", err)
	}
}
