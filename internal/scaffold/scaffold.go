// Package scaffold writes new pages and new sites: the frontmatter of every
// kind is generated from the content model (content.Kinds), so a field added
// there shows up in `casebook new` at once.
package scaffold

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/fsutil"
	"github.com/casebook/casebook/internal/placeholder"
)

// Now is the clock a new case study's date is read from; tests replace it.
var Now = time.Now

// Choice is a page another page may refer to.
type Choice struct {
	Slug, Title string
	Order       float64
}

// Site is what `new` needs to know about an existing site: its
// configuration and the pages a new page may point to.
type Site struct {
	Root    string
	Config  *config.Config
	Choices map[content.Kind][]Choice // themes and stages by order, others by slug
	// Taken maps each kind's slugs to the file that has it, in whatever
	// folder inside the kind folder: a new page may not reuse one.
	Taken map[content.Kind]map[string]string
	// Folder is where inside the kind folder a new page goes ("" for the
	// kind folder itself, "2024" for content/case-studies/2024/).
	Folder string
}

// LoadSite reads the site at root. Problems in its content are not this
// command's business (check reports them); a folder without casebook.toml is
// an error, since a page cannot be added to a site that does not exist.
func LoadSite(root string) (*Site, error) {
	if !config.IsSite(root) {
		return nil, config.NotSite(root)
	}
	var diags diag.List
	cfg, err := config.Load(root, &diags)
	if err != nil {
		return nil, err
	}
	loaded, err := content.Load(root, content.Options{}, &diags)
	if err != nil {
		return nil, err
	}
	s := &Site{Root: root, Config: cfg, Choices: map[content.Kind][]Choice{}, Taken: map[content.Kind]map[string]string{}}
	for _, p := range loaded.Pages {
		if content.SpecFor(p.Kind) == nil {
			continue
		}
		if s.Taken[p.Kind] == nil {
			s.Taken[p.Kind] = map[string]string{}
		}
		s.Taken[p.Kind][p.Slug] = p.Path
		if p.Broken {
			continue
		}
		s.Choices[p.Kind] = append(s.Choices[p.Kind], Choice{Slug: p.Slug, Title: p.Title, Order: p.Order})
	}
	for k, cs := range s.Choices {
		slices.SortStableFunc(cs, func(a, b Choice) int {
			if k == content.Theme || k == content.Stage {
				if a.Order != b.Order {
					return cmp.Compare(a.Order, b.Order)
				}
			}
			return strings.Compare(a.Slug, b.Slug)
		})
	}
	return s, nil
}

// Slugs lists the slugs of the site's pages of kind k.
func (s *Site) Slugs(k content.Kind) []string {
	var out []string
	for _, c := range s.Choices[k] {
		out = append(out, c.Slug)
	}
	return out
}

// NextOrder is the first whole number above the highest order among the
// site's pages of kind k: where a new theme or stage goes. Whole numbers
// leave room to put a page between two others later (2.5).
func (s *Site) NextOrder(k content.Kind) int {
	n := 0.0
	for _, c := range s.Choices[k] {
		n = max(n, c.Order)
	}
	return int(math.Floor(n)) + 1
}

// URL is the address a page of the kind with the slug will have, with the
// site's base URL (and so its base path).
func (s *Site) URL(spec *content.KindSpec, slug string) string {
	return s.Config.BaseURL + spec.Dir + "/" + slug + "/"
}

// Values are frontmatter values by field name; list fields take every
// element, other fields the first. A lesson is written "theme=text".
type Values map[string][]string

// Has reports whether the field has a non-empty value.
func (v Values) Has(name string) bool {
	for _, s := range v[name] {
		if strings.TrimSpace(s) != "" {
			return true
		}
	}
	return false
}

// Ordered returns the kind's fields with the required ones first, each group
// in the table's order.
func Ordered(spec *content.KindSpec) []content.Field {
	var req, opt []content.Field
	for _, f := range spec.Fields {
		if f.Required {
			req = append(req, f)
		} else {
			opt = append(opt, f)
		}
	}
	return append(req, opt...)
}

// Missing lists the required fields that vals leaves empty.
func Missing(spec *content.KindSpec, vals Values) []string {
	var out []string
	for _, f := range Ordered(spec) {
		if f.Required && !vals.Has(f.Name) {
			out = append(out, f.Name)
		}
	}
	return out
}

