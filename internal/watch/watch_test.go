package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The receive timeout is generous for a loaded machine; nothing else in these
// tests depends on timing.
const wait = 5 * time.Second

type mode struct {
	name string
	opts Options
}

var modes = []mode{
	{"fsnotify", Options{Debounce: 100 * time.Millisecond}},
	{"poll", Options{Poll: true, Interval: 50 * time.Millisecond}},
}

// newSite writes a small site and returns its root.
func newSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range map[string]string{
		"casebook.toml":             "title = 'x'\n",
		"README.md":                 "readme\n",
		"content/_index.md":         "home\n",
		"content/case-studies/a.md": "alpha\n",
		"content/case-studies/b.md": "beta\n",
		"layouts/page.html":         "<p>page</p>\n",
		"static/site.css":           "body{}\n",
		"public/index.html":         "built\n",
	} {
		write(t, root, name, body)
	}
	return root
}

func write(t *testing.T, root, rel, body string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func start(t *testing.T, root string, opts Options) *Watcher {
	t.Helper()
	w, err := New(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		w.Close()
		if _, ok := <-w.Events(); ok {
			t.Error("Events not closed after Close")
		}
	})
	return w
}

// expect receives batches until everything received, merged with later
// changes winning, equals want, failing after a generous timeout or if a
// change that is not wanted arrives. A burst normally comes as one batch; a
// machine slow enough to split it is logged, not failed.
func expect(t *testing.T, w *Watcher, want ...Change) {
	t.Helper()
	got := map[string]Change{}
	var batches [][]Change
	wantMap := map[string]Change{}
	for _, c := range want {
		wantMap[c.Path] = c
	}
	timeout := time.After(wait)
	for !reflect.DeepEqual(got, wantMap) {
		select {
		case b, ok := <-w.Events():
			if !ok {
				t.Fatal("Events closed")
			}
			batches = append(batches, b)
			for i, c := range b {
				if i > 0 && b[i-1].Path >= c.Path {
					t.Fatalf("batch not sorted and deduplicated: %+v", b)
				}
				if _, ok := wantMap[c.Path]; !ok {
					t.Fatalf("unexpected change %+v in batch %+v (want %+v)", c, b, want)
				}
				got[c.Path] = c
			}
		case <-timeout:
			t.Fatalf("after %v got batches %+v; want %+v", wait, batches, want)
		}
	}
	if len(batches) > 1 {
		t.Logf("burst arrived split into %d batches: %+v", len(batches), batches)
	}
}

func content(p string) Change { return Change{Path: p, Class: Content} }

