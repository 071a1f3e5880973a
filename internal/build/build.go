// Package build runs the pipeline: config, content, site graph, render, and
// then hands the outputs, minified, to package publish, which changes the
// output folder only when everything succeeded.
package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/gcpace"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/minify"
	"github.com/casebook/casebook/internal/packed"
	"github.com/casebook/casebook/internal/publish"
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
	// PictureCache is where picture widths are kept between builds; ""
	// means the site's own .casebook/cache/images.
	PictureCache string
}

// GCPercent is how the command line asks the Go runtime to collect during
// a build, unless GOGC says otherwise. By default the heap grows to twice
// its live data before a collection; at half, a build's peak stays at about
// one and a half times its live data.
//
// The memory limit follows the live data too (see GCLeastLimit): a fixed
// limit below a site's live data makes the runtime collect nonstop. A
// limit in GOMEMLIMIT is honored instead.
const GCPercent = 50

// GCHeadroom is the least the heap grows by between collections. At
// GCPercent alone, a heap of a few megabytes, as every build's is while
// it loads, is collected every megabyte or two: a 10,000-case-study build
// collected 141 times, and 39 with the headroom, for a tenth less CPU and
// the same peak; a 1,000-case-study build takes 0.7 times as long, and
// its peak grows from about 60 MB to about 105 MB.
const GCHeadroom = 64 << 20

// GCLeastLimit is the least memory limit the pacer sets (see gcpace):
// all told, a build may hold this much, or its live data and half again
// when that is more, before the runtime collects early and hands freed
// memory back. A 100,000-case-study build peaked at 1,234 to 1,270 MB
// without it and at 970 to 975 MB with it, taking 1.08 times as long
// (median of five alternating pairs).
const GCLeastLimit = 960 << 20

// PaceGC paces the collector as the command line does (GCPercent, with
// GCHeadroom) until stop is called.
func PaceGC() (stop func()) { return gcpace.Start(GCPercent, GCHeadroom, GCLeastLimit).Stop }

// Result describes a finished (or failed) run.
type Result struct {
	Site *site.Site
	// Editions are the site in each of its languages, the default (Site)
	// first; Translations says how far each other one is translated.
	Editions     []*site.Site
	Translations []Translations
	Outputs      []render.Output
	Files        int
	Out          string
	Duration     time.Duration
	Pictures     PictureStats
}

// PictureStats says what a build did with the site's pictures.
type PictureStats struct {
	// Located lists the originals that recorded where they were taken:
	// published without it.
	Located []string
	// Resized counts the pictures resized; FromCache the widths found
	// made by an earlier build.
	Resized, FromCache int64
}

// pictureCacheDir is where a site's picture widths are kept: in the
// folder casebook owns inside it, unless opts say otherwise.
func pictureCacheDir(opts Options) string {
	if opts.PictureCache != "" {
		return opts.PictureCache
	}
	return filepath.Join(opts.Src, filepath.FromSlash(images.CacheDir))
}

func pictureCache(opts Options) *images.Cache { return images.NewCache(pictureCacheDir(opts)) }

// Load runs the pipeline up to the output plan, writing nothing: the first
// half of both Build and Check.
func Load(opts Options, diags *diag.List) (*Result, error) {
	start := time.Now()
	g, err := graph(opts, nil, diags)
	if err != nil || g == nil {
		return nil, err
	}
	// The widths builds made are read; what is made here stays in memory
	// (with no cache folder yet, in the process's own).
	if dir := pictureCacheDir(opts); fsutil.IsDir(dir) {
		g.editions[0].r.SetPictureCache(images.NewReadOnlyCache(dir))
	}
	res := g.result()
	for _, e := range g.editions {
		res.Outputs = append(res.Outputs, e.r.Plan(e.site, nil, diags)...)
	}
	res.Duration = time.Since(start)
	return res, nil
}

// result is the part of a Result the graph gives.
func (g *graphs) result() *Result {
	res := &Result{Site: g.editions[0].site, Translations: g.translations}
	for _, e := range g.editions {
		res.Editions = append(res.Editions, e.site)
	}
	return res
}

