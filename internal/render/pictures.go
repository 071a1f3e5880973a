package render

import (
	"bytes"
	"path/filepath"
	"slices"
	"sync"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/site"
)

// Every JPEG, PNG and WebP the site publishes goes through package
// images: a picture a page shows at its widths, every other one (in
// static/, or beside the pages and linked to) at its own size; all of
// them without metadata.

// pictures is what a renderer keeps for pictures: the cache of widths,
// and which originals recorded where they were taken.
type pictures struct {
	cache   *images.Cache
	located sync.Map // source path → true, for the originals with a GPS position
}

// sharedPictures is the cache of a renderer given none: in memory, and
// shared by every renderer of the process, so checking or rendering the
// same site again does not resize its pictures again.
var sharedPictures = images.NewCache("")

// SetPictureCache makes the renderer keep the widths it makes in c, and
// read them from it. Without one they are kept in memory, for the process.
func (r *Renderer) SetPictureCache(c *images.Cache) { r.pics.cache = c }

// LocationsRemoved lists, sorted, the pictures published since the
// renderer was made whose originals recorded where they were taken.
func (r *Renderer) LocationsRemoved() []string {
	var located []string
	r.pics.located.Range(func(source, _ any) bool {
		located = append(located, source.(string))
		return true
	})
	slices.Sort(located)
	return located
}

// fromFile is the Render of an output made from a file's bytes by produce:
// a file that cannot be read is reported on source.
func fromFile(source string, read func() ([]byte, error), produce func(data []byte, w *bytes.Buffer, diags *diag.List) (bool, error)) func(*bytes.Buffer, *diag.List) (bool, error) {
	return func(w *bytes.Buffer, diags *diag.List) (bool, error) {
		data, err := read()
		if err != nil {
			fsutil.Report(diags, source, err, false)
			return false, nil
		}
		return produce(data, w, diags)
	}
}

// copied is the Render of a file in static/ or beside the pages published
// as it is, unless its bytes say it is a picture, whatever it is called:
// then it goes without its metadata, and a photo whose metadata casebook
// cannot remove (HEIC, AVIF, TIFF) is not published.
func (r *Renderer) copied(source string, read func() ([]byte, error)) func(*bytes.Buffer, *diag.List) (bool, error) {
	return fromFile(source, read, func(data []byte, w *bytes.Buffer, diags *diag.List) (bool, error) {
		if what := images.Unstrippable(data); what != "" {
			diags.Errorf(source, 0, 0, "export it as a JPEG or PNG, which casebook publishes without their metadata",
				"casebook cannot remove what this file records (such as where a photo was taken), so it does not publish it: %s", what)
			return false, nil
		}
		if !images.IsPicture(data) {
			w.Write(data)
			return true, nil
		}
		return r.strip(source, data, w, diags)
	})
}

// strip writes a picture without its metadata, at its own size, or
// reports why it cannot.
func (r *Renderer) strip(source string, data []byte, w *bytes.Buffer, diags *diag.List) (bool, error) {
	out, info, err := images.Strip(data)
	if err != nil {
		diags.Errorf(source, 0, 0, "open it in an image editor and save it again as a JPEG or PNG",
			"this is not a picture casebook can read: %s", images.Reason(err))
		return false, nil
	}
	if !images.StripsUpright(info) {
		diags.Warnf(source, 0, 0, "open it in an image editor, turn it upright and save it again",
			"this WebP picture is stored on its side with a tag saying how to turn it; casebook removes the tag with the other metadata, so it would show on its side")
	}
	r.noteLocation(source, info)
	w.Write(out)
	return true, nil
}

func (r *Renderer) noteLocation(source string, info images.Info) {
	if info.GPS {
		r.pics.located.Store(source, true)
	}
}

// pictureOutputs lists the files published for the pictures pages show or
// link to. The first width of every picture comes before the second of
// any: the widths of one picture wait for its one resize, so a worker that
// took the next output in order would wait for it too, while another
// picture could be resized beside it.
func (r *Renderer) pictureOutputs(s *site.Site) []Output {
	files := slices.Clone(s.PictureFiles)
	rank := make(map[site.PictureFile]int, len(files))
	seen := map[string]int{}
	for _, f := range files {
		rank[f] = seen[f.Source]
		seen[f.Source]++
	}
	slices.SortStableFunc(files, func(a, b site.PictureFile) int { return rank[a] - rank[b] })
	outs := make([]Output, 0, len(files))
	for _, f := range files {
		full := filepath.Join(r.root, filepath.FromSlash(f.Source))
		read := func() ([]byte, error) { return fsutil.ReadFile(full) }
		o := Output{Path: f.Path, Source: f.Source}
		if f.Width == 0 {
			o.Render = fromFile(f.Source, read, func(data []byte, w *bytes.Buffer, diags *diag.List) (bool, error) {
				return r.strip(f.Source, data, w, diags)
			})
		} else {
			o.Render = r.resized(f, read)
		}
		outs = append(outs, o)
	}
	return outs
}

// resized is the Render of one width of a picture a page shows.
func (r *Renderer) resized(f site.PictureFile, read func() ([]byte, error)) func(*bytes.Buffer, *diag.List) (bool, error) {
	return fromFile(f.Source, read, func(data []byte, w *bytes.Buffer, diags *diag.List) (bool, error) {
		if info, err := images.Probe(data); err != nil || info != f.Info {
			diags.Errorf(f.Source, 0, 0, "build again", "this picture changed while casebook was building the site")
			return false, nil
		}
		v, err := r.pics.cache.Variant(data, f.Info, f.Width)
		if err != nil {
			diags.Errorf(f.Source, 0, 0, "open it in an image editor and save it again as a JPEG or PNG",
				"this is not a picture casebook can read: %s", images.Reason(err))
			return false, nil
		}
		r.noteLocation(f.Source, f.Info)
		w.Write(v.Data)
		return true, nil
	})
}
