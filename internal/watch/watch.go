package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configure a Watcher. The zero value watches with fsnotify.
type Options struct {
	Poll     bool          // poll instead of using fsnotify (network, FUSE, WSL, container mounts)
	Interval time.Duration // poll interval; default 300ms
	Debounce time.Duration // quiet time that ends a burst of events; default 40ms
}

const (
	defaultInterval = 300 * time.Millisecond
	defaultDebounce = 40 * time.Millisecond
	// writeQuiet ends a burst that only wrote to files in place: an
	// editor's in-place save is over in well under a millisecond, and
	// every millisecond waited here is one the author waits to see the
	// edit. A burst that created, removed or renamed anything waits the
	// full Debounce, since a rename dance or delete-then-create may go on.
	writeQuiet = 8 * time.Millisecond
	// maxBurst bounds how long a never-ending stream of events can hold a
	// batch back.
	maxBurst = time.Second
)

// LimitNotice is what Notice returns after falling back to polling because
// the inotify watch limit was reached.
const LimitNotice = "the inotify watch limit (fs.inotify.max_user_watches) is reached, so casebook is polling for changes instead, which is slower; " +
	"to raise the limit run: sudo sysctl fs.inotify.max_user_watches=524288 " +
	"(add fs.inotify.max_user_watches=524288 to /etc/sysctl.conf to keep it)"

// addWatch adds one fsnotify watch; tests replace it to simulate ENOSPC.
var addWatch = func(fw *fsnotify.Watcher, dir string) error { return fw.Add(dir) }

// stamp is what the poller compares, and what the watcher knows of a file.
type stamp struct {
	size  int64
	mtime time.Time
}

// Watcher reports changes to a site's sources. Create it with New, read
// batches from Events, and Close it when done.
type Watcher struct {
	root string
	opts Options

	events chan []Change
	done   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once

	mu     sync.Mutex
	notice string
	// waiting is set while changes are touched or a batch waits to be
	// taken (see Waiting).
	waiting atomic.Bool

	// Owned by the loop goroutine once started.
	fw      *fsnotify.Watcher // nil when polling
	watched map[string]bool   // absolute paths of watched folders
	known   map[string]stamp  // site-relative paths of files that existed at the last flush
	snap    map[string]stamp  // the poller's last scan
	pending map[string]Class  // paths touched in the current burst
	first   time.Time         // when the current burst began
	// structural is set when the current burst created, removed or
	// renamed something, rather than only writing to files.
	structural bool
}

// New starts watching the site at root. Unless opts.Poll is set it uses
// fsnotify, falling back to polling (see Notice) when the inotify watch limit
// is reached.
func New(root string, opts Options) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", root)
	}
	if opts.Interval <= 0 {
		opts.Interval = defaultInterval
	}
	if opts.Debounce <= 0 {
		opts.Debounce = defaultDebounce
	}
	w := &Watcher{
		root:    abs,
		opts:    opts,
		events:  make(chan []Change),
		done:    make(chan struct{}),
		watched: map[string]bool{},
		known:   map[string]stamp{},
		pending: map[string]Class{},
	}
	if !opts.Poll {
		fw, err := fsnotify.NewWatcher()
		if err != nil {
			if !errors.Is(err, syscall.EMFILE) && !errors.Is(err, syscall.ENOSPC) {
				return nil, err
			}
			w.setNotice(LimitNotice) // out of inotify instances: poll
		} else {
			w.fw = fw
			if err := addWatch(fw, abs); err != nil {
				if !isLimit(err) {
					fw.Close()
					return nil, fmt.Errorf("watching %s: %w", root, err)
				}
				w.toPolling()
			}
		}
	}
	// The initial walk records what exists, and adds watches unless polling.
	for dir := range sourceDirs {
		w.walk(filepath.Join(abs, dir), false)
	}
	w.stampFile(ConfigFile, false)
	if w.fw == nil {
		w.snap = w.scan()
	}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// Events delivers one batch per burst of changes, deduplicated and sorted by
// Path. A batch the reader has not taken yet absorbs later changes. The
// channel is closed by Close.
func (w *Watcher) Events() <-chan []Change { return w.events }

// Waiting reports whether changes are on their way: files touched in a
// burst not yet over, or a batch Events has not delivered. Work that can
// stop halfway (bringing the site up to date after a save) asks it, so
// the next save need not wait for it.
func (w *Watcher) Waiting() bool { return w.waiting.Load() }

// Notice returns "" or a message for the user, such as why the watcher is
// polling.
func (w *Watcher) Notice() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.notice
}

