package serve

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/blob"
	"github.com/casebook/casebook/internal/diag"
)

// pack keeps a site's files as the server takes them.
func pack(files map[string][]byte) map[string]blob.Blob {
	packed := make(map[string]blob.Blob, len(files))
	for name, b := range files {
		packed[name] = blob.Pack(b)
	}
	return packed
}

func site() map[string][]byte {
	return map[string][]byte{
		"index.html":            []byte("<!doctype html><html><body><h1>Home</h1></body></html>"),
		"themes/x/index.html":   []byte("<!doctype html><html><body><h1>Theme X</h1></body></html>"),
		"themes/y/index.html":   []byte("<!doctype html><html><body><h1>Theme Y</h1></body></html>"),
		"404.html":              []byte("<!doctype html><html><body><h1>Not here</h1></body></html>"),
		"css/casebook.css":      []byte("body{color:#111}"),
		"favicon.svg":           []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"),
		"search.json":           []byte(`{"a":1}`),
		"etc/passwd/index.html": []byte("<p>a page that happens to be called etc/passwd</p>"),
	}
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

// TestGzip: files kept gzipped go out as they are to a browser that takes
// gzip, and decompressed to one that does not; pages always come
// decompressed, with the live-reload script.
func TestGzip(t *testing.T) {
	css := strings.Repeat("main p{margin:0 0 1rem;line-height:1.5}\n", 200)
	page := "<!doctype html><html><body>" + strings.Repeat("<p>A paragraph of a case study.</p>", 200) + "</body></html>"
	s := New("/")
	s.Update(pack(map[string][]byte{"css/casebook.css": []byte(css), "index.html": []byte(page)}))
	for _, tt := range []struct {
		target, accept, encoding string
	}{
		{"/css/casebook.css", "gzip, deflate, br", "gzip"},
		{"/css/casebook.css", "br;q=1.0, GZIP;q=0.5", "gzip"},
		{"/css/casebook.css", "", ""},
		{"/css/casebook.css", "gzip;q=0", ""},
		{"/css/casebook.css", "deflate", ""},
		{"/", "gzip", ""},
	} {
		req := httptest.NewRequest(http.MethodGet, tt.target, nil)
		req.Header.Set("Accept-Encoding", tt.accept)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		got := rec.Body.Bytes()
		if enc := rec.Header().Get("Content-Encoding"); enc != tt.encoding {
			t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q, want %q", tt.target, tt.accept, enc, tt.encoding)
			continue
		}
		if tt.encoding == "gzip" {
			r, err := gzip.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatal(err)
			}
			if got, err = io.ReadAll(r); err != nil {
				t.Fatal(err)
			}
		}
		if rec.Header().Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
			t.Errorf("%s: Content-Length %s for %d bytes", tt.target, rec.Header().Get("Content-Length"), rec.Body.Len())
		}
		want := css
		if tt.target == "/" {
			want = strings.TrimSuffix(page, "</body></html>")
		}
		if !strings.HasPrefix(string(got), want) {
			t.Errorf("%s with Accept-Encoding %q: %d bytes, not the file", tt.target, tt.accept, len(got))
		}
	}
}

