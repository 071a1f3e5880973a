package site

import (
	"slices"
	"testing"
)

func TestHeadingIDs(t *testing.T) {
	for _, tc := range []struct {
		ids  []string
		want []string // what list gives back
	}{
		{nil, nil},
		{[]string{"who-came"}, []string{"who-came"}},
		{[]string{"who-came", "what-changed", "who-came-1"}, []string{"who-came", "what-changed", "who-came-1"}},
		{[]string{"a", "", "b"}, []string{"a", "b"}},
		{[]string{"a\x00b", "c"}, []string{"c"}},
	} {
		h := joinHeadings(tc.ids)
		if got := h.list(); !slices.Equal(got, tc.want) {
			t.Errorf("joinHeadings(%q).list() = %q, want %q", tc.ids, got, tc.want)
		}
		for _, id := range tc.want {
			if !h.has(id) {
				t.Errorf("joinHeadings(%q).has(%q) = false", tc.ids, id)
			}
		}
		for _, id := range []string{"", "who", "came", "a\x00b", "a", "b-"} {
			if h.has(id) != slices.Contains(tc.want, id) {
				t.Errorf("joinHeadings(%q).has(%q) = %v", tc.ids, id, h.has(id))
			}
		}
	}
}
