// Package serve is casebook's development HTTP server. It serves a built site
// from memory under the site's base path, injects a small live-reload script
// into HTML responses, and tells open pages over Server-Sent Events what a
// rebuild changed: pages whose HTML changed are updated in place (morphed
// into the new HTML, keeping scroll position and focus) or, when a script
// has changed them since, reloaded; pages reached only by a CSS change swap
// their stylesheets, and a
// failed rebuild shows an overlay with the diagnostics on every open page
// while the last good site stays served.
//
// # Event protocol
//
// The stream lives at basePath + "_casebook/events". Every event's data is one
// line of JSON:
//
//	hello   {"build":"<id>"}        sent first on every connection. The id
//	                                 changes with every Update and every server
//	                                 start; each page knows the id it was served
//	                                 with, so a page that (re)connects and sees
//	                                 another id reloads (it missed events).
//	build   {"build":"<id>"}        sent on every Update, before the events
//	                                 below, so connected pages keep their id.
//	reload  {"urls":["/base/x/"]}   pages whose HTML changed, by URL, to
//	                                 update; "all" means reload every page
//	                                 (a .js file changed).
//	css     {"files":["/base/css/casebook.css"]}  stylesheets changed.
//	error   {"diagnostics":[{"location","path","line","column","severity","message","hint"}]}
//	ok      {}                       the site builds again; remove the overlay.
//
// A page that connects while the site is failing receives the error event at
// once, right after hello.
//
// # Safety
//
// The server never touches the file system: it answers only from the map the
// last Update gave it, so a path can only ever name an entry of that map and
// symlinks are moot. On top of that, a request whose path (raw or decoded)
// holds "..", a backslash, a NUL, an encoded slash or percent sign (double
// encoding), a "." segment or an empty segment ("//etc/passwd") is refused
// with 400 before any lookup.
package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/blob"
	"github.com/casebook/casebook/internal/diag"
)

// Paths under the base that belong to the server, not the site.
const (
	eventsPath = "_casebook/events"
	scriptPath = "_casebook/live.js"
)

// clientBuffer is how many events a slow page may fall behind before it is
// disconnected; it then reconnects, sees a new build id and reloads.
const clientBuffer = 32

// keepAlive is how often an idle event stream gets a comment line, so dead
// connections are noticed and proxies don't time the stream out.
const keepAlive = 25 * time.Second

// Server serves a built site from memory. Safe for concurrent use.
type Server struct {
	base  string // always starts and ends with "/"
	nonce string // differs between server starts

	mu       sync.Mutex
	files    map[string]blob.Blob // nil until the first Update or Apply
	gen      int                  // number of Updates so far
	errEvent []byte               // non-nil while failing: the error event's data
	clients  map[*client]struct{}
	closed   bool
	done     chan struct{}
}

type event struct {
	name string
	data []byte
}

type client struct {
	ch   chan event
	gone chan struct{} // closed when the server drops a slow client
	file string        // the output the page shows ("themes/x/index.html"); "" when unknown
}

