package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/testsite"
)

// A lean load lets go of every file's text, and converting reads each body
// again: the pages come out as from a load that kept the text, and a file
// changed or removed in between is reported on its path instead of
// converting a body that does not match its frontmatter.
func TestLeanLoad(t *testing.T) {
	cases := []struct {
		name   string
		change func(full string) error
		want   string
	}{
		{"unchanged", func(string) error { return nil }, ""},
		{"changed", func(full string) error { return os.WriteFile(full, []byte("---\ntitle: Other\n---\n"), 0o644) },
			leanStory + ": error: the file changed while the site was building; build again once it is saved\n"},
		{"removed", os.Remove,
			leanStory + ": error: this file disappeared while casebook was reading the site\n" +
				"  hint: if it was moved or deleted on purpose (or by a sync tool), run casebook again\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := testsite.Write(t, testsite.Minimal())
			kept := leanBuild(t, dir, false, func(string) error { return nil })
			lean := leanBuild(t, dir, true, c.change)
			if got := lean.diags; got != c.want {
				t.Fatalf("diagnostics:\n%s\nwant:\n%s", got, c.want)
			}
			if c.want != "" {
				return
			}
			for i, p := range kept.site.Pages {
				if q := lean.site.Pages[i]; q.URL != p.URL || contentOf(t, q) != contentOf(t, p) {
					t.Errorf("%s: lean load gave %q, a load that kept the text %q", p.URL, contentOf(t, q), contentOf(t, p))
				}
			}
		})
	}
}

// leanStory is the file TestLeanLoad changes between loading and converting.
const leanStory = "content/case-studies/mentors.md"

type leanResult struct {
	site  *site.Site
	diags string
}

// leanBuild loads dir, lean or not, runs change on the case study's file,
// and builds the site graph.
func leanBuild(t *testing.T, dir string, lean bool, change func(full string) error) leanResult {
	t.Helper()
	var diags diag.List
	loaded, err := content.Load(dir, content.Options{Lean: lean}, &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatal(err, diags.Items())
	}
	for _, p := range loaded.Pages {
		if lean && p.Src != nil {
			t.Fatalf("%s: a lean load kept the file's text", p.Path)
		}
	}
	if err := change(filepath.Join(dir, filepath.FromSlash(leanStory))); err != nil {
		t.Fatal(err)
	}
	s, err := site.Build(config.Default(), loaded, site.Options{Converter: markdown.New(false), StaticExists: func(string) bool { return false }}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	diags.Print(&b)
	return leanResult{s, b.String()}
}
