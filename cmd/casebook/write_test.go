package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/casebook/casebook/internal/testsite"
)

// TestCommandsSayWhatIsInTheWay checks the message of each command that
// writes into a folder when a file stands where a folder must go: the
// path as the user knows it (relative to the site, or as they typed it)
// and what to do, never the system's "mkdir /home/…: not a directory".
func TestCommandsSayWhatIsInTheWay(t *testing.T) {
	withInput(t, "", false)
	site := testsite.Write(t, testsite.Minimal())
	inTheWay := func(rel string) {
		t.Helper()
		p := filepath.Join(site, filepath.FromSlash(rel))
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("in the way"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inTheWay("content/resources")
	inTheWay("layouts")
	inTheWay("out")
	inTheWay("taken")
	t.Chdir(site)
	cases := []struct {
		args   []string
		stdout string
		stderr string
	}{
		{[]string{"new", "resource", "A new guide", "--src", site}, "",
			"casebook: error: cannot write content/resources/a-new-guide.md: content/resources is a file, not a folder; rename or move it\n"},
		{[]string{"theme", "eject", "partials/footer.html", "--src", site}, "",
			"casebook: error: cannot write layouts/partials/footer.html: layouts is a file, not a folder; rename or move it\n"},
		{[]string{"schema", "--src", site, "--out", "out/cms"}, "",
			"casebook: error: cannot write out/cms/admin/config.yml: out is a file, not a folder; rename or move it\n"},
		{[]string{"new", "site", "taken"}, "",
			"casebook: error: cannot write taken: taken is a file, not a folder; rename or move it\n"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != exitContent {
			t.Errorf("%v: exit %d, want %d", c.args, code, exitContent)
		}
		if stdout.String() != c.stdout || stderr.String() != c.stderr {
			t.Errorf("%v:\nstdout %q\nstderr %q\nwant   %q\nand    %q", c.args, stdout.String(), stderr.String(), c.stdout, c.stderr)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(site, "layouts")); string(b) != "in the way" {
		t.Error("the file in the way was changed")
	}
}

// TestSrcThatIsNoFolder checks that a --src naming nothing, or a file,
// is one line of usage error for every command that reads a site, and
// that no command makes the folder (a build once made it, to put its
// output in, before it found there was no site).
func TestSrcThatIsNoFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("moved-away", filepath.Join(dir, "gone")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, cmd := range [][]string{{"build"}, {"check"}, {"serve"}, {"schema", "--out", "cms"}} {
		for src, why := range map[string]string{
			"nosuch":    "there is no such folder",
			"notes.txt": "it is a file",
			"gone":      "it is a symbolic link to a folder that is not there",
		} {
			args := append(append([]string{}, cmd...), "--src", src)
			want := "casebook: --src " + src + ": " + why + "; pass the folder holding the site's casebook.toml\n"
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != exitUsage || stdout.Len() > 0 || stderr.String() != want {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d and %q", args, code, stdout.String(), stderr.String(), exitUsage, want)
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d entries, want only notes.txt and gone", len(entries))
	}
}
