package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

const markerHeader = "# Written by casebook; replaced by every build. The files it wrote:\n"

// record is what the marker knows of one file casebook wrote: enough to
// tell, without reading it, that the file still holds the same bytes.
type record struct {
	size  int64
	mtime int64 // nanoseconds
	sum   string
}

// manifest maps the files of an output folder to their records. A file
// listed with no record (size -1) may be there but is not vouched for.
type manifest map[string]record

func (m manifest) paths() []string {
	out := make([]string, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

func contentSum(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// writeMarker records which files casebook wrote into root. The marker
// proves the folder is casebook's (so it may be replaced), lets the next
// build that reuses the folder delete what it no longer produces, and lets
// it skip rewriting files whose bytes have not changed.
func writeMarker(root *os.Root, m manifest) error {
	var b bytes.Buffer
	b.WriteString(markerHeader)
	for _, p := range m.paths() {
		r := m[p]
		b.WriteString(p)
		if r.size >= 0 && r.sum != "" {
			fmt.Fprintf(&b, "\t%d\t%d\t%s", r.size, r.mtime, r.sum)
		}
		b.WriteByte('\n')
	}
	return root.WriteFile(Marker, b.Bytes(), 0o644)
}

// readMarker returns the manifest of dir; an error means dir has no marker
// of casebook's.
func readMarker(dir string) (manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, []byte(markerHeader)) {
		return nil, errors.New("not a casebook marker")
	}
	m := manifest{}
	sc := bufio.NewScanner(bytes.NewReader(b[len(markerHeader):]))
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if fields[0] == "" {
			continue
		}
		r := record{size: -1}
		if len(fields) == 4 {
			size, err1 := strconv.ParseInt(fields[1], 10, 64)
			mtime, err2 := strconv.ParseInt(fields[2], 10, 64)
			if err1 == nil && err2 == nil {
				r = record{size: size, mtime: mtime, sum: fields[3]}
			}
		}
		m[fields[0]] = r
	}
	return m, sc.Err()
}

// unvouched lists paths with no records: what a folder may hold while a
// build is under way.
func unvouched(paths ...[]string) manifest {
	m := manifest{}
	for _, list := range paths {
		for _, p := range list {
			m[p] = record{size: -1}
		}
	}
	return m
}

// writer writes outputs into a staging folder, skipping files that already
// hold the same bytes, and records what the folder holds afterwards.
type writer struct {
	root     *os.Root
	previous manifest
	mu       sync.Mutex
	written  manifest
}

// put writes one output, unless the previous build left the same bytes in
// place, untouched since. os.Root refuses any path, symbolic links
// included, that would lead outside the folder.
func (w *writer) put(path string, b []byte) error {
	local := filepath.FromSlash(path)
	if !filepath.IsLocal(local) {
		return fmt.Errorf("refusing to write %q: it is outside the output folder", path)
	}
	sum := contentSum(b)
	if prev, ok := w.previous[path]; ok && prev.sum == sum && prev.size == int64(len(b)) {
		if info, err := w.root.Lstat(local); err == nil && info.Mode().IsRegular() &&
			info.Size() == prev.size && info.ModTime().UnixNano() == prev.mtime {
			w.record(path, prev)
			return nil
		}
	}
	if dir := filepath.Dir(local); dir != "." {
		if err := w.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if err := w.root.WriteFile(local, b, 0o644); err != nil {
		return err
	}
	info, err := w.root.Lstat(local)
	if err != nil {
		return err
	}
	w.record(path, record{size: info.Size(), mtime: info.ModTime().UnixNano(), sum: sum})
	return nil
}

func (w *writer) record(path string, r record) {
	w.mu.Lock()
	w.written[path] = r
	w.mu.Unlock()
}

// removeStale deletes the files of a reused folder that this build did not
// write, and the folders they leave empty.
func removeStale(root *os.Root, previous manifest, planned []string) error {
	keep := make(map[string]bool, len(planned))
	for _, p := range planned {
		keep[p] = true
	}
	for _, p := range previous.paths() {
		local := filepath.FromSlash(p)
		if keep[p] || !filepath.IsLocal(local) {
			continue // never delete outside the folder, whatever a marker says
		}
		if err := root.Remove(local); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for d := filepath.Dir(local); d != "."; d = filepath.Dir(d) {
			if root.Remove(d) != nil { // not empty: stop
				break
			}
		}
	}
	return nil
}
