package build

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/render"
)

// TestRenderAllThen: the outputs ready sends are rendered as well as the
// others, each once, whether they come before the others are all handed
// out, after, or never (a nil channel), and are returned.
func TestRenderAllThen(t *testing.T) {
	outputs := func(prefix string, n int) []render.Output {
		var outs []render.Output
		for i := range n {
			path := fmt.Sprintf("%s%d.html", prefix, i)
			outs = append(outs, render.Output{Path: path, Render: func(w *bytes.Buffer, _ *diag.List) (bool, error) {
				w.WriteString(path)
				return true, nil
			}})
		}
		return outs
	}
	for _, when := range []string{"first", "after", "never"} {
		t.Run(when, func(t *testing.T) {
			now, index := outputs("page", 500), outputs("index", 20)
			var ready chan []render.Output
			pagesDone := make(chan struct{})
			switch when {
			case "first":
				ready = make(chan []render.Output, 1)
				ready <- index
			case "after":
				ready = make(chan []render.Output)
				go func() { <-pagesDone; ready <- index }()
			}
			var mu sync.Mutex
			put := map[string]int{}
			sink := func(o render.Output, b []byte) error {
				if string(b) != o.Path {
					t.Errorf("%s holds %q", o.Path, b)
				}
				mu.Lock()
				defer mu.Unlock()
				if put[o.Path]++; len(put) == len(now) {
					close(pagesDone) // every page, before any of index
				}
				return nil
			}
			var diags diag.List
			more, err := renderAllThen(now, ready, false, sink, &diags)
			if err != nil {
				t.Fatal(err)
			}
			want := now
			if when != "never" {
				want = append(slices.Clone(now), index...)
				if len(more) != len(index) {
					t.Errorf("returned %d outputs, want the %d sent", len(more), len(index))
				}
			}
			for _, o := range want {
				if put[o.Path] != 1 {
					t.Errorf("%s was written %d times", o.Path, put[o.Path])
				}
			}
			if len(put) != len(want) {
				t.Errorf("%d files written, want %d", len(put), len(want))
			}
		})
	}
}
