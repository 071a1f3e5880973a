package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/testsite"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type event struct{ name, data string }

// events reads a Server-Sent Events stream into a channel.
func events(t *testing.T, url string) <-chan event {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	ch := make(chan event, 64)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		var e event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			case line == "" && e.name != "":
				ch <- e
				e = event{}
			}
		}
	}()
	return ch
}

// await returns the first event named name, failing after a generous wait.
func await(t *testing.T, ch <-chan event, name string) event {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatalf("event stream ended while waiting for %q", name)
			}
			if e.name == name {
				return e
			}
		case <-deadline:
			t.Fatalf("no %q event", name)
		}
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestServeRebuildsOnSave runs the whole serve loop on a temporary site: an
// edit reaches the open page as a reload and the new text is served; broken
// frontmatter shows the overlay; fixing it clears the overlay.
func TestServeRebuildsOnSave(t *testing.T) {
	site, base, stream, stop, stdout := startServe(t)
	if page := get(t, base+"about/"); !strings.Contains(page, "A cohort.") || !strings.Contains(page, "_casebook/live.js") {
		t.Fatalf("about page: %s", page)
	}

	about := filepath.Join(site, "content/about.md")
	original, _ := os.ReadFile(about)
	if err := os.WriteFile(about, append(bytes.Clone(original), []byte("\nA sentence added while serving.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if e := await(t, stream, "reload"); !strings.Contains(e.data, "/about/") {
		t.Errorf("reload event %s does not name /about/", e.data)
	}
	if page := get(t, base+"about/"); !strings.Contains(page, "A sentence added while serving.") {
		t.Error("the edit is not served")
	}
	// The search index follows once the author pauses, by itself.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(stdout.String(), "updated the search index"); {
		if time.Now().After(deadline) {
			t.Fatalf("the search index was not updated after the save:\n%s", stdout.String())
		}
		time.Sleep(25 * time.Millisecond)
	}

	if err := os.WriteFile(about, []byte("---\ntitle: [unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if e := await(t, stream, "error"); !strings.Contains(e.data, "content/about.md") {
		t.Errorf("error event %s does not name the file", e.data)
	}
	if page := get(t, base+"about/"); !strings.Contains(page, "A sentence added while serving.") {
		t.Error("the last good site is not served during a failure")
	}
	if err := os.WriteFile(about, original, 0o644); err != nil {
		t.Fatal(err)
	}
	await(t, stream, "ok")

	// Browsers open connections ahead of requests; one that never sends a
	// request must not hold up Ctrl-C.
	idle, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	if err := stop(); err != nil {
		t.Errorf("serve ended with %v", err)
	}
}

// startServe runs serveSite on a temporary copy of the minimal site and
// returns the base URL, an open event stream and stop, which interrupts
// the server as Ctrl-C does and returns its error (failing the test if it
// does not stop within 4 s).
func startServe(t *testing.T) (site, base string, stream <-chan event, stop func() error, stdout *syncBuffer) {
	t.Helper()
	site = testsite.Write(t, testsite.Minimal())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stdout = new(syncBuffer)
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- serveSite(ctx, serveOptions{src: site}, ln, stdout, &stderr) }()
	var once sync.Once
	var served error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case served = <-done:
			case <-time.After(4 * time.Second):
				t.Error("serve did not stop")
			}
		})
		return served
	}
	t.Cleanup(func() { stop() })
	for i := 0; !strings.Contains(stdout.String(), "serving "); i++ {
		if i > 200 {
			t.Fatalf("the server did not start: %s %s", stdout.String(), stderr.String())
		}
		time.Sleep(25 * time.Millisecond)
	}
	base = "http://" + ln.Addr().String() + "/"
	stream = events(t, base+"_casebook/events")
	await(t, stream, "hello")
	return site, base, stream, stop, stdout
}

// TestServeSavePatterns saves a page the ways editors do and expects each
// save to reach an open page as a reload, with the new text served.
func TestServeSavePatterns(t *testing.T) {
	site, base, stream, _, _ := startServe(t)
	dir := filepath.Join(site, "content")
	page := filepath.Join(dir, "about.md")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	patterns := []struct {
		name string
		save func(text string)
	}{
		{"in place", func(text string) { write(page, text) }},
		{"vim: probe file, original renamed to a backup, new file written", func(text string) {
			write(filepath.Join(dir, "4913"), "")
			must(os.Remove(filepath.Join(dir, "4913")))
			must(os.Rename(page, page+"~"))
			write(page, text)
			must(os.Remove(page + "~"))
		}},
		{"temp file renamed over the original (VS Code, most editors)", func(text string) {
			write(page+".tmp", text)
			must(os.Rename(page+".tmp", page))
		}},
		{"JetBrains safe write", func(text string) {
			write(page+"___jb_tmp___", text)
			must(os.Rename(page, page+"___jb_old___"))
			must(os.Rename(page+"___jb_tmp___", page))
			must(os.Remove(page + "___jb_old___"))
		}},
		{"sed -i: a temp file beside it, renamed over", func(text string) {
			tmp := filepath.Join(dir, "sedAb12Cd")
			write(tmp, text)
			must(os.Rename(tmp, page))
		}},
		{"delete, then create", func(text string) {
			must(os.Remove(page))
			time.Sleep(20 * time.Millisecond)
			write(page, text)
		}},
	}
	for i, p := range patterns {
		sentence := "Saved by pattern " + string(rune('A'+i)) + "."
		p.save("---\ntitle: About\n---\n## Who we are\n\n" + sentence + "\n")
		for {
			e := await(t, stream, "reload")
			if strings.Contains(e.data, "/about/") && strings.Contains(get(t, base+"about/"), sentence) {
				break
			}
		}
	}

	// A file in a folder made while serving.
	must(os.MkdirAll(filepath.Join(site, "static", "docs", "guide"), 0o755))
	write(filepath.Join(site, "static", "docs", "guide", "note.txt"), "made while serving\n")
	deadline := time.Now().Add(10 * time.Second)
	for get(t, base+"docs/guide/note.txt") != "made while serving\n" {
		if time.Now().After(deadline) {
			t.Fatal("a file in a new folder was never served")
		}
		await(t, stream, "build")
	}
}

