package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/testsite"
)

func TestExitCodes(t *testing.T) {
	good := testsite.Write(t, testsite.Minimal())
	bad := testsite.Write(t, testsite.Minimal().With(testsite.Files{
		"content/themes/staff-capacity.md": "---\ntitle: Staff\nsummary: s\norder: two\n---\n",
	}))
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"no command", nil, exitUsage, "", "Usage:"},
		{"unknown command", []string{"bild"}, exitUsage, "", `unknown command "bild"`},
		{"version", []string{"version"}, exitOK, "casebook ", ""},
		{"help", []string{"help"}, exitOK, "Usage:", ""},
		{"build help", []string{"build", "--help"}, exitOK, "--base-url", ""},
		{"help build", []string{"help", "build"}, exitOK, "Usage: casebook build", ""},
		{"help help", []string{"help", "help"}, exitOK, "Usage:", ""},
		{"--help --help", []string{"--help", "--help"}, exitOK, "Usage:", ""},
		{"unknown flag", []string{"build", "--minify"}, exitUsage, "", "casebook: build has no flag --minify; see casebook build --help\n"},
		{"misspelt flag", []string{"build", "--srcc", "x"}, exitUsage, "", "casebook: build has no flag --srcc; did you mean --src?\n"},
		{"flag without its value", []string{"build", "--out"}, exitUsage, "", "casebook: --out needs a value; see casebook build --help\n"},
		{"a value for a switch", []string{"build", "--drafts=maybe"}, exitUsage, "", "casebook: --drafts takes no value; write --drafts alone, or --drafts=false; see casebook build --help\n"},
		{"site folder without --src", []string{"build", good}, exitUsage, "", "casebook: unexpected argument \"" + good + "\"; to name the site folder, write --src " + good + "\n"},
		{"stray argument", []string{"build", "site"}, exitUsage, "", `unexpected argument "site"`},
		{"bad base URL", []string{"build", "--src", good, "--out", filepath.Join(t.TempDir(), "o"), "--base-url", "ftp://x"}, exitUsage, "", "not a usable web address"},
		{"good site", []string{"build", "--src", good, "--out", filepath.Join(t.TempDir(), "o")}, exitOK, "built 2 case studies, 1 pair, 2 themes, 2 stages, 2 districts, 1 resource, 1 page", ""},
		{"content errors", []string{"build", "--src", bad, "--out", filepath.Join(t.TempDir(), "o")}, exitContent, "",
			"content/themes/staff-capacity.md:4:8: error: `order` should be a number, not `two`"},
		{"refused output", []string{"build", "--src", good, "--out", filepath.Join(good, "content")}, exitUsage, "", "content: error: casebook will not write here: it is inside the site's content/ folder\n  hint: choose a folder of its own"},
		{"check a good site", []string{"check", "--src", good}, exitOK, "", "checked 19 pages: 0 errors, 0 warnings"},
		{"check a bad site", []string{"check", "--src", bad}, exitContent, "",
			"content/themes/staff-capacity.md:4:8: error: `order` should be a number"},
		{"check as JSON", []string{"check", "--src", bad, "--format", "json"}, exitContent,
			`"path": "content/themes/staff-capacity.md",` + "\n    \"line\": 4,\n    \"column\": 8,\n    \"severity\": \"error\",", ""},
		{"check with a bad format", []string{"check", "--format", "xml"}, exitUsage, "", "--format must be text or json"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.stdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tc.stdout)
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.stderr)
			}
		})
	}
}

func TestCheckWritesNothing(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	before, _ := filepath.Glob(filepath.Join(site, "*"))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--src", site}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	after, _ := filepath.Glob(filepath.Join(site, "*"))
	hidden, _ := filepath.Glob(filepath.Join(site, ".*"))
	if len(after) != len(before) || len(hidden) != 0 {
		t.Errorf("check wrote into the site: before %v, after %v %v", before, after, hidden)
	}
}

// TestNotASite: every command that reads a site says the same of a folder
// without casebook.toml, and only that; serve does not start, and build
// writes nothing.
func TestNotASite(t *testing.T) {
	dir, out := t.TempDir(), filepath.Join(t.TempDir(), "o")
	report := "casebook.toml: error: there is no casebook.toml here, so this is not a casebook site\n  hint: " + config.NotSiteHint + "\n"
	refusal := "casebook: error: there is no casebook.toml in " + dir + ", so it is not a casebook site; " + config.NotSiteHint + "\n"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--src", dir, "--out", out}, report + "build failed: 1 error, 0 warnings; nothing was written\n"},
		{[]string{"check", "--src", dir}, report + "checked 0 pages: 1 error, 0 warnings\n"},
		{[]string{"serve", "--src", dir, "--addr", "127.0.0.1:0"}, refusal},
		{[]string{"new", "case-study", "A title", "--src", dir}, refusal},
		{[]string{"theme", "list", "--src", dir}, refusal},
		{[]string{"schema", "--src", dir, "--out", out}, refusal},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != exitContent {
			t.Errorf("%v: exit %d, want %d", tc.args[0], code, exitContent)
		}
		if stderr.String() != tc.want || stdout.Len() > 0 {
			t.Errorf("%v: stdout %q, stderr\n%s\nwant\n%s", tc.args[0], stdout.String(), stderr.String(), tc.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("a command wrote into a folder that is not a site: %v", entries)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("build made %s for a folder that is not a site", out)
	}
}

// A bad flag is said once, in one line: not the flag package's message,
// the whole usage, and the message again.
func TestBadFlagSaidOnce(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--fromat", "json"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("exit %d", code)
	}
	if want := "casebook: check has no flag --fromat; did you mean --format?\n"; stderr.String() != want || stdout.Len() > 0 {
		t.Errorf("stdout %q, stderr %q, want stderr %q", stdout.String(), stderr.String(), want)
	}
}

// The summary names the output folder as the command line did, never by
// an absolute path the user did not type.
func TestSummaryNamesOutAsGiven(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	t.Chdir(filepath.Join(site, "content"))
	for _, tc := range []struct{ out, want string }{
		{"../../built", "→ ../../built\n"},
		{"", "→ ../public\n"},
	} {
		args := []string{"build", "--src", ".."}
		if tc.out != "" {
			args = append(args, "--out", tc.out)
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), tc.want) {
			t.Errorf("--out %q: exit %d, stdout %q, want it to contain %q", tc.out, code, stdout.String(), tc.want)
		}
	}
}
