package content

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/i18n"
)

// Asset is a non-markdown file under content/ (an image beside a page),
// copied to the same place in the output.
type Asset struct {
	Path string // relative to the site root, forward slashes
	Rel  string // relative to content/: also its output path
}

// Result is everything Load found.
type Result struct {
	Pages []*Page // sorted by Path
	// Translations are the pages in another language than the site's
	// default (content/x.es.md), sorted by Path; Translate merges one
	// with its source.
	Translations []*Page
	Assets       []Asset // sorted by Path
	// Drafts are the paths of pages left out because they are drafts, so
	// a link to one can say why it leads nowhere. Sorted.
	Drafts []string
	// Relisted is true when content/ was walked for this result, so files
	// may have appeared or gone; a Loader's later results may reuse the
	// previous listing.
	Relisted bool
}

// Options control loading.
type Options struct {
	Drafts bool // keep pages marked draft: true
	// Lean lets go of each file's text once its frontmatter is decoded;
	// Page.Source reads it again when the body is converted. A one-off
	// build sets it, so its peak memory never holds every file at once. A
	// Loader without it lets go at once only when it reads many files (see
	// leanFrom), and otherwise when LetGo is called.
	Lean bool
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// listNames are the folders under a list's page where its later pages
// (page/2/) and the pages that link to it (links/) go: no page may take
// them.
var listNames = []string{"page", "links"}

// reserved are top-level names the site's own outputs use.
var reserved = []string{"search", "feed", "sitemap", "robots", "404", "css", "js", "img", "static"}

// Load reads every file under root/content. Content problems go to diags; the
// error is for system failures only.
func Load(root string, opts Options, diags *diag.List) (*Result, error) {
	return NewLoader(root, opts).Load(nil, diags)
}

// listing is what a walk of content/ found: the pages to read, the assets
// to copy, and the problems with folders, links and file names on the way.
type listing struct {
	files  []string // markdown files, relative to the site root
	assets []Asset
	known  map[string]bool // files and assets
	diags  diag.List
	// links are the symbolic links among them: a change to a link's target
	// is reported under the target's name, so links are read every time.
	links []string
	// dirs are the folders the walk went into, content/ among them: a new
	// file in one of them is listed without walking again (see amended).
	dirs map[string]bool
}

// walk lists root/content. A site without content/ is a problem, not a
// failure: the listing is empty and says so.
func walk(root string) (*listing, error) {
	l := &listing{known: map[string]bool{}, dirs: map[string]bool{}}
	contentDir := filepath.Join(root, "content")
	info, err := os.Stat(contentDir)
	switch {
	case err == nil && !info.IsDir():
		l.diags.Errorf("content", 0, 0, "move or rename that file, and make content/ a folder for the site's pages", "content is a file, where the site's pages need a content/ folder")
		return l, nil
	case errors.Is(err, fs.ErrNotExist) && fsutil.BrokenLink(contentDir):
		l.diags.Errorf("content", 0, 0, "point the link at the folder of the site's pages, or make content/ a folder", "content is a symbolic link to a folder that is not there")
		return l, nil
	case errors.Is(err, fs.ErrNotExist):
		l.diags.Errorf("content", 0, 0, "create a content/ folder beside casebook.toml, or run `casebook new site DIR`", "the site has no content/ folder")
		return l, nil
	case err != nil:
		l.diags.Errorf("content", 0, 0, "", "cannot read the content/ folder: %v", fsutil.Reason(err))
		return l, nil
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	err = filepath.WalkDir(contentDir, func(p string, e fs.DirEntry, err error) error {
		rel := filepath.ToSlash(mustRel(root, p))
		if err != nil {
			// A folder casebook may not open, or an entry gone since its
			// folder was listed: the author's to fix, not a failure.
			fsutil.Report(&l.diags, rel, err, e != nil && e.IsDir())
			if e != nil && e.IsDir() && p != contentDir {
				return filepath.SkipDir
			}
			return nil
		}
		name := e.Name()
		if p != contentDir && fsutil.Ignored(name) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.Type()&fs.ModeSymlink != 0 {
			l.links = append(l.links, rel)
			return checkSymlink(realRoot, p, rel, &l.diags, &l.files, res)
		}
		if e.IsDir() {
			err := checkDir(contentDir, p, rel, &l.diags)
			if err == nil {
				l.dirs[rel] = true
			}
			return err
		}
		if kind := fsutil.Special(e.Type()); kind != "" {
			reportSpecial(rel, kind, &l.diags)
			return nil
		}
		addFile(rel, &l.files, res, &l.diags)
		return nil
	})
	if err != nil {
		return nil, err
	}
	l.assets = res.Assets
	slices.SortFunc(l.assets, func(a, b Asset) int { return strings.Compare(a.Path, b.Path) })
	for _, f := range l.files {
		l.known[f] = true
	}
	for _, a := range l.assets {
		l.known[a.Path] = true
	}
	return l, nil
}

// A Loader loads a site's content again and again, as the development server
// does after every save, re-reading only the files that changed. The pages it
// returns are shared between loads and must not be modified.
type Loader struct {
	root    string
	opts    Options
	listed  *listing
	decoded map[string]decoded // by path
	// choices are the slugs the decoded pages' hints were written with,
	// worked out from the listing choicesFrom.
	choices     Choices
	choicesFrom *listing
	// holding lists the pages decoded since LetGo, which still hold their
	// text.
	holding []*Page
	// read counts the files the last Update read: the changed ones, and
	// those whose hints a new listing may change.
	read int
}

// decoded is one markdown file as Parse left it.
type decoded struct {
	page  *Page // nil when the file's name or folder is unusable
	diags diag.List
}

// leanFrom is how many files a Loader reads at once from which it lets each
// text go as soon as it is decoded, as a lean load does. A first load reads
// the whole site, and holding every text until the build is done was a
// fifth of the development server's memory at its peak. A save reads a few
// files, which keep their text until LetGo: converting them needs no
// second read, so a file saved again meanwhile cannot fail the build.
const leanFrom = 64

// NewLoader returns a loader for the site at root.
func NewLoader(root string, opts Options) *Loader {
	return &Loader{root: root, opts: opts, decoded: map[string]decoded{}}
}

// Load reads the content. changed names the files (relative to the site
// root, forward slashes) that changed since the previous Load; only those
// are read again. When every one of them is a file the previous Load
// listed, content/ is not walked again. The first Load reads everything.
// Listed reports whether the files were listed afresh, which may have
// changed what exists.
func (l *Loader) Load(changed []string, diags *diag.List) (*Result, error) {
	relisted, err := l.Update(changed)
	if err != nil {
		return nil, err
	}
	return l.Result(relisted, diags), nil
}

// Update is Load without gathering the result, which looks at every
// page: a save that only edits bodies needs just the changed pages (see
// Page). It reports whether the files were listed afresh.
func (l *Loader) Update(changed []string) (relisted bool, err error) {
	relist := l.listed == nil
	for _, c := range changed {
		delete(l.decoded, c)
		if l.listed != nil && !l.listed.known[c] {
			relist = true
		} else if info, err := os.Lstat(filepath.Join(l.root, filepath.FromSlash(c))); err != nil || !info.Mode().IsRegular() {
			relist = true // removed, or now a link or folder: the walk decides
		}
	}
	if relist {
		listed, ok := l.listed.amended(l.root, changed)
		if !ok {
			if listed, err = walk(l.root); err != nil {
				return false, err
			}
		}
		l.listed = listed
	}
	for _, link := range l.listed.links {
		delete(l.decoded, link)
	}
	return relist, l.decode()
}

// HasLinks reports whether the last listing found symbolic links to files:
// a page may then change when a file of another name does.
func (l *Loader) HasLinks() bool { return l.listed != nil && len(l.listed.links) > 0 }

// LetGo drops the text of every page decoded so far, as a lean load does
// at once: a development session calls it once a build has converted the
// bodies it needs, and a later conversion reads the file again.
func (l *Loader) LetGo() {
	for _, p := range l.holding {
		p.letGo(filepath.Join(l.root, filepath.FromSlash(p.Path)))
	}
	l.holding = nil
}

// Page returns the page the last Load decoded from path (relative to the
// site root), or nil.
func (l *Loader) Page(path string) *Page { return l.decoded[path].page }

// Diags returns what decoding the file at path said, as Page's.
func (l *Loader) Diags(path string) diag.List { return l.decoded[path].diags }

// Listed reports whether the last listing holds the file at path, and
// ListingDiags what listing the files said (see Result).
func (l *Loader) Listed(path string) bool { return l.listed.known[path] }
func (l *Loader) ListingDiags() diag.List { return l.listed.diags }

// Read is how many files the last Update read: more than were changed
// when a new listing changed the hints other pages' problems give.
func (l *Loader) Read() int { return l.read }

// decode reads the listed files that are not decoded yet, and forgets
// files no longer listed.
func (l *Loader) decode() error {
	// Slugs change only when the files are listed again.
	if l.choicesFrom != l.listed {
		choices := choicesOf(l.listed.files)
		if !maps.EqualFunc(choices, l.choices, slices.Equal) {
			// A hint may name the pages there are ("the themes are: …"),
			// so pages with diagnostics are read again when they change.
			for f, d := range l.decoded {
				if d.diags.Len() > 0 {
					delete(l.decoded, f)
				}
			}
			l.choices = choices
		}
		l.choicesFrom = l.listed
	}
	var todo []string
	for _, f := range l.listed.files {
		if _, ok := l.decoded[f]; !ok {
			todo = append(todo, f)
		}
	}
	if len(l.decoded) > len(l.listed.files)-len(todo) {
		for f := range l.decoded {
			if !l.listed.known[f] {
				delete(l.decoded, f)
			}
		}
	}
	l.read = len(todo)
	if len(todo) == 0 {
		return nil
	}
	lean := l.opts.Lean || len(todo) >= leanFrom
	pages, lists, err := readAll(l.root, todo, l.choices, lean)
	if err != nil {
		return err
	}
	for i, f := range todo {
		l.decoded[f] = decoded{page: pages[i], diags: lists[i]}
		if pages[i] != nil && pages[i].Src != nil {
			l.holding = append(l.holding, pages[i])
		}
	}
	return nil
}

// choicesOf is the slugs of the pages files will hold, by kind: file
// names decide them, so they are known before any file is read. Drafts
// are among them: whether a page is a draft is known only once it is read.
func choicesOf(files []string) Choices {
	c := Choices{}
	for _, f := range files {
		if spec, n := placeOf(f); spec != nil && n.slug != "_index" && n.lang == "" {
			c[spec.Kind] = append(c[spec.Kind], n.slug)
		}
	}
	for _, slugs := range c {
		slices.Sort(slugs)
	}
	return c
}

// Result gathers the pages decoded by the last Update, leaving drafts out
// unless asked; relisted is what Update reported.
func (l *Loader) Result(relisted bool, diags *diag.List) *Result {
	res := &Result{Assets: l.listed.assets, Relisted: relisted}
	diags.Merge(l.listed.diags)
	for _, f := range l.listed.files {
		d := l.decoded[f]
		if p := d.page; p != nil && p.Draft && !l.opts.Drafts {
			// A draft is unfinished by definition: its missing fields must
			// not stop the site from building while it is left out.
			res.Drafts = append(res.Drafts, p.Path)
			continue
		}
		diags.Merge(d.diags)
		switch {
		case d.page == nil:
		case d.page.Lang != "":
			res.Translations = append(res.Translations, d.page)
		default:
			res.Pages = append(res.Pages, d.page)
		}
	}
	slices.SortFunc(res.Pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	slices.Sort(res.Drafts)
	return res
}

// addFile sorts a file under content/ into pages to read and assets to
// copy. A .markdown file is neither: it is reported, because publishing
// its raw text would show the frontmatter and skip every check.
func addFile(rel string, files *[]string, res *Result, diags *diag.List) {
	switch {
	case isMarkdown(rel):
		*files = append(*files, rel)
	case strings.EqualFold(path.Ext(rel), ".markdown"):
		stem := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		diags.Errorf(rel, 0, 0, fmt.Sprintf("rename the file to %s.md", goodStem(stem)),
			"casebook reads pages from .md files only, so this file would not be published")
	default:
		res.Assets = append(res.Assets, Asset{Path: rel, Rel: strings.TrimPrefix(rel, "content/")})
	}
}

// isMarkdown reports a page's file. The extension is matched in any case:
// a page saved as secret.MD must not be published as a raw file with its
// frontmatter (draft: true included) for anyone to read. checkName then asks
// for the lowercase name.
func isMarkdown(name string) bool { return strings.EqualFold(path.Ext(name), ".md") }

func mustRel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return r
}

// checkDir accepts content/, its kind folders and any folders inside those
// (a district may file its case studies by year); an unknown folder would
// have no URL, so it is reported rather than silently dropped.
func checkDir(contentDir, p, rel string, diags *diag.List) error {
	if p == contentDir {
		return nil
	}
	sub := strings.TrimPrefix(rel, "content/")
	if strings.Contains(sub, "/") {
		return nil // inside a kind folder: the walk checked that one first
	}
	if SpecForDir(sub) == nil {
		dirs := make([]string, len(Kinds))
		for i, k := range Kinds {
			dirs[i] = k.Dir
		}
		hint := diag.DidYouMean(sub, dirs)
		if hint == "" {
			hint = "content folders are " + strings.Join(dirs, ", ")
		}
		diags.Errorf(rel, 0, 0, hint, "`%s` is not a content folder, so its files would not be published", sub)
		return filepath.SkipDir
	}
	return nil
}

// checkSymlink follows a symlink only when it stays inside the site, so a
// build never reads (and publishes) a file from elsewhere on the machine.
func checkSymlink(realRoot, p, rel string, diags *diag.List, files *[]string, res *Result) error {
	target, inside, err := fsutil.FollowLink(realRoot, p)
	switch {
	case err != nil && fsutil.LinkLoop(p):
		diags.Errorf(rel, 0, 0, "remove one of the links, or point this one at a file in the site", "this symbolic link leads round in a loop of links")
		return nil
	case err != nil:
		diags.Errorf(rel, 0, 0, "remove the link or point it at a file that exists", "this symbolic link is broken")
		return nil
	}
	if !inside {
		diags.Errorf(rel, 0, 0, "copy the file into the site instead of linking to it", "this symbolic link points outside the site; casebook does not follow it")
		return nil
	}
	info, err := os.Stat(target)
	if err != nil {
		fsutil.Report(diags, rel, err, false)
		return nil
	}
	switch {
	case info.IsDir():
		diags.Errorf(rel, 0, 0, "replace the link with a real folder", "casebook does not follow symbolic links to folders")
	case info.Mode().IsRegular():
		addFile(rel, files, res, diags)
	default:
		reportSpecial(rel, fsutil.Special(info.Mode()), diags)
	}
	return nil
}

// reportSpecial refuses a named pipe, socket or device among the content:
// reading one could wait forever, and none is a page or a picture.
func reportSpecial(rel, kind string, diags *diag.List) {
	fsutil.Report(diags, rel, &fsutil.NotPlainError{Path: rel, Kind: kind}, false)
}

// readAll reads and decodes files in parallel. Each file's diagnostics are
// kept apart, so the caller can drop those of a draft it leaves out. A
// file that cannot be read (no permission, gone since the folder was
// listed, swapped for a named pipe) is a diagnostic on that file.
func readAll(root string, files []string, choices Choices, lean bool) ([]*Page, []diag.List, error) {
	pages := make([]*Page, len(files))
	lists := make([]diag.List, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				full := filepath.Join(root, filepath.FromSlash(files[i]))
				src, err := fsutil.ReadFile(full)
				if err != nil {
					fsutil.Report(&lists[i], files[i], err, false)
					continue
				}
				pages[i] = ParseAmong(files[i], src, choices, &lists[i])
				if lean && pages[i] != nil {
					pages[i].letGo(full)
				}
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return pages, lists, nil
}

// Parse decodes one file. path is relative to the site root and decides the
// kind and slug. It returns nil when the file's name or folder is unusable.
// A file whose text cannot be decoded still returns a page, marked Broken,
// so references to it do not pile further errors on the one reported here.
func Parse(path string, src []byte, diags *diag.List) *Page {
	return ParseAmong(path, src, nil, diags)
}

// ParseAmong is Parse with the slugs of the site's pages, so hints for a
// reference can name the real choices.
func ParseAmong(path string, src []byte, choices Choices, diags *diag.List) *Page {
	spec, p := classify(path)
	if spec == nil {
		if p.Slug == "_index" && p.Section != "" {
			diags.Errorf(path, 0, 0, "move it to content/"+p.Section+"/_index.md",
				"a folder inside content/%s/ has no page of its own; only content/%s/_index.md introduces the section", p.Section, p.Section)
			return nil
		}
		diags.Errorf(path, 0, 0, "", "casebook does not know what kind of page this is")
		return nil
	}
	if !checkName(p, diags) {
		return nil
	}
	p.Src = src
	p.Lines = diag.NewLines(src)
	if !checkText(p, src, diags) {
		p.Broken = true
		return p
	}
	fm, err := splitFrontmatter(src)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			diags.Errorf(path, se.Line, se.Col, se.Hint, "%s", se.Msg)
		}
		p.Broken = true
		return p
	}
	p.Body = src[fm.BodyOffset:]
	p.BodyOffset = fm.BodyOffset
	p.front = maphash.Bytes(digestSeed, src[:fm.BodyOffset])
	(&decoder{path: path, diags: diags, choices: choices, src: src, translation: p.Lang != ""}).decode(p, spec, fm.Node)
	p.titleKey = strings.ToLower(p.Title)
	return p
}

// classify decides a file's kind from its folder, and makes its page.
func classify(sitePath string) (*KindSpec, *Page) {
	spec, n := placeOf(sitePath)
	return spec, &Page{Path: sitePath, Kind: n.kind, Slug: n.slug, Section: n.section, Lang: n.lang}
}

// A placement is what a file's path says of its page.
type placement struct {
	kind                Kind // "" when the file holds no page
	slug, section, lang string
}

// placeOf reads a file's kind, slug, section and language from its path
// alone; spec is nil when the path holds no page. Unlike classify it
// allocates nothing, for listings that ask it of every file.
func placeOf(sitePath string) (*KindSpec, placement) {
	rel := strings.TrimPrefix(sitePath, "content/")
	dir, file := "", rel
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		dir, file = rel[:i], rel[i+1:]
	}
	slug := strings.TrimSuffix(file, path.Ext(file))
	lang := ""
	if stem, l, ok := strings.Cut(slug, "."); ok && i18n.ValidCode(l) {
		slug, lang = stem, l
	}
	// Folders inside a kind folder only file its pages: the kind and the
	// address come from the kind folder and the file name alone.
	section, nested := dir, false
	if i := strings.IndexByte(dir, '/'); i >= 0 {
		section, nested = dir[:i], true
	}
	n := placement{slug: slug, section: section, lang: lang}
	var spec *KindSpec
	switch {
	case nested:
		if s := SpecForDir(section); s != nil && slug != "_index" {
			spec = s
		}
	case dir == "" && slug == "_index":
		spec, n.slug = homeSpec, ""
	case dir == "":
		spec = plainSpec
	case slug == "_index":
		if SpecForDir(dir) != nil {
			spec, n.slug = listSpec, dir
		}
	default:
		spec = SpecForDir(dir)
	}
	if spec != nil {
		n.kind = spec.Kind
	}
	return spec, n
}

