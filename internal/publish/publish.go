// Package publish writes a build into the output folder without ever
// leaving it half-written, and leaves nothing beside it afterwards.
//
// A build is staged in a folder beside the output, named after it
// (.public.casebook-staging for public/), which exists only while the
// build runs and holds the lock that keeps two builds apart. Every file
// whose bytes changed is written there, whole, as a new file; files the
// live output already holds, untouched since casebook wrote them, are not
// written at all. Only when the whole build has succeeded does Commit move
// the new files into the output, one rename each (a file is never written
// into in place, so the live site never serves half a file), remove the
// files the build no longer produces, and remove the staging folder. A
// build that fails leaves the output as it was, to the byte.
//
// While Commit runs, the output holds some new files beside old ones.
// Staging the whole site and swapping folders would change the output in
// one step, but then every rebuild must delete a whole site's worth of
// files and folders, which on common disks costs seconds; moving in only
// what changed costs next to nothing for the usual small edit.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"

	"github.com/casebook/casebook/internal/fsutil"
)

// stampName is the file that marks a staging folder as casebook's, so a
// build may clear what a killed build left in it.
const stampName = ".casebook-staging"

// Staging is one build being written beside its output folder.
type Staging struct {
	out      string     // the output folder as the user named it, for messages
	abs      string     // its real, absolute path
	dir      string     // the staging folder beside it
	unlock   func()     // releases the lock on dir
	live     *os.Root   // the output folder; nil until it exists
	parent   *os.Root   // the folder holding both, to move files between them
	site     *os.Root   // dir/site: the files that changed
	files    *siteFiles // writes them
	previous manifest   // what the output folder holds, by its marker

	// made is the first of the output folder's parents Begin made, ""
	// when they all were there: a build that is not committed removes
	// them again, as it promised to write nothing.
	made      string
	committed bool

	mu      sync.Mutex
	dirs    map[string]bool // folders made in site so far; under mu
	written manifest        // every file of the new build
	changed []string        // the files of it that are in site
	scratch []*os.File      // see Scratch: closed before the folder goes
	owned   bool            // the staging folder is casebook's to remove
	closed  bool
}

// stagingPath is where a build into out is staged.
func stagingPath(abs string) string {
	return filepath.Join(filepath.Dir(abs), StagingName(filepath.Base(abs)))
}

// StagingName is the name of the staging folder a build into a folder
// named out makes beside it while it runs.
func StagingName(out string) string { return "." + out + ".casebook-staging" }

// Begin checks that casebook may replace out (checkPlace, then under the
// lock checkContents), takes the lock and makes an empty staging folder.
// src is the site folder. Every Begin must be followed by Commit or Abort.
func Begin(src, out string) (*Staging, error) {
	if err := checkPlace(src, out); err != nil {
		return nil, err
	}
	abs, err := realAbs(out)
	if err != nil {
		return nil, err
	}
	if fsutil.LinkLoop(filepath.Dir(abs)) {
		return nil, &RefusedError{Out: out, Reason: loopReason, Hint: loopHint}
	}
	made := missingFrom(filepath.Dir(abs))
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		removeMade(filepath.Dir(abs), made)
		return nil, fmt.Errorf("cannot create the folder for %s: %w", out, fsutil.Reason(err))
	}
	dir := stagingPath(abs)
	unlock, err := lockStaging(dir, out)
	if err != nil {
		removeMade(filepath.Dir(abs), made)
		return nil, err
	}
	s := &Staging{out: out, abs: abs, dir: dir, unlock: unlock, made: made, written: manifest{}, dirs: map[string]bool{}}
	if err := s.start(); err != nil {
		s.Abort()
		return nil, err
	}
	return s, nil
}

// start clears what a killed build left, checks the output folder while
// holding the lock (so no other build changes it before the commit) and
// opens the folders the build reads and writes.
func (s *Staging) start() error {
	if err := s.clearLeftovers(); err != nil {
		return err
	}
	if err := checkContents(s.out, s.abs); err != nil {
		return err
	}
	removeOldSpare(s.abs)
	if m, err := readMarker(s.abs); err == nil {
		s.previous = m
		if s.live, err = os.OpenRoot(s.abs); err != nil {
			return err
		}
		if s.parent, err = os.OpenRoot(filepath.Dir(s.abs)); err != nil {
			return err
		}
	}
	if err := os.Mkdir(filepath.Join(s.dir, "site"), 0o755); err != nil {
		return fmt.Errorf("cannot create a staging folder beside %s: %w", s.out, fsutil.Reason(err))
	}
	var err error
	if s.site, err = os.OpenRoot(filepath.Join(s.dir, "site")); err != nil {
		return err
	}
	s.files = newSiteFiles(s.site, filepath.Join(s.dir, "site"))
	return nil
}

