package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/site"
)

// helpShown is the error a command returns for --help: its usage, which
// run prints to stdout, since the user asked for it.
type helpShown struct{ usage string }

func (h *helpShown) Error() string { return "help shown" }

// newFlags makes a flag set whose errors parseFlags reports, once. Its
// Usage prints to stderr, for a command called wrongly.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: casebook %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning -h into helpShown and bad flags into a
// usage error; stray arguments are an error too, since casebook takes none.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		if fs.Lookup("src") != nil && fsutil.IsDir(fs.Arg(0)) {
			return &usageError{Msg: fmt.Sprintf("unexpected argument %q; to name the site folder, write --src %s", fs.Arg(0), fs.Arg(0))}
		}
		return &usageError{Msg: fmt.Sprintf("unexpected argument %q (flags go before it? see casebook %s --help)", fs.Arg(0), fs.Name())}
	}
	return nil
}

// parse runs fs.Parse with what the flag package prints caught: the usage,
// for --help, and on a bad flag its error and the usage, which parse's
// caller says once, shorter.
func parse(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	var printed strings.Builder
	fs.SetOutput(&printed)
	err := fs.Parse(args)
	fs.SetOutput(out)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return &helpShown{usage: printed.String()}
	case err != nil:
		return &usageError{Msg: flagProblem(fs, err)}
	}
	return nil
}

// flagProblem words a flag package error, with the flag meant when one is
// misspelt, and where to look.
func flagProblem(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		msg = fmt.Sprintf("%s has no flag --%s", fs.Name(), name)
		if s := diag.Suggest(name, names); s != "" {
			return fmt.Sprintf("%s; did you mean --%s?", msg, s)
		}
	} else if m := flagValueErr.FindStringSubmatch(msg); m != nil {
		// The flag package names flags with one dash; casebook's help and
		// messages with two.
		switch {
		case m[1] != "":
			msg = fmt.Sprintf("--%s needs a value", m[1])
		case m[2] == "boolean ":
			msg = fmt.Sprintf("--%s takes no value; write --%s alone, or --%s=false", m[4], m[4], m[4])
		default:
			msg = fmt.Sprintf("--%s %s: %s", m[4], m[3], m[5])
		}
	}
	return fmt.Sprintf("%s; see casebook %s --help", msg, fs.Name())
}

// flagValueErr matches the flag package's errors about a flag's value:
// "flag needs an argument: -out", `invalid value "x" for flag -theme: …`
// and `invalid boolean value "x" for -drafts: …`.
var flagValueErr = regexp.MustCompile(`^(?:flag needs an argument: -(\S+)|invalid (boolean )?value ("[^"]*") for (?:flag )?-(\S+): (.*))$`)

// parseInterleaved parses args whose flags may come before, between or
// after the positional arguments, and returns those arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", "build [--src DIR] [--out DIR] [--base-url URL] [--drafts] [--no-minify]", stderr)
	opts := build.Options{Theme: casebook.Theme}
	fs.StringVar(&opts.Src, "src", ".", "the site folder (holding casebook.toml and content/)")
	fs.StringVar(&opts.Out, "out", "", "where to write the site (default: public/ inside the site folder)")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the address the site will be published at, overriding base_url in casebook.toml")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft: true")
	fs.BoolVar(&opts.NoMinify, "no-minify", false, "write readable, unminified files")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkSrc(opts.Src); err != nil {
		return err
	}
	if opts.BaseURL != "" {
		if err := config.CheckBaseURL(opts.BaseURL); err != nil {
			return &usageError{Msg: err.Error()}
		}
	}
	var diags diag.List
	res, err := build.Build(opts, &diags)
	printDiagnostics(stderr, &diags, opts.Drafts)
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		errs, warns := diags.Count()
		fmt.Fprintf(stderr, "build failed: %s, %s; nothing was written\n", plural(errs, "error"), plural(warns, "warning"))
		return errContent
	}
	printSummary(stdout, res, &diags, opts.Drafts)
	return nil
}

// someOf lists the first max names and how many more there are.
func someOf(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
}

// warningsShown is how many warnings with one message build and serve
// print; check prints every one.
const warningsShown = 3

// printDiagnostics prints diags for build and serve: every error, and of
// the warnings that share a message the first warningsShown, saying how
// many more check lists (with --drafts, as the build had drafts).
func printDiagnostics(w io.Writer, diags *diag.List, drafts bool) {
	if left := diags.PrintBrief(w, warningsShown); left > 0 {
		fmt.Fprintf(w, "…and %s like those above; `%s` lists them all\n", plural(left, "more warning"), checkCommand(drafts))
	}
}

