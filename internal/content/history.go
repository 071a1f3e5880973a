package content

import (
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

// changes remembers what sourceChange found, by the source file as it is
// now, its last commit and the version looked for, so the development
// server does not search the history again on every save.
var changes sync.Map // changeKey → change

type changeKey struct {
	root, path, version, commit string
	size                        int64
	mod                         time.Time
}

type change struct {
	when time.Time
	show string
}

// sourceChange says when src changed from the version a translation was
// made from, and the command that shows the change. With the site in git,
// that is the first commit after the version, and a git diff from it; the
// change may also not be committed yet. Otherwise it is when the file was
// last saved.
func sourceChange(root string, src *Page, version string) (when time.Time, show string) {
	info, err := os.Stat(filepath.Join(root, filepath.FromSlash(src.Path)))
	if err != nil {
		return time.Time{}, ""
	}
	key := changeKey{root, src.Path, version, lastCommit(root, src.Path), info.Size(), info.ModTime()}
	if c, ok := changes.Load(key); ok {
		return c.(change).when, c.(change).show
	}
	when, show = findChange(root, src, version)
	changes.Store(key, change{when, show})
	return when, show
}

// findChange is sourceChange without the memory.
func findChange(root string, src *Page, version string) (when time.Time, show string) {
	if commits := history(root, src.Path); len(commits) > 0 {
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
				return modTime(root, src.Path), "git diff -- " + src.Path
			}
			return commits[i-1].date, "git diff " + short + " -- " + src.Path
		}
		return commits[0].date, "git log -p -- " + src.Path
	}
	return modTime(root, src.Path), ""
}

// lastCommit is the last commit that changed path; "" outside git.
func lastCommit(root, path string) string {
	cmd := exec.Command("git", "log", "-n", "1", "--format=%H", "--", path)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
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
