package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/testsite"
)

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatalf("casebook %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// An ejected layout is the site's own: changing it changes the built site.
func TestEjectedFilesOverrideTheDefaults(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	out := runOK(t, "theme", "eject", "--src", site, "partials/footer.html", "css/casebook.css")
	if !strings.HasPrefix(out, "copied layouts/partials/footer.html\ncopied static/css/casebook.css\n\n2 files copied.") {
		t.Errorf("eject said:\n%s", out)
	}
	for _, p := range []string{"layouts/partials/footer.html", "static/css/casebook.css"} {
		got, err := os.ReadFile(filepath.Join(site, p))
		want, _ := casebook.Theme.ReadFile(p)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not the default theme's file (%v)", p, err)
		}
	}
	footer := filepath.Join(site, "layouts", "partials", "footer.html")
	os.WriteFile(footer, []byte(`<footer class="site-footer"><p>Riverbend Unified, Office of Communications</p></footer>`), 0o644)
	css := filepath.Join(site, "static", "css", "casebook.css")
	os.WriteFile(css, []byte("body { color: #111; }\n"), 0o644)

	public := filepath.Join(t.TempDir(), "public")
	runOK(t, "build", "--src", site, "--out", public, "--no-minify")
	page, _ := os.ReadFile(filepath.Join(public, "about", "index.html"))
	if !strings.Contains(string(page), "<p>Riverbend Unified, Office of Communications</p>") || strings.Contains(string(page), "footer-links") {
		t.Errorf("the built page does not use the ejected footer:\n%s", page)
	}
	if got, _ := os.ReadFile(filepath.Join(public, "css", "casebook.css")); string(got) != "body { color: #111; }\n" {
		t.Errorf("the built stylesheet is not the site's: %q", got)
	}
	list := runOK(t, "theme", "list", "--src", site)
	if !strings.Contains(list, "layouts/partials/footer.html  (the site's own file replaces it)\n") ||
		!strings.Contains(list, "layouts/partials/header.html\n") {
		t.Errorf("theme list:\n%s", list)
	}
}

func TestEjectKeepsTheSiteFilesUnlessForced(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal().With(testsite.Files{"layouts/partials/footer.html": "<footer>ours</footer>"}))
	out := runOK(t, "theme", "eject", "--src", site, "footer.html")
	if !strings.HasPrefix(out, "kept   layouts/partials/footer.html (the site has its own; --force replaces it)\n\n0 files copied.") {
		t.Errorf("eject said:\n%s", out)
	}
	if got, _ := os.ReadFile(filepath.Join(site, "layouts", "partials", "footer.html")); string(got) != "<footer>ours</footer>" {
		t.Errorf("eject replaced the site's footer: %q", got)
	}
	runOK(t, "theme", "eject", "footer.html", "--force", "--src", site)
	want, _ := casebook.Theme.ReadFile("layouts/partials/footer.html")
	if got, _ := os.ReadFile(filepath.Join(site, "layouts", "partials", "footer.html")); !bytes.Equal(got, want) {
		t.Error("--force did not replace the footer")
	}
}

func TestEjectEverything(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	out := runOK(t, "theme", "eject", "--src", site)
	files, _ := themeFiles()
	n := 0
	for _, p := range files {
		_, err := os.Stat(filepath.Join(site, p))
		if ejectedByDefault(p) {
			n++
			if err != nil {
				t.Errorf("%s was not ejected", p)
			}
		} else if err == nil {
			t.Errorf("%s was ejected without being named", p)
		}
	}
	if !strings.Contains(out, "\n"+plural(n, "file")+" copied.") {
		t.Errorf("eject said:\n%s", out)
	}
	// The site builds the same with every layout its own.
	runOK(t, "build", "--src", site, "--out", filepath.Join(t.TempDir(), "public"))
}

func TestThemeCommandErrors(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"theme", "--src", site}, "casebook: theme needs a subcommand: list or eject\n"},
		{[]string{"theme", "ejct", "--src", site}, "casebook: unknown theme subcommand \"ejct\"; use list or eject (did you mean `eject`?)\n"},
		{[]string{"theme", "eject", "foter.html", "--src", site}, "casebook: the default theme has no file \"foter.html\"; `casebook theme list` shows them (did you mean `footer.html`?)\n"},
		{[]string{"theme", "eject", "list.html", "--src", site}, "casebook: \"list.html\" names 7 files (layouts/case-studies/list.html, layouts/districts/list.html, layouts/journey/list.html, layouts/list.html, layouts/problems/list.html, layouts/resources/list.html, layouts/themes/list.html); give its folder too\n"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", tc.args, code, exitUsage)
		}
		if !strings.HasSuffix(stderr.String(), tc.want) {
			t.Errorf("%v: stderr\n%q\nwant it to end\n%q", tc.args, stderr.String(), tc.want)
		}
	}
}

func TestEjectRefusesALinkOutOfTheSite(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	elsewhere := t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(site, "layouts")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"theme", "eject", "--src", site, "partials/footer.html"}, &stdout, &stderr); code == exitOK {
		t.Fatalf("eject wrote through a link out of the site:\n%s", stdout.String())
	}
	if !strings.Contains(stderr.String(), "layouts/partials leads outside the site through a symbolic link") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) > 0 {
		t.Errorf("eject wrote %d entries outside the site", len(entries))
	}
}
