package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

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
	fs := newFlags("schema", "schema [--src DIR] --out DIR [--force]", stderr)
	src := fs.String("src", ".", "the site folder (holding casebook.toml and content/), whose pages references offer")
	out := fs.String("out", "", "the folder to write schema/, admin/ and frontmatter.json into")
	force := fs.Bool("force", false, "replace files changed since casebook schema wrote them (kept otherwise)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkSiteSrc(*src); err != nil {
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
	written, kept, err := schema.Write(*out, content.Kinds, schema.SiteChoices(res.Pages), *force, langs...)
	for _, p := range written {
		fmt.Fprintln(stdout, filepath.Join(*out, filepath.FromSlash(p)))
	}
	for _, p := range kept {
		fmt.Fprintf(stderr, "kept %s: it has changes casebook schema did not make; --force replaces it with a new one, and the changes are lost\n",
			filepath.Join(*out, filepath.FromSlash(p)))
	}
	if err != nil {
		return err
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
		return fromSite(*src, filepath.Join(*out, filepath.FromSlash(schema.SchemaPath(s))))
	}, langs...), filepath.ToSlash(filepath.Join(*out, "admin", "config.yml")))
	return nil
}

// fromSite names p (as the command line names it) from the site folder src,
// where VS Code's settings resolve it: an absolute path in a settings file
// kept with the site would hold on no one else's machine.
func fromSite(src, p string) string {
	absSrc, err1 := filepath.Abs(src)
	absP, err2 := filepath.Abs(p)
	rel, err3 := filepath.Rel(absSrc, absP)
	if err := errors.Join(err1, err2, err3); err != nil {
		return filepath.ToSlash(absP)
	}
	if !strings.HasPrefix(rel, "..") {
		rel = "./" + filepath.ToSlash(rel)
	}
	return filepath.ToSlash(rel)
}