// checkCommand is the check that reports what a build with or without
// drafts reported.
func checkCommand(drafts bool) string {
	if drafts {
		return "casebook check --drafts"
	}
	return "casebook check"
}

func printSummary(w io.Writer, res *build.Result, diags *diag.List, drafts bool) {
	s := res.Site
	parts := []string{
		plural(len(s.CaseStudies), "case study"), plural(len(s.Problems), "pair"),
		plural(len(s.Themes), "theme"), plural(len(s.Stages), "stage"),
		plural(len(s.Districts), "district"), plural(len(s.Resources), "resource"),
		plural(len(s.Plain), "page"),
	}
	_, warns := diags.Count()
	out := res.Out // as the command line named it, or the site folder and public/
	if rel, err := filepath.Rel(".", res.Out); err == nil && !strings.HasPrefix(rel, "..") {
		out = rel
	}
	fmt.Fprintf(w, "built %s (%s files) with %s in %s → %s\n", strings.Join(parts, ", "), fmt.Sprint(res.Files),
		plural(warns, "warning"), res.Duration.Round(time.Millisecond), out)
	if base := s.Config.BasePath; base != "/" {
		// Crawlers read robots.txt at the host's root only, which a site
		// under a path does not own: the sitemap must be named there.
		fmt.Fprintf(w, "note: the site lives under %s, so crawlers will not read its robots.txt; "+
			"add this line to the robots.txt at the root of the host: Sitemap: %s\n", base, sitemapURL(s.Config))
	}
	if located := res.Pictures.Located; len(located) == 1 {
		fmt.Fprintf(w, "note: 1 picture recorded where it was taken (%s); casebook removed that, with the rest of its metadata, before publishing it\n", located[0])
	} else if len(located) > 1 {
		fmt.Fprintf(w, "note: %d pictures recorded where they were taken (%s); casebook removed that, with the rest of their metadata, before publishing them\n", len(located), someOf(located, 3))
	}
	if n := placeholderPages(diags); n > 0 {
		fmt.Fprintf(w, "note: %s still %s placeholder text from `casebook new` (`%s` gives each line)\n",
			plural(n, "page"), map[bool]string{true: "has", false: "have"}[n == 1], checkCommand(drafts))
	}
	printTranslations(w, res.Translations, false)
	if gaps := s.Gaps(); len(gaps) > 0 {
		fmt.Fprintln(w, "gaps an editor may want to fill:")
		for _, g := range gaps {
			fmt.Fprintf(w, "  %s\n", g)
		}
	}
}

// printTranslations says how far each edition in another language is
// translated; in full, with the pages left to translate and those whose
// source changed, as check prints it.
func printTranslations(w io.Writer, editions []build.Translations, full bool) {
	for _, t := range editions {
		line := fmt.Sprintf("%s: %d of %s translated", t.Lang, t.Translated, plural(t.Pages, "page"))
		if n := len(t.Stale); n > 0 {
			line += fmt.Sprintf(", %d of them from an older version of the page (the warnings above say what changed)", n)
		}
		if n := len(t.Missing); n > 0 && !full {
			line += fmt.Sprintf("; %d not yet, which `casebook check` lists", n)
		}
		fmt.Fprintln(w, line)
		if !full {
			continue
		}
		if len(t.Missing) > 0 {
			fmt.Fprintf(w, "  not translated into %s yet (readers of /%s/ see them in the original, under a notice):\n", t.Lang, t.Lang)
			for _, m := range t.Missing {
				fmt.Fprintf(w, "    %s\n", m)
			}
		}
		if len(t.Stale) > 0 {
			fmt.Fprintf(w, "  translated from an older version:\n")
			for _, st := range t.Stale {
				when := ""
				if !st.Changed.IsZero() {
					when = ", changed " + st.Changed.Format("2006-01-02")
				}
				fmt.Fprintf(w, "    %s (%s%s)\n", st.Path, st.Source, when)
			}
		}
	}
}

// placeholderPages counts the pages with placeholder warnings.
func placeholderPages(diags *diag.List) int {
	pages := map[string]bool{}
	for _, d := range diags.Items() {
		if d.Message == site.PlaceholderMessage {
			pages[d.Path] = true
		}
	}
	return len(pages)
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	many := one + "s"
	if strings.HasSuffix(one, "y") && !strings.HasSuffix(one, "ay") {
		many = one[:len(one)-1] + "ies"
	}
	return fmt.Sprintf("%d %s", n, many)
}

// sitemapURL is the address of the site's sitemap, in full when the base
// URL names the host.
func sitemapURL(cfg *config.Config) string {
	return strings.TrimSuffix(cfg.BaseURL, "/") + "/sitemap.xml"
}