// New returns a server for a site published under basePath ("/" or
// "/casebook/"). It serves a "building" page until the first Update.
func New(basePath string) *Server {
	base := "/" + strings.Trim(basePath, "/") + "/"
	if base == "//" {
		base = "/"
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	return &Server{
		base:    base,
		nonce:   hex.EncodeToString(b[:]),
		clients: map[*client]struct{}{},
		done:    make(chan struct{}),
	}
}

// Update swaps in a new build. files maps output paths ("index.html",
// "themes/x/index.html", "css/casebook.css") to their contents; files
// the last build had and this one lacks are gone. See Apply.
func (s *Server) Update(files map[string]blob.Blob) {
	put := make(map[string]blob.Blob, len(files))
	for name, b := range files {
		put[strings.TrimPrefix(name, "/")] = b
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var gone []string
	for name := range s.files {
		if _, ok := put[name]; !ok {
			gone = append(gone, name)
		}
	}
	s.apply(put, gone)
}

// Apply takes what a rebuild changed: the files put (new, or with other
// bytes) and the paths gone. It clears any error overlay and tells open
// pages what changed: pages whose own HTML changed (or appeared, or went
// away) update; if CSS files changed, pages swap their stylesheets; a
// changed .js file reloads every page; other changes (images, feeds) tell
// nobody. Its cost is that of the changes, not of the site.
func (s *Server) Apply(put map[string]blob.Blob, gone []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apply(put, gone)
}

// apply is Apply; s.mu must be held.
func (s *Server) apply(put map[string]blob.Blob, gone []string) {
	if s.files == nil {
		s.files = make(map[string]blob.Blob, len(put))
	}
	s.gen++
	wasFailing := s.errEvent != nil
	s.errEvent = nil

	var pages, css []string
	allPages := false
	seen := func(name string, a, b blob.Blob, inA, inB bool) {
		if inA && inB && blob.Same(a, b) {
			return
		}
		switch strings.ToLower(path.Ext(name)) {
		case ".html", ".htm":
			pages = append(pages, s.pageURL(name))
		case ".css":
			css = append(css, s.base+name)
		case ".js":
			if inA { // a new script is only used by pages that changed too
				allPages = true
			}
		}
	}
	for name, b := range put {
		name = strings.TrimPrefix(name, "/")
		a, inA := s.files[name]
		s.files[name] = b
		seen(name, a, b, inA, true)
	}
	for _, name := range gone {
		name = strings.TrimPrefix(name, "/")
		if a, inA := s.files[name]; inA {
			delete(s.files, name)
			seen(name, a, blob.Blob{}, true, false)
		}
	}
	sort.Strings(pages)
	sort.Strings(css)

	s.broadcast(event{"build", mustJSON(map[string]string{"build": s.buildID()})})
	if wasFailing {
		s.broadcast(event{"ok", []byte("{}")})
	}
	if allPages {
		pages = []string{"all"}
	}
	if len(pages) > 0 {
		s.broadcast(event{"reload", mustJSON(map[string][]string{"urls": pages})})
	}
	if len(css) > 0 {
		s.broadcast(event{"css", mustJSON(map[string][]string{"files": css})})
	}
}

// Fail keeps the last good site served and shows an overlay on every open
// page (and every page opened later) listing the diagnostics; the next Update
// clears it.
func (s *Server) Fail(diags []diag.Diagnostic) {
	list := make([]diag.JSON, 0, len(diags))
	for _, d := range diags {
		list = append(list, d.JSON())
	}
	data := mustJSON(map[string]any{"diagnostics": list})

	s.mu.Lock()
	defer s.mu.Unlock()
	s.errEvent = data
	s.broadcast(event{"error", data})
}

// Open reports whether a page open in a browser, with its live-reload
// stream connected, shows the output at name ("themes/x/index.html").
func (s *Server) Open(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		if c.file == name {
			return true
		}
	}
	return false
}

// Close ends every event stream and refuses new ones (with 204, which tells
// EventSource not to reconnect), so http.Server.Shutdown can finish. Pages
// are still served.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// broadcast sends ev to every client without blocking; a client whose
// buffer is full is dropped. s.mu must be held.
func (s *Server) broadcast(ev event) {
	for c := range s.clients {
		select {
		case c.ch <- ev:
		default:
			delete(s.clients, c)
			close(c.gone)
		}
	}
}

// buildID names the current build. s.mu must be held.
func (s *Server) buildID() string { return s.nonce + "-" + strconv.Itoa(s.gen) }

// pageURL is the URL a browser shows for an HTML output file.
func (s *Server) pageURL(name string) string {
	if name == "index.html" {
		return s.base
	}
	if strings.HasSuffix(name, "/index.html") {
		return s.base + strings.TrimSuffix(name, "index.html")
	}
	return s.base + name
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain strings, ints and slices are marshalled
	}
	return b
}

// badPath reports whether a request path must be refused before lookup.
// raw is the path as sent (still escaped), p the decoded path.
func badPath(raw, p string) bool {
	lower := strings.ToLower(raw)
	for _, bad := range []string{"%2f", "%5c", "%00", "%25"} {
		if strings.Contains(lower, bad) {
			return true
		}
	}
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "..") || strings.Contains(p, "//") {
		return true
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." {
			return true
		}
	}
	return false
}

