package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/testsite"
)

// `casebook new --lang es PAGE` starts a translation beside the page: its
// text in place, its version recorded, a draft until it is translated.
// Once translated and published, the site checks clean; once its source
// changes, check says so.
func TestNewTranslation(t *testing.T) {
	dir := testsite.Write(t, testsite.Minimal().With(testsite.Files{
		"casebook.toml": "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguages = [\"en\", \"es\"]\n",
	}))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "--lang", "es", "content/case-studies/mentors.md", "--src", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	wantOut := "created content/case-studies/mentors.es.md, the es translation of content/case-studies/mentors.md, as a draft\n" +
		"  translate its text, then remove `draft: true` to publish it under /es/\n"
	if stdout.String() != wantOut {
		t.Errorf("output:\n%s\nwant:\n%s", stdout.String(), wantOut)
	}
	path := filepath.Join(dir, "content", "case-studies", "mentors.es.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `---
# The es translation of mentors.md. Translate the text of each field below
# and the body; everything else (references, dates, the picture) comes
# from mentors.md. translation_of says which version of it this
# translates: keep it, and casebook warns when that page changes.
# Remove draft: true once it is translated, to publish it.
translation_of: c0ddbdb27bf3
draft: true
title: Mentors for English learners
summary: Mentoring lifted graduation.
# Translate each lesson's text; its theme stays the source's.
lessons:
  - theme: equity-vision
    text: Name the goal.
  - theme: staff-capacity
    text: Train the mentors.
---
## What they tried

See [the pair](../problems/el-graduation.md) and [who came](../journey/design-studios.md#who-came).
`
	if string(b) != want {
		t.Errorf("the translation starts as\n%s\nwant\n%s", b, want)
	}
	if got := checkSite(t, dir); len(got) != 0 {
		t.Errorf("a new draft translation is reported: %v", got)
	}
	// Translated and published.
	text := strings.NewReplacer("draft: true\n", "", "title: Mentors for English learners", "title: Mentores",
		"Name the goal.", "Nombrar la meta.", "## What they tried", "## Lo que probaron").Replace(string(b))
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := checkSite(t, dir); len(got) != 0 {
		t.Errorf("the translated page is reported: %v", got)
	}
	// The source changes.
	src := filepath.Join(dir, "content", "case-studies", "mentors.md")
	old, _ := os.ReadFile(src)
	if err := os.WriteFile(src, []byte(strings.Replace(string(old), "Train the mentors.", "Train and pay the mentors.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	got := checkSite(t, dir)
	if len(got) != 1 || !strings.HasPrefix(got[0], "content/case-studies/mentors.es.md:7:17: warning: content/case-studies/mentors.md changed on ") {
		t.Errorf("after the source changed: %v", got)
	}

	// What new refuses.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"content/case-studies/mentors.md"}, "content/case-studies/mentors.es.md already exists"},
		{[]string{"content/case-studies/gone.md"}, "the site has no content/case-studies/gone.md to translate"},
		{[]string{"content/case-studies/mentors.es.md"}, "is a translation already"},
		{[]string{"mentors"}, "mentors is not a page of the site"},
	} {
		stderr.Reset()
		if code := run(append([]string{"new", "--lang", "es", "--src", dir}, tc.args...), &stdout, &stderr); code == exitOK || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("new --lang es %v: exit %d, %q; want it refused with %q", tc.args, code, stderr.String(), tc.want)
		}
	}
	stderr.Reset()
	if code := run([]string{"new", "--lang", "en", "--src", dir, "content/about.md"}, &stdout, &stderr); code == exitOK || !strings.Contains(stderr.String(), "the site's default language") {
		t.Errorf("a translation into the default language: exit %d, %q", code, stderr.String())
	}
}

// A translation into a language the site does not list is made, but the
// output says what publishing it takes, rather than that it will be
// published under /fr/.
func TestNewTranslationIntoAnUnlistedLanguage(t *testing.T) {
	dir := testsite.Write(t, testsite.Minimal())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "--lang", "fr", "content/case-studies/mentors.md", "--src", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	want := "created content/case-studies/mentors.fr.md, the fr translation of content/case-studies/mentors.md, as a draft\n" +
		"  translate its text and remove `draft: true`; to publish it under /fr/, set `languages = [\"en\", \"fr\"]` in casebook.toml too\n"
	if stdout.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", stdout.String(), want)
	}
}
