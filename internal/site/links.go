package site

import (
	"fmt"
	"html"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/images"
)

// outLink is a body link to another page, kept for backlinks and for the
// anchor check that can only run once every page has its heading ids.
type outLink struct {
	to       *Page
	fragment string
	offset   int
}

// linkResolver rewrites one page's link destinations. Links to source files
// become page URLs; links to files beside pages or in static/ get the base
// path; external links are left alone.
type linkResolver struct {
	b        *builder
	from     *Page
	diags    *diag.List
	links    []outLink
	fieldPos *content.Pos // set when resolving a frontmatter value, not a body
	// files maps a destination resolved to a file beside the pages or in
	// static/ to that file's path under the site root, for FileSize.
	files map[string]string
	// pictures maps an image destination to the picture made of it, and
	// published lists the files those pictures, and the pictures beside
	// the pages that are linked to, are published as.
	pictures  map[string]*Picture
	published []PictureFile
}

func (lr *linkResolver) position(off int) (line, col int) {
	if lr.fieldPos != nil {
		return lr.fieldPos.Line, lr.fieldPos.Col
	}
	return lr.from.source.Position(lr.from.source.BodyOffset + off)
}

func (lr *linkResolver) errorf(off int, hint, format string, args ...any) {
	line, col := lr.position(off)
	lr.diags.Errorf(lr.from.Path, line, col, hint, format, args...)
}

// Resolve implements markdown.Resolver.
func (lr *linkResolver) Resolve(dest string, off int, image bool) string {
	if runsCode(dest, image) {
		hint := "link to a page or a web address (https://...) instead"
		if image {
			hint = "put the picture in a file beside the page and use its name"
		}
		lr.errorf(off, hint, "this %s would run code in the reader's browser; casebook does not publish it", kindWord(image))
		return ""
	}
	if dest == "" || isExternal(dest) {
		if image && onAnotherSite(dest) {
			lr.warnRemote(off, dest)
		}
		return dest
	}
	u, err := url.Parse(dest)
	if err != nil {
		lr.errorf(off, "check the address for spaces or stray characters; write spaces as %20", "the link `%s` is not a valid address", dest)
		return dest
	}
	if u.Path == "" { // "#anchor" on the same page
		lr.links = append(lr.links, outLink{to: lr.from, fragment: u.Fragment, offset: off})
		return dest
	}
	var published string
	if strings.HasPrefix(u.Path, "/") {
		published = lr.publishAbsolute(u, dest, off, image)
	} else {
		target := path.Join(path.Dir(lr.from.Path), u.Path)
		if target == ".." || strings.HasPrefix(target, "../") {
			lr.errorf(off, "link to a file inside the site", "the link `%s` points outside the site", dest)
			return dest
		}
		published = lr.publish(target, u, dest, off, image)
	}
	if published == "" {
		return dest
	}
	if target, ok := lr.files[dest]; ok {
		published = lr.pictureFile(target, dest, off, image, published)
	}
	if u.RawQuery != "" {
		published += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		published += "#" + u.Fragment
	}
	return published
}

// pictureFile prepares a picture that dest, resolved to target, shows or
// links to, and returns the URL to publish for it: the largest width of a
// picture shown, or where a linked picture beside the pages is published,
// in the page's folder, without its metadata. A GIF or SVG shown is
// published as it is, and gets its size. Other files, and problems (which
// are reported), leave url as it is.
func (lr *linkResolver) pictureFile(target, dest string, off int, image bool, url string) string {
	if image && unreadableFormat(target) {
		if pr := lr.b.probe(target); pr.err != nil {
			lr.reportUnreadable(target, pr.err, off) // it says what the file is
		}
		return url
	}
	if image && isSizedOnly(target) {
		if pic := lr.sizedPicture(target, url); pic != nil {
			lr.keepPicture(dest, pic)
		}
		return url
	}
	if !images.IsPictureName(target) {
		return url
	}
	if image {
		pic := lr.picture(target, off)
		if pic == nil {
			return url
		}
		lr.keepPicture(dest, pic)
		return pic.Src
	}
	if !strings.HasPrefix(target, "content/") || lr.b.opts.Root == "" {
		return url // static/ files are published, stripped, whoever links to them
	}
	pr := lr.b.probe(target)
	if pr.err != nil {
		lr.reportUnreadable(target, pr.err, off)
		return url
	}
	dir, _, _ := lr.pictureDir(target)
	p := path.Join(dir, path.Base(target))
	lr.published = append(lr.published, PictureFile{Path: p, Source: target, Info: pr.info})
	return lr.b.fileURL(p)
}

