package schema

import (
	"bytes"
	"cmp"

	"github.com/casebook/casebook/internal/content"
	"go.yaml.in/yaml/v3"
)

// Decap CMS configuration (https://decapcms.org/docs/configuration-options/),
// written with only Decap's own widgets.

type decapConfig struct {
	Backend      decapBackend      `yaml:"backend"`
	MediaFolder  string            `yaml:"media_folder"`
	PublicFolder string            `yaml:"public_folder"`
	Slug         decapSlug         `yaml:"slug"`
	I18n         *decapI18n        `yaml:"i18n,omitempty"`
	Collections  []decapCollection `yaml:"collections"`
}

// decapI18n is a site in several languages: a translation is a file beside
// its source, <slug>.<lang>.md, and the default language's file has no
// language in its name.
type decapI18n struct {
	Structure     string   `yaml:"structure"`
	Locales       []string `yaml:"locales"`
	DefaultLocale string   `yaml:"default_locale"`
	OmitDefault   bool     `yaml:"omit_default_locale_from_filename"`
}

type decapBackend struct {
	Name   string `yaml:"name"`
	Branch string `yaml:"branch"`
}

type decapSlug struct {
	Encoding            string `yaml:"encoding"`
	CleanAccents        bool   `yaml:"clean_accents"`
	SanitizeReplacement string `yaml:"sanitize_replacement"`
}

type decapCollection struct {
	Name            string       `yaml:"name"`
	Label           string       `yaml:"label"`
	LabelSingular   string       `yaml:"label_singular"`
	Description     string       `yaml:"description,omitempty"`
	Folder          string       `yaml:"folder"`
	Create          bool         `yaml:"create"`
	Slug            string       `yaml:"slug"`
	Extension       string       `yaml:"extension"`
	Format          string       `yaml:"format"`
	IdentifierField string       `yaml:"identifier_field,omitempty"`
	Nested          *decapNested `yaml:"nested,omitempty"`
	Meta            *decapMeta   `yaml:"meta,omitempty"`
	I18n            bool         `yaml:"i18n,omitempty"`
	Fields          []decapField `yaml:"fields"`
}

// decapNested lets a collection show and edit the folders inside its kind
// folder (content/case-studies/2024/...), with pages as plain files in
// them rather than index files.
type decapNested struct {
	Depth      int    `yaml:"depth"`
	Summary    string `yaml:"summary"`
	Subfolders bool   `yaml:"subfolders"`
}

type decapMeta struct {
	Path decapPath `yaml:"path"`
}

type decapPath struct {
	Label  string `yaml:"label"`
	Widget string `yaml:"widget"`
}

type decapField struct {
	Label    string `yaml:"label"`
	Name     string `yaml:"name"`
	Widget   string `yaml:"widget"`
	Required bool   `yaml:"required"`
	Hint     string `yaml:"hint,omitempty"`
	// I18n is true for a field a translation carries and "none" for one
	// it takes from its source, on a site in several languages.
	I18n any `yaml:"i18n,omitempty"`
	// number
	ValueType string  `yaml:"value_type,omitempty"`
	Min       *int    `yaml:"min,omitempty"`
	Max       *int    `yaml:"max,omitempty"`
	Step      float64 `yaml:"step,omitempty"`
	// boolean
	Default any `yaml:"default,omitempty"`
	// datetime
	Format     string `yaml:"format,omitempty"`
	DateFormat string `yaml:"date_format,omitempty"`
	TimeFormat *bool  `yaml:"time_format,omitempty"`
	PickerUTC  bool   `yaml:"picker_utc,omitempty"`
	// string: [regex, message]
	Pattern []string `yaml:"pattern,omitempty"`
	// select
	Options  []any `yaml:"options,omitempty"`
	Multiple bool  `yaml:"multiple,omitempty"`
	// relation
	Collection    string   `yaml:"collection,omitempty"`
	SearchFields  []string `yaml:"search_fields,omitempty"`
	ValueField    string   `yaml:"value_field,omitempty"`
	DisplayFields []string `yaml:"display_fields,omitempty"`
	// list
	Summary string       `yaml:"summary,omitempty"`
	Field   *decapField  `yaml:"field,omitempty"`
	Fields  []decapField `yaml:"fields,omitempty"`
}

