package build

import (
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/testsite"
)

func build(t *testing.T, src, out string) (*diag.List, error) {
	t.Helper()
	var diags diag.List
	_, err := Build(Options{Src: src, Out: out, Theme: casebook.Theme}, &diags)
	return &diags, err
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string { return testsite.Snapshot(t, dir) }