func TestRouting(t *testing.T) {
	s := New("/casebook/")
	s.Update(pack(site()))
	tests := []struct {
		target, location, ctype, contains string
		status                            int
		script                            bool
	}{
		{target: "/", status: 302, location: "/casebook/"},
		{target: "/casebook", status: 302, location: "/casebook/"},
		{target: "/casebook/", status: 200, ctype: "text/html; charset=utf-8", contains: "Home", script: true},
		{target: "/casebook/index.html", status: 200, ctype: "text/html; charset=utf-8", contains: "Home", script: true},
		{target: "/casebook/themes/x/", status: 200, ctype: "text/html; charset=utf-8", contains: "Theme X", script: true},
		{target: "/casebook/themes/x", status: 302, location: "/casebook/themes/x/"},
		{target: "/casebook/themes/x?q=1", status: 302, location: "/casebook/themes/x/?q=1"},
		{target: "/casebook/themes/nope/", status: 404, ctype: "text/html; charset=utf-8", contains: "Not here", script: true},
		{target: "/casebook/missing.png", status: 404, contains: "Not here", script: true},
		{target: "/elsewhere/", status: 404, contains: "Not here", script: true},
		{target: "/casebook/css/casebook.css", status: 200, ctype: "text/css; charset=utf-8", contains: "body{"},
		{target: "/casebook/css/casebook.css?casebook-reload=123", status: 200, ctype: "text/css; charset=utf-8"},
		{target: "/casebook/favicon.svg", status: 200, ctype: "image/svg+xml", contains: "<svg"},
		{target: "/casebook/search.json", status: 200, ctype: "application/json", contains: `{"a":1}`},
		{target: "/casebook/_casebook/live.js", status: 200, ctype: "text/javascript; charset=utf-8", contains: "EventSource"},
	}
	for _, tt := range tests {
		rec := get(t, s, tt.target)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.target, rec.Code, tt.status)
			continue
		}
		if tt.location != "" && rec.Header().Get("Location") != tt.location {
			t.Errorf("%s: Location %q, want %q", tt.target, rec.Header().Get("Location"), tt.location)
		}
		if tt.ctype != "" && rec.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tt.target, rec.Header().Get("Content-Type"), tt.ctype)
		}
		if tt.location == "" && rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", tt.target, rec.Header().Get("Cache-Control"))
		}
		body := rec.Body.String()
		if !strings.Contains(body, tt.contains) {
			t.Errorf("%s: body %q lacks %q", tt.target, body, tt.contains)
		}
		if got := strings.Contains(body, "_casebook/live.js"); got != tt.script {
			t.Errorf("%s: script injected = %v, want %v", tt.target, got, tt.script)
		}
	}

	// The script goes just before </body>, carries the page's own URL and
	// the stream's URL, which names the output the page is (for Open).
	body := get(t, s, "/casebook/themes/x/").Body.String()
	if !strings.Contains(body, `data-casebook-page="/casebook/themes/x/"`) ||
		!strings.Contains(body, `data-casebook-events="/casebook/_casebook/events?file=themes%2Fx%2Findex.html"`) ||
		!strings.HasSuffix(body, "</script></body></html>") {
		t.Errorf("injected page looks wrong: %s", body)
	}
	// An HTML file without </body> gets the script at its end.
	if b := get(t, s, "/casebook/etc/passwd/").Body.String(); !strings.HasSuffix(b, "</script>") {
		t.Errorf("no </body>: %s", b)
	}

	// POST is refused.
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/casebook/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", rec.Code)
	}
}

func TestRootBase(t *testing.T) {
	s := New("/")
	if rec := get(t, s, "/"); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `data-casebook-page="*"`) {
		t.Errorf("before the first build: %d %s", rec.Code, rec.Body)
	}
	s.Update(pack(site()))
	if rec := get(t, s, "/"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "Home") {
		t.Errorf("/: %d %s", rec.Code, rec.Body)
	}
	if rec := get(t, s, "/themes/y"); rec.Code != 302 || rec.Header().Get("Location") != "/themes/y/" {
		t.Errorf("/themes/y: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	// A site without 404.html still answers 404.
	s.Update(pack(map[string][]byte{"index.html": []byte("hi")}))
	if rec := get(t, s, "/gone/"); rec.Code != 404 {
		t.Errorf("no 404.html: %d", rec.Code)
	}
}

func TestTraversal(t *testing.T) {
	for _, base := range []string{"/", "/casebook/"} {
		s := New(base)
		s.Update(pack(site()))
		for _, target := range []string{
			base + "..",
			base + "../etc/passwd",
			base + "%2e%2e/etc/passwd",
			base + "%2E%2E/%2E%2E/etc/passwd",
			base + "%252e%252e/etc/passwd",
			base + "..%2fetc%2fpasswd",
			base + "%2e%2e%2fetc%2fpasswd",
			base + "themes%2fx/",
			base + "..\\etc\\passwd",
			base + "%5c..%5cetc%5cpasswd",
			base + "%00",
			base + "index.html%00.css",
			base + "./index.html",
			base + "themes/./x/",
			"/casebook/../etc/passwd",
			"//etc/passwd",
			"//etc/passwd/",
			base + "/etc/passwd/",
			base + "%2fetc%2fpasswd/",
		} {
			rec := get(t, s, target)
			if rec.Code != http.StatusBadRequest { // 404 would also be safe; every case here is caught before lookup
				t.Errorf("base %s: %s answered %d, want 400", base, target, rec.Code)
			}
		}
	}
}

// sse reads one event stream; events arrive on a channel.
type sse struct {
	t      *testing.T
	events chan [2]string
	resp   *http.Response
}

func connect(t *testing.T, url string) *sse {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	c := &sse{t: t, events: make(chan [2]string, 64), resp: resp}
	go func() {
		defer close(c.events)
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if name != "" {
					c.events <- [2]string{name, data}
				}
				name, data = "", ""
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return c
}

// next returns the next event other than "build", failing after a timeout.
func (c *sse) next() (string, string) {
	c.t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev, ok := <-c.events:
			if !ok {
				c.t.Fatal("event stream ended")
			}
			if ev[0] == "build" {
				continue
			}
			return ev[0], ev[1]
		case <-timeout:
			c.t.Fatal("no event within 5s")
		}
	}
}

