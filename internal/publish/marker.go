package publish

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

	"github.com/casebook/casebook/internal/fsutil"
)

const markerHeader = "# Written by casebook; replaced by every build. The files it wrote:\n"

// record is what the marker knows of one file casebook wrote: enough to
// tell, without reading it, that the file still holds the same bytes.
type record struct {
	size  int64
	mtime int64 // nanoseconds
	sum   digest
}

// A digest is the first half of a file's SHA-256. It is held as bytes
// rather than as text: a build keeps one for every file it writes, and
// at 100,000 case studies a string apiece was 200,000 objects for the
// collector to visit while pages render. The zero digest stands for none.
type digest [16]byte

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

func contentSum(b []byte) digest {
	sum := sha256.Sum256(b)
	return digest(sum[:16])
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
		if r.size >= 0 && r.sum != (digest{}) {
			fmt.Fprintf(&b, "\t%d\t%d\t%x", r.size, r.mtime, r.sum[:])
		}
		b.WriteByte('\n')
	}
	return root.WriteFile(Marker, b.Bytes(), 0o644)
}

// readMarker returns the manifest of dir; an error means dir has no marker
// of casebook's.
func readMarker(dir string) (manifest, error) {
	b, err := fsutil.ReadFile(filepath.Join(dir, Marker)) // never wait on a named pipe planted there
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
			var sum digest
			if err1 == nil && err2 == nil && size >= 0 && len(fields[3]) == hex.EncodedLen(len(sum)) {
				if _, err := hex.Decode(sum[:], []byte(fields[3])); err == nil {
					r = record{size: size, mtime: mtime, sum: sum}
				}
			}
		}
		m[fields[0]] = r
	}
	return m, sc.Err()
}

// removeStale deletes files of the output folder a build no longer
// produces, and the folders they leave empty.
func removeStale(root *os.Root, stale []string) error {
	for _, p := range stale {
		local := filepath.FromSlash(p)
		if !filepath.IsLocal(local) || p == Marker {
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
