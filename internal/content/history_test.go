package content

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// entriesFor counts what changes remembers for path.
func entriesFor(path string) int {
	n := 0
	changes.Range(func(k, _ any) bool {
		if k.(changeKey).path == path {
			n++
		}
		return true
	})
	return n
}

// A save of the source does not make sourceChange run git again; a
// commit does. Outside git, git never runs and the answer is the file's
// last save.
func TestSourceChangeRunsGitOncePerCommit(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Fatal("this test needs git")
	}
	dir := t.TempDir()
	const rel = "content/a.md"
	write := func(text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.org",
			"GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	src := &Page{Path: rel}

	// Not in git yet: the file's last save, and nothing to show.
	write("---\ntitle: A\n---\nOne.\n")
	if when, show := sourceChange(dir, src, "0123456789ab"); when.IsZero() || show != "" {
		t.Errorf("outside git: %v, %q; want the file's time and no command", when, show)
	}

	run("init", "-q")
	run("add", ".")
	run("commit", "-qm", "first")
	before := entriesFor(rel)
	_, show := sourceChange(dir, src, "0123456789ab")
	if show != "git log -p -- "+rel {
		t.Errorf("a version not in the history: show %q", show)
	}
	for i := range 3 {
		write("---\ntitle: A\n---\nOne, saved again " + string(rune('0'+i)) + ".\n")
		sourceChange(dir, src, "0123456789ab")
	}
	if n := entriesFor(rel) - before; n != 1 {
		t.Errorf("after three saves, %d searches of the history, want 1", n)
	}
	run("commit", "-qam", "second")
	sourceChange(dir, src, "0123456789ab")
	if n := entriesFor(rel) - before; n != 2 {
		t.Errorf("after a commit, %d searches of the history, want 2", n)
	}
}