// clearLeftovers empties the staging folder of what a killed build left
// there, after making sure casebook made it: a folder of that name with
// other files in it is someone else's, and is left alone.
func (s *Staging) clearLeftovers() error {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return err
	}
	stamp := filepath.Join(s.dir, stampName)
	if len(entries) > 0 {
		if _, err := os.Lstat(stamp); err != nil {
			// Not casebook's: s.owned stays false, so Abort leaves it.
			return &RefusedError{Out: s.out,
				Reason: fmt.Sprintf("a folder casebook did not make is in the way: %s, where casebook stages each build", filepath.Base(s.dir)),
				Hint:   "move that folder elsewhere or delete it"}
		}
	}
	s.owned = true
	for _, e := range entries {
		if e.Name() != stampName {
			if err := os.RemoveAll(filepath.Join(s.dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(stamp, []byte("casebook stages a build here while it runs; a build removes this folder when it ends.\n"), 0o644)
}

// Scratch creates a file in the staging folder, beside the new build and
// never part of it, for the build to keep its own data in while it runs.
// name must be a plain file name other than "site". The file is closed
// and removed with the staging folder, by Commit or Abort: it must not be
// used after either. (A file still open could not be removed on Windows,
// and its folder would stay in the way of the next build.)
func (s *Staging) Scratch(name string) (*os.File, error) {
	if name == "site" || name == stampName || filepath.Base(name) != name {
		return nil, fmt.Errorf("publish: %q is not a scratch file name", name)
	}
	f, err := os.OpenFile(filepath.Join(s.dir, name), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot create a scratch file in the staging folder beside %s: %w", s.out, fsutil.Reason(err))
	}
	s.mu.Lock()
	s.scratch = append(s.scratch, f)
	s.mu.Unlock()
	return f, nil
}

// Put adds one output file to the new build: nothing to write when the
// live output holds the same bytes, untouched since casebook wrote them;
// otherwise a new file in the staging folder. No path, symbolic links
// included, leads outside the folder (see siteFiles).
func (s *Staging) Put(path string, b []byte) error {
	local := filepath.FromSlash(path)
	if !filepath.IsLocal(local) {
		return fmt.Errorf("refusing to write %q: it is outside the output folder", path)
	}
	sum := contentSum(b)
	if prev, ok := s.previous[path]; ok && prev.sum == sum && prev.size == int64(len(b)) && s.liveIs(local, prev) {
		s.record(path, prev, false)
		return nil
	}
	if err := s.mkdirs(filepath.Dir(local)); err != nil {
		return fmt.Errorf("cannot write %s in %s: %w", path, s.out, fsutil.Reason(err))
	}
	size, mtime, err := s.files.write(local, b)
	if err != nil {
		return fmt.Errorf("cannot write %s in %s: %w", path, s.out, fsutil.Reason(err))
	}
	// A rename keeps the time, so this is the time the file will have in
	// the output, which the next build compares to trust it unread.
	s.record(path, record{size: size, mtime: mtime, sum: sum}, true)
	return nil
}

// liveIs reports whether the output folder's copy of local is a plain file
// with the size and time casebook gave it: then it still holds the bytes
// the marker vouches for.
func (s *Staging) liveIs(local string, prev record) bool {
	info, err := s.live.Lstat(local)
	return err == nil && info.Mode().IsRegular() && info.Size() == prev.size && info.ModTime().UnixNano() == prev.mtime
}

// mkdirs makes dir and its parents in the staging folder, each once.
func (s *Staging) mkdirs(dir string) error {
	if dir == "." {
		return nil
	}
	s.mu.Lock()
	done := s.dirs[dir]
	s.mu.Unlock()
	if done {
		return nil
	}
	if err := s.mkdirs(filepath.Dir(dir)); err != nil {
		return err
	}
	// Two pages in one new folder may both make it: the second is told
	// it exists.
	if err := s.files.mkdir(dir); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.mu.Lock()
	s.dirs[dir] = true
	s.mu.Unlock()
	return nil
}

func (s *Staging) record(path string, r record, changed bool) {
	s.mu.Lock()
	s.written[path] = r
	if changed {
		s.changed = append(s.changed, path)
	}
	s.mu.Unlock()
}

// Commit puts the new build in the output folder and removes the staging
// folder. A first build moves the staged folder into place whole. A
// rebuild first replaces the marker with one that vouches only for the
// files it keeps, so a build killed part way leaves nothing a later build
// would trust wrongly or refuse to replace; then it removes what the build
// no longer produces, moves each changed file in, and records the result.
func (s *Staging) Commit() error {
	if s.live == nil {
		if err := s.firstCommit(); err != nil {
			return err
		}
		s.committed = true
		s.Abort()
		return nil
	}
	slices.Sort(s.changed)
	pending := manifest{}
	for p, r := range s.previous {
		pending[p] = r
	}
	for _, p := range s.changed {
		pending[p] = record{size: -1}
	}
	var stale []string
	for p := range s.previous {
		if _, ok := s.written[p]; !ok {
			stale = append(stale, p)
			pending[p] = record{size: -1}
		}
	}
	if err := s.putMarker(pending); err != nil {
		return err
	}
	if err := removeStale(s.live, stale); err != nil {
		return err
	}
	for _, p := range s.changed {
		if err := s.moveIn(p); err != nil {
			return err
		}
	}
	if err := s.putMarker(s.written); err != nil {
		return err
	}
	s.committed = true
	s.Abort()
	return nil
}

// firstCommit moves the staged folder into the output's place, when there
// is no output yet or it is an empty folder.
func (s *Staging) firstCommit() error {
	if err := writeMarker(s.site, s.written); err != nil {
		return fmt.Errorf("cannot write %s for %s: %w", Marker, s.out, fsutil.Reason(err))
	}
	s.site.Close()
	s.files.close()
	if err := os.Remove(s.abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
		if errors.Is(err, syscall.EBUSY) {
			return &RefusedError{Out: s.out, Reason: mountReason, Hint: mountHint(s.out)}
		}
		return fmt.Errorf("cannot replace %s: %w", s.out, fsutil.Reason(err))
	}
	if err := os.Rename(filepath.Join(s.dir, "site"), s.abs); err != nil {
		return fmt.Errorf("cannot move the new build into %s: %w", s.out, fsutil.Reason(err))
	}
	return nil
}

// moveIn renames one staged file into the output folder, over the old one.
func (s *Staging) moveIn(path string) error {
	local := filepath.FromSlash(path)
	if dir := filepath.Dir(local); dir != "." {
		if err := s.live.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	from := filepath.Join(filepath.Base(s.dir), "site", local)
	if err := s.parent.Rename(from, filepath.Join(filepath.Base(s.abs), local)); err != nil {
		return fmt.Errorf("cannot move %s into %s: %w", path, s.out, fsutil.Reason(err))
	}
	return nil
}

// putMarker replaces the output folder's marker in one step: written in
// the staging folder, then renamed over the old one.
func (s *Staging) putMarker(m manifest) error {
	if err := writeMarker(s.site, m); err != nil {
		return fmt.Errorf("cannot write %s for %s: %w", Marker, s.out, fsutil.Reason(err))
	}
	if err := os.Rename(filepath.Join(s.dir, "site", Marker), filepath.Join(s.abs, Marker)); err != nil {
		return fmt.Errorf("cannot update %s in %s: %w", Marker, s.out, fsutil.Reason(err))
	}
	return nil
}

// Abort removes the staging folder and releases the lock; the output
// folder is left as it was, unless Commit has moved the new build in. It
// does nothing the second time.
func (s *Staging) Abort() {
	if s.closed {
		return
	}
	s.closed = true
	for _, r := range []*os.Root{s.site, s.live, s.parent} {
		if r != nil {
			r.Close()
		}
	}
	s.files.close()
	for _, f := range s.scratch {
		f.Close()
	}
	if s.owned {
		removeTree(s.dir)
	}
	s.unlock()
	if !s.committed {
		removeMade(filepath.Dir(s.abs), s.made)
	}
}

// missingFrom is the topmost of dir and its parents that does not exist:
// the first folder making dir makes. It is "" when dir exists.
func missingFrom(dir string) string {
	missing := ""
	for cur := dir; ; cur = filepath.Dir(cur) {
		// Any failure counts as missing (a name too long is not there
		// either); removeMade only ever removes empty folders.
		if _, err := os.Lstat(cur); err == nil {
			return missing
		}
		missing = cur
		if cur == filepath.Dir(cur) {
			return missing
		}
	}
}

// removeMade removes dir and its parents up to top, which missingFrom
// found missing, while they are empty: what a build that wrote nothing
// made on its way. Nothing when top is "".
func removeMade(dir, top string) {
	if top == "" {
		return
	}
	for cur := dir; ; cur = filepath.Dir(cur) {
		// A folder only: something else put in its place is not ours.
		if info, err := os.Lstat(cur); err == nil && (!info.IsDir() || os.Remove(cur) != nil) {
			return
		}
		if cur == top || cur == filepath.Dir(cur) {
			return
		}
	}
}

// removeOldSpare removes what earlier versions of casebook kept beside the
// output folder (a copy of the build before last, and a lock file), when
// casebook's marker shows they are casebook's.
func removeOldSpare(abs string) {
	spare := filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".casebook-spare")
	for _, dir := range []string{spare, spare + "-old"} {
		if m, err := readMarker(dir); err == nil {
			if extra, err := unlisted(dir, m.paths()); err == nil && len(extra) == 0 {
				removeTree(dir)
			}
		}
	}
	if info, err := os.Lstat(spare + ".lock"); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
		os.Remove(spare + ".lock")
	}
}
