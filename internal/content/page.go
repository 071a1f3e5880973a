package content

import (
	"errors"
	"hash/maphash"
	"iter"
	"math"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
)

// Page is one markdown file of the site, decoded.
type Page struct {
	Meta
	Kind Kind
	Slug string // file name without .md; for a list page, its folder
	Path string // relative to the site root, forward slashes
	// Section is the folder under content/ ("" for top-level pages).
	Section string
	Refs    Refs
	// Body is the markdown after the frontmatter; BodyOffset is where it
	// starts in Src, so body positions map back to file lines.
	Body       []byte
	BodyOffset int
	Src        []byte
	Lines      *diag.Lines
	// Broken marks a page whose text could not be decoded; it exists for
	// references, but has no fields or body.
	Broken bool
	// FieldPos is where each frontmatter field's value was written.
	FieldPos Fields
	// Lang is set on a translation (content/x.es.md translates x.md into
	// "es"); "" on a page in the site's default language.
	Lang string
	// TranslationOf is what a translation's translation_of field says:
	// the version of its source it translates (see SourceVersion).
	TranslationOf string
	// Of is the path of the page a translation merged with its source
	// (see Translate) stands for: the source's, by which links find it.
	Of string
	// file, size and digest stand in for Src, Body and Lines once a lean
	// load let go of them: Source reads file again and checks it is the
	// text that was decoded.
	file   string
	size   int
	digest uint64
	// front digests the frontmatter's text, which a rebuild compares.
	front uint64
	// titleKey is the title in lower case, made once per decoded file
	// rather than once per build: lists sort by it.
	titleKey string
}

// TitleKey is the page's title in lower case, for sorting and comparing.
func (p *Page) TitleKey() string {
	if p.titleKey == "" && p.Title != "" { // a page made without decoding
		return strings.ToLower(p.Title)
	}
	return p.titleKey
}

// ErrChanged says a file is no longer the text its page was decoded from.
var ErrChanged = errors.New("the file changed while the site was building; build again once it is saved")

var digestSeed = maphash.MakeSeed()

// letGo drops the page's text, remembering where to read it again.
func (p *Page) letGo(file string) {
	if p.Src == nil {
		return
	}
	p.file, p.size, p.digest = file, len(p.Src), maphash.Bytes(digestSeed, p.Src)
	p.Src, p.Body, p.Lines = nil, nil, nil
}

// SameFrontmatter reports whether two decodes of a file have the same
// frontmatter text, so the same fields, relations and problems.
func SameFrontmatter(a, b *Page) bool {
	return !a.Broken && !b.Broken && a.BodyOffset > 0 && a.BodyOffset == b.BodyOffset && a.front == b.front
}

// Position returns the line and column of byte offset off in the page's
// file, reading the file again if a lean load let go of its text (only a
// problem needs a position, so that is rare); 0, 0 if it cannot be read.
func (p *Page) Position(off int) (line, col int) {
	if p.Lines != nil {
		return p.Lines.Position(off)
	}
	src, _, err := p.Source()
	if err != nil || src == nil {
		return 0, 0
	}
	return diag.NewLines(src).Position(off)
}

// Source returns the page's file text and its body (the markdown after
// the frontmatter; nil for a broken page): as loaded, or read again when a
// lean load let go of them.
func (p *Page) Source() (src, body []byte, err error) {
	if p.Src != nil || p.file == "" {
		return p.Src, p.Body, nil
	}
	src, err = fsutil.ReadFile(p.file)
	if err != nil {
		return nil, nil, err
	}
	if len(src) != p.size || maphash.Bytes(digestSeed, src) != p.digest {
		return nil, nil, ErrChanged
	}
	if p.Broken {
		return src, nil, nil
	}
	return src, src[p.BodyOffset:], nil
}

// Pos is a line and column in a file, counting from 1.
type Pos struct{ Line, Col int }

// Fields says where each frontmatter field's value was written, in the
// order written. A list, not a map: a page has a few fields, and at
// 100,000 case studies a map of them took 540 bytes a page where the
// list takes about 160; the maps were a quarter of what loading held.
type Fields []fieldAt

type fieldAt struct {
	name      string // the schema's own string, shared by every page
	line, col int32
}

// Lookup returns where the field name was written, and whether it was.
func (f Fields) Lookup(name string) (Pos, bool) {
	for _, at := range f {
		if at.name == name {
			return Pos{int(at.line), int(at.col)}, true
		}
	}
	return Pos{}, false
}

// At returns where the field name was written; the zero Pos if it was not.
func (f Fields) At(name string) Pos {
	pos, _ := f.Lookup(name)
	return pos
}

// Has reports whether the field name was written.
func (f Fields) Has(name string) bool {
	_, ok := f.Lookup(name)
	return ok
}

// All yields each field written and where, in the order written.
func (f Fields) All() iter.Seq2[string, Pos] {
	return func(yield func(string, Pos) bool) {
		for _, at := range f {
			if !yield(at.name, Pos{int(at.line), int(at.col)}) {
				return
			}
		}
	}
}

// set records that the field name was written at line and col, once.
func (f *Fields) set(name string, line, col int) {
	at := fieldAt{name: name, line: clamp32(line), col: clamp32(col)}
	for i := range *f {
		if (*f)[i].name == name {
			(*f)[i] = at
			return
		}
	}
	*f = append(*f, at)
}

func clamp32(n int) int32 { return int32(min(n, math.MaxInt32)) }

// Meta holds a page's scalar frontmatter fields. site.Page repeats them,
// so layouts read .Title, .Summary and the rest directly.
type Meta struct {
	Title      string
	Summary    string
	Order      float64 // decimals allowed: 2.5 sorts between 2 and 3
	Region     string
	Locale     string
	Enrollment int
	FRLPercent float64 // rounded to one decimal place
	HasFRL     bool
	Statement  string // a pair's problem of practice
	Solution   string // a pair's pilot solution
	Date       time.Time
	Authors    []string
	Image      string
	ImageAlt   string
	// ImageCaption and ImageCredit are shown under the lead image; a
	// decorative image (ImageDecorative) needs no alt text.
	ImageCaption    string
	ImageCredit     string
	ImageDecorative bool
	ExternalURL     string
	Audience        []string
	Draft           bool
	// Illustrative marks a case study as a composite or invented story
	// rather than a report of what one district did.
	Illustrative bool
}

// Refs holds a page's references to other pages, as slugs with positions.
type Refs struct {
	District  Ref
	Problem   Ref
	Stage     Ref
	Themes    []Ref
	Stages    []Ref
	Resources []Ref
	Lessons   []LessonRef
}

// Ref is a slug written in frontmatter, with where it was written.
type Ref struct {
	Slug string
	Line int
	Col  int
}

// LessonRef is one entry of a case study's lessons.
type LessonRef struct {
	Theme Ref
	Text  string
}
