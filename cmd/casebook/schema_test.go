package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
