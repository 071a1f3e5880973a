// Package build runs the pipeline: config, content, site graph, render, and
// then writes the outputs, minified, into a staging folder that replaces the
// output folder only when everything succeeded.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// Options say what to build and how.
type Options struct {
	Src      string // site root
	Out      string // output folder; "" means Src/public
	BaseURL  string // overrides the config's base_url when set
	Drafts   bool
	NoMinify bool
	Theme    fs.FS // the default theme: layouts/ and static/
}

// SoftMemoryLimit is the heap size the command line asks the Go runtime to
// stay under unless GOMEMLIMIT says otherwise. Without it, a large build's
// heap grows to twice its live data before collecting; with it, collection
// starts earlier. It is a soft limit: a site whose live data outgrows it
// gets slower collection, never a failure.
const SoftMemoryLimit = 256 << 20

// Result describes a finished (or failed) run.
type Result struct {
	Site     *site.Site
	Outputs  []render.Output
	Files    int
	Out      string
	Duration time.Duration
}

// Load runs the pipeline up to the output plan, writing nothing: it is what
// `check` runs, and the first half of a build.
func Load(opts Options, diags *diag.List) (*Result, error) {
	start := time.Now()
	cfg, err := config.Load(opts.Src, diags)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, &UsageError{Msg: err.Error()}
		}
	}
	if opts.NoMinify {
		cfg.Minify = false
	}
	loaded, err := content.Load(opts.Src, content.Options{Drafts: opts.Drafts}, diags)
	if err != nil {
		return nil, err
	}
	r, err := render.New(render.NewTheme(opts.Theme, opts.Src), cfg, diags)
	if err != nil {
		return nil, err
	}
	s, err := site.Build(cfg, loaded, site.Options{Converter: markdown.New(cfg.UnsafeHTML), StaticExists: r.StaticExists()}, diags)
	if err != nil {
		return nil, err
	}
	return &Result{Site: s, Outputs: r.Plan(s), Duration: time.Since(start)}, nil
}

// Check runs the whole pipeline, rendering every output, and writes
// nothing: every diagnostic a build would report, including template
// problems, without touching the output folder.
func Check(opts Options, diags *diag.List) (*Result, error) {
	res, err := Load(opts, diags)
	if err != nil || diags.HasErrors() {
		return res, err
	}
	discard := func(render.Output, []byte) error { return nil }
	return res, renderAll(res.Outputs, false, discard, diags)
}

// UsageError is a problem with how casebook was called.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Build loads the site and, when it has no errors, writes it to the output
// folder. With errors, the output folder is left exactly as it was.
func Build(opts Options, diags *diag.List) (*Result, error) {
	start := time.Now()
	if opts.Out == "" {
		opts.Out = filepath.Join(opts.Src, "public")
	}
	if err := CheckOutput(opts.Src, opts.Out); err != nil {
		return nil, err
	}
	res, err := Load(opts, diags)
	if err != nil || diags.HasErrors() {
		return res, err
	}
	res.Out = opts.Out
	if err := publish(res, opts.Out, res.Site.Config.Minify, diags); err != nil {
		return res, err
	}
	res.Files = len(res.Outputs) + 1
	res.Duration = time.Since(start)
	return res, nil
}

// publish renders every output into a staging folder beside out and swaps
// it in; out is never written in place, so a failed build leaves it as it
// was. The staging folder is the build before last, kept as a spare: on
// most disks creating and deleting thousands of files costs far more than
// overwriting them, so reusing the spare makes a rebuild mostly overwrites.
func publish(res *Result, out string, minify bool, diags *diag.List) error {
	staging, previous, err := stagingFolder(out)
	if err != nil {
		return err
	}
	planned := make([]string, len(res.Outputs))
	for i, o := range res.Outputs {
		planned[i] = o.Path
	}
	// Until the build is done, the marker lists every file that may be in
	// the folder, so a crash leaves nothing a later build cannot clean up.
	if err := writeMarker(staging, union(previous, planned)); err != nil {
		return err
	}
	var renderDiags diag.List
	if err := renderAll(res.Outputs, minify, toFolder(staging), &renderDiags); err != nil {
		return err
	}
	diags.Merge(renderDiags)
	if renderDiags.HasErrors() {
		return nil
	}
	if err := removeStale(staging, previous, planned); err != nil {
		return err
	}
	if err := writeMarker(staging, planned); err != nil {
		return err
	}
	return swap(staging, out)
}

