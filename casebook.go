// Package casebook holds the default theme: the layouts/ and static/ folders
// at the root of this repository, embedded into the binary so a site needs
// only casebook.toml and content/. A site's own layouts/ and static/ files
// override these by path.
package casebook

import "embed"

// Theme is the default theme, with the folders layouts/ and static/.
//
//go:embed all:layouts all:static
var Theme embed.FS
