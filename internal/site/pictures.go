package site

import (
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/markdown"
)

// Picture is a picture a page shows, as its layout or body gives it to
// the browser: every width it is published at, and the size of the
// largest, so the page keeps its place while the picture loads.
type Picture struct {
	Src           string // the largest width's URL, for browsers without srcset
	Srcset        string // every width's URL and width, for the browser to choose
	Width, Height int    // the largest width's
	// Thumb is the smallest width, for a card's thumbnail.
	Thumb                   string
	ThumbWidth, ThumbHeight int
}

// Sizes tells the browser how wide the default theme shows a picture in a
// page's column: the whole screen on a phone, the column's width beyond.
const Sizes = "(min-width: 48em) 42em, 100vw"

// PictureFile is a file published for a page's picture: one width of a
// picture the page shows, or (Width 0) a picture the page links to, at its
// own size. Both are made from the original without its metadata.
type PictureFile struct {
	Path   string // in the output folder
	Source string // the original, relative to the site root
	Info   images.Info
	Width  int
}

// The limits above which an original is worth saving smaller.
const (
	bigPictureBytes = 5_000_000
	bigPictureWidth = 4000
)

// probed is a picture file's header, read once per build (or, in the
// development server, once until a file beside the pages or in static/
// changes: see Memo).
type probed struct {
	info images.Info
	size int64
	err  error
}

type probeCache struct{ m sync.Map } // site path → probed

// probe reads the header of the picture at target, a site path.
func (b *builder) probe(target string) probed {
	if v, ok := b.probes.m.Load(target); ok {
		return v.(probed)
	}
	pr := probeFile(filepath.Join(b.opts.Root, filepath.FromSlash(target)))
	b.probes.m.Store(target, pr)
	return pr
}

// probeFile reads the whole file, which also refuses what is not a plain
// file: EXIF and color profiles may run to hundreds of kilobytes before
// the size a JPEG gives at the start of its pixels.
func probeFile(full string) probed {
	data, err := fsutil.ReadFile(full)
	if err != nil {
		return probed{err: err}
	}
	if strings.EqualFold(filepath.Ext(full), ".svg") {
		w, h, _ := images.SVGSize(data)
		return probed{info: images.Info{Width: w, Height: h}, size: int64(len(data))}
	}
	info, err := images.Probe(data)
	return probed{info: info, size: int64(len(data)), err: err}
}

// picture prepares the picture at target (a site path under content/ or
// static/) for lr's page, or reports why it cannot and returns nil. A
// picture beside the pages is published in the page's own folder; one in
// static/ keeps its place, and its widths go beside it.
func (lr *linkResolver) picture(target string, off int) *Picture {
	if lr.b.opts.Root == "" {
		return nil
	}
	pr := lr.b.probe(target)
	name := path.Base(target)
	if pr.err != nil {
		lr.reportUnreadable(target, pr.err, off)
		return nil
	}
	info := pr.info
	if big := bigness(pr.size, info); big != "" {
		line, col := lr.position(off)
		lr.diags.Warnf(lr.from.Path, line, col, "save it at most 4,000 pixels wide and under 5 MB; 2,000 pixels is plenty for a web page",
			"`%s` is %s: it will be resized, but the original still slows your builds; save it smaller", name, big)
	}
	dir, stem, inStatic := lr.pictureDir(target)
	out := images.OutputFormat(info).Ext()
	ws := images.Plan(info)
	pic := &Picture{}
	var set []string
	for i, w := range ws {
		// Every width is named for it: the plain name is the picture at
		// its own size, published where a page links to it.
		p := path.Join(dir, stem+"-"+strconv.Itoa(w)+"w"+out)
		largest := i == len(ws)-1
		if largest && inStatic && w == info.Width && images.OutputFormat(info) == info.Format {
			// The file in static/ itself, published without its metadata
			// and upright, is this width already.
			p = strings.TrimPrefix(target, "static/")
		} else {
			lr.published = append(lr.published, PictureFile{Path: p, Source: target, Info: info, Width: w})
		}
		url := lr.b.fileURL(p)
		set = append(set, url+" "+strconv.Itoa(w)+"w")
		if i == 0 {
			pic.Thumb, pic.ThumbWidth, pic.ThumbHeight = url, w, images.HeightAt(info, w)
		}
		pic.Src, pic.Width, pic.Height = url, w, images.HeightAt(info, w)
	}
	if len(set) > 1 { // one width leaves the browser nothing to choose
		pic.Srcset = strings.Join(set, ", ")
	}
	return pic
}

// isSizedOnly reports whether a picture is published as it is, with only
// its size read: a GIF (which may be animated) or an SVG drawing.
func isSizedOnly(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".gif", ".svg":
		return true
	}
	return false
}

// unreadableFormat reports whether a picture's name says it is in a format
// browsers do not all show, which casebook does not read: its probe says
// what it is and what to do.
func unreadableFormat(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".heic", ".heif", ".avif", ".tif", ".tiff", ".bmp":
		return true
	}
	return false
}

// sizedPicture is a GIF or SVG at url with the size it gives itself, or
// nil when it gives none (or cannot be read: a theme's file, say); its
// other problems are the browser's to show.
func (lr *linkResolver) sizedPicture(target, url string) *Picture {
	if lr.b.opts.Root == "" {
		return nil
	}
	pr := lr.b.probe(target)
	if pr.err != nil || pr.info.Width == 0 {
		return nil
	}
	w, h := pr.info.Width, pr.info.Height
	return &Picture{Src: url, Width: w, Height: h, Thumb: url, ThumbWidth: w, ThumbHeight: h}
}

