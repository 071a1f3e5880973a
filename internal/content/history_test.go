package content

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gitIn runs git in dir as a fixed author, failing the test if it fails.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Fatal("this test needs git")
	}
	cmd := exec.Command(git, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.org",
		"GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.org")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

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
	run := func(args ...string) { t.Helper(); gitIn(t, dir, args...) }
	src := &Page{Path: rel}

	// Not in git yet: the file's last save, read again on each use, and
	// nothing to show.
	write("---\ntitle: A\n---\nOne.\n")
	for _, day := range []int{20, 21} {
		saved := time.Date(2026, 11, day, 9, 0, 0, 0, time.UTC)
		if err := os.Chtimes(filepath.Join(dir, rel), saved, saved); err != nil {
			t.Fatal(err)
		}
		if when, show := sourceChange(dir, src, "0123456789ab"); !when.Equal(saved) || show != "" {
			t.Errorf("outside git: %v, %q; want %v and no command", when, show, saved)
		}
	}
	if n := entriesFor(rel); n != 1 {
		t.Errorf("outside git, %d entries for two uses, want 1", n)
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

// In a worktree, the refs live in the repository's common folder: a
// commit in the worktree changes its state, read through commondir.
func TestRepoStateInAWorktree(t *testing.T) {
	base := t.TempDir()
	main, tree := filepath.Join(base, "main"), filepath.Join(base, "tree")
	run := gitIn
	if err := os.MkdirAll(main, 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, main, "init", "-q")
	run(t, main, "commit", "-q", "--allow-empty", "-m", "first")
	run(t, main, "worktree", "add", "-q", "-b", "other", tree)
	before := repoState(tree)
	if before == "" || strings.HasSuffix(before, "|") {
		t.Fatalf("the worktree's state %q misses its branch's ref", before)
	}
	run(t, tree, "commit", "-q", "--allow-empty", "-m", "second")
	if after := repoState(tree); after == before {
		t.Errorf("a commit in the worktree left its state as it was: %q", after)
	}
}
