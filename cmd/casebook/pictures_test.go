package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/testsite"
)

// The build summary says how many published pictures recorded where they
// were taken, once per picture however many widths it has.
func TestBuildSummaryCountsLocations(t *testing.T) {
	photo, err := os.ReadFile("../../internal/images/testdata/photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	dir := testsite.Write(t, testsite.Minimal().With(testsite.Files{
		"content/about.md":      "---\ntitle: About\n---\n![The team at the spring open house](team.jpg)\n\n![The school garden](garden.jpg)\n",
		"content/team.jpg":      string(photo),
		"content/garden.jpg":    testsite.Picture("jpeg", 900, 600),
		"static/img/banner.jpg": string(photo),
		"static/img/no-gps.png": testsite.Picture("png", 20, 20),
	}))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--src", dir}, &stdout, &stderr); code != exitOK {
		t.Fatal(stderr.String())
	}
	want := "\nnote: 2 pictures recorded where they were taken (content/team.jpg, static/img/banner.jpg); casebook removed that, with the rest of their metadata, before publishing them\n"
	if !strings.Contains(stdout.String(), want) {
		t.Errorf("build said %q, want it to contain %q", stdout.String(), want)
	}
}