func (lr *linkResolver) keepPicture(dest string, pic *Picture) {
	if lr.pictures == nil {
		lr.pictures = map[string]*Picture{}
	}
	lr.pictures[dest] = pic
}

// reportUnreadable reports a picture that could not be read, or is not one.
func (lr *linkResolver) reportUnreadable(target string, err error, off int) {
	name := path.Base(target)
	if images.IsNotPicture(err) {
		lr.errorf(off, "open it in an image editor and save it again as a JPEG or PNG",
			"`%s` is not a picture casebook can read: %s", name, images.Reason(err))
		return
	}
	msg, hint := fsutil.Problem(err, target, false)
	lr.errorf(off, hint, "`%s`: %s", name, msg)
}

// pictureDir is the output folder and file name stem for the widths of
// the picture at target: the page's folder for a picture beside the pages,
// the picture's own for one in static/.
func (lr *linkResolver) pictureDir(target string) (dir, stem string, inStatic bool) {
	base := path.Base(target)
	stem = strings.TrimSuffix(base, path.Ext(base))
	if rel, ok := strings.CutPrefix(target, "static/"); ok {
		return path.Dir(rel), stem, true
	}
	return strings.TrimPrefix(lr.from.URL, lr.b.site.Config.BasePath), stem, false
}

// bigness says what is too big about a picture of size bytes, for an
// author: "6.2 MB", "4032×3024 pixels", both, or "" when neither is.
func bigness(size int64, info images.Info) string {
	var big []string
	if size > bigPictureBytes {
		big = append(big, fmt.Sprintf("%.1f MB", float64(size)/1e6))
	}
	if info.Width > bigPictureWidth {
		big = append(big, fmt.Sprintf("%d×%d pixels", info.Width, info.Height))
	}
	return strings.Join(big, " and ")
}

// Picture implements markdown.Resolver: how to show the picture dest, an
// image destination just given to Resolve.
func (lr *linkResolver) Picture(dest string) (markdown.Picture, bool) {
	pic := lr.pictures[dest]
	if pic == nil {
		return markdown.Picture{}, false
	}
	return markdown.Picture{Srcset: pic.Srcset, Sizes: Sizes, Width: pic.Width, Height: pic.Height}, true
}

// resolveLead checks a case study's lead picture and its alt text, and
// makes the picture.
func (b *builder) resolveLead(p *Page) {
	pos := p.source.FieldPos.At("image")
	alt := strings.TrimSpace(p.ImageAlt)
	switch {
	case p.ImageDecorative:
		p.ImageAlt = ""
	case alt == "":
		b.diags.Errorf(p.Path, pos.Line, pos.Col, "add `image_alt: ` with a sentence saying what the picture shows, or `image_decorative: true` if it shows nothing the page does not say",
			"the image has no alt text, so readers who cannot see it miss what it shows")
	default:
		altPos := p.source.FieldPos.At("image_alt")
		if message, hint, isError := markdown.AltProblem(alt, p.Image); message != "" {
			sev := diag.Warning
			if isError {
				sev = diag.Error
				hint = "write a few words saying what the picture shows instead, e.g. `image_alt: Students at the design studio`"
			}
			b.diags.Add(diag.Diagnostic{Path: p.Path, Line: altPos.Line, Col: altPos.Col, Severity: sev, Message: message, Hint: hint})
		}
	}
	if p.ImageDecorative && alt != "" {
		altPos := p.source.FieldPos.At("image_alt")
		b.diags.Warnf(p.Path, altPos.Line, altPos.Col, "remove `image_decorative: true` if the picture shows something the page does not say, or remove `image_alt`",
			"the picture is marked decorative, so screen readers pass over it and this alt text is not used")
	}
	lr := &linkResolver{b: b, from: p, diags: b.diags, fieldPos: &pos}
	written := p.Image
	p.Image = lr.Resolve(written, 0, true)
	p.Lead = lr.pictures[written]
	p.leadFiles = lr.published
}

// checkPictureFields warns about the fields that go with a case study's
// picture when it has none: they are not shown.
func (b *builder) checkPictureFields(p *Page) {
	for _, field := range []struct {
		name string
		set  bool
	}{{"image_alt", p.ImageAlt != ""}, {"image_caption", p.ImageCaption != ""}, {"image_credit", p.ImageCredit != ""}, {"image_decorative", p.ImageDecorative}} {
		if f, pos := field.name, p.source.FieldPos.At(field.name); field.set {
			b.diags.Warnf(p.Path, pos.Line, pos.Col, "add `image: ` with the picture's file name, or remove `"+f+"`",
				"`%s` goes with a picture, but this case study has no `image:`, so it is not shown", f)
		}
	}
}

// collectPictureFiles lists the files published for the pages' pictures,
// once per path: two pages in one folder may show the same picture.
func (b *builder) collectPictureFiles() {
	seen := map[string]PictureFile{} // by output path
	var files []PictureFile
	for _, p := range b.allPages(false) {
		for _, list := range [][]PictureFile{p.leadFiles, p.bodyFiles} {
			for _, f := range list {
				first, taken := seen[f.Path]
				switch {
				case !taken:
					seen[f.Path] = f
					files = append(files, f)
				case first.Source != f.Source:
					b.diags.Errorf(p.Path, 0, 0, "rename one of the two pictures",
						"%s and %s would both be published at /%s", first.Source, f.Source, f.Path)
				case first.Width != f.Width:
					b.diags.Errorf(p.Path, 0, 0, "rename one of the two pictures",
						"%s would be published twice at /%s, at two sizes", f.Source, f.Path)
				}
			}
		}
	}
	b.site.PictureFiles = files
}