// Defaults fills the values casebook can choose itself: the next free order
// of a theme or stage, and today's date for a case study.
func Defaults(spec *content.KindSpec, s *Site, vals Values) {
	if _, ok := spec.Field("order"); ok && !vals.Has("order") {
		vals["order"] = []string{strconv.Itoa(s.NextOrder(spec.Kind))}
	}
	if _, ok := spec.Field("date"); ok && !vals.Has("date") {
		vals["date"] = []string{Now().Format("2006-01-02")}
	}
}

// Frontmatter writes the YAML frontmatter, between --- lines, of a page of
// the kind: every field, required ones first. A field without a value is
// written empty with a comment saying what it holds (and, for a reference,
// the site's real choices): empty optional fields are ignored by casebook,
// empty required ones are errors that `casebook check` points at. compact
// leaves out optional fields without a value.
func Frontmatter(spec *content.KindSpec, vals Values, s *Site, compact bool) string {
	var b strings.Builder
	b.WriteString("---\n")
	for _, f := range Ordered(spec) {
		if !vals.Has(f.Name) {
			if compact && !f.Required {
				continue
			}
			fmt.Fprintf(&b, "%s:  # %s\n", f.Name, comment(f, s))
			continue
		}
		b.WriteString(line(f, vals[f.Name]))
	}
	b.WriteString("---\n")
	return b.String()
}

// comment explains an empty field.
func comment(f content.Field, s *Site) string {
	var parts []string
	if f.Required {
		parts = append(parts, "required: "+f.Doc)
	} else {
		parts = append(parts, f.Doc)
	}
	switch f.Type {
	case content.RefField, content.RefListField:
		slugs := s.Slugs(f.RefKind)
		lead := "one of: "
		if f.Type == content.RefListField {
			lead = "a list, e.g. [a, b], of: "
		}
		if len(slugs) == 0 {
			spec := content.SpecFor(f.RefKind)
			parts = append(parts, fmt.Sprintf("this site has no %s yet (casebook new %s \"Title\")", spec.Dir, f.RefKind))
		} else {
			parts = append(parts, lead+strings.Join(slugs, ", "))
		}
	case content.EnumField:
		parts = append(parts, "one of: "+strings.Join(f.Values, ", "))
	case content.LessonsField:
		parts = append(parts, "a list of `- theme: SLUG` / `text: ...` items")
	case content.DateField:
		parts = append(parts, "YYYY-MM-DD")
	}
	return strings.Join(parts, "; ")
}

// line writes one field with its value.
func line(f content.Field, vs []string) string {
	var clean []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			clean = append(clean, v)
		}
	}
	switch f.Type {
	case content.RefListField, content.StringListField:
		q := make([]string, len(clean))
		for i, v := range clean {
			q[i] = Quote(v)
		}
		return fmt.Sprintf("%s: [%s]\n", f.Name, strings.Join(q, ", "))
	case content.LessonsField:
		var b strings.Builder
		b.WriteString(f.Name + ":\n")
		for _, v := range clean {
			theme, text, _ := strings.Cut(v, "=")
			fmt.Fprintf(&b, "  - theme: %s\n    text: %s\n", Quote(strings.TrimSpace(theme)), Quote(strings.TrimSpace(text)))
		}
		return b.String()
	case content.IntField, content.NumberField, content.BoolField, content.DateField:
		return fmt.Sprintf("%s: %s\n", f.Name, clean[0])
	}
	return fmt.Sprintf("%s: %s\n", f.Name, Quote(clean[0]))
}

var plain = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 ._'()/-]*$`)

var keywords = []string{"true", "false", "yes", "no", "on", "off", "null", "y", "n"}