func (c *sse) expect(name string) map[string]any {
	c.t.Helper()
	got, data := c.next()
	if got != name {
		c.t.Fatalf("got event %s %s, want %s", got, data, name)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		c.t.Fatalf("event %s: bad JSON %q: %v", name, data, err)
	}
	return v
}

// listening serves files under base through a test server, both closed
// when the test ends, and returns the server and the test server's URL.
func listening(t *testing.T, base string, files map[string][]byte) (*Server, string) {
	t.Helper()
	s := New(base)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	t.Cleanup(s.Close) // first: open event streams would hold ts.Close up
	s.Update(pack(files))
	return s, ts.URL
}

// Open tells which outputs pages with a live stream show, and forgets a
// page once its stream closes.
func TestOpen(t *testing.T) {
	s, url := listening(t, "/casebook/", site())
	if s.Open("themes/x/index.html") {
		t.Fatal("open before any page connected")
	}
	c := connect(t, url+"/casebook/_casebook/events?file=themes%2Fx%2Findex.html")
	c.expect("hello")
	if !s.Open("themes/x/index.html") || s.Open("themes/y/index.html") || s.Open("") {
		t.Errorf("Open(x) = %v, Open(y) = %v, Open(\"\") = %v; want only x", s.Open("themes/x/index.html"), s.Open("themes/y/index.html"), s.Open(""))
	}
	c.resp.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for s.Open("themes/x/index.html") {
		if time.Now().After(deadline) {
			t.Fatal("still open 5 s after its stream closed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestEvents(t *testing.T) {
	s, url := listening(t, "/casebook/", site())
	events := url + "/casebook/_casebook/events"

	c := connect(t, events)
	c.expect("hello")

	// One page changed: a reload naming that page's URL, and only it.
	next := site()
	next["themes/x/index.html"] = []byte("<html><body>Theme X, edited</body></html>")
	s.Update(pack(next))
	if v := c.expect("reload"); !sameJSON(v["urls"], []string{"/casebook/themes/x/"}) {
		t.Errorf("reload urls = %v", v["urls"])
	}

	// Only CSS changed: a css event, no reload.
	next = site()
	next["themes/x/index.html"] = []byte("<html><body>Theme X, edited</body></html>")
	next["css/casebook.css"] = []byte("body{color:#000}")
	s.Update(pack(next))
	if v := c.expect("css"); !sameJSON(v["files"], []string{"/casebook/css/casebook.css"}) {
		t.Errorf("css files = %v", v["files"])
	}

	// A deleted page and a new one both reload; an unchanged build says nothing.
	s.Update(pack(next))
	delete(next, "themes/y/index.html")
	next["themes/z/index.html"] = []byte("<p>new</p>")
	s.Update(pack(next))
	if v := c.expect("reload"); !sameJSON(v["urls"], []string{"/casebook/themes/y/", "/casebook/themes/z/"}) {
		t.Errorf("reload urls = %v", v["urls"])
	}

	// Fail: an error event carrying the diagnostics; the last good site stays served.
	s.Fail([]diag.Diagnostic{
		{Path: "content/case-studies/a.md", Line: 3, Col: 7, Severity: diag.Error, Message: `unknown theme "equty"`, Hint: `did you mean "equity"?`},
		{Path: "casebook.toml", Severity: diag.Error, Message: "base_url is missing"},
	})
	want := []any{
		map[string]any{"location": "content/case-studies/a.md:3:7", "path": "content/case-studies/a.md", "line": 3.0, "column": 7.0,
			"severity": "error", "message": `unknown theme "equty"`, "hint": `did you mean "equity"?`},
		map[string]any{"location": "casebook.toml", "path": "casebook.toml", "line": 0.0, "column": 0.0,
			"severity": "error", "message": "base_url is missing"},
	}
	if v := c.expect("error"); !sameJSON(v["diagnostics"], want) {
		t.Errorf("diagnostics = %v", v["diagnostics"])
	}
	if rec := get(t, s, "/casebook/themes/z/"); rec.Code != 200 {
		t.Errorf("while failing, last good page: %d", rec.Code)
	}

	// A page opened during the failure sees the overlay at once.
	late := connect(t, events)
	late.expect("hello")
	if v := late.expect("error"); !sameJSON(v["diagnostics"], want) {
		t.Errorf("late diagnostics = %v", v["diagnostics"])
	}

	// The next Update clears it on every page.
	next["themes/z/index.html"] = []byte("<p>fixed</p>")
	s.Update(pack(next))
	for _, cc := range []*sse{c, late} {
		cc.expect("ok")
		if v := cc.expect("reload"); !sameJSON(v["urls"], []string{"/casebook/themes/z/"}) {
			t.Errorf("reload urls = %v", v["urls"])
		}
	}

	// A new connection after recovery gets no error.
	fresh := connect(t, events)
	fresh.expect("hello")
	s.Update(pack(map[string][]byte{"index.html": []byte("<p>only</p>")})) // .js unchanged, pages gone
	if name, _ := fresh.next(); name != "reload" {
		t.Errorf("after recovery a new page got %s first, want reload", name)
	}

	// Close ends the streams and refuses new ones.
	s.Close()
	for _, cc := range []*sse{c, late, fresh} {
		deadline := time.After(5 * time.Second)
	drain:
		for {
			select {
			case _, ok := <-cc.events:
				if !ok {
					break drain
				}
			case <-deadline:
				t.Fatal("stream still open after Close")
			}
		}
	}
	resp, err := http.Get(events)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("events after Close: %d, want 204", resp.StatusCode)
	}
}

// TestApply: a rebuild's changes alone update the site: what is put is
// served, what is gone is not, the rest stays; pages put with the same
// bytes tell nobody.
func TestApply(t *testing.T) {
	s, url := listening(t, "/", site())
	c := connect(t, url+"/_casebook/events")
	c.expect("hello")
	s.Apply(pack(map[string][]byte{
		"themes/x/index.html": []byte("<p>Theme X, edited</p>"),
		"themes/z/index.html": []byte("<p>Theme Z</p>"),
		"index.html":          site()["index.html"], // the same bytes
	}), []string{"themes/y/index.html", "not/there.html"})
	if v := c.expect("reload"); !sameJSON(v["urls"], []string{"/themes/x/", "/themes/y/", "/themes/z/"}) {
		t.Errorf("reload urls = %v", v["urls"])
	}
	for target, want := range map[string]int{"/themes/x/": 200, "/themes/y/": 404, "/themes/z/": 200, "/": 200, "/css/casebook.css": 200} {
		if rec := get(t, s, target); rec.Code != want {
			t.Errorf("%s: status %d, want %d", target, rec.Code, want)
		}
	}
	if body := get(t, s, "/themes/x/").Body.String(); !strings.Contains(body, "Theme X, edited") {
		t.Errorf("/themes/x/ serves %q", body)
	}
	// Update takes paths with a leading slash as Apply does.
	s.Update(pack(map[string][]byte{"/index.html": []byte("<p>home</p>"), "/css/casebook.css": []byte("p{}")}))
	for target, want := range map[string]int{"/": 200, "/css/casebook.css": 200, "/themes/x/": 404} {
		if rec := get(t, s, target); rec.Code != want {
			t.Errorf("after Update with slashes, %s: status %d, want %d", target, rec.Code, want)
		}
	}
}

func TestJSChangeReloadsAll(t *testing.T) {
	files := site()
	files["js/search.js"] = []byte("1")
	s, url := listening(t, "/", files)
	c := connect(t, url+"/_casebook/events")
	c.expect("hello")
	files = site()
	files["js/search.js"] = []byte("2")
	s.Update(pack(files))
	if v := c.expect("reload"); !sameJSON(v["urls"], []string{"all"}) {
		t.Errorf("reload urls = %v", v["urls"])
	}
}

func TestHelloBuildID(t *testing.T) {
	s, url := listening(t, "/", site())
	page := get(t, s, "/").Body.String()
	c := connect(t, url+"/_casebook/events")
	hello := c.expect("hello")
	if !strings.Contains(page, `data-casebook-build="`+hello["build"].(string)+`"`) {
		t.Errorf("page's build id differs from hello %v: %s", hello["build"], page)
	}
	s.Update(pack(site()))
	c2 := connect(t, url+"/_casebook/events")
	if h2 := c2.expect("hello"); h2["build"] == hello["build"] {
		t.Errorf("build id did not change with Update: %v", h2["build"])
	}
}

func sameJSON(got any, want any) bool {
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	return string(a) == string(b)
}
