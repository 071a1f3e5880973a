// Package schema exports casebook's content model (content.Kinds) as
// configuration for editors and content management systems: a JSON Schema
// per kind, a Decap CMS admin folder (config.yml, and the index.html that
// loads the CMS) and a Front Matter CMS frontmatter.json.
//
// Every export is derived from the same table, field by field, so a field
// added to content.Kinds shows up in all of them; a field type an exporter
// does not know is an error, so a new type cannot be silently left out.
// References (district, themes, stages, ...) are offered as the site's real
// slugs, which the caller collects with Choices; Decap CMS looks them up
// itself, in its collections.
package schema

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/content"
)

// Choice is one page a reference may name.
type Choice struct {
	Slug  string
	Title string // the page's title, or its slug when it has none
}

// Choices holds, for each kind, the pages a reference to that kind may name.
type Choices map[content.Kind][]Choice

// SiteChoices collects the slugs of the loaded pages, per kind, in the order
// the site lists them (by order, then slug).
func SiteChoices(pages []*content.Page) Choices {
	type item struct {
		c     Choice
		order float64
	}
	byKind := map[content.Kind][]item{}
	for _, p := range pages {
		if content.SpecFor(p.Kind) == nil || p.Slug == "" {
			continue
		}
		byKind[p.Kind] = append(byKind[p.Kind], item{Choice{p.Slug, cmp.Or(strings.TrimSpace(p.Title), p.Slug)}, p.Order})
	}
	out := Choices{}
	for k, items := range byKind {
		slices.SortFunc(items, func(a, b item) int {
			return cmp.Or(cmp.Compare(a.order, b.order), strings.Compare(a.c.Slug, b.c.Slug))
		})
		for i, it := range items {
			if i > 0 && it.c.Slug == items[i-1].c.Slug {
				continue
			}
			out[k] = append(out[k], it.c)
		}
	}
	return out
}

// slugs returns the slugs of kind k.
func (c Choices) slugs(k content.Kind) []string {
	var s []string
	for _, ch := range c[k] {
		s = append(s, ch.Slug)
	}
	return s
}

// slugPattern is what a slug looks like, for references to a kind the site
// has no pages of yet.
const slugPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

// lessonFields are the keys of one entry of a LessonsField, described as
// fields so every exporter treats them like the kind's own.
var lessonFields = []content.Field{
	{Name: "theme", Type: content.RefField, RefKind: content.Theme, Required: true, Doc: "the theme the lesson teaches about; one of the case study's themes"},
	{Name: "text", Type: content.StringField, Required: true, Doc: "the lesson, in a sentence"},
}

// label turns a field name into a label: "image_alt" → "Image alt".
func label(name string) string {
	s := strings.ReplaceAll(name, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// unknownType is the error for a field type an exporter does not handle.
func unknownType(exporter string, spec *content.KindSpec, f content.Field) error {
	return fmt.Errorf("%s: field %q of %s has a type (%d) the exporter does not know; add it to internal/schema", exporter, f.Name, spec.Kind, f.Type)
}

// Write writes every export for the kinds in specs under out and returns
// the paths it wrote, relative to out, with forward slashes, and those it
// kept: files somebody has changed since Write wrote them (or that Write
// did not write), which it replaces only with force (see Record).
//
// For a site in several languages (langs, the default first) it writes a
// translation schema per kind too, and configures the CMSs for
// translations.
func Write(out string, specs []*content.KindSpec, c Choices, force bool, langs ...string) (written, kept []string, err error) {
	files := map[string][]byte{}
	for _, spec := range specs {
		schemas := map[string]func(*content.KindSpec, Choices) (obj, error){SchemaPath(spec): JSONSchema}
		if len(langs) > 1 {
			schemas[TranslationPath(SchemaPath(spec))] = TranslationSchema
		}
		for path, make := range schemas {
			s, err := make(spec, c)
			if err != nil {
				return nil, nil, err
			}
			b, err := json.MarshalIndent(s, "", "  ")
			if err != nil {
				return nil, nil, err
			}
			files[path] = append(b, '\n')
		}
	}
	decap, err := Decap(specs, langs...)
	if err != nil {
		return nil, nil, err
	}
	files["admin/config.yml"] = decap
	files["admin/index.html"] = DecapIndex()
	fm, err := FrontMatter(specs, c)
	if err != nil {
		return nil, nil, err
	}
	files["frontmatter.json"] = fm
	return writeKeeping(out, files, force)
}

// SchemaPath is where Write puts a kind's JSON Schema, relative to out.
func SchemaPath(spec *content.KindSpec) string {
	return "schema/" + string(spec.Kind) + ".schema.json"
}