// Graph runs the pipeline up to the site graph: what the search index
// benchmark needs, with every page's text, before planning releases it.
func Graph(opts Options, diags *diag.List) (*site.Site, error) {
	g, err := graph(opts, nil, diags)
	if g == nil {
		return nil, err
	}
	return g.editions[0].site, err
}

// loadConfig reads the site's casebook.toml with the command line's
// overrides applied: what Build and a Session both start from.
func loadConfig(opts Options, diags *diag.List) (*config.Config, error) {
	cfg, err := config.Load(opts.Src, diags)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, fmt.Errorf("--base-url: %w", err)
		}
	}
	if opts.NoMinify {
		cfg.Minify = false
	}
	return cfg, nil
}

// converter turns bodies into HTML, minified when the site is, to go into
// layouts that were minified as they loaded.
func converter(cfg *config.Config) *markdown.Converter {
	c := markdown.New(cfg.UnsafeHTML)
	if cfg.Minify {
		c = c.Minified(minifier)
	}
	return c
}

// minifier is shared: it holds only its settings.
var minifier = minify.New()

// graphs are the site graph of every edition of the site, with their
// renderers.
type graphs struct {
	editions     []edition
	translations []Translations
}

// graph loads the site and builds its editions' graphs. spill, when not
// nil, keeps their bodies out of memory (see site.Options.Spill).
func graph(opts Options, spill *packed.Spill, diags *diag.List) (*graphs, error) {
	cfg, err := loadConfig(opts, diags)
	if err != nil || !config.IsSite(opts.Src) {
		return nil, err // a folder that is not a site has nothing more worth saying
	}
	loaded, err := content.Load(opts.Src, content.Options{Drafts: opts.Drafts, Lean: true}, diags)
	if err != nil {
		return nil, err
	}
	r, err := render.New(render.NewTheme(opts.Theme, opts.Src), cfg, diags)
	if err != nil {
		return nil, err
	}
	s, err := site.Build(cfg, loaded, site.Options{Converter: converter(cfg), StaticExists: r.StaticExists(), Root: opts.Src, Words: r.Words(), Spill: spill}, diags)
	if err != nil || s == nil {
		return nil, err
	}
	all, status, err := editions(opts, cfg, loaded, edition{site: s, r: r}, nil, spill, diags)
	if err != nil {
		return nil, err
	}
	return &graphs{editions: all, translations: status}, nil
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

// Render renders every output into memory, minified when the site asks for
// it: what the development server serves. Template problems go to diags.
func Render(res *Result, diags *diag.List) (map[string][]byte, error) {
	files := make(map[string][]byte, len(res.Outputs))
	var mu sync.Mutex
	keep := func(o render.Output, b []byte) error {
		c := bytes.Clone(b) // b belongs to a pooled buffer
		mu.Lock()
		files[o.Path] = c
		mu.Unlock()
		return nil
	}
	err := renderAll(res.Outputs, res.Site.Config.Minify, keep, diags)
	return files, err
}

// Build loads the site and, when it has no errors, writes it to the output
// folder. With errors, the output folder is left exactly as it was, and
// nothing is left beside it.
func Build(opts Options, diags *diag.List) (*Result, error) {
	start := time.Now()
	if opts.Out == "" {
		opts.Out = filepath.Join(opts.Src, "public")
	}
	st, err := publish.Begin(opts.Src, opts.Out)
	if err != nil {
		return nil, err
	}
	defer st.Abort()
	// The bodies, and the cards that lists show, wait for their pages in
	// the staging folder, which closes and removes the file: every page
	// is written by then.
	spillFile, err := st.Scratch("bodies")
	if err != nil {
		return nil, err
	}
	spill := packed.NewSpill(spillFile)
	g, err := graph(opts, spill, diags)
	if err != nil || g == nil {
		return nil, err
	}
	res := g.result()
	res.Out = opts.Out
	if diags.HasErrors() {
		return res, nil
	}
	s, r := g.editions[0].site, g.editions[0].r
	cache := pictureCache(opts)
	r.SetPictureCache(cache)
	var now []render.Output
	var laters []func(*diag.List) []render.Output
	for _, e := range g.editions {
		e.r.SpillPartials(spill, render.PartialsKept)
		n, l := e.r.PlanBuild(e.site, diags)
		now, laters = append(now, n...), append(laters, l)
	}
	later := func(diags *diag.List) []render.Output {
		var outs []render.Output
		for _, l := range laters {
			outs = append(outs, l(diags)...)
		}
		return outs
	}
	res.Outputs = now
	if diags.HasErrors() {
		later(diags) // let the index finish
		return res, nil
	}
	var renderDiags, laterDiags diag.List
	put := func(o render.Output, b []byte) error { return st.Put(o.Path, b) }
	// The search index builds meanwhile; its files and the search page
	// render among the pages as soon as it is ready, so that its bytes
	// go as early as they can.
	ready := make(chan []render.Output, 1)
	go func() { ready <- later(&laterDiags) }()
	rest, err := renderAllThen(now, ready, s.Config.Minify, put, &renderDiags)
	diags.Merge(laterDiags)
	res.Outputs = append(res.Outputs, rest...)
	if err != nil {
		return res, err
	}
	diags.Merge(renderDiags)
	if renderDiags.HasErrors() || diags.HasErrors() {
		return res, nil
	}
	if err := st.Commit(); err != nil {
		return res, err
	}
	// Only after a whole build is it known which widths no page shows.
	// A cache that cannot be pruned costs disk space, not correctness.
	_, _ = cache.Prune()
	res.Pictures = PictureStats{Located: r.LocationsRemoved(), Resized: cache.Resized(), FromCache: cache.Hits()}
	res.Files = len(res.Outputs)
	res.Duration = time.Since(start)
	return res, nil
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

// renderAll renders and minifies the outputs in parallel and hands each to
// sink. Template problems go to diags; the error is for system failures.
func renderAll(outs []render.Output, minify bool, put sink, diags *diag.List) error {
	_, err := renderAllThen(outs, nil, minify, put, diags)
	return err
}

// renderAllThen is renderAll, and also renders the outputs ready sends
// (once; nil for none), which come before the rest of outs the moment
// they are there. It returns them, and always waits for them.
func renderAllThen(outs []render.Output, ready <-chan []render.Output, minify bool, put sink, diags *diag.List) ([]render.Output, error) {
	workers := runtime.GOMAXPROCS(0)
	lists := make([]diag.List, workers)
	errs := make([]error, workers)
	next := make(chan *render.Output, 64)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for o := range next {
				if errs[w] == nil {
					errs[w] = renderOne(*o, minify, put, &lists[w])
				}
			}
		})
	}
	var more []render.Output
	feed := func() {
		for i := range more {
			next <- &more[i]
		}
	}
	for i := 0; i < len(outs); {
		select {
		case more = <-ready:
			ready = nil
			feed()
		case next <- &outs[i]:
			i++
		}
	}
	if ready != nil {
		more = <-ready
		feed()
	}
	close(next)
	wg.Wait()
	for w := range workers {
		diags.Merge(lists[w])
	}
	// One failure is enough to say: a second worker's is most often the
	// same (a full disk), and a message of one line reads better.
	for _, err := range errs {
		if err != nil {
			return more, err
		}
	}
	return more, nil
}

func renderOne(o render.Output, minify bool, put sink, diags *diag.List) error {
	in := getBuffer()
	defer putBuffer(in)
	ok, err := o.Render(in, diags)
	if err != nil || !ok {
		return err
	}
	if !minify || o.Media == "" || o.Minified {
		return put(o, in.Bytes())
	}
	out := getBuffer()
	defer putBuffer(out)
	if err := minifier.Output(o.Media, out, in); err != nil {
		return fmt.Errorf("minifying %s: %w", o.Path, err)
	}
	return put(o, out.Bytes())
}