// TestServeRefusesTraversal sends raw requests, as a browser never would,
// to the real listener: nothing outside the build is served.
func TestServeRefusesTraversal(t *testing.T) {
	_, base, _, _, _ := startServe(t)
	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	for _, target := range []string{
		"/../casebook.toml", "/%2e%2e/casebook.toml", "/%252e%252e/casebook.toml",
		"/..%2fcasebook.toml", "/..\\casebook.toml", "/%5c..%5ccasebook.toml",
		"//etc/passwd", "/content/about.md", "/casebook.toml",
	} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		reply, _ := io.ReadAll(conn)
		conn.Close()
		status, _, _ := strings.Cut(string(reply), "\r\n")
		if !strings.HasPrefix(status, "HTTP/1.1 400") && !strings.HasPrefix(status, "HTTP/1.1 404") {
			t.Errorf("%s answered %q, want 400 or 404", target, status)
		}
		if strings.Contains(string(reply), "base_url") || strings.Contains(string(reply), "title: About") {
			t.Errorf("%s served a source file", target)
		}
	}
}

// TestServeAddressProblems checks what serve says of an --addr it cannot
// listen on, before it reads the site.
func TestServeAddressProblems(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port
	cases := []struct{ addr, want string }{
		{taken.Addr().String(), fmt.Sprintf("casebook: cannot listen on 127.0.0.1:%d: another program is using that port; stop it, or try --addr 127.0.0.1:%s\n", port, otherPort(strconv.Itoa(port)))},
		{"1313", "casebook: --addr 1313: give a host and a port, such as 127.0.0.1:1313\n"},
		{"127.0.0.1:99999", "casebook: cannot listen on 127.0.0.1:99999: address 99999: invalid port\n"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"serve", "--src", site, "--addr", c.addr}, &stdout, &stderr); code != exitUsage || stderr.String() != c.want {
			t.Errorf("--addr %s: exit %d, stderr %q; want %d, %q", c.addr, code, stderr.String(), exitUsage, c.want)
		}
	}
	for port, want := range map[string]string{"1313": "1314", "65535": "65534", "http": "1314"} {
		if got := otherPort(port); got != want {
			t.Errorf("otherPort(%s) = %s, want %s", port, got, want)
		}
	}
}

// TestServeFirstBuildFails: a site that fails to build when serve starts
// has no last good site to fall back on, and serve says so; fixing the
// file builds it.
func TestServeFirstBuildFails(t *testing.T) {
	site := testsite.Write(t, testsite.Minimal())
	about := filepath.Join(site, "content/about.md")
	original, err := os.ReadFile(about)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(about, []byte("---\ntitle: [unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- serveSite(ctx, serveOptions{src: site}, ln, &stdout, &stderr) }()
	defer func() {
		cancel()
		<-done
	}()
	waitFor := func(b *syncBuffer, text string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !strings.Contains(b.String(), text); time.Sleep(25 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q in\n%s\n%s", text, stdout.String(), stderr.String())
			}
		}
	}
	waitFor(&stdout, "serving ")
	const first = "build failed: 1 error; pages show the problems, and the site builds again on the next save\n"
	if got := stderr.String(); !strings.HasSuffix(got, first) || strings.Contains(got, "last good site") {
		t.Errorf("stderr:\n%s\nwant it to end\n%s", got, first)
	}
	// Still broken: still no last good site.
	if err := os.WriteFile(about, []byte("---\ntitle: [still unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); strings.Count(stderr.String(), first) < 2; time.Sleep(25 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the second failed build did not say so:\n%s", stderr.String())
		}
	}
	if strings.Contains(stderr.String(), "last good site") {
		t.Errorf("a second failure before any good build claims a last good site:\n%s", stderr.String())
	}
	if err := os.WriteFile(about, original, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(&stdout, "rebuilt ")
}

func TestBrowsable(t *testing.T) {
	for in, want := range map[string]string{"[::]:1313": "localhost:1313", "0.0.0.0:80": "localhost:80", "127.0.0.1:1313": "127.0.0.1:1313", "[::1]:8080": "[::1]:8080", "192.0.2.7:1313": "192.0.2.7:1313"} {
		addr, err := net.ResolveTCPAddr("tcp", in)
		if err != nil {
			t.Fatal(err)
		}
		if got := browsable(addr); got != want {
			t.Errorf("browsable(%s) = %s, want %s", in, got, want)
		}
	}
}
