package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestWritesStayInsideTheFolder: no output path, however written, and no
// symbolic link planted in the staging folder leads a write outside it,
// whether files are opened directly (openat2, on Linux) or through the
// Root, as where the kernel refuses openat2.
func TestWritesStayInsideTheFolder(t *testing.T) {
	for _, direct := range []bool{true, false} {
		t.Run(fmt.Sprintf("direct=%v", direct), func(t *testing.T) {
			src := t.TempDir()
			out := filepath.Join(t.TempDir(), "public")
			s, err := Begin(src, out)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			switch {
			case direct && runtime.GOOS != "linux":
				t.Skip("files are opened directly only on Linux")
			case direct && !s.files.direct.active():
				t.Fatal("openat2 is not in use")
			case !direct:
				s.files.direct.close()
				s.files.direct = directOpener{} // declines every file
			}
			victim := t.TempDir()
			if err := os.Symlink(victim, filepath.Join(s.dir, "site", "css")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(victim, "404.html"), filepath.Join(s.dir, "site", "404.html")); err != nil {
				t.Fatal(err)
			}
			for _, rel := range []string{"../x", "a/../../x", "/etc/passwd", "", "css/casebook.css", "404.html"} {
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
			got, err := os.ReadFile(filepath.Join(s.dir, "site", "themes", "x", "index.html"))
			if string(got) != "x" {
				t.Errorf("the good path holds %q (%v), want %q", got, err, "x")
			}
		})
	}
}

// TestScratchGoesWithTheStaging: a scratch file is closed before its
// folder is removed, by Commit as by Abort, and nothing is left beside the
// output; a name that is not a plain file name of its own is refused.
func TestScratchGoesWithTheStaging(t *testing.T) {
	for _, commit := range []bool{true, false} {
		src := t.TempDir()
		www := t.TempDir()
		out := filepath.Join(www, "public")
		s, err := Begin(src, out)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"site", stampName, "../x", "a/b"} {
			if _, err := s.Scratch(bad); err == nil {
				t.Errorf("Scratch(%q) was allowed", bad)
			}
		}
		f, err := s.Scratch("bodies")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte("a body")); err != nil {
			t.Fatal(err)
		}
		if err := s.Put("index.html", []byte("<p>hi</p>")); err != nil {
			t.Fatal(err)
		}
		if commit {
			err = s.Commit()
		}
		s.Abort()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte("more")); !errors.Is(err, os.ErrClosed) {
			t.Errorf("commit %v: writing the scratch file afterwards gave %v, want os.ErrClosed", commit, err)
		}
		entries, _ := os.ReadDir(www)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		want := map[bool]string{true: "[public]", false: "[]"}[commit]
		if got := fmt.Sprint(names); got != want {
			t.Errorf("commit %v: beside the output: %s, want %s", commit, got, want)
		}
	}
}

// TestPutFailureNamesTheFile: a file that cannot be written is named as
// the build names it, in the output folder as the caller named it, with
// the system's reason, and not by its path in the staging folder.
func TestPutFailureNamesTheFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	s, err := Begin(t.TempDir(), out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.Put("guide", []byte("a file where a folder must go")); err != nil {
		t.Fatal(err)
	}
	err = s.Put("guide/index.html", []byte("<p>hi</p>"))
	if err == nil {
		t.Fatal("a file under a file was written")
	}
	// Ours up to the reason; the reason is the system's words ("not a
	// directory" here), with no path in them.
	prefix := "cannot write guide/index.html in " + out + ": "
	reason, ok := strings.CutPrefix(err.Error(), prefix)
	if !ok || reason == "" || strings.ContainsRune(reason, filepath.Separator) {
		t.Errorf("got %q, want %q and the system's reason, without a path", err, prefix)
	}
}
