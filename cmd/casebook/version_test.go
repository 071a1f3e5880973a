package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionString(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "e41f100c2d3a9b8e7f6a5b4c3d2e1f0a9b8c7d6e"
	cases := []struct {
		name    string
		stamped string
		info    *debug.BuildInfo
		want    string
	}{
		{"a release build", "v0.4.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "false")}, "v0.4.0"},
		{"a release build without build info", "v0.4.0", nil, "v0.4.0"},
		{"go install module@version", "dev", &debug.BuildInfo{Main: debug.Module{Version: "v0.4.0"}}, "v0.4.0"},
		{"go build in a clone (a pseudo-version)", "dev", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20251202140700-e41f100c2d3a+dirty"}}, "v0.0.0-20251202140700-e41f100c2d3a+dirty"},
		{"a clean checkout", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "false")}, "e41f100c2d3a"},
		{"a checkout with changes", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "true")}, "e41f100c2d3a-dirty"},
		{"a short revision", "dev", &debug.BuildInfo{Settings: vcs("e41f100", "false")}, "e41f100"},
		{"no version control", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"no build info", "dev", nil, "dev"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := versionString(tc.stamped, tc.info); got != tc.want {
				t.Errorf("versionString(%q) = %q, want %q", tc.stamped, got, tc.want)
			}
		})
	}
}
