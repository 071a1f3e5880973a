package search

import (
	"bytes"
	"runtime"
	"sync"

	"github.com/klauspost/compress/gzip"
)

// A packer gzips the index's files on every core while the rest of the
// index is still being written, so that a file's raw bytes are held only
// until it is compressed: holding them all until the end was 176 MB at
// 100,000 case studies, on top of everything else the index needs then.
// The browser inflates the files with DecompressionStream. The gzip header
// carries no name or time, so the same index gives the same bytes.
type packer struct {
	last  map[uint64][]byte // the last build's compressed files, by Key; only read
	work  chan *File
	wg    sync.WaitGroup
	files []*File
}

func newPacker(last map[uint64][]byte) *packer {
	workers := runtime.GOMAXPROCS(0)
	p := &packer{last: last, work: make(chan *File, workers)}
	for range workers {
		p.wg.Go(p.run)
	}
	return p
}

// add hands f to the workers, which replace its data with the compressed
// bytes. f must not be read until finish.
func (p *packer) add(f *File) {
	p.files = append(p.files, f)
	p.work <- f
}

func (p *packer) run() {
	var buf bytes.Buffer
	z, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	for f := range p.work {
		if gz, ok := p.last[f.Key]; ok {
			f.Data = gz
			continue
		}
		buf.Reset()
		z.Reset(&buf)
		_, _ = z.Write(f.Data) // a bytes.Buffer does not fail
		_ = z.Close()
		f.Data = bytes.Clone(buf.Bytes())
	}
}

// finish waits for the workers and returns every file added, compressed.
func (p *packer) finish() []File {
	close(p.work)
	p.wg.Wait()
	files := make([]File, len(p.files))
	for i, f := range p.files {
		files[i] = *f
	}
	return files
}
