package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/serve"
	"github.com/casebook/casebook/internal/watch"
)

// serveOptions are what runServe parsed.
type serveOptions struct {
	src    string
	drafts bool
	poll   bool
}

// runServe builds the site into memory, serves it and rebuilds it whenever a
// source file changes, until interrupted.
func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [--src DIR] [--addr 127.0.0.1:1313] [--drafts] [--poll]", stderr)
	var opts serveOptions
	fs.StringVar(&opts.src, "src", ".", "the site folder (holding casebook.toml and content/)")
	addr := fs.String("addr", "127.0.0.1:1313", "the address to listen on; keep it on 127.0.0.1 unless others must see the preview")
	fs.BoolVar(&opts.drafts, "drafts", false, "include pages marked draft: true")
	fs.BoolVar(&opts.poll, "poll", false, "check for changes every 300 ms instead of waiting for the system to report them\n(for network, container or WSL folders where changes are never reported)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// Watching a folder that is not a site (a home folder, say) would read
	// everything under it to show one error.
	if err := checkSiteSrc(opts.src); err != nil {
		return err
	}
	ln, err := listen(*addr)
	if err != nil {
		return err
	}
	if host, _, _ := net.SplitHostPort(*addr); !isLoopback(host) {
		fmt.Fprintf(stderr, "warning: serving on %s: other computers on the network can see the preview\n", *addr)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveSite(ctx, opts, ln, stdout, stderr)
}

// listen opens addr, or says what is wrong with it and what to try.
func listen(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, &usageError{Msg: fmt.Sprintf("--addr %s: give a host and a port, such as 127.0.0.1:1313", addr)}
	}
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	if addrInUse(err) {
		return nil, &usageError{Msg: fmt.Sprintf("cannot listen on %s: another program is using that port; stop it, or try --addr %s", addr, net.JoinHostPort(host, otherPort(port)))}
	}
	if dnsErr, ok := errors.AsType[*net.DNSError](err); ok && dnsErr.IsNotFound {
		return nil, &usageError{Msg: fmt.Sprintf("cannot listen on %s: there is no host named %s here", addr, host)}
	}
	// The system's reason, without Go's "listen tcp" and the address again.
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		err = opErr.Err
	}
	var sysErr *os.SyscallError
	if errors.As(err, &sysErr) {
		err = sysErr.Err
	}
	return nil, &usageError{Msg: fmt.Sprintf("cannot listen on %s: %v", addr, err)}
}

