package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
)

// runCheck runs the whole pipeline, rendering every page, and writes
// nothing: every diagnostic a build would report.
func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "check [--src DIR] [--drafts] [--format text|json]", stderr)
	opts := build.Options{Theme: casebook.Theme}
	fs.StringVar(&opts.Src, "src", ".", "the site folder (holding casebook.toml and content/)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "check pages marked draft: true as well")
	format := fs.String("format", "text", "how to print diagnostics: text, or json for editors and CI")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkSrc(opts.Src); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return &usageError{Msg: fmt.Sprintf("--format must be text or json, not %q", *format)}
	}
	var diags diag.List
	res, err := build.Check(opts, &diags)
	if err != nil {
		return err
	}
	if *format == "json" {
		if err := printJSON(stdout, &diags); err != nil {
			return err
		}
	} else {
		diags.Print(stderr)
	}
	errs, warns := diags.Count()
	if *format == "text" {
		pages := 0
		if res != nil && res.Site != nil {
			pages = len(res.Site.Pages)
		}
		fmt.Fprintf(stderr, "checked %s: %s, %s\n", plural(pages, "page"), plural(errs, "error"), plural(warns, "warning"))
		if res != nil {
			printTranslations(stderr, res.Translations, true)
		}
	}
	if errs > 0 {
		return errContent
	}
	return nil
}

// printJSON writes the diagnostics as one JSON array, sorted as in text.
func printJSON(w io.Writer, diags *diag.List) error {
	out := []diag.JSON{}
	for _, d := range diags.Items() {
		out = append(out, d.JSON())
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