// Polling reports whether the watcher is polling rather than using fsnotify.
func (w *Watcher) Polling() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.fw == nil
}

// Close stops the watcher and waits for its goroutine to end.
func (w *Watcher) Close() error {
	w.once.Do(func() { close(w.done) })
	w.wg.Wait()
	return nil
}

func (w *Watcher) setNotice(s string) {
	w.mu.Lock()
	w.notice = s
	w.mu.Unlock()
}

func isLimit(err error) bool { return errors.Is(err, syscall.ENOSPC) }

// toPolling gives up on fsnotify after hitting the watch limit.
func (w *Watcher) toPolling() {
	w.mu.Lock()
	fw := w.fw
	w.fw = nil
	w.notice = LimitNotice
	w.mu.Unlock()
	if fw != nil {
		fw.Close()
	}
	w.watched = map[string]bool{}
	if w.snap == nil {
		w.snap = make(map[string]stamp, len(w.known))
		for k, v := range w.known {
			w.snap[k] = v
		}
	}
}

// loop is the only goroutine that reads events; it owns the debounce timer
// and all the maps.
func (w *Watcher) loop() {
	defer w.wg.Done()
	defer close(w.events)
	defer func() {
		if w.fw != nil {
			w.fw.Close()
		}
	}()

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var ticker *time.Ticker
	defer func() {
		timer.Stop()
		if ticker != nil {
			ticker.Stop()
		}
	}()

	var out []Change // a flushed batch the reader has not taken yet
	for {
		var fsEvents chan fsnotify.Event
		var fsErrors chan error
		if w.fw != nil {
			fsEvents, fsErrors = w.fw.Events, w.fw.Errors
		} else if ticker == nil {
			ticker = time.NewTicker(w.opts.Interval)
		}
		var tick <-chan time.Time
		if ticker != nil {
			tick = ticker.C
		}
		var send chan []Change
		if out != nil {
			send = w.events
		}
		before := len(w.pending)
		w.waiting.Store(out != nil || before > 0)

		select {
		case <-w.done:
			return
		case send <- out:
			out = nil
			continue
		case ev, ok := <-fsEvents:
			if !ok {
				w.toPolling()
				continue
			}
			w.handle(ev)
		case err, ok := <-fsErrors:
			if !ok {
				w.toPolling()
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.rescan() // events were lost: look at everything
			}
		case <-tick:
			// A scan that finds nothing new ends the burst.
			if !w.pollScan() && len(w.pending) > 0 {
				out = merge(out, w.flush())
			}
			continue
		case <-timer.C:
			out = merge(out, w.flush())
			continue
		}

		// An fsnotify event (or a switch to polling) was handled.
		if w.fw == nil {
			timer.Stop() // the poller decides when bursts end
			continue
		}
		if len(w.pending) > 0 {
			if before == 0 {
				w.first = time.Now()
			}
			d := w.opts.Debounce
			if !w.structural {
				d = min(d, writeQuiet)
			}
			if left := maxBurst - time.Since(w.first); left < d {
				d = max(left, 0)
			}
			timer.Reset(d)
		}
	}
}

// handle takes one fsnotify event.
func (w *Watcher) handle(ev fsnotify.Event) {
	if ev.Op == fsnotify.Chmod || ev.Op == 0 {
		return
	}
	name := filepath.Clean(ev.Name)
	if ev.Op != fsnotify.Write {
		w.structural = true
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(name); err == nil && fi.IsDir() {
			if w.watched[name] {
				return
			}
			if dirWanted(w.root, name) {
				w.walk(name, true)
			}
			return
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(name)
	}
	if c, ok := Classify(w.root, name); ok {
		w.pending[c.Path] = c.Class
	}
}

// forget drops the watches on a folder that was removed or renamed away and
// marks every file known under it as touched.
func (w *Watcher) forget(dir string) {
	if !w.watched[dir] {
		return // a file, or a folder never watched
	}
	prefix := dir + string(filepath.Separator)
	for p := range w.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			delete(w.watched, p)
			if w.fw != nil {
				w.fw.Remove(p) // may already be gone: inotify drops deleted folders itself
			}
		}
	}
	if rel, ok := relPath(w.root, dir); ok {
		for p := range w.known {
			if strings.HasPrefix(p, rel+"/") {
				if c, ok := Classify(w.root, filepath.Join(w.root, filepath.FromSlash(p))); ok {
					w.pending[c.Path] = c.Class
				}
			}
		}
	}
}

