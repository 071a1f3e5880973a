package images

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// CacheDir is where a site keeps the pictures casebook made, relative to
// the site root: inside the .casebook folder casebook owns, which the
// .gitignore of a new site leaves out.
const CacheDir = ".casebook/cache/images"

// version is part of every cache key: a change to how pictures are made
// (widths, quality, filter) must not reuse what the old way made. 2: the
// widths made since the pictures work was reviewed differ in bytes from
// those of its first version (every width of the bundled drawings did),
// which caches made before kept serving.
const version = "2"

// A Cache keeps the widths Resize made, one file per width, named by the
// content hash of the original: a rebuild, or a development server
// reloading, never resizes the same picture twice, whatever it is called
// and wherever it moves. It is safe for concurrent use: two pages showing
// one picture wait for one resize.
type Cache struct {
	dir      string // "" keeps what it makes in memory only
	readOnly bool   // dir is read, never written: what it makes stays in memory

	mu      sync.Mutex
	running map[string]*resize // by key, while a picture is resized
	memory  map[string][]byte  // by file name, when dir is ""
	used    map[string]bool    // file names asked for since the last Prune

	hits, resized atomic.Int64
}

// resize is one picture's resize, which every asker of its widths shares.
type resize struct {
	once     sync.Once
	variants []Variant
	err      error
}

// NewCache returns a cache in dir, which is made when first written to.
// With dir "", nothing is written to disk.
func NewCache(dir string) *Cache {
	return &Cache{dir: dir, running: map[string]*resize{}, memory: map[string][]byte{}, used: map[string]bool{}}
}

// NewReadOnlyCache returns a cache that reads what builds left in dir and
// writes nothing there: a check's, which must leave the site as it was.
func NewReadOnlyCache(dir string) *Cache {
	c := NewCache(dir)
	c.readOnly = true
	return c
}

// Hits counts the widths read from the cache rather than made.
func (c *Cache) Hits() int64 { return c.hits.Load() }

// Resized counts the pictures resized because the cache did not have them.
func (c *Cache) Resized() int64 { return c.resized.Load() }

// Key is the cache key of a picture's bytes.
func Key(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// Variant returns the picture in data, described by info, at width w, one
// of Plan(info).
func (c *Cache) Variant(data []byte, info Info, w int) (Variant, error) {
	ws := Plan(info)
	if !slices.Contains(ws, w) {
		return Variant{}, fmt.Errorf("width %d is not one casebook writes for a %d-pixel picture", w, info.Width)
	}
	key := Key(data)
	name := key + "-v" + version + "-" + strconv.Itoa(w)
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
	if b, ok := c.read(name); ok {
		if got, err := Probe(b); err == nil {
			c.hits.Add(1)
			return Variant{Width: w, Height: got.Height, Format: got.Format, Data: b}, nil
		}
	}
	r := c.start(key)
	r.once.Do(func() {
		c.resized.Add(1)
		r.variants, r.err = Resize(data, info, ws)
		written := r.err == nil
		for i, v := range r.variants {
			written = c.write(key+"-v"+version+"-"+strconv.Itoa(ws[i]), v.Data) && written
		}
		if written {
			c.mu.Lock()
			delete(c.running, key) // later askers read the files
			c.mu.Unlock()
		} // otherwise they share this resize, until Prune
	})
	if r.err != nil {
		return Variant{}, r.err
	}
	return r.variants[slices.Index(ws, w)], nil
}

func (c *Cache) start(key string) *resize {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.running[key]
	if r == nil {
		r = &resize{}
		c.running[key] = r
	}
	return r
}

func (c *Cache) read(name string) ([]byte, bool) {
	c.mu.Lock()
	b, ok := c.memory[name]
	c.mu.Unlock()
	if ok || c.dir == "" {
		return b, ok
	}
	b, err := os.ReadFile(filepath.Join(c.dir, name))
	return b, err == nil
}

// write keeps a file, writing it aside and renaming it so a reader never
// sees half of one, and reports whether it is on disk. A cache that cannot
// be written (a read-only site) only means the next build resizes again.
func (c *Cache) write(name string, b []byte) bool {
	if c.dir == "" || c.readOnly {
		c.mu.Lock()
		c.memory[name] = b
		c.mu.Unlock()
		return false
	}
	if os.MkdirAll(c.dir, 0o755) != nil {
		return false
	}
	tmp, err := os.CreateTemp(c.dir, ".new-*")
	if err != nil {
		return false
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(c.dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err == nil
}

// Prune removes the files no one asked for since the last Prune (or since
// the cache was made): pictures a site no longer shows, and what an older
// casebook made. It returns how many it removed.
func (c *Cache) Prune() (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.running)
	removed := 0
	if c.dir == "" || c.readOnly {
		for name := range c.memory {
			if !c.used[name] {
				delete(c.memory, name)
				removed++
			}
		}
	} else {
		entries, err := os.ReadDir(c.dir)
		if err != nil && !os.IsNotExist(err) {
			return 0, err
		}
		for _, e := range entries {
			if !c.used[e.Name()] {
				if err := os.Remove(filepath.Join(c.dir, e.Name())); err != nil {
					return removed, err
				}
				removed++
			}
		}
	}
	clear(c.used)
	return removed, nil
}
