package content

import (
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// A listing amended for files added and removed is the listing a walk
// finds; a change a walk might see more in is left to the walk.
func TestListingAmendedMatchesWalk(t *testing.T) {
	root := t.TempDir()
	write := func(rel string) { writeSiteFile(t, root, rel, "---\ntitle: T\n---\n") }
	remove := func(rel string) {
		if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"content/_index.md", "content/about.md", "content/case-studies/b.md",
		"content/case-studies/2024/a.md", "content/case-studies/2024-old.md", "content/case-studies/b/photo.jpg",
		"content/themes/t.md"} {
		write(f)
	}
	steps := []struct {
		name    string
		change  func() []string
		amended bool
	}{
		{"a new page", func() []string { write("content/case-studies/c.md"); return []string{"content/case-studies/c.md"} }, true},
		{"a new page between a folder and its namesake", func() []string {
			write("content/case-studies/2024-a.md")
			return []string{"content/case-studies/2024-a.md"}
		}, true},
		{"a page in a year folder", func() []string {
			write("content/case-studies/2024/0.md")
			return []string{"content/case-studies/2024/0.md"}
		}, true},
		{"a picture beside a page", func() []string {
			write("content/case-studies/b/a.png")
			return []string{"content/case-studies/b/a.png"}
		}, true},
		{"a page removed", func() []string { remove("content/case-studies/b.md"); return []string{"content/case-studies/b.md"} }, true},
		{"a rename", func() []string {
			if err := os.Rename(filepath.Join(root, "content/about.md"), filepath.Join(root, "content/zz.md")); err != nil {
				t.Fatal(err)
			}
			return []string{"content/about.md", "content/zz.md"}
		}, true},
		{"a file saved and gone again", func() []string { return []string{"content/case-studies/never.md"} }, true},
		{"a page in a new folder", func() []string {
			write("content/case-studies/2025/x.md")
			return []string{"content/case-studies/2025/x.md"}
		}, false},
		{"a page in an unknown folder", func() []string { write("content/blog/x.md"); return []string{"content/blog/x.md"} }, false},
		{"a .markdown page", func() []string {
			write("content/themes/u.markdown")
			return []string{"content/themes/u.markdown"}
		}, false},
		{"a folder removed", func() []string { remove("content/case-studies/2024"); return []string{"content/case-studies/2024"} }, false},
		{"a folder's pages removed with it", func() []string {
			remove("content/case-studies/b")
			return []string{"content/case-studies/b/a.png", "content/case-studies/b/photo.jpg"}
		}, true},
		{"a file where a folder was", func() []string {
			write("content/case-studies/b")
			return []string{"content/case-studies/b"}
		}, false},
		{"a folder where a file was", func() []string {
			remove("content/case-studies/b")
			write("content/case-studies/b/c.md")
			return []string{"content/case-studies/b", "content/case-studies/b/c.md"}
		}, false},
		{"a page in a folder gone since", func() []string {
			remove("content/case-studies/2025")
			write("content/case-studies/2025")
			return []string{"content/case-studies/2025/x.md", "content/case-studies/2025"}
		}, false},
	}
	last, err := walk(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range steps {
		changed := step.change()
		walked, err := walk(root)
		if err != nil {
			t.Fatal(err)
		}
		amended, ok := last.amended(root, changed)
		if ok != step.amended {
			t.Errorf("%s: amended %v, want %v", step.name, ok, step.amended)
		}
		last = walked
		if !ok {
			continue
		}
		// The amended listing may still hold folders gone since.
		for dir := range walked.dirs {
			if !amended.dirs[dir] {
				t.Errorf("%s: amended listing lacks folder %s", step.name, dir)
			}
		}
		if !slices.Equal(amended.files, walked.files) || !slices.Equal(amended.assets, walked.assets) ||
			!maps.Equal(amended.known, walked.known) || !slices.Equal(amended.links, walked.links) ||
			!reflect.DeepEqual(amended.diags, walked.diags) {
			t.Errorf("%s: amended listing\n%+v\nwalk\n%+v", step.name, amended, walked)
		}
		last = amended
	}
}