func TestSavePatterns(t *testing.T) {
	const a = "content/case-studies/a.md"
	patterns := []struct {
		name string
		do   func(t *testing.T, root string)
		want []Change
	}{
		{"in place", func(t *testing.T, root string) {
			write(t, root, a, "alpha, edited\n")
		}, []Change{content(a)}},

		{"several files sorted", func(t *testing.T, root string) {
			write(t, root, "static/site.css", "body{color:red}\n")
			write(t, root, a, "alpha 2\n")
			write(t, root, "layouts/page.html", "<p>page 2</p>\n")
			write(t, root, a, "alpha 3\n")
			write(t, root, "casebook.toml", "title = 'y'\n")
		}, []Change{
			{Path: "casebook.toml", Class: Config},
			content(a),
			{Path: "layouts/page.html", Class: Layout},
			{Path: "static/site.css", Class: Static},
		}},

		{"vim backup and rename", func(t *testing.T, root string) {
			dir := filepath.Join(root, "content/case-studies")
			write(t, root, "content/case-studies/4913", "")
			must(t, os.Remove(filepath.Join(dir, "4913")))
			write(t, root, "content/case-studies/.a.md.swp", "swap")
			must(t, os.Rename(filepath.Join(dir, "a.md"), filepath.Join(dir, "a.md~")))
			write(t, root, a, "alpha by vim\n")
			must(t, os.Remove(filepath.Join(dir, "a.md~")))
			must(t, os.Remove(filepath.Join(dir, ".a.md.swp")))
		}, []Change{content(a)}},

		{"sed -i temp then rename", func(t *testing.T, root string) {
			write(t, root, "content/case-studies/sedX1b2Qz", "alpha by sed\n")
			dir := filepath.Join(root, "content/case-studies")
			must(t, os.Rename(filepath.Join(dir, "sedX1b2Qz"), filepath.Join(dir, "a.md")))
		}, []Change{content(a)}},

		{"tmp file then rename (VS Code, atomic writers)", func(t *testing.T, root string) {
			write(t, root, "layouts/page.html.tmp", "<p>new</p>\n")
			dir := filepath.Join(root, "layouts")
			must(t, os.Rename(filepath.Join(dir, "page.html.tmp"), filepath.Join(dir, "page.html")))
		}, []Change{{Path: "layouts/page.html", Class: Layout}}},

		{"JetBrains safe write", func(t *testing.T, root string) {
			dir := filepath.Join(root, "content/case-studies")
			write(t, root, a+"___jb_tmp___", "alpha by idea\n")
			must(t, os.Rename(filepath.Join(dir, "a.md"), filepath.Join(dir, "a.md___jb_old___")))
			must(t, os.Rename(filepath.Join(dir, "a.md___jb_tmp___"), filepath.Join(dir, "a.md")))
			must(t, os.Remove(filepath.Join(dir, "a.md___jb_old___")))
		}, []Change{content(a)}},

		{"delete then create", func(t *testing.T, root string) {
			must(t, os.Remove(filepath.Join(root, "static/site.css")))
			write(t, root, "static/site.css", "body{margin:0}\n")
		}, []Change{{Path: "static/site.css", Class: Static}}},

		{"delete", func(t *testing.T, root string) {
			must(t, os.Remove(filepath.Join(root, a)))
		}, []Change{{Path: a, Class: Content, Removed: true}}},

		{"create and delete a new file within a burst", func(t *testing.T, root string) {
			write(t, root, "content/case-studies/c.md", "gone soon\n")
			must(t, os.Remove(filepath.Join(root, "content/case-studies/c.md")))
			write(t, root, "content/case-studies/b.md", "beta 2\n")
		}, []Change{content("content/case-studies/b.md")}},

		{"file in a new folder", func(t *testing.T, root string) {
			write(t, root, "content/new/deep/x.md", "x\n")
		}, []Change{content("content/new/deep/x.md")}},

		{"folder moved in with files", func(t *testing.T, root string) {
			outside := t.TempDir()
			write(t, outside, "moved/y.md", "y\n")
			write(t, outside, "moved/sub/z.md", "z\n")
			write(t, outside, "moved/sub/z.md~", "backup\n")
			must(t, os.Rename(filepath.Join(outside, "moved"), filepath.Join(root, "content/moved")))
		}, []Change{content("content/moved/sub/z.md"), content("content/moved/y.md")}},

		{"folder renamed", func(t *testing.T, root string) {
			must(t, os.Rename(filepath.Join(root, "content/case-studies"), filepath.Join(root, "content/cases")))
		}, []Change{
			{Path: a, Class: Content, Removed: true},
			{Path: "content/case-studies/b.md", Class: Content, Removed: true},
			content("content/cases/a.md"),
			content("content/cases/b.md"),
		}},

		{"folder deleted", func(t *testing.T, root string) {
			must(t, os.RemoveAll(filepath.Join(root, "content/case-studies")))
		}, []Change{
			{Path: a, Class: Content, Removed: true},
			{Path: "content/case-studies/b.md", Class: Content, Removed: true},
		}},

		{"layouts folder deleted", func(t *testing.T, root string) {
			must(t, os.RemoveAll(filepath.Join(root, "layouts")))
		}, []Change{{Path: "layouts/page.html", Class: Layout, Removed: true}}},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			for _, p := range patterns {
				t.Run(p.name, func(t *testing.T) {
					t.Parallel()
					root := newSite(t)
					w := start(t, root, m.opts)
					p.do(t, root)
					expect(t, w, p.want...)
				})
			}
		})
	}
}

// After a folder is renamed or recreated, files in it keep being watched
// under their new names.
func TestWatchesFollowFolders(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			root := newSite(t)
			w := start(t, root, m.opts)
			must(t, os.Rename(filepath.Join(root, "content/case-studies"), filepath.Join(root, "content/cases")))
			expect(t, w,
				Change{Path: "content/case-studies/a.md", Class: Content, Removed: true},
				Change{Path: "content/case-studies/b.md", Class: Content, Removed: true},
				content("content/cases/a.md"),
				content("content/cases/b.md"))
			write(t, root, "content/cases/a.md", "alpha in cases\n")
			expect(t, w, content("content/cases/a.md"))

			must(t, os.RemoveAll(filepath.Join(root, "layouts")))
			expect(t, w, Change{Path: "layouts/page.html", Class: Layout, Removed: true})
			write(t, root, "layouts/list.html", "<ul></ul>\n")
			expect(t, w, Change{Path: "layouts/list.html", Class: Layout})
			write(t, root, "layouts/list.html", "<ol></ol>\n")
			expect(t, w, Change{Path: "layouts/list.html", Class: Layout})
		})
	}
}