func checkName(p *Page, diags *diag.List) bool {
	file := path.Base(p.Path)
	if ext := path.Ext(file); ext != ".md" {
		diags.Errorf(p.Path, 1, 1, fmt.Sprintf("rename the file to %s.md", goodStem(strings.TrimSuffix(file, ext))),
			"the file name `%s` must end in .md, in lowercase", file)
		return false
	}
	if p.Kind == Home || p.Kind == List {
		return true
	}
	if !slugPattern.MatchString(p.Slug) {
		diags.Errorf(p.Path, 1, 1, fmt.Sprintf("rename the file to %s.md", Slugify(p.Slug)),
			"the file name `%s` is not a valid slug: use lowercase letters, digits and single hyphens", file)
		return false
	}
	if p.Kind == Plain && (SpecForDir(p.Slug) != nil || slices.Contains(reserved, p.Slug)) {
		diags.Errorf(p.Path, 1, 1, "rename the file", "the page `%s` would have the same address as the site's own /%s/ page", p.Slug, p.Slug)
		return false
	}
	if slices.Contains(listNames, p.Slug) {
		addr := "/" + p.Slug + "/"
		if p.Section != "" {
			addr = "/" + p.Section + addr
		}
		diags.Errorf(p.Path, 1, 1, "rename the file", "the file name `%s` would publish the page at %s, which casebook keeps for the pages of long lists", file, addr)
		return false
	}
	return true
}

// goodStem is the file name (without .md) to suggest for stem.
func goodStem(stem string) string {
	if stem == "_index" || slugPattern.MatchString(stem) {
		return stem
	}
	return Slugify(stem)
}

func checkText(p *Page, src []byte, diags *diag.List) bool {
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, bom))) == 0 {
		diags.Errorf(p.Path, 1, 1, "start the file with a line ---, then fields such as `title: My title`, then another line ---", "the file is empty")
		return false
	}
	return diag.CheckUTF8(diags, p.Path, src)
}
