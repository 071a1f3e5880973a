package publish

import (
	"errors"
	"testing"
)

// /proc is a mount point on every Linux system; a temporary folder is not.
func TestMountPointIsRefused(t *testing.T) {
	if mountPoint(t.TempDir()) {
		t.Error("a temporary folder was taken for a mount point")
	}
	err := checkContents("public", "/proc")
	var refused *RefusedError
	if !errors.As(err, &refused) {
		t.Fatalf("checkContents(/proc) = %v, want a refusal", err)
	}
	d := refused.Diagnostic()
	const msg = "casebook will not write here: it is a mount point (a disk, share or volume of its own), which a build cannot swap for the new site"
	const hint = "build into a folder inside it, such as public/site, and publish that"
	if d.Path != "public" || d.Message != msg || d.Hint != hint {
		t.Errorf("got %q: %q / %q", d.Path, d.Message, d.Hint)
	}
}

// mountinfo lists /proc; a folder mounted from its own device (a bind
// mount) is found by the list alone, which the device numbers miss.
func TestListedAsMounted(t *testing.T) {
	if !listedAsMounted("/proc") || listedAsMounted(t.TempDir()) {
		t.Error("/proc is not listed as mounted, or a temporary folder is")
	}
	for in, want := range map[string]string{`/mnt/my\040site`: "/mnt/my site", `/a\134b`: `/a\b`, `/plain`: "/plain", `/odd\04`: `/odd\04`} {
		if got := unescapeMountPath(in); got != want {
			t.Errorf("unescapeMountPath(%q) = %q, want %q", in, got, want)
		}
	}
}