// publishAbsolute maps a site address (/themes/x/ or /img/logo.png) to its
// URL with the base path, or reports it and returns "". An address of a
// page is accepted: authors copy them from the browser, and the base path
// is added for them.
func (lr *linkResolver) publishAbsolute(u *url.URL, dest string, off int, image bool) string {
	if p := lr.b.pageAtAddress(u.Path); p != nil && !image {
		return lr.linkTo(p, u, off)
	}
	if draft := lr.b.draftAtAddress(u.Path); draft != "" && !image {
		lr.draftLink(dest, draft, off)
		return ""
	}
	return lr.publish(path.Clean("static"+u.Path), u, dest, off, image) // the static folder is the site root
}

// linkTo records a link to page p, for backlinks and the anchor check, and
// returns p's URL.
func (lr *linkResolver) linkTo(p *Page, u *url.URL, off int) string {
	lr.links = append(lr.links, outLink{to: p, fragment: u.Fragment, offset: off})
	return p.URL
}

func (lr *linkResolver) draftLink(dest, draft string, off int) {
	lr.errorf(off, fmt.Sprintf("remove `draft: true` from %s to publish it, or remove the link", draft),
		"the link `%s` points to %s, which is a draft and is left out of the site", dest, draft)
}

// publish maps a site-relative file to its URL, or reports it and returns "".
func (lr *linkResolver) publish(target string, u *url.URL, dest string, off int, image bool) string {
	b := lr.b
	if p := b.folderPage(target); p != nil && !image {
		return lr.linkTo(p, u, off)
	}
	switch {
	case strings.HasPrefix(target, "content/") && strings.HasSuffix(target, ".md") && !image:
		p := b.byPath[target]
		if p == nil && !b.drafts[target] {
			p = b.movedPage(target, !strings.Contains(strings.TrimPrefix(u.Path, "./"), "/"))
		}
		if p == nil && b.drafts[target] {
			lr.draftLink(dest, target, off)
			return ""
		}
		if p == nil {
			lr.errorf(off, lr.missingHint(target), "the link `%s` points to %s, which does not exist", dest, target)
			return ""
		}
		return lr.linkTo(p, u, off)
	case strings.HasPrefix(target, "content/"):
		if !b.assets[target] {
			lr.errorf(off, lr.missingFileHint(u.Path, target), "the %s `%s` points to %s, which does not exist", kindWord(image), dest, target)
			return ""
		}
		lr.recordFile(dest, target)
		return b.fileURL(strings.TrimPrefix(target, "content/"))
	case strings.HasPrefix(target, "static/"):
		rel := strings.TrimPrefix(target, "static/")
		if b.opts.StaticExists != nil && !b.opts.StaticExists(rel) {
			if !image && path.Ext(rel) == "" {
				// An address without an extension is meant as a page's,
				// not a file in static/.
				lr.errorf(off, b.staticHint(rel, image), "the link `%s` points to the address /%s, where the site has no page", dest, strings.TrimSuffix(rel, "/")+"/")
				return ""
			}
			lr.errorf(off, b.staticHint(rel, image), "the %s `%s` points to %s, which does not exist", kindWord(image), dest, target)
			return ""
		}
		lr.recordFile(dest, target)
		return b.fileURL(rel)
	}
	lr.errorf(off, "link to a page's .md file, to a file beside it, or to a file in static/",
		"the %s `%s` points to %s, which is not published", kindWord(image), dest, target)
	return ""
}

// movedPage finds the page a link to a .md file that is not there means,
// when a file only moved into (or between) folders inside its kind folder.
// A link within one folder (x.md) means a page of the kind the linking
// file is filed under; a link that climbs out (../case-studies/x.md)
// names its kind folder just before the file name. Slugs are unique
// within a kind, whatever the folders, so the file name says which page.
func (b *builder) movedPage(target string, withinFolder bool) *Page {
	parts := strings.Split(strings.TrimPrefix(target, "content/"), "/")
	if len(parts) < 2 {
		return nil
	}
	slug := strings.TrimSuffix(parts[len(parts)-1], ".md")
	spec := content.SpecForDir(parts[0])
	if named := content.SpecForDir(parts[len(parts)-2]); named != nil && !withinFolder {
		spec = named
	}
	if spec == nil {
		return nil
	}
	return b.bySlug[spec.Kind][slug]
}

