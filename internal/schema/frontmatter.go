package schema

import (
	"encoding/json"

	"github.com/casebook/casebook/internal/content"
)

// Front Matter CMS configuration (https://frontmatter.codes/docs/settings).

// fmContentType has no fileType: Front Matter's own settings schema
// rejects "md" there, and markdown is its default.
type fmContentType struct {
	Name       string    `json:"name"`
	PageBundle bool      `json:"pageBundle"`
	Fields     []fmField `json:"fields"`
}

type fmChoice struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type fmNumberOptions struct {
	IsDecimal bool    `json:"isDecimal"`
	Min       int     `json:"min"`
	Max       int     `json:"max"`
	Step      float64 `json:"step"`
}

type fmField struct {
	Title         string           `json:"title"`
	Name          string           `json:"name"`
	Type          string           `json:"type"`
	Description   string           `json:"description,omitempty"`
	Required      bool             `json:"required,omitempty"`
	Single        bool             `json:"single,omitempty"`
	Choices       []any            `json:"choices,omitempty"`
	Multiple      bool             `json:"multiple,omitempty"`
	NumberOptions *fmNumberOptions `json:"numberOptions,omitempty"`
	Default       any              `json:"default,omitempty"`
	FieldGroup    []string         `json:"fieldGroup,omitempty"`
}

type fmFieldGroup struct {
	ID         string    `json:"id"`
	LabelField string    `json:"labelField"`
	Fields     []fmField `json:"fields"`
}

type fmPageFolder struct {
	Title        string   `json:"title"`
	Path         string   `json:"path"`
	ContentTypes []string `json:"contentTypes"`
}

// lessonGroup is the id of the Front Matter field group of one lesson.
const lessonGroup = "casebook-lesson"

// FrontMatter returns a Front Matter CMS frontmatter.json with one content
// type per kind and one page folder per content folder.
func FrontMatter(specs []*content.KindSpec, c Choices) ([]byte, error) {
	var types []fmContentType
	var folders []fmPageFolder
	var groups []fmFieldGroup
	for _, spec := range specs {
		ct := fmContentType{Name: string(spec.Kind), PageBundle: false}
		for _, f := range spec.Fields {
			ff, err := fmFieldFor(spec, f, c)
			if err != nil {
				return nil, err
			}
			ct.Fields = append(ct.Fields, ff)
			if f.Type == content.LessonsField && len(groups) == 0 {
				g := fmFieldGroup{ID: lessonGroup, LabelField: "theme"}
				for _, lf := range lessonFields {
					sub, err := fmFieldFor(spec, lf, c)
					if err != nil {
						return nil, err
					}
					sub.Single = sub.Single && lf.Name != "text" // a sentence or two
					g.Fields = append(g.Fields, sub)
				}
				groups = append(groups, g)
			}
		}
		types = append(types, ct)
		folders = append(folders, fmPageFolder{Title: spec.Title, Path: "[[workspace]]/content/" + spec.Dir, ContentTypes: []string{string(spec.Kind)}})
	}
	cfg := obj{
		{"$schema", "https://frontmatter.codes/frontmatter.schema.json"},
		{"frontMatter.taxonomy.dateFormat", "yyyy-MM-dd"},
		{"frontMatter.content.publicFolder", "static"},
		{"frontMatter.content.pageFolders", folders},
		{"frontMatter.taxonomy.contentTypes", types},
	}
	if len(groups) > 0 {
		cfg.set("frontMatter.taxonomy.fieldGroups", groups)
	}
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func fmFieldFor(spec *content.KindSpec, f content.Field, c Choices) (fmField, error) {
	ff := fmField{Title: label(f.Name), Name: f.Name, Description: f.Doc, Required: f.Required}
	switch f.Type {
	case content.StringField:
		ff.Type = "string"
		ff.Single = true
	case content.URLField:
		ff.Type, ff.Single = "string", true
	case content.ImageField:
		ff.Type = "image"
	case content.IntField:
		r := f.Bounds()
		ff.Type, ff.NumberOptions = "number", &fmNumberOptions{Min: r.Min, Max: r.Max, Step: 1}
	case content.NumberField:
		r := f.Bounds()
		ff.Type, ff.NumberOptions = "number", &fmNumberOptions{IsDecimal: true, Min: r.Min, Max: r.Max, Step: f.Step}
	case content.BoolField:
		ff.Type, ff.Default = "boolean", false
	case content.DateField:
		ff.Type = "datetime"
	case content.EnumField:
		ff.Type = "choice"
		for _, v := range f.Values {
			ff.Choices = append(ff.Choices, v)
		}
	case content.RefField, content.RefListField:
		if len(c[f.RefKind]) == 0 {
			// No pages to offer yet: a slug typed by hand (or a list of them).
			ff.Type, ff.Single = "string", true
			if f.Type == content.RefListField {
				ff.Type, ff.Single = "list", false
			}
			break
		}
		ff.Type, ff.Multiple = "choice", f.Type == content.RefListField
		for _, ch := range c[f.RefKind] {
			ff.Choices = append(ff.Choices, fmChoice{ID: ch.Slug, Title: ch.Title})
		}
	case content.StringListField:
		ff.Type = "list"
	case content.LessonsField:
		ff.Type, ff.FieldGroup = "block", []string{lessonGroup}
	default:
		return ff, unknownType("Front Matter CMS", spec, f)
	}
	return ff, nil
}
