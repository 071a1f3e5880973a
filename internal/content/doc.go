// Package content walks a site's content/ folder and turns every markdown file
// into a Page: its kind (from its folder), its slug (from its file name), its
// frontmatter decoded into typed fields with the position of each value, and
// its markdown body. References between pages stay as slugs with positions;
// package site resolves them.
//
// The kinds and their fields are one table (schema.go), which drives
// decoding, validation and every tool that needs to know the content model.
package content
