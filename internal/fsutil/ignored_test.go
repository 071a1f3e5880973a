package fsutil

import "testing"

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		".git": true, ".public.casebook-staging": true, ".story.md.swp": true, "#story.md#": true,
		"story.md~": true, "story.md.swo": true, "story.md___jb_tmp___": true, "4913": true, "x.tmp": true,
		"story.md": false, "logo.svg": false, "2024": false, "notes#1.md": false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