// walk adds watches to dir and the folders under it (unless polling) and
// records the files found: as known at start-up, as touched when the folder
// appeared while running. Each folder is watched before it is read, so a file
// created meanwhile is seen one way or the other.
func (w *Watcher) walk(dir string, touched bool) {
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone meanwhile, or unreadable
		}
		if d.IsDir() {
			if !dirWanted(w.root, path) {
				return filepath.SkipDir
			}
			if w.fw != nil && !w.watched[path] {
				if err := addWatch(w.fw, path); err != nil {
					if isLimit(err) {
						w.toPolling()
					}
					// Other failures (permissions, a folder deleted
					// meanwhile) leave this folder unwatched.
				} else {
					w.watched[path] = true
				}
			}
			return nil
		}
		rel, ok := relPath(w.root, path)
		if !ok {
			return nil
		}
		w.stampFile(rel, touched)
		return nil
	})
}

// stampFile records a file: in known at start-up, in pending when touched.
func (w *Watcher) stampFile(rel string, touched bool) {
	c, ok := Classify(w.root, filepath.Join(w.root, filepath.FromSlash(rel)))
	if !ok {
		return
	}
	if touched {
		w.pending[c.Path] = c.Class
		return
	}
	if fi, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel))); err == nil && !fi.IsDir() {
		w.known[c.Path] = stamp{fi.Size(), fi.ModTime()}
	}
}

// rescan marks every known and every existing file as touched, after fsnotify
// lost events.
func (w *Watcher) rescan() {
	for p := range w.known {
		if c, ok := Classify(w.root, filepath.Join(w.root, filepath.FromSlash(p))); ok {
			w.pending[c.Path] = c.Class
		}
	}
	for dir := range sourceDirs {
		w.walk(filepath.Join(w.root, dir), true)
	}
	w.stampFile(ConfigFile, true)
	if _, err := os.Lstat(filepath.Join(w.root, ConfigFile)); err == nil {
		w.pending[ConfigFile] = Config
	}
}

// scan walks the sources and stamps every file.
func (w *Watcher) scan() map[string]stamp {
	m := map[string]stamp{}
	visit := func(path string, fi fs.FileInfo) {
		if c, ok := Classify(w.root, path); ok && !fi.IsDir() {
			m[c.Path] = stamp{fi.Size(), fi.ModTime()}
		}
	}
	for dir := range sourceDirs {
		filepath.WalkDir(filepath.Join(w.root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if !dirWanted(w.root, path) {
					return filepath.SkipDir
				}
				return nil
			}
			if fi, err := d.Info(); err == nil {
				visit(path, fi)
			}
			return nil
		})
	}
	if fi, err := os.Lstat(filepath.Join(w.root, ConfigFile)); err == nil {
		visit(filepath.Join(w.root, ConfigFile), fi)
	}
	return m
}

// pollScan compares a new scan with the last and marks the differences as
// touched; it reports whether there were any.
func (w *Watcher) pollScan() bool {
	cur := w.scan()
	changed := false
	touch := func(p string) {
		if c, ok := Classify(w.root, filepath.Join(w.root, filepath.FromSlash(p))); ok {
			w.pending[c.Path] = c.Class
			changed = true
		}
	}
	for p, s := range cur {
		if old, ok := w.snap[p]; !ok || old.size != s.size || !old.mtime.Equal(s.mtime) {
			touch(p)
		}
	}
	for p := range w.snap {
		if _, ok := cur[p]; !ok {
			touch(p)
		}
	}
	w.snap = cur
	return changed
}

// flush turns the touched paths into a batch, deciding Removed by whether
// each file exists now. A file that neither existed before the burst nor
// exists after it (a temp file renamed over the original, say) is left out.
func (w *Watcher) flush() []Change {
	w.structural = false
	var batch []Change
	for p, class := range w.pending {
		fi, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(p)))
		_, wasKnown := w.known[p]
		switch {
		case err == nil && !fi.IsDir():
			w.known[p] = stamp{fi.Size(), fi.ModTime()}
			batch = append(batch, Change{Path: p, Class: class})
		case wasKnown:
			delete(w.known, p)
			batch = append(batch, Change{Path: p, Class: class, Removed: true})
		}
	}
	clear(w.pending)
	if len(batch) == 0 {
		return nil
	}
	sortChanges(batch)
	return batch
}

// merge folds a newer batch into one the reader has not taken yet.
func merge(old, newer []Change) []Change {
	if old == nil {
		return newer
	}
	if newer == nil {
		return old
	}
	m := map[string]Change{}
	for _, c := range old {
		m[c.Path] = c
	}
	for _, c := range newer {
		m[c.Path] = c
	}
	out := make([]Change, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	sortChanges(out)
	return out
}

func sortChanges(cs []Change) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].Path < cs[j].Path })
}