// Decap returns a Decap CMS admin/config.yml with one folder collection per
// kind. References are relations to the referenced kind's collection, so a
// page created in the CMS can be chosen at once; the body is markdown.
//
// For a site in several languages (langs, the default first), each
// collection edits the translations too: the fields a translation carries
// are translated, the others are the source's alone.
func Decap(specs []*content.KindSpec, langs ...string) ([]byte, error) {
	cfg := decapConfig{
		// git-gateway is a placeholder: set the backend your host uses
		// (github, gitlab, ...), see decapcms.org/docs/backends-overview/.
		Backend:      decapBackend{Name: "git-gateway", Branch: "main"},
		MediaFolder:  "static/img",
		PublicFolder: "/img",
		// casebook's slugs are lowercase ASCII words joined by hyphens.
		Slug: decapSlug{Encoding: "ascii", CleanAccents: true, SanitizeReplacement: "-"},
	}
	multilingual := len(langs) > 1
	if multilingual {
		cfg.I18n = &decapI18n{Structure: "multiple_files", Locales: langs, DefaultLocale: langs[0], OmitDefault: true}
	}
	for _, spec := range specs {
		col := decapCollection{
			Name:            string(spec.Kind),
			Label:           spec.Title,
			LabelSingular:   spec.Label,
			Folder:          "content/" + spec.Dir,
			Create:          true,
			Slug:            "{{slug}}",
			Extension:       "md",
			Format:          "frontmatter",
			IdentifierField: identifier(spec),
			Nested:          &decapNested{Depth: 10, Summary: "{{" + cmp.Or(identifier(spec), "slug") + "}}", Subfolders: false},
			Meta:            &decapMeta{Path: decapPath{Label: "Folder (optional, e.g. 2024)", Widget: "string"}},
		}
		for _, f := range spec.Fields {
			df, err := decapFieldFor(spec, f)
			if err != nil {
				return nil, err
			}
			if multilingual {
				df.I18n = translated(f)
			}
			col.Fields = append(col.Fields, df)
		}
		body := decapField{Label: "Body", Name: "body", Widget: "markdown", Required: false, Hint: "the page text, in markdown"}
		if multilingual {
			col.I18n, body.I18n = true, true
		}
		col.Fields = append(col.Fields, body)
		cfg.Collections = append(cfg.Collections, col)
	}
	var b bytes.Buffer
	b.WriteString("# Decap CMS configuration for this casebook, written by `casebook schema`.\n" +
		"# References search the collections, so new pages need no new export.\n" +
		"# The backend is a placeholder: see https://decapcms.org/docs/backends-overview/\n")
	if multilingual {
		b.WriteString("# Translations sit beside their source as <slug>.<lang>.md, with no language\n" +
			"# in the default language's file name: omit_default_locale_from_filename asks\n" +
			"# for that, which Sveltia CMS (a drop-in for Decap CMS) honours; Decap CMS\n" +
			"# itself would name the default language's files <slug>." + langs[0] + ".md.\n")
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// translated is a field's i18n setting: a translation carries its text,
// or takes the source's.
func translated(f content.Field) any {
	if f.Translated() {
		return true
	}
	return "none"
}

// identifier is the field Decap names entries by: title when the kind has it.
func identifier(spec *content.KindSpec) string {
	if _, ok := spec.Field("title"); ok {
		return "title"
	}
	return ""
}

func decapFieldFor(spec *content.KindSpec, f content.Field) (decapField, error) {
	df := decapField{Label: label(f.Name), Name: f.Name, Required: f.Required, Hint: f.Doc}
	switch f.Type {
	case content.StringField:
		df.Widget = "string"
	case content.ImageField:
		// Uploads go to media_folder, and the field gets public_folder's
		// address of the file, which casebook resolves in static/.
		df.Widget = "image"
	case content.IntField:
		r := f.Bounds()
		df.Widget, df.ValueType, df.Min, df.Max, df.Step = "number", "int", &r.Min, &r.Max, 1
	case content.NumberField:
		// value_type float, or Decap saves 12.5 as 12.
		r := f.Bounds()
		df.Widget, df.ValueType, df.Min, df.Max, df.Step = "number", "float", &r.Min, &r.Max, f.Step
	case content.BoolField:
		df.Widget, df.Default = "boolean", false
	case content.DateField:
		no := false
		df.Widget, df.Format, df.DateFormat, df.TimeFormat, df.PickerUTC = "datetime", "YYYY-MM-DD", "YYYY-MM-DD", &no, true
	case content.EnumField:
		df.Widget = "select"
		for _, v := range f.Values {
			df.Options = append(df.Options, v)
		}
	case content.URLField:
		df.Widget = "string"
		df.Pattern = []string{urlPattern, "write the full address, starting with https://"}
	case content.RefField:
		decapRef(&df, f.RefKind)
	case content.RefListField:
		decapRef(&df, f.RefKind)
		df.Multiple = true
		if f.Required {
			one := 1
			df.Min = &one
		}
	case content.StringListField:
		df.Widget = "list"
		df.Field = &decapField{Label: label(f.Name), Name: f.Name, Widget: "string", Required: true}
	case content.LessonsField:
		df.Widget, df.Summary = "list", "{{fields.theme}}: {{fields.text}}"
		for _, lf := range lessonFields {
			sub, err := decapFieldFor(spec, lf)
			if err != nil {
				return df, err
			}
			if lf.Name == "text" {
				sub.Widget = "text" // a sentence or two
			}
			df.Fields = append(df.Fields, sub)
		}
	default:
		return df, unknownType("Decap CMS", spec, f)
	}
	return df, nil
}

// decapRef makes df choose a page of kind k from that kind's collection.
// A relation, unlike a select of the slugs known at export time, offers a
// page created in the CMS a minute ago. Collections are named by kind, and
// a casebook slug is the file name, which is Decap's {{slug}} in a folder
// collection whose slug template is "{{slug}}".
func decapRef(df *decapField, k content.Kind) {
	df.Widget, df.Collection, df.ValueField = "relation", string(k), "{{slug}}"
	df.SearchFields, df.DisplayFields = []string{"title"}, []string{"title"}
}

// DecapStylesheet is the default theme's stylesheet, relative to the
// site's root, as layouts/partials/head.html links it.
const DecapStylesheet = "css/casebook.css"

// DecapIndex returns admin/index.html, the page that loads Decap CMS from
// its CDN, as Decap's install guide does
// (https://decapcms.org/docs/install-decap-cms/). It registers the site's
// stylesheet for the preview pane, which is otherwise unstyled. The
// address is resolved against the admin page's own, so it holds for a site
// under a base path (/casebook/admin/ → /casebook/css/casebook.css), as
// long as admin/ sits at the site's root, as Decap expects.
func DecapIndex() []byte {
	return []byte(`<!doctype html>
<!-- Decap CMS for this casebook, written by casebook schema. Serve it at
     the site's /admin/, beside config.yml: put the admin folder in static/. -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Content manager</title>
</head>
<body>
<script src="https://cdn.jsdelivr.net/npm/decap-cms@^3.0.0/dist/decap-cms.js"></script>
<script>
CMS.registerPreviewStyle(new URL("../` + DecapStylesheet + `", document.baseURI).href);
</script>
</body>
</html>
`)
}
