package schema

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/fsutil"
)

// Record is the file, under out, where Write notes the SHA-256 of each
// file as it wrote it, a line "digest  path" each as sha256sum prints
// them. The admin/config.yml it writes asks to be edited (the CMS's
// backend), Front Matter CMS keeps its settings in frontmatter.json, and
// casebook schema is meant to run again as the site grows: a file whose
// bytes still match the record is Write's to replace; one that does not
// has changes somebody made, and is kept.
const Record = "schema/.casebook-written"

// writeKeeping writes files (relative paths with forward slashes) under
// out, keeping those changed since they were written unless force, and
// records what it wrote.
func writeKeeping(out string, files map[string][]byte, force bool) (written, kept []string, err error) {
	record := readRecord(out)
	// What was written is recorded even when a later file fails, or the
	// next run would take those files for somebody's changes.
	// (A failure to write the record then is the first failure's echo.)
	defer func() {
		if rerr := writeRecord(out, record); err == nil {
			err = rerr
		}
	}()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		// Named as the user named --out, as the files written are listed.
		path := filepath.Join(out, filepath.FromSlash(name))
		now, err := os.ReadFile(path)
		changed := err == nil && !bytes.Equal(now, files[name]) && record[name] != digest(now)
		// A file there that cannot be read may be somebody's too; any
		// other problem reading it, the writer says better.
		if !force && (changed || errors.Is(err, fs.ErrPermission)) {
			kept = append(kept, name)
			continue
		}
		if err := fsutil.WriteFile("", path, files[name]); err != nil {
			return written, kept, err
		}
		record[name] = digest(files[name])
		written = append(written, name)
	}
	return written, kept, nil
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// readRecord reads Record under out; missing or unreadable, it is empty,
// and every file that differs from what Write would write is kept.
func readRecord(out string) map[string]string {
	record := map[string]string{}
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(Record)))
	if err != nil {
		return record
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if sum, name, ok := strings.Cut(sc.Text(), "  "); ok {
			record[name] = sum
		}
	}
	return record
}

func writeRecord(out string, record map[string]string) error {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(record)) {
		fmt.Fprintf(&b, "%s  %s\n", record[name], name)
	}
	return fsutil.WriteFile("", filepath.Join(out, filepath.FromSlash(Record)), []byte(b.String()))
}
