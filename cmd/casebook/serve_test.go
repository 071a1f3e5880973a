package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
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
	site := testsite.Write(t, testsite.Minimal())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- serveSite(ctx, serveOptions{src: site}, ln, &stdout, &stderr) }()
	base := "http://" + ln.Addr().String() + "/"
	for i := 0; !strings.Contains(stdout.String(), "serving "); i++ {
		if i > 200 {
			t.Fatalf("the server did not start: %s %s", stdout.String(), stderr.String())
		}
		time.Sleep(25 * time.Millisecond)
	}
	if page := get(t, base+"about/"); !strings.Contains(page, "A cohort.") || !strings.Contains(page, "_casebook/live.js") {
		t.Fatalf("about page: %s", page)
	}
	stream := events(t, base+"_casebook/events")
	await(t, stream, "hello")

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
	idle, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve ended with %v", err)
		}
	case <-time.After(4 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stdout, stderr bytes.Buffer
	code := run([]string{"serve", "--src", testsite.Write(t, testsite.Minimal()), "--addr", ln.Addr().String()}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "try --addr 127.0.0.1:1314") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
