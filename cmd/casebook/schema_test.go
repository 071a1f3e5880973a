package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/testsite"
)

func TestSchemaCommand(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"schema", "--src", "../..", "--out", out}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, name := range []string{"admin/config.yml", "admin/index.html", "frontmatter.json", "schema/case-study.schema.json",
		"schema/district.schema.json", "schema/problem.schema.json", "schema/resource.schema.json",
		"schema/stage.schema.json", "schema/theme.schema.json"} {
		p := filepath.Join(out, filepath.FromSlash(name))
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was not written: %v", name, err)
		}
		if !strings.Contains(stdout.String(), p+"\n") {
			t.Errorf("%s is not listed in the output", p)
		}
	}
	if !strings.Contains(stdout.String(), `"yaml.schemas"`) || !strings.Contains(stdout.String(), `"content/case-studies/**/*.md"`) {
		t.Errorf("no VS Code instructions:\n%s", stdout.String())
	}
}

func TestSchemaCommandNeedsOut(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"schema", "--src", "../.."}, &stdout, &stderr); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr.String(), "--out") {
		t.Errorf("stderr does not mention --out: %s", stderr.String())
	}
}

// TestSchemaKeepsEditedFiles: running schema again replaces what it wrote
// before, but not a file somebody has changed since (the CMS backend in
// admin/config.yml, say), unless --force; and the VS Code settings name the
// schemas from the site folder, never by an absolute path.
func TestSchemaKeepsEditedFiles(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	schema := func(args ...string) (string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"schema", "--src", site, "--out", site}, args...), &stdout, &stderr); code != exitOK {
			t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	stdout, _ := schema()
	if !strings.Contains(stdout, `"./schema/case-study.schema.json": "content/case-studies/**/*.md"`) || strings.Contains(stdout, `"`+site) {
		t.Errorf("the VS Code settings do not name the schemas from the site folder:\n%s", stdout)
	}
	config := filepath.Join(site, "admin", "config.yml")
	themeSchema := filepath.Join(site, "schema", "theme.schema.json")
	edited := append(readFile(t, config), "# backend: our own\n"...)
	if err := os.WriteFile(config, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(themeSchema, []byte("{}\n"), 0o644); err != nil { // as if an older casebook had written it
		t.Fatal(err)
	}
	// A file schema wrote and nobody changed is replaced.
	if err := os.WriteFile(filepath.Join(site, "content/themes/new-theme.md"), []byte("---\ntitle: New theme\nsummary: s\norder: 9\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr := schema()
	wantKept := "kept " + config + ": it has changes casebook schema did not make; --force replaces it with a new one, and the changes are lost\n" +
		"kept " + themeSchema + ": it has changes casebook schema did not make; --force replaces it with a new one, and the changes are lost\n"
	if stderr != wantKept {
		t.Errorf("stderr\n%s\nwant\n%s", stderr, wantKept)
	}
	if got := readFile(t, config); !bytes.Equal(got, edited) {
		t.Error("the edited admin/config.yml was replaced")
	}
	if fm := string(readFile(t, filepath.Join(site, "frontmatter.json"))); !strings.Contains(fm, "new-theme") || !strings.Contains(stdout, "frontmatter.json\n") {
		t.Error("frontmatter.json, unchanged since schema wrote it, was not brought up to date")
	}
	if _, stderr := schema("--force"); stderr != "" {
		t.Errorf("with --force: %s", stderr)
	}
	if bytes.Contains(readFile(t, config), []byte("our own")) || string(readFile(t, themeSchema)) == "{}\n" {
		t.Error("--force kept a changed file")
	}
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
