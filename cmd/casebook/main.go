// Command casebook builds a district equity casebook: markdown case studies,
// problem-of-practice pairs and journey stages into a cross-linked static site.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/publish"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the build failed: content errors, or the system; nothing was published
	exitUsage   = 2 // casebook was called wrongly, including an --out it must not write
)

// version is set at release time with -ldflags "-X main.version=..."
// (go run ./internal/release); `casebook version` prints buildVersion.
var version = "dev"

const usage = `casebook builds a district equity casebook into a static site.

Usage:
  casebook build   [--src DIR] [--out DIR] [--base-url URL] [--drafts] [--no-minify]
  casebook check   [--src DIR] [--drafts] [--format text|json]
  casebook serve   [--src DIR] [--addr 127.0.0.1:1313] [--drafts] [--poll]
  casebook new     case-study|problem|stage|district|resource|theme "Title" [--src DIR]
                   [--district SLUG] [--theme SLUG]... [--stage SLUG]... [--summary TEXT] [--set FIELD=VALUE]...
  casebook new     site DIR
  casebook schema  [--src DIR] --out DIR [--force]
  casebook theme   list|eject [--src DIR] [--force] [FILE...]
  casebook version
  casebook help

Run "casebook help build" for a command's flags.
`

func main() {
	if os.Getenv("GOGC") == "" {
		build.PaceGC()
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a command and maps its outcome to an exit code; it is the
// only place that knows about exit codes.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "build":
		err = runBuild(rest, stdout, stderr)
	case "check":
		err = runCheck(rest, stdout, stderr)
	case "schema":
		err = runSchema(rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "casebook %s\n", buildVersion())
	case "help", "-h", "--help":
		if len(rest) > 0 && !slices.Contains([]string{"help", "-h", "--help"}, rest[0]) {
			return run([]string{rest[0], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
	case "new":
		err = runNew(rest, stdout, stderr)
	case "serve":
		err = runServe(rest, stdout, stderr)
	case "theme":
		err = runTheme(rest, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "casebook: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	if h, ok := errors.AsType[*helpShown](err); ok {
		fmt.Fprint(stdout, h.usage)
		return exitOK
	}
	return exitCode(err, stderr)
}

// usageError is a problem with how casebook was called: a bad flag, a
// missing argument.
type usageError struct{ Msg string }

func (e *usageError) Error() string { return e.Msg }

// errContent means the run printed content diagnostics with errors.
var errContent = errors.New("content errors")

func exitCode(err error, stderr io.Writer) int {
	var usageErr *usageError
	var refused *publish.RefusedError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errContent):
		return exitContent
	case errors.As(err, &usageErr):
		// Several problems (errors.Join) are a line each, each marked.
		for _, line := range strings.Split(usageErr.Msg, "\n") {
			fmt.Fprintf(stderr, "casebook: %s\n", line)
		}
		return exitUsage
	case errors.As(err, &refused):
		// An output folder casebook must not write is a matter of how it
		// was called (--out), not of the content.
		fmt.Fprintln(stderr, refused.Diagnostic())
		return exitUsage
	}
	// A system failure (a disk error, a folder that cannot be created):
	// the build failed and, as with content errors, nothing was published.
	fmt.Fprintf(stderr, "casebook: error: %v\n", err)
	return exitContent
}

// checkSiteSrc is checkSrc for the commands that have nothing to do in a
// folder without casebook.toml: it says so, as config.NotSite words it.
func checkSiteSrc(src string) error {
	if err := checkSrc(src); err != nil {
		return err
	}
	if !config.IsSite(src) {
		return config.NotSite(src)
	}
	return nil
}

// checkSrc says what is wrong with a --src that names no folder at all,
// in one line, where loading the site would report a missing
// casebook.toml and a missing content/ folder as two problems of a site.
func checkSrc(src string) error {
	if src == "" {
		return nil // the current folder, as loading reads it
	}
	info, err := os.Stat(src)
	switch {
	case errors.Is(err, fs.ErrNotExist) && fsutil.BrokenLink(src):
		return &usageError{Msg: fmt.Sprintf("--src %s: it is a symbolic link to a folder that is not there; pass the folder holding the site's casebook.toml", src)}
	case errors.Is(err, fs.ErrNotExist):
		return &usageError{Msg: fmt.Sprintf("--src %s: there is no such folder; pass the folder holding the site's casebook.toml", src)}
	case err == nil && !info.IsDir():
		return &usageError{Msg: fmt.Sprintf("--src %s: it is a file; pass the folder holding the site's casebook.toml", src)}
	case fsutil.IsLoop(err):
		return &usageError{Msg: fmt.Sprintf("--src %s: it is reached through symbolic links that lead round in a loop; pass the folder holding the site's casebook.toml", src)}
	}
	return nil // anything else is for loading the site to report
}
