//go:build unix

package main

import (
	"bytes"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/testsite"
)

// buildWithin runs `casebook build`, failing the test if it has not ended
// within a minute: what these inputs used to do was hang.
func buildWithin(t *testing.T, src, out string) (int, string) {
	t.Helper()
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := run([]string{"build", "--src", src, "--out", out}, &stdout, &stderr)
		done <- result{code, stderr.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.stderr
	case <-time.After(time.Minute):
		t.Fatal("the build hung")
		return 0, ""
	}
}

// TestSpecialFilesAreRefused puts a named pipe in content/, static/ and
// layouts/ and a socket in content/: each is a diagnostic, never opened,
// and the previous output stays as it was.
func TestSpecialFilesAreRefused(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal())
	out := filepath.Join(t.TempDir(), "public")
	if code, stderr := buildWithin(t, src, out); code != exitOK {
		t.Fatal(stderr)
	}
	before := tree(t, out)
	for _, p := range []string{"content/case-studies/pipe.md", "content/case-studies/pipe.png", "static/pipe.css", "layouts/pipe.html"} {
		full := filepath.Join(src, p)
		_ = os.MkdirAll(filepath.Dir(full), 0o755)
		if err := syscall.Mkfifo(full, 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	// A socket's path must be short; make it in a short folder and link
	// its folder's entry into the site by renaming it there.
	sockDir, err := os.MkdirTemp("", "cb")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(sockDir)
	l, err := net.Listen("unix", filepath.Join(sockDir, "s"))
	if err != nil {
		t.Skipf("no unix sockets here: %v", err)
	}
	defer l.Close()
	if err := os.Rename(filepath.Join(sockDir, "s"), filepath.Join(src, "content/case-studies/sock.md")); err != nil {
		t.Skipf("cannot move a socket into the site: %v", err)
	}
	code, stderr := buildWithin(t, src, out)
	pipe := func(p, kind string) string {
		return p + ": error: this is " + kind + "; casebook reads only plain files\n  hint: remove it, or put a plain file in its place\n"
	}
	want := pipe("content/case-studies/pipe.md", "a named pipe") + pipe("content/case-studies/pipe.png", "a named pipe") +
		pipe("content/case-studies/sock.md", "a socket") + pipe("layouts/pipe.html", "a named pipe") + pipe("static/pipe.css", "a named pipe") +
		"build failed: 5 errors, 0 warnings; nothing was written\n"
	if code != exitContent || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d:\n%s", code, stderr, exitContent, want)
	}
	if after := tree(t, out); after != before {
		t.Error("the previous output changed")
	}
}

// tree lists every file under dir with its contents, for comparing.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// unreadableWant is what a build of the site unreadableSite makes says.
const unreadableWant = "content/case-studies/locked.md: error: casebook cannot read this file (permission denied)\n" +
	"  hint: give yourself permission to read it, e.g. `chmod u+r content/case-studies/locked.md`\n" +
	"content/districts/locked: error: casebook cannot read this folder (permission denied)\n" +
	"  hint: give yourself permission to read it, e.g. `chmod u+rx content/districts/locked`\n" +
	"build failed: 2 errors, 0 warnings; nothing was written\n"