// Chmod-only events, ignored files and the output folder produce nothing: a
// later real change arrives alone.
func TestIgnored(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			root := newSite(t)
			w := start(t, root, m.opts)
			must(t, os.Chmod(filepath.Join(root, "content/case-studies/a.md"), 0o600))
			must(t, os.Chmod(filepath.Join(root, "static"), 0o700))
			write(t, root, "README.md", "readme 2\n")
			write(t, root, "notes.toml", "x\n")
			write(t, root, "public/index.html", "rebuilt\n")
			write(t, root, ".public.casebook-staging/site/index.html", "spare\n")
			write(t, root, "content/.a.md.swp", "swap\n")
			write(t, root, "content/#a.md#", "autosave\n")
			write(t, root, "content/.hidden/x.md", "hidden\n")
			write(t, root, "static/site.css~", "backup\n")
			// Let the watcher see all that before the change that must come alone.
			select {
			case b := <-w.Events():
				t.Fatalf("unexpected batch %+v", b)
			case <-time.After(500 * time.Millisecond):
			}
			write(t, root, "static/site.css", "body{padding:0}\n")
			expect(t, w, Change{Path: "static/site.css", Class: Static})
		})
	}
}

func TestCloseWithUnreadBatch(t *testing.T) {
	root := newSite(t)
	w, err := New(root, modes[0].opts)
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/_index.md", "home 2\n")
	time.Sleep(300 * time.Millisecond) // let a batch wait for a reader
	done := make(chan struct{})
	go func() { w.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatal("Close did not return")
	}
	w.Close() // twice is fine
}

// Hitting the inotify watch limit falls back to polling with a notice naming
// the limit and the fix, and changes still arrive.
func TestWatchLimitFallsBackToPolling(t *testing.T) {
	for _, when := range []string{"at start", "while running"} {
		t.Run(when, func(t *testing.T) {
			orig := addWatch
			addWatch = func(fw *fsnotify.Watcher, dir string) error {
				if strings.Contains(filepath.ToSlash(dir), "/static") || strings.HasSuffix(dir, "newdir") {
					return fmt.Errorf("add %s: %w", dir, syscall.ENOSPC)
				}
				return fw.Add(dir)
			}
			t.Cleanup(func() { addWatch = orig })

			root := newSite(t)
			if when == "while running" {
				must(t, os.RemoveAll(filepath.Join(root, "static")))
			}
			w := start(t, root, Options{Interval: 50 * time.Millisecond, Debounce: 100 * time.Millisecond})
			if when == "while running" {
				if w.Notice() != "" || w.Polling() {
					t.Fatalf("polling before the limit was hit: %q", w.Notice())
				}
				write(t, root, "content/newdir/n.md", "n\n")
				expect(t, w, content("content/newdir/n.md"))
			}
			if !w.Polling() {
				t.Fatal("not polling after ENOSPC")
			}
			n := w.Notice()
			if !strings.Contains(n, "fs.inotify.max_user_watches") || !strings.Contains(n, "sudo sysctl fs.inotify.max_user_watches=524288") {
				t.Errorf("notice %q lacks the limit's name or fix", n)
			}
			write(t, root, "content/case-studies/a.md", "alpha polled\n")
			expect(t, w, content("content/case-studies/a.md"))
		})
	}
}

func TestNoticeEmpty(t *testing.T) {
	for _, m := range modes {
		root := newSite(t)
		w := start(t, root, m.opts)
		if n := w.Notice(); n != "" {
			t.Errorf("%s: Notice() = %q", m.name, n)
		}
		if w.Polling() != m.opts.Poll {
			t.Errorf("%s: Polling() = %v", m.name, w.Polling())
		}
	}
}

func TestNewMissingRoot(t *testing.T) {
	if _, err := New(filepath.Join(t.TempDir(), "nope"), Options{}); err == nil {
		t.Fatal("no error for a missing root")
	}
}

// Waiting says a change is on its way from the first touch until its
// batch is taken, and not before or after.
func TestWaiting(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			root := newSite(t)
			w := start(t, root, m.opts)
			if w.Waiting() {
				t.Fatal("waiting before any change")
			}
			write(t, root, "content/case-studies/a.md", "alpha again\n")
			eventually(t, "a change to be waiting", w.Waiting)
			expect(t, w, content("content/case-studies/a.md"))
			eventually(t, "nothing to be waiting once the batch is taken", func() bool { return !w.Waiting() })
		})
	}
}

// eventually waits for cond, for as long as a batch may take.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(wait); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", wait, what)
		}
	}
}
