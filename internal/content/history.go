package content

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/diag"
)

// historyDepth is how many of a source's past versions are searched for
// the one a translation was made from.
const historyDepth = 200

// sourceChange says when src changed from the version a translation was
// made from, and the command that shows the change. With the site in git,
// that is the first commit after the version, and a git diff from it; the
// change may also not be committed yet. Otherwise it is when the file was
// last saved.
func sourceChange(root string, src *Page, version string) (when time.Time, show string) {
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