func (lr *linkResolver) recordFile(dest, target string) {
	if lr.files == nil {
		lr.files = map[string]string{}
	}
	lr.files[dest] = target
}

// FileSize implements markdown.Resolver: the size of the file beside the
// pages or in the site's static/ folder that dest was resolved to. A file
// only the default theme provides, or a symbolic link, has no size here.
func (lr *linkResolver) FileSize(dest string) (int64, bool) {
	target, ok := lr.files[dest]
	if !ok || lr.b.opts.Root == "" {
		return 0, false
	}
	fi, err := os.Lstat(filepath.Join(lr.b.opts.Root, filepath.FromSlash(target)))
	if err != nil || !fi.Mode().IsRegular() {
		return 0, false
	}
	return fi.Size(), true
}

// folderPage returns the page a link to a content folder stands for: the
// section's list page for content/themes (written ../themes/ or
// ../themes/_index.md), the home page for content itself; or nil.
func (b *builder) folderPage(target string) *Page {
	dir := strings.TrimSuffix(target, "/_index.md")
	if dir == "content" {
		return b.site.Home
	}
	if sub, ok := strings.CutPrefix(dir, "content/"); ok && !strings.Contains(sub, "/") {
		return b.site.Sections[sub]
	}
	return nil
}

// pageAtAddress finds the page at a site address, written with or without
// the base path and the trailing slash: /themes/x/, /themes/x, /casebook/themes/x/.
func (b *builder) pageAtAddress(addr string) *Page {
	for _, rel := range b.addressKeys(addr) {
		if p := b.byURL[rel]; p != nil {
			return p
		}
	}
	return nil
}

// addressKeys are the byURL keys a site address may mean.
func (b *builder) addressKeys(addr string) []string {
	rel := strings.TrimPrefix(addr, "/")
	keys := []string{rel}
	if base := strings.TrimPrefix(b.site.Config.BasePath, "/"); base != "" {
		if r, ok := strings.CutPrefix(rel, base); ok {
			keys = append(keys, r)
		}
	}
	for _, k := range keys {
		if k != "" && !strings.HasSuffix(k, "/") && path.Ext(k) == "" {
			keys = append(keys, k+"/")
		}
	}
	return keys
}

// draftAtAddress returns the path of the draft whose page would be at a
// site address, or "".
func (b *builder) draftAtAddress(addr string) string {
	for d := range b.drafts {
		url := strings.TrimSuffix(strings.TrimPrefix(d, "content/"), ".md") + "/"
		if slices.Contains(b.addressKeys(addr), url) {
			return d
		}
	}
	return ""
}

// staticHint suggests a page address close to a site address that names
// no file, since an address without an extension is most likely a page.
func (b *builder) staticHint(rel string, image bool) string {
	if !image && path.Ext(rel) == "" {
		if s := b.closestAddress(rel); s != "" {
			return fmt.Sprintf("did you mean `/%s`?", s)
		}
		return "link to a page by its .md file, e.g. `../themes/equity-vision.md`, or put the file in static/"
	}
	return "put the file in static/ or beside the page"
}

func kindWord(image bool) string {
	if image {
		return "image"
	}
	return "link"
}

// missingFileHint is missingHint for a file, which the author may have put
// in static/ and named as from there (written, as the page writes it, is
// relative): it is found there, and a leading / is what it needs.
func (lr *linkResolver) missingFileHint(written, target string) string {
	rel := path.Clean(strings.TrimPrefix(written, "./"))
	if exists := lr.b.opts.StaticExists; exists != nil && !strings.HasPrefix(rel, "../") && exists(rel) {
		return fmt.Sprintf("static/%s is there: write `/%s`, since a name without a leading / is looked for beside the page", rel, rel)
	}
	return lr.missingHint(target)
}

// missingHint suggests the closest existing file in the same folder.
func (lr *linkResolver) missingHint(target string) string {
	dir := path.Dir(target)
	var names []string
	for p := range lr.b.byPath {
		if path.Dir(p) == dir {
			names = append(names, path.Base(p))
		}
	}
	for a := range lr.b.assets {
		if path.Dir(a) == dir {
			names = append(names, path.Base(a))
		}
	}
	slices.Sort(names)
	if s := diag.Suggest(path.Base(target), names); s != "" {
		return fmt.Sprintf("did you mean `%s`?", s)
	}
	return "check the file name and the ../ steps; links are relative to this file's folder"
}