// TestUnreadableFilesAreDiagnostics: a file and a folder casebook may not
// read are named relative to the site, with the fix. Permissions mean
// nothing to root, so as root the build runs again as nobody.
func TestUnreadableFilesAreDiagnostics(t *testing.T) {
	if dir := os.Getenv("CASEBOOK_TEST_UNREADABLE"); dir != "" {
		_, stderr := buildWithin(t, filepath.Join(dir, "site"), filepath.Join(dir, "out"))
		os.Stdout.WriteString("\x00" + stderr + "\x00")
		return
	}
	// A folder anyone may enter, unlike a test's temporary folder.
	base, err := os.MkdirTemp("", "casebook-unreadable-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	if err := os.Chmod(base, 0o777); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(base, "site")
	for rel, text := range testsite.Minimal() {
		p := filepath.Join(src, filepath.FromSlash(rel))
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	locked := filepath.Join(src, "content/case-studies/locked.md")
	lockedDir := filepath.Join(src, "content/districts/locked")
	_ = os.WriteFile(locked, []byte("---\ntitle: Locked\n---\n"), 0o000)
	_ = os.Mkdir(lockedDir, 0o000)
	defer os.Chmod(lockedDir, 0o755)
	if os.Getuid() != 0 {
		if _, stderr := buildWithin(t, src, filepath.Join(base, "out")); stderr != unreadableWant {
			t.Errorf("got:\n%s\nwant:\n%s", stderr, unreadableWant)
		}
		return
	}
	// As root: copy this test binary where nobody can run it, and run
	// this test in it as nobody.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(base, "casebook.test")
	if err := copyExecutable(self, bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestUnreadableFilesAreDiagnostics$")
	cmd.Env = append(os.Environ(), "CASEBOOK_TEST_UNREADABLE="+base, "HOME="+base)
	cmd.Dir = base
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	outText, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("running the build as nobody: %v\n%s", err, outText)
	}
	parts := strings.Split(string(outText), "\x00")
	if len(parts) < 3 {
		t.Fatalf("the build as nobody printed no result:\n%s", outText)
	}
	if got := parts[1]; got != unreadableWant {
		t.Errorf("got:\n%s\nwant:\n%s", got, unreadableWant)
	}
}

func copyExecutable(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// TestSymbolicLinkLoops: links that lead round in a loop are named as
// such wherever they are, never "broken", "file exists" or a system
// error with an absolute path, and nothing is written.
func TestSymbolicLinkLoops(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	dir := t.TempDir()
	loop := func(at string) {
		t.Helper()
		if err := os.Symlink(filepath.Base(at)+"-b", at); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Base(at), at+"-b"); err != nil {
			t.Fatal(err)
		}
	}
	loop(filepath.Join(dir, "src"))
	loop(filepath.Join(dir, "out"))
	srcLoop := filepath.Join(dir, "src")
	srcRefusal := "casebook: --src " + srcLoop + ": it is reached through symbolic links that lead round in a loop; pass the folder holding the site's casebook.toml\n"
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"build", "--src", srcLoop}, exitUsage, srcRefusal},
		{[]string{"check", "--src", srcLoop}, exitUsage, srcRefusal},
		{[]string{"serve", "--src", srcLoop, "--addr", "127.0.0.1:0"}, exitUsage, srcRefusal},
		{[]string{"new", "case-study", "A title", "--src", srcLoop}, exitUsage, srcRefusal},
		{[]string{"theme", "list", "--src", srcLoop}, exitUsage, srcRefusal},
		{[]string{"build", "--src", site, "--out", filepath.Join(dir, "out")}, exitUsage,
			filepath.Join(dir, "out") + ": error: casebook will not write here: it is reached through symbolic links that lead round in a loop\n" +
				"  hint: remove one of the links, or choose another --out\n"},
		{[]string{"build", "--src", site, "--out", filepath.Join(dir, "out", "public")}, exitUsage,
			filepath.Join(dir, "out", "public") + ": error: casebook will not write here: it is reached through symbolic links that lead round in a loop\n" +
				"  hint: remove one of the links, or choose another --out\n"},
		{[]string{"schema", "--src", site, "--out", filepath.Join(dir, "out")}, exitContent,
			"casebook: error: cannot write " + filepath.ToSlash(filepath.Join(dir, "out", "admin", "config.yml")) + ": it is reached through symbolic links that lead round in a loop; remove one of the links\n"},
		{[]string{"new", "site", filepath.Join(dir, "out", "site")}, exitContent,
			"casebook: error: cannot write " + filepath.ToSlash(filepath.Join(dir, "out", "site")) + ": it is reached through symbolic links that lead round in a loop; remove one of the links\n"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != tc.code || stderr.String() != tc.want {
			t.Errorf("%v: exit %d, stderr\n%s\nwant exit %d and\n%s", tc.args[:2], code, stderr.String(), tc.code, tc.want)
		}
	}

	loop(filepath.Join(site, "content", "case-studies", "loop"))
	out := filepath.Join(t.TempDir(), "public")
	code, stderr := buildWithin(t, site, out)
	const want = "content/case-studies/loop: error: this symbolic link leads round in a loop of links\n" +
		"  hint: remove one of the links, or point this one at a file in the site\n" +
		"content/case-studies/loop-b: error: this symbolic link leads round in a loop of links\n" +
		"  hint: remove one of the links, or point this one at a file in the site\n" +
		"build failed: 2 errors, 0 warnings; nothing was written\n"
	if code != exitContent || stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant exit %d and\n%s", code, stderr, exitContent, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a build with errors wrote its output")
	}
}
