package content

import (
	"testing"
)

// TestReadAllFileGone: a listed page deleted before it is read is a
// diagnostic on its path.
func TestReadAllFileGone(t *testing.T) {
	pages, lists, err := readAll(t.TempDir(), []string{"content/case-studies/gone.md"}, nil, true)
	if err != nil {
		t.Fatalf("a vanished file is a system error: %v", err)
	}
	if pages[0] != nil {
		t.Error("a page was made of a file that is not there")
	}
	items := lists[0].Items()
	want := "content/case-studies/gone.md: error: this file disappeared while casebook was reading the site\n" +
		"  hint: if it was moved or deleted on purpose (or by a sync tool), run casebook again"
	if len(items) != 1 || items[0].String() != want {
		t.Errorf("got %v\nwant %s", items, want)
	}
}