// runsCode reports a destination a browser would run as code, however it
// is disguised: after decoding character references (&#106; is j) and
// dropping what browsers ignore in an address (tabs, line breaks, other
// control characters, spaces), a javascript:, vbscript: or data: scheme.
// An image may be a data: address of a picture, which runs nothing.
func runsCode(dest string, image bool) bool {
	d := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return unicode.ToLower(r)
	}, html.UnescapeString(dest))
	switch {
	case strings.HasPrefix(d, "javascript:"), strings.HasPrefix(d, "vbscript:"):
		return true
	case strings.HasPrefix(d, "data:"):
		return !image || !slices.ContainsFunc([]string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"},
			func(p string) bool { return strings.HasPrefix(d, p+";") || strings.HasPrefix(d, p+",") })
	}
	return false
}

// warnRemote warns of a picture shown from another site. Pictures live
// beside the pages or in static/, where casebook strips what the file
// records (a phone photo's position) and sizes it for phones; one on
// another site is fetched from it by every reader's browser, which tells
// that site who reads the page, and goes when that site moves it.
func (lr *linkResolver) warnRemote(off int, dest string) {
	hint := "save the picture beside the page and use its file name"
	if u, err := url.Parse(dest); err == nil {
		if name := path.Base(u.Path); pictureName(name) {
			hint += fmt.Sprintf(" (`%s`)", name)
		}
	}
	line, col := lr.position(off)
	lr.diags.Warnf(lr.from.Path, line, col, hint,
		"this picture is on another site: every reader's browser fetches it from there, and casebook cannot remove what the file records (such as where it was taken) or make copies sized for phones")
}

// pictureName reports whether name, the last part of an address, would
// do as a picture's file name beside a page: one casebook resizes or
// shows as it is, with no space, which a markdown address cannot hold.
func pictureName(name string) bool {
	if strings.ContainsFunc(name, unicode.IsSpace) || strings.HasPrefix(name, ".") {
		return false
	}
	return images.IsPictureName(name) || isSizedOnly(name)
}

// onAnotherSite reports an http, https or protocol-relative address: a
// data: picture is in the page itself.
func onAnotherSite(dest string) bool {
	scheme, _, _ := strings.Cut(dest, ":")
	return strings.HasPrefix(dest, "//") || strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")
}

// isExternal reports destinations casebook leaves alone: anything with a
// scheme (https:, mailto:, tel:) or a protocol-relative //host.
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexAny(dest, ":/?#")
	return i > 0 && dest[i] == ':'
}

// closestAddress is the page address (without the base path) nearest to
// the site-relative address rel, or "".
func (b *builder) closestAddress(rel string) string {
	return diag.Suggest(strings.TrimSuffix(rel, "/")+"/", slices.Sorted(maps.Keys(b.byURL)))
}

// checkThemeLinks warns about a [theme] nav or footer link to an address
// of this site that no page has. Addresses with an extension may be files
// in static/, which the site does not list, so only page-like ones are
// checked.
func (b *builder) checkThemeLinks() {
	t := b.site.Config.Theme
	base := b.site.Config.BasePath
	for _, l := range slices.Concat(t.Nav, t.FooterLinks) {
		u, err := url.Parse(l.URL)
		if !l.Internal() || err != nil || path.Ext(u.Path) != "" {
			continue
		}
		rel := strings.TrimPrefix(u.Path, "/")
		if base != "/" && strings.HasPrefix(u.Path, base) {
			// The layouts add the base path, so it would appear twice.
			b.diags.Warnf(config.File, l.Line, 1, fmt.Sprintf("write it as `/%s`; casebook adds %s", strings.TrimPrefix(u.Path, base), base),
				"the [theme] link %q starts with the base path %s, which would then be in its address twice", l.Text, base)
			continue
		}
		if b.byURL[rel] != nil || b.byURL[rel+"/"] != nil || strings.Trim(rel, "/") == searchDir {
			continue
		}
		hint := "write the address of a page of this site, e.g. `/about/`"
		if s := b.closestAddress(rel); s != "" {
			hint = fmt.Sprintf("did you mean `/%s`?", s)
		}
		b.diags.Warnf(config.File, l.Line, 1, hint, "the [theme] link %q goes to `%s`, which is not a page of this site", l.Text, u.Path)
	}
}
