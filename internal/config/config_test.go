package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/diag"
)

func parse(t *testing.T, src string) (*Config, string) {
	t.Helper()
	var diags diag.List
	cfg := Parse([]byte(src), &diags)
	var b strings.Builder
	diags.Print(&b)
	return cfg, b.String()
}

// TestIllustrativeNote: a site words the note on its illustrative case
// studies itself, or gets the default; an empty note is a warning, not a
// blank line on every story.
func TestIllustrativeNote(t *testing.T) {
	cfg, diags := parse(t, "title = \"T\"\n")
	if cfg.IllustrativeNote != DefaultIllustrativeNote || diags != "" {
		t.Errorf("no setting: note %q, diagnostics %q", cfg.IllustrativeNote, diags)
	}
	cfg, diags = parse(t, "title = \"T\"\nillustrative_note = \"\"\"\nA composite,\n  not a report.\"\"\"\n")
	if cfg.IllustrativeNote != "A composite, not a report." || diags != "" {
		t.Errorf("set: note %q, diagnostics %q", cfg.IllustrativeNote, diags)
	}
	cfg, diags = parse(t, "title = \"T\"\nillustrative_note = \"  \"\n")
	if cfg.IllustrativeNote != DefaultIllustrativeNote || !strings.Contains(diags, "casebook.toml:2:1: warning: illustrative_note is empty") {
		t.Errorf("empty: note %q, diagnostics %q", cfg.IllustrativeNote, diags)
	}
	_, diags = parse(t, "illustrative_note = true\n")
	if !strings.Contains(diags, "casebook.toml:1:1: error: `illustrative_note` should be text") {
		t.Errorf("not text: diagnostics %q", diags)
	}
	_, diags = parse(t, "ilustrative_note = \"x\"\n")
	if !strings.Contains(diags, "did you mean `illustrative_note`?") {
		t.Errorf("misspelled: diagnostics %q", diags)
	}
}

func TestNotSite(t *testing.T) {
	for _, tc := range []struct{ root, want string }{
		{"", "this folder"},
		{".", "this folder"},
		{"./", "this folder"},
		{"sites/district", "sites/district"},
	} {
		want := "there is no casebook.toml in " + tc.want + ", so it is not a casebook site; " + NotSiteHint
		if got := NotSite(tc.root).Error(); got != want {
			t.Errorf("NotSite(%q) = %q, want %q", tc.root, got, want)
		}
	}
	dir := t.TempDir()
	if IsSite(dir) {
		t.Error("an empty folder is a site")
	}
	if err := os.WriteFile(filepath.Join(dir, File), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if !IsSite(dir) {
		t.Error("a folder with an empty casebook.toml is not a site")
	}
}

// TOML syntax errors in casebook.toml are placed and worded as they are in
// TOML frontmatter (see tomlerr): before, the library's own column put the
// `!` of a one-character line at column 9.
func TestTOMLSyntaxErrors(t *testing.T) {
	backslash := "  hint: write \\\\ for a backslash, or put the text in single quotes, where a backslash is just a backslash ('...', or '''...''' over several lines)\n"
	for _, tc := range []struct{ src, want string }{
		{"title = \"T\"\n# notes\n!\n", "casebook.toml:3:1: error: casebook.toml is not valid TOML: expected '.' or '=', but got '!' instead\n"},
		{"title = \"C:\\Users\"\n", "casebook.toml:1:12: error: casebook.toml is not valid TOML: expected eight hexadecimal digits after '\\U', but got \"C:\\\\Us\" instead\n" + backslash},
		{"title = \"Casebook del a\xf1o\"\n", "casebook.toml:1:24: error: the file is not valid UTF-8 text\n  hint: save the file as UTF-8 in your editor\n"},
		{"title = \"a\\\nbase_url = \"/\"\n", "casebook.toml:1:11: error: casebook.toml is not valid TOML: a backslash ends the line inside a one-line text\n" +
			"  hint: close the text with \" on the same line, or write text over several lines between \"\"\" and \"\"\"\n"},
	} {
		_, got := parse(t, tc.src)
		if got != tc.want {
			t.Errorf("%q: got:\n%s\nwant:\n%s", tc.src, got, tc.want)
		}
	}
}
