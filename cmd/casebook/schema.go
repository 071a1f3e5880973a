package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/schema"
)

// runSchema writes the content model as editor and CMS configuration: a JSON
// Schema per kind, a Decap CMS admin/ folder (config.yml and index.html) and
// a Front Matter CMS frontmatter.json, offering the site's real pages as
// choices.
func runSchema(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", "schema [--src DIR] --out DIR", stderr)
	src := fs.String("src", ".", "the site folder (holding casebook.toml and content/), whose pages references offer")
	out := fs.String("out", "", "the folder to write schema/, admin/ and frontmatter.json into")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkSrc(*src); err != nil {
		return err
	}
	if *out == "" {
		return &usageError{Msg: "schema needs --out DIR, the folder to write the configs into (e.g. --out .)"}
	}
	var diags diag.List
	res, err := content.Load(*src, content.Options{Drafts: true}, &diags)
	if err != nil {
		return err
	}
	if errs, _ := diags.Count(); errs > 0 {
		// The configs are still useful; the references offer every page
		// casebook could read.
		fmt.Fprintf(stderr, "note: the site has %s; run `casebook check` to see them\n", plural(errs, "error"))
	}
	var langs []string
	if cfg, err := config.Load(*src, &diags); err == nil && cfg.Multilingual() {
		langs = cfg.Languages
	}
	written, err := schema.Write(*out, content.Kinds, schema.SiteChoices(res.Pages), langs...)
	for _, p := range written {
		fmt.Fprintln(stdout, filepath.Join(*out, filepath.FromSlash(p)))
	}
	if err != nil {
		return err
	}
	abs, aerr := filepath.Abs(*out)
	if aerr != nil {
		abs = *out
	}
	fmt.Fprintf(stdout, `
To have VS Code check frontmatter as you type, install the YAML extension
(redhat.vscode-yaml) and add this to .vscode/settings.json in the site folder:

%s

Decap CMS: set the backend in %s,
then put the admin folder in the site's static/ folder, so the site serves
the CMS at /admin/.
Front Matter CMS: put frontmatter.json at the root of the site folder.
Run casebook schema again after adding themes, stages, districts, problems or
resources, so the JSON Schemas and Front Matter CMS offer them (Decap CMS
finds new pages itself).
`, schema.VSCodeSettings(content.Kinds, func(s *content.KindSpec) string {
		return filepath.ToSlash(filepath.Join(abs, filepath.FromSlash(schema.SchemaPath(s))))
	}, langs...), filepath.ToSlash(filepath.Join(*out, "admin", "config.yml")))
	return nil
}