// Quote writes s as a YAML scalar that is safe both alone and inside a flow
// list: as it is when it is plain words, otherwise double-quoted.
func Quote(s string) string {
	if plain.MatchString(s) && !strings.HasSuffix(s, " ") && !slices.Contains(keywords, strings.ToLower(s)) {
		return s
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

// Body is the markdown a new page starts with.
func Body(spec *content.KindSpec, vals Values) string {
	if spec.Kind != content.CaseStudy {
		return "\n" + placeholder.PageBody + "\n"
	}
	return `
## The challenge

` + placeholder.Challenge + `

## What they tried

` + placeholder.LinkHowTo + ` ` + "`[the pair](../problems/some-pair.md)`" + ` or
` + "`[a stage](../journey/some-stage.md)`" + `, so links work on a git host too;
casebook checks every link.

## What happened

` + placeholder.Happened + `

## What's next

` + placeholder.Next + `
`
}

// maxSlug is the longest slug a new page's file name and address get
// from its title, in bytes: a title is often a sentence, and a file name
// over 255 bytes cannot be written at all.
const maxSlug = 80

// pageSlug is the slug of a new page titled title: Slugify's, cut at the
// last hyphen within maxSlug, or at maxSlug when that hyphen would leave
// less than half of it.
func pageSlug(title string) string {
	slug := content.Slugify(title)
	if len(slug) <= maxSlug {
		return slug
	}
	if i := strings.LastIndexByte(slug[:maxSlug+1], '-'); i >= maxSlug/2 {
		return slug[:i]
	}
	return strings.TrimSuffix(slug[:maxSlug], "-")
}

// ErrExists is returned when the page to create is already there.
var ErrExists = errors.New("already exists")

// Page is a new page's file, relative to the site root, and its text.
func Page(spec *content.KindSpec, title string, vals Values, s *Site) (rel, text string) {
	slug := pageSlug(title)
	v := Values{"title": {title}}
	for k, x := range vals {
		if k != "title" {
			v[k] = x
		}
	}
	rel = filepath.Join("content", spec.Dir, filepath.FromSlash(s.Folder), slug+".md")
	return rel, Frontmatter(spec, v, s, false) + Body(spec, v)
}

// CheckFree returns an error wrapping ErrExists when the page a title
// would create is already there, or another file of its kind, in any
// folder, has its slug, so nobody answers questions for nothing. A title
// with nothing to make a slug of is refused too: every such page would
// be page.md, and the second would find the first there.
func CheckFree(spec *content.KindSpec, title string, s *Site) error {
	slug := pageSlug(title)
	if !content.HasSlug(title) {
		return fmt.Errorf("the title %q has no letter from a to z or digit, which a page's file name and address are made of; "+
			"start with a title that has some, then change `title:` in the file", title)
	}
	if taken := s.Taken[spec.Kind][slug]; taken != "" {
		return existsError(s.Shown(filepath.FromSlash(taken)))
	}
	rel, _ := Page(spec, title, nil, s)
	if _, err := os.Lstat(filepath.Join(s.Root, rel)); err == nil {
		return existsError(s.Shown(rel))
	}
	return nil
}

// CheckFolder refuses a folder for new pages that would leave the kind
// folder or that casebook would not read.
func CheckFolder(folder string) error {
	if folder == "" {
		return nil
	}
	clean := path.Clean(filepath.ToSlash(folder))
	if !filepath.IsLocal(clean) || clean == "." {
		return fmt.Errorf("--folder %q must be a folder inside the kind folder, such as 2024", folder)
	}
	for _, part := range strings.Split(clean, "/") {
		if fsutil.Ignored(part) {
			return fmt.Errorf("--folder %q: casebook skips folders named %q (hidden or temporary), so the page would not be published", folder, part)
		}
	}
	return nil
}

func existsError(path string) error {
	return fmt.Errorf("%s %w; casebook new never overwrites a page: edit it, or choose another title", path, ErrExists)
}

// Shown is how messages name the site's file rel: joined to the site's
// folder as given (--src), so that it opens from where the command ran;
// when that folder was given as an absolute path, relative to the site
// instead, since a message never carries an absolute path.
func (s *Site) Shown(rel string) string {
	if p := filepath.Join(s.Root, rel); !filepath.IsAbs(p) {
		rel = p
	}
	return filepath.ToSlash(rel)
}

// Create writes the page into the site, never over an existing file, and
// returns its path (see Shown) and URL.
func Create(spec *content.KindSpec, title string, vals Values, s *Site) (path, url string, err error) {
	rel, text := Page(spec, title, vals, s)
	path = s.Shown(rel)
	err = fsutil.CreateFile(s.Root, rel, []byte(text))
	if errors.Is(err, fs.ErrExist) {
		return path, "", existsError(path)
	}
	if err != nil {
		return path, "", err
	}
	return path, s.URL(spec, pageSlug(title)), nil
}
