package build

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
)

const markerHeader = "# Written by casebook; replaced by every build. The files it wrote:\n"

// writeMarker records which files casebook wrote into dir. The marker both
// proves the folder is casebook's (so it may be replaced) and lets the next
// build that reuses the folder delete what it no longer produces.
func writeMarker(root *os.Root, files []string) error {
	var b bytes.Buffer
	b.WriteString(markerHeader)
	for _, f := range files {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	return root.WriteFile(Marker, b.Bytes(), 0o644)
}

// readMarker returns the files a marker lists; an error means dir has no
// marker of casebook's.
func readMarker(dir string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, []byte(markerHeader)) {
		return nil, errors.New("not a casebook marker")
	}
	var files []string
	sc := bufio.NewScanner(bytes.NewReader(b[len(markerHeader):]))
	for sc.Scan() {
		if f := sc.Text(); f != "" {
			files = append(files, f)
		}
	}
	return files, sc.Err()
}

func union(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
