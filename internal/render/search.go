package render

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"strings"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
)

// ManifestPath is where the search index's manifest is published, beside
// the copy the search page carries inline.
const ManifestPath = "search/manifest.json"

// indexFile reports whether path is one of the files searchOutputs makes:
// the manifest or a file of the index. The search page is not one.
func indexFile(path string) bool {
	return path == ManifestPath || strings.HasPrefix(path, search.Dir)
}

// HasIndex reports whether the renderer has planned a search index, whose
// manifest a stale plan's search page carries (PlanStale).
func (r *Renderer) HasIndex() bool { return r.searchKey != 0 }

// IndexFile reports whether an output path is one of the search index
// files of the renderer's edition (es/search/manifest.json for Spanish).
func (r *Renderer) IndexFile(path string) bool {
	rest, ok := strings.CutPrefix(path, r.prefix)
	return ok && indexFile(rest)
}

// searchOutputs builds the site's search index and plans its files. The
// search page gets the manifest through the layout function searchData.
// When stop (which may be nil) says so before the index is made, it
// gives up and returns false, and the renderer keeps the last index's
// manifest.
//
// once is set for a build that renders each output once and ends
// (PlanBuild): the compressed files are not kept for a next plan, and
// each output lets go of its bytes as it is written, rather than when
// the build ends (40 MB at 100,000 case studies).
func (r *Renderer) searchOutputs(s *site.Site, stop func() bool, once bool) ([]Output, bool) {
	cache := &r.searchCache
	if once {
		cache = nil
	}
	ix, ok := search.BuildUnless(s, cache, stop)
	if !ok {
		return nil, false
	}
	if ix.Err != nil {
		// The manifest cannot be written; rendering it fails the build.
		err := ix.Err
		return []Output{{Path: r.prefix + ManifestPath, Media: "application/json", Index: true,
			Render: func(*bytes.Buffer, *diag.List) (bool, error) { return false, err }}}, true
	}
	r.tpl.search = template.JS(ix.Manifest)
	r.searchKey = maphash.Bytes(searchSeed, ix.Manifest) | 1
	manifest := ix.Manifest
	outs := []Output{{Path: r.prefix + ManifestPath, Media: "application/json", Key: r.searchKey, Index: true,
		Render: func(w *bytes.Buffer, _ *diag.List) (bool, error) { w.Write(manifest); return true, nil }}}
	for _, f := range ix.Files {
		data := f.Data
		outs = append(outs, Output{Path: r.prefix + f.Path, Key: f.Key, Index: true, Render: func(w *bytes.Buffer, _ *diag.List) (bool, error) {
			w.Write(data)
			if once {
				data = nil
			}
			return true, nil
		}})
	}
	s.ReleasePlainText()
	return outs, true
}

var searchSeed = maphash.MakeSeed()
