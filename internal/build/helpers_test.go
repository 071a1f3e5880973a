package build

import (
	"fmt"
	"os"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/testsite"
)

// testPictures is the picture cache the session tests share: each picture
// of the bundled site is resized once per run of the tests, not once per
// test.
var testPictures string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "casebook-test-pictures-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testPictures = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func build(t *testing.T, src, out string) (*diag.List, error) {
	t.Helper()
	var diags diag.List
	_, err := Build(Options{Src: src, Out: out, Theme: casebook.Theme}, &diags)
	return &diags, err
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string { return testsite.Snapshot(t, dir) }