// sparePath is where the build before last is kept, beside out.
func sparePath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".casebook-spare")
}

// stagingFolder returns the spare folder when casebook wrote it, with the
// files its marker lists, or else a new empty folder beside out.
func stagingFolder(out string) (dir string, files []string, err error) {
	spare := sparePath(out)
	if files, err := readMarker(spare); err == nil {
		return spare, files, nil
	}
	if err := os.MkdirAll(filepath.Dir(spare), 0o755); err != nil {
		return "", nil, fmt.Errorf("cannot create the folder for %s: %w", out, err)
	}
	if _, statErr := os.Lstat(spare); statErr == nil {
		// Something else sits at the spare's name: leave it alone and
		// stage in a fresh folder.
		dir, err = os.MkdirTemp(filepath.Dir(spare), filepath.Base(spare)+"-")
	} else {
		dir, err = spare, os.Mkdir(spare, 0o755)
	}
	if err != nil {
		return "", nil, fmt.Errorf("cannot create a staging folder beside %s: %w", out, err)
	}
	return dir, nil, nil
}

// swap moves staging into out's place. The old output becomes the spare
// for the next build; it is moved aside before the new one moves in, so at
// every moment out is either the whole old build or the whole new one.
func swap(staging, out string) error {
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	if _, err := os.Lstat(out); os.IsNotExist(err) {
		return os.Rename(staging, out)
	}
	aside, err := os.MkdirTemp(filepath.Dir(staging), filepath.Base(sparePath(out))+"-old-")
	if err != nil {
		return err
	}
	if err := os.Remove(aside); err != nil { // only the unique name is wanted
		return err
	}
	if err := os.Rename(out, aside); err != nil {
		return fmt.Errorf("cannot move the previous %s aside: %w", out, err)
	}
	if err := os.Rename(staging, out); err != nil {
		_ = os.Rename(aside, out)
		return fmt.Errorf("cannot move the new build into %s: %w", out, err)
	}
	spare := sparePath(out)
	if _, err := os.Lstat(spare); err == nil {
		return os.RemoveAll(aside) // the spare's name is taken by something else
	}
	return os.Rename(aside, spare)
}

// sink receives one rendered output. b is only valid during the call: it
// belongs to a pooled buffer.
type sink func(o render.Output, b []byte) error

// buffers recycles the buffers pages are rendered and minified into.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 4<<20 {
		return // let the rare huge page's buffer go rather than keep it forever
	}
	b.Reset()
	buffers.Put(b)
}

// toFolder writes outputs under dir.
func toFolder(dir string) sink {
	return func(o render.Output, b []byte) error {
		dest, err := inside(dir, o.Path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dest, b, 0o644)
	}
}

// renderAll renders and minifies the outputs in parallel and hands each to
// sink. Template problems go to diags; the error is for system failures.
func renderAll(outs []render.Output, minify bool, put sink, diags *diag.List) error {
	m := newMinifier()
	workers := runtime.GOMAXPROCS(0)
	lists := make([]diag.List, workers)
	errs := make([]error, workers)
	next := make(chan int, 64)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range next {
				if errs[w] == nil {
					errs[w] = renderOne(outs[i], minify, m, put, &lists[w])
				}
			}
		})
	}
	for i := range outs {
		next <- i
	}
	close(next)
	wg.Wait()
	for w := range workers {
		diags.Merge(lists[w])
	}
	return errors.Join(errs...)
}

func renderOne(o render.Output, minify bool, m *minifier, put sink, diags *diag.List) error {
	in := getBuffer()
	defer putBuffer(in)
	ok, err := o.Render(in, diags)
	if err != nil || !ok {
		return err
	}
	if !minify || o.Media == "" {
		return put(o, in.Bytes())
	}
	out := getBuffer()
	defer putBuffer(out)
	if err := m.minify(o.Media, out, in); err != nil {
		return fmt.Errorf("minifying %s: %w", o.Path, err)
	}
	return put(o, out.Bytes())
}

// inside joins dir and a slash path, refusing any path that would land
// outside dir. Output paths come from slugs and file names that were already
// checked; this is the last line of defence.
func inside(dir, rel string) (string, error) {
	local := filepath.FromSlash(rel)
	dest := filepath.Join(dir, local)
	if r, err := filepath.Rel(dir, dest); !filepath.IsLocal(local) || err != nil || r == "." || !filepath.IsLocal(r) {
		return "", fmt.Errorf("refusing to write %q: it is outside the output folder", rel)
	}
	return dest, nil
}