// otherPort is a port to suggest instead of a busy one: the next.
func otherPort(port string) string {
	n, err := strconv.Atoi(port)
	switch {
	case err != nil || n <= 0:
		return "1314"
	case n == 65535:
		return "65534"
	}
	return strconv.Itoa(n + 1)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// settlePause is how long after a save what it left behind (the search
// index, the later pages of long lists, the pages a save that changed
// many left) waits for the next one before it
// is brought up to date; settleMaxWait bounds how long a stream of saves
// can put it off.
const (
	settlePause   = 250 * time.Millisecond
	settleMaxWait = 2 * time.Second
)

// serveSite is the server's life: first build, watch, rebuild, and a clean
// shutdown when ctx ends.
func serveSite(ctx context.Context, opts serveOptions, ln net.Listener, stdout, stderr io.Writer) error {
	var cfgDiags diag.List
	cfg, err := config.Load(opts.src, &cfgDiags)
	if err != nil {
		return err
	}
	local := "http://" + browsable(ln.Addr()) + cfg.BasePath
	srv := serve.New(cfg.BasePath)
	session := build.NewSession(build.Options{Src: opts.src, BaseURL: local, Drafts: opts.drafts, NoMinify: true, Theme: casebook.Theme})
	session.Open(srv.Open)
	// settleDue fires once the author has paused after a save that left
	// the index or long lists behind: the index reads every page, a new
	// case study shifts every later page of its lists, and doing either at
	// once would take the processor from the browser showing the edited
	// page, and again at each of a quick run of saves.
	var settleDue <-chan time.Time
	var settleSince time.Time // when the site fell behind
	// settle brings up to date what a save left behind once the edited
	// pages are served; when a save comes meanwhile, it stops early and
	// is due again after it.
	settle := func() {
		var diags diag.List
		changes, st, err := session.Settle(&diags)
		printDiagnostics(stderr, &diags, opts.drafts)
		if err != nil {
			fmt.Fprintf(stderr, "casebook: error: %v\n", err)
		} else if changes != nil && !diags.HasErrors() {
			srv.Apply(changes.Put, changes.Gone)
			fmt.Fprintf(stdout, "%s in %s\n", settled(st), st.Duration.Round(time.Millisecond))
		}
		if err == nil && (st.Deferred > 0 || st.SearchStale) {
			settleDue = time.After(settlePause)
		}
	}
	builtOnce := false // until then, a failed build has no last good site to fall back on
	rebuild := func(changed []string) {
		var diags diag.List
		changes, st, err := session.Rebuild(changed, &diags)
		printDiagnostics(stderr, &diags, opts.drafts)
		switch {
		case err != nil:
			fmt.Fprintf(stderr, "casebook: error: %v\n", err)
		case diags.HasErrors() && !builtOnce:
			srv.Fail(diags.Items())
			errs, _ := diags.Count()
			fmt.Fprintf(stderr, "build failed: %s; pages show the problems, and the site builds again on the next save\n", plural(errs, "error"))
		case diags.HasErrors():
			srv.Fail(diags.Items())
			errs, _ := diags.Count()
			fmt.Fprintf(stderr, "rebuild failed: %s; the last good site is still served, and open pages show the problems\n", plural(errs, "error"))
		case changed == nil:
			srv.Apply(changes.Put, changes.Gone)
			fmt.Fprintf(stdout, "built %d files in %s\n", st.Outputs, st.Duration.Round(time.Millisecond))
		default:
			srv.Apply(changes.Put, changes.Gone)
			fmt.Fprintf(stdout, "rebuilt %d of %d files in %s\n", st.Rendered+st.Indexed, st.Outputs, st.Duration.Round(time.Millisecond))
		}
		builtOnce = builtOnce || err == nil && !diags.HasErrors()
		if st.SearchStale || st.Deferred > 0 {
			if settleDue == nil {
				settleSince = time.Now()
			}
			// Saves in a steady stream put it off, but not for long.
			if settleDue == nil || time.Since(settleSince) < settleMaxWait {
				settleDue = time.After(settlePause)
			}
		}
	}
	rebuild(nil)
	w, err := watch.New(opts.src, watch.Options{Poll: opts.poll})
	if err != nil {
		return err
	}
	defer w.Close()
	session.Interrupt(w.Waiting)
	if n := w.Notice(); n != "" {
		fmt.Fprintln(stderr, n)
	}
	httpSrv := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- httpSrv.Serve(ln) }()
	fmt.Fprintf(stdout, "serving %s (Ctrl-C to stop)\n", local)
	for {
		select {
		case batch, ok := <-w.Events():
			if !ok {
				return shutdown(httpSrv, srv)
			}
			changed := make([]string, len(batch))
			for i, c := range batch {
				changed[i] = c.Path
				if c.Class == watch.Config {
					fmt.Fprintln(stderr, "note: casebook.toml changed; restart casebook serve if you changed base_url")
				}
			}
			rebuild(changed)
		case <-settleDue:
			settleDue = nil
			settle()
		case err := <-served:
			return err
		case <-ctx.Done():
			fmt.Fprintln(stdout, "stopping")
			return shutdown(httpSrv, srv)
		}
	}
}

// settled says what Session.Settle did: "updated 1040 pages and the
// search index (12 files)".
func settled(st build.Stats) string {
	var done []string
	if st.Rendered > 0 {
		done = append(done, plural(st.Rendered, "page"))
	}
	if st.Indexed > 0 {
		done = append(done, fmt.Sprintf("the search index (%s)", plural(st.Indexed, "file")))
	}
	if len(done) == 0 {
		return "brought the site up to date"
	}
	return "updated " + strings.Join(done, " and ")
}

// shutdown ends the event streams, which would otherwise hold Shutdown, lets
// requests in flight finish, and then closes what is left: a browser often
// holds a connection open that has not sent a request yet, and Shutdown
// would wait seconds for it.
func shutdown(httpSrv *http.Server, srv *serve.Server) error {
	srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := httpSrv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = httpSrv.Close()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// browsable is the address a browser on this machine opens for addr: a
// server listening on every address (":1313", "0.0.0.0:1313") is reached
// at localhost, which "[::]:1313" is not, reliably.
func browsable(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