// ServeHTTP serves the site under the base path, the live-reload script and
// the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if badPath(r.URL.EscapedPath(), r.URL.Path) {
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, s.base) {
		if p == "/" || p == strings.TrimSuffix(s.base, "/") {
			http.Redirect(w, r, s.base, http.StatusFound)
			return
		}
		s.notFound(w, r)
		return
	}
	rel := strings.TrimPrefix(p, s.base)
	switch rel {
	case eventsPath:
		s.serveEvents(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte(liveJS))
		return
	}

	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	s.mu.Lock()
	loaded, build := s.files != nil, s.buildID()
	file, ok := s.files[name]
	_, dir := s.files[name+"/index.html"]
	s.mu.Unlock()
	if !loaded {
		s.writeHTML(w, http.StatusServiceUnavailable, "", "*", build,
			[]byte("<!doctype html><html lang=en><title>Building…</title><body><p>casebook is building the site; this page reloads when it is ready.</p></body></html>"))
		return
	}

	if !ok {
		if dir && !strings.HasSuffix(rel, "/") && rel != "" {
			target := s.base + rel + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
		s.notFound(w, r)
		return
	}
	s.writeFile(w, r, http.StatusOK, name, build, file)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	page, ok := s.files["404.html"]
	build := s.buildID()
	s.mu.Unlock()
	if !ok {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	s.writeFile(w, r, http.StatusNotFound, "404.html", build, page)
}

// writeFile answers with one file of the site: gzipped as it is kept when
// the browser takes gzip, unless it is a page, which gets the live-reload
// script.
func (s *Server) writeFile(w http.ResponseWriter, r *http.Request, status int, name, build string, file blob.Blob) {
	ext := strings.ToLower(path.Ext(name))
	gz, zipped := file.Gzip()
	var body []byte
	if ext == ".html" || ext == ".htm" || !zipped || !acceptsGzip(r) {
		var err error
		if body, err = file.Bytes(); err != nil {
			http.Error(w, "casebook could not read its copy of "+name+": "+err.Error(), http.StatusInternalServerError)
			return
		}
		zipped = false
	}
	if ext == ".html" || ext == ".htm" {
		s.writeHTML(w, status, name, s.pageURL(name), build, body)
		return
	}
	ctype := mime.TypeByExtension(ext)
	if ctype == "" {
		if body == nil {
			body, _ = file.Bytes()
		}
		ctype = http.DetectContentType(body)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Vary", "Accept-Encoding")
	if zipped {
		h.Set("Content-Encoding", "gzip")
		body = gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// acceptsGzip reports whether a request's Accept-Encoding takes gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q = strings.ReplaceAll(strings.TrimSpace(q), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// writeHTML writes an HTML page with the live-reload script injected before
// its last </body> (or at its end). The script is not deferred: it keeps a
// copy of the page as served before the page's own deferred scripts run.
// name is the output the page is ("" for the server's own pages), and its
// event stream says so, for Open; page is the page's own URL, or "*" for
// a page that should reload on any rebuild; build is the id of the build
// the page comes from.
func (s *Server) writeHTML(w http.ResponseWriter, status int, name, page, build string, body []byte) {
	events := s.base + eventsPath
	if name != "" {
		events += "?file=" + url.QueryEscape(name)
	}
	tag := fmt.Sprintf(`<script src="%s%s" data-casebook-page="%s" data-casebook-build="%s" data-casebook-events="%s"></script>`,
		s.base, scriptPath, attrEscape(page), attrEscape(build), attrEscape(events))
	out := make([]byte, 0, len(body)+len(tag))
	if i := bytes.LastIndex(bytes.ToLower(body), []byte("</body>")); i >= 0 {
		out = append(append(append(out, body[:i]...), tag...), body[i:]...)
	} else {
		out = append(append(out, body...), tag...)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

func attrEscape(s string) string {
	return strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;").Replace(s)
}

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	c := &client{ch: make(chan event, clientBuffer), gone: make(chan struct{}), file: r.URL.Query().Get("file")}

	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	// Registering and queueing the current state under one lock keeps this
	// page's events in the same order every other page sees.
	s.clients[c] = struct{}{}
	c.ch <- event{"hello", mustJSON(map[string]string{"build": s.buildID()})}
	if s.errEvent != nil {
		c.ch <- event{"error", s.errEvent}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	if err := rc.Flush(); err != nil {
		return
	}

	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var err error
		select {
		case ev := <-c.ch:
			_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		case <-tick.C:
			_, err = fmt.Fprint(w, ": ping\n\n")
		case <-c.gone:
			return
		case <-s.done:
			return
		case <-r.Context().Done():
			return
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}
