package main

import "runtime/debug"

// versionString is what `casebook version` prints after "casebook ": the
// version stamped at release time, or for a binary built with plain
// `go install` or `go build` (stamped "dev"), what the Go toolchain
// recorded in it: the module version (a pseudo-version such as
// v0.0.0-20261202150317-4e22a440e9de when built in a clone), else, when
// the toolchain gave none, the commit it was built from, with "-dirty"
// when the working tree had changes; "dev" when building without version
// control information (-buildvcs=false).
func versionString(stamped string, info *debug.BuildInfo) string {
	if stamped != "dev" || info == nil {
		return stamped
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision string
	var modified bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision == "" {
		return stamped
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if modified {
		revision += "-dirty"
	}
	return revision
}

// buildVersion is versionString for this binary.
func buildVersion() string {
	info, _ := debug.ReadBuildInfo()
	return versionString(version, info)
}
