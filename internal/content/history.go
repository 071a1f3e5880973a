package content

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/diag"
)

// historyDepth is how many of a source's past versions are searched for
// the one a translation was made from: each costs a git show.
const historyDepth = 50

// changes remembers what sourceChange found, by the version looked for
// and the state of the repository, so the development server runs git
// again only after a commit, not on every save of the source: each run of
// git took some 5 ms, and a save ran two or more.
var changes sync.Map // changeKey → change

type changeKey struct {
	root, path, version string
	repo                string // see repoState
}

type change struct {
	when time.Time
	show string
	// saved says when is the source's last save, which is read again
	// each time: the change is not committed, or the site is not in git.
	saved bool
}

// sourceChange says when src changed from the version a translation was
// made from, and the command that shows the change. With the site in git,
// that is the first commit after the version, and a git diff from it; the
// change may also not be committed yet. Otherwise it is when the file was
// last saved.
func sourceChange(root string, src *Page, version string) (when time.Time, show string) {
	repo := repoState(root)
	key := changeKey{root, src.Path, version, repo}
	var found change
	if c, ok := changes.Load(key); ok {
		found = c.(change)
	} else {
		found = change{saved: true}
		if repo != "" {
			found = findChange(root, src, version)
		}
		changes.Store(key, found)
	}
	if found.saved {
		return modTime(root, src.Path), found.show
	}
	return found.when, found.show
}

// findChange is sourceChange without the memory, for a site in git.
func findChange(root string, src *Page, version string) change {
	commits := history(root, src.Path)
	for i, c := range commits {
		old, err := gitShow(root, c.hash, src.Path)
		if err != nil {
			break
		}
		var quiet diag.List
		p := Parse(src.Path, old, &quiet)
		if p == nil || p.Broken {
			continue
		}
		if v, err := SourceVersion(p); err != nil || v != version {
			continue
		}
		short := c.hash[:min(len(c.hash), 10)]
		if i == 0 { // committed as it was translated: the change is not committed yet
			return change{show: "git diff -- " + src.Path, saved: true}
		}
		return change{when: commits[i-1].date, show: "git diff " + short + " -- " + src.Path}
	}
	if len(commits) > 0 {
		return change{when: commits[0].date, show: "git log -p -- " + src.Path}
	}
	return change{saved: true}
}

// repoState stands for the state of the git repository that holds root:
// the size and time of the files a commit, checkout or reset rewrites
// (HEAD, its log, the branch's ref and packed-refs; a worktree keeps the
// refs in the folder its commondir names). Not the index, which git
// status rewrites too. "" when no folder from root up has a .git, and git
// need not run.
func repoState(root string) string {
	dir := gitDir(root)
	if dir == "" {
		return ""
	}
	common := dir
	if text, err := os.ReadFile(filepath.Join(dir, "commondir")); err == nil {
		common = strings.TrimSpace(string(text))
		if !filepath.IsAbs(common) {
			common = filepath.Join(dir, common)
		}
	}
	files := []string{filepath.Join(dir, "HEAD"), filepath.Join(dir, "logs", "HEAD"), filepath.Join(common, "packed-refs")}
	if head, err := os.ReadFile(files[0]); err == nil {
		if ref, ok := strings.CutPrefix(strings.TrimSpace(string(head)), "ref: "); ok {
			files = append(files, filepath.Join(common, filepath.FromSlash(ref)))
		}
	}
	var b strings.Builder
	b.WriteString(dir)
	for _, f := range files {
		b.WriteByte('|')
		if info, err := os.Stat(f); err == nil {
			fmt.Fprintf(&b, "%d %d", info.Size(), info.ModTime().UnixNano())
		}
	}
	return b.String()
}

// gitDir finds the git folder of the repository that holds root: a .git
// folder in root or above it, or the one a .git file names (a worktree).
func gitDir(root string) string {
	dir, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	for {
		dotGit := filepath.Join(dir, ".git")
		if info, err := os.Stat(dotGit); err == nil {
			if info.IsDir() {
				return dotGit
			}
			text, err := os.ReadFile(dotGit)
			if err != nil {
				return ""
			}
			target, ok := strings.CutPrefix(strings.TrimSpace(string(text)), "gitdir: ")
			if !ok {
				return ""
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(dir, target)
			}
			return target
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

type commit struct {
	hash string
	date time.Time
}

// history lists the commits that changed path, newest first; nil when
// the site is not in git or git is not installed.
func history(root, path string) []commit {
	cmd := exec.Command("git", "log", "-n", "200", "--format=%H %cI", "--", path)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	var commits []commit
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		hash, date, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		t, err := time.Parse(time.RFC3339, date)
		if err != nil {
			continue
		}
		commits = append(commits, commit{hash: hash, date: t.UTC()})
		if len(commits) == historyDepth {
			break
		}
	}
	return commits
}

// gitShow returns path as it was in a commit.
func gitShow(root, hash, path string) ([]byte, error) {
	cmd := exec.Command("git", "show", hash+":./"+path)
	cmd.Dir = root
	return cmd.Output()
}

func modTime(root, path string) time.Time {
	info, err := os.Stat(filepath.Join(root, filepath.FromSlash(path)))
	if err != nil {
		return time.Time{}
	}
	return info.ModTime().UTC()
}
