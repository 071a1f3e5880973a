package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/casebook/casebook/internal/content"
)

// obj is a JSON object that keeps its keys in the order they were added, so
// the exported schemas list fields in the content model's order.
type obj []member

type member struct {
	key string
	val any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.val)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (o *obj) set(key string, val any) { *o = append(*o, member{key, val}) }

// Draft is the JSON Schema dialect of the exported schemas.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// datePattern is the date form casebook asks authors to write.
const datePattern = `^\d{4}-\d{2}-\d{2}$`

// urlPattern is a full http or https address, as casebook's URLField wants.
const urlPattern = `^[hH][tT][tT][pP][sS]?://[^\s/?#]+`

// JSONSchema returns the JSON Schema (draft 2020-12) of a kind's frontmatter.
//
// Choices made, all so that an editor flags what `casebook check` reports:
//   - additionalProperties is false. casebook only warns about an unknown
//     key, but it then ignores it, and an unknown key is nearly always a
//     misspelt one (`theme:` for `themes:`), which an editor should show.
//   - an optional field may be left empty (`date:`), as `casebook new`
//     writes it and casebook reads it: as absent.
//   - a list may be written as a single value, which casebook reads as a
//     list of one.
//   - a reference is an enum of the site's real slugs, so editors offer
//     them; for a kind with no pages yet, any well-formed slug.
//   - dates are YYYY-MM-DD, the form casebook's messages ask for.
func JSONSchema(spec *content.KindSpec, c Choices) (obj, error) {
	props := obj{}
	var required []string
	for _, f := range spec.Fields {
		v, err := fieldSchema(spec, f, c)
		if err != nil {
			return nil, err
		}
		if f.Required {
			required = append(required, f.Name)
		} else {
			v = obj{{"anyOf", []any{obj{{"type", "null"}}, v}}}
		}
		p := obj{{"title", label(f.Name)}, {"description", f.Doc}}
		props.set(f.Name, append(p, v...))
	}
	where := "content/" + spec.Dir + "/"
	s := obj{
		{"$schema", Draft},
		{"title", "casebook " + spec.Label},
		{"description", fmt.Sprintf("The frontmatter of a %s: a markdown file in %s.", spec.Label, where)},
		{"type", "object"},
		{"properties", props},
	}
	if len(required) > 0 {
		s.set("required", required)
	}
	s.set("additionalProperties", false)
	return s, nil
}

// fieldSchema is the schema of one field's (non-empty) value.
func fieldSchema(spec *content.KindSpec, f content.Field, c Choices) (obj, error) {
	switch f.Type {
	case content.StringField, content.ImageField:
		if f.Required {
			// casebook trims values and treats a blank one as missing.
			return obj{{"type", "string"}, {"pattern", `\S`}}, nil
		}
		return obj{{"type", "string"}}, nil
	case content.IntField:
		r := f.Bounds()
		return obj{{"type", "integer"}, {"minimum", r.Min}, {"maximum", r.Max}}, nil
	case content.NumberField:
		// No multipleOf: casebook takes any decimals; Step only guides
		// CMS inputs.
		r := f.Bounds()
		return obj{{"type", "number"}, {"minimum", r.Min}, {"maximum", r.Max}}, nil
	case content.BoolField:
		return obj{{"type", "boolean"}}, nil
	case content.DateField:
		return obj{{"type", "string"}, {"format", "date"}, {"pattern", datePattern}}, nil
	case content.EnumField:
		return obj{{"type", "string"}, {"enum", f.Values}}, nil
	case content.URLField:
		return obj{{"type", "string"}, {"format", "uri"}, {"pattern", urlPattern}}, nil
	case content.RefField:
		return refSchema(f.RefKind, c), nil
	case content.StringListField:
		return listSchema(obj{{"type", "string"}}, false), nil
	case content.RefListField:
		return listSchema(refSchema(f.RefKind, c), f.Required), nil
	case content.LessonsField:
		props := obj{}
		var required []string
		for _, lf := range lessonFields {
			v, err := fieldSchema(spec, lf, c)
			if err != nil {
				return nil, err
			}
			props.set(lf.Name, append(obj{{"description", lf.Doc}}, v...))
			if lf.Required {
				required = append(required, lf.Name)
			}
		}
		item := obj{{"type", "object"}, {"properties", props}, {"required", required}, {"additionalProperties", false}}
		return obj{{"type", "array"}, {"items", item}}, nil
	}
	return nil, unknownType("JSON Schema", spec, f)
}

// refSchema is the schema of one slug of kind k.
func refSchema(k content.Kind, c Choices) obj {
	slugs := c.slugs(k)
	if len(slugs) == 0 {
		return obj{{"type", "string"}, {"pattern", slugPattern}}
	}
	titles := make([]string, len(c[k]))
	for i, ch := range c[k] {
		titles[i] = ch.Title
	}
	// enumDescriptions is not JSON Schema, but VS Code's JSON and YAML
	// support show it beside each offered value; validators ignore it.
	return obj{{"type", "string"}, {"enum", slugs}, {"enumDescriptions", titles}}
}

// listSchema is a list of item, or (as casebook reads it) one item alone.
func listSchema(item obj, required bool) obj {
	arr := obj{{"type", "array"}, {"items", item}}
	if required {
		arr.set("minItems", 1)
	}
	return obj{{"anyOf", []any{arr, item}}}
}

// TranslationSchema is the JSON Schema of a translation of a kind's page
// (content/<dir>/<slug>.<lang>.md): the fields it carries, none required,
// translation_of, draft, and the kind's other fields, which it may repeat
// only as its source has them.
func TranslationSchema(spec *content.KindSpec, c Choices) (obj, error) {
	s, err := JSONSchema(spec, c)
	if err != nil {
		return nil, err
	}
	out := obj{}
	for _, m := range s {
		switch m.key {
		case "required":
			continue // a translation takes what it leaves out from its source
		case "title":
			m.val = "casebook " + spec.Label + " translation"
		case "description":
			m.val = fmt.Sprintf("The frontmatter of a translation of a %s (content/%s/<slug>.<lang>.md): the text of %s and the body; any other field must be as its source has it.",
				spec.Label, spec.Dir, strings.Join(translatedNames(spec), ", "))
		case "properties":
			props := append(obj{}, m.val.(obj)...)
			if _, ok := spec.Field("draft"); !ok {
				props.set("draft", obj{{"title", "Draft"}, {"description", "true keeps the translation out of the site until it is translated"}, {"type", "boolean"}})
			}
			props.set(content.TranslationOfField, obj{{"title", label(content.TranslationOfField)},
				{"description", "which version of the source page this translates, as `casebook new --lang` writes it; casebook warns when the source changes"},
				{"type", "string"}, {"pattern", "^[0-9a-f]{12}$"}})
			m.val = props
		}
		out = append(out, m)
	}
	return out, nil
}

// translatedNames lists the fields of a kind a translation carries.
func translatedNames(spec *content.KindSpec) []string {
	var names []string
	for _, f := range spec.Fields {
		if f.Translated() {
			names = append(names, f.Name)
		}
	}
	return names
}

// VSCodeSettings returns the `yaml.schemas` setting of VS Code's YAML
// extension that maps each kind's files to its schema, with schema paths as
// given by path; for a site in several languages (langs, the default
// first), the translations' files to the translation schemas.
func VSCodeSettings(specs []*content.KindSpec, path func(*content.KindSpec) string, langs ...string) string {
	var b strings.Builder
	b.WriteString("\"yaml.schemas\": {\n")
	var lines []string
	for _, spec := range specs {
		k, _ := json.Marshal(path(spec))
		globs := []string{"content/" + spec.Dir + "/**/*.md"} // folders inside the kind folder too
		var trs []string
		for _, l := range langs[min(1, len(langs)):] {
			globs = append(globs, "!content/"+spec.Dir+"/**/*."+l+".md")
			trs = append(trs, "content/"+spec.Dir+"/**/*."+l+".md")
		}
		lines = append(lines, fmt.Sprintf("  %s: %s", k, globList(globs)))
		if len(trs) > 0 {
			tk, _ := json.Marshal(TranslationPath(path(spec)))
			lines = append(lines, fmt.Sprintf("  %s: %s", tk, globList(trs)))
		}
	}
	b.WriteString(strings.Join(lines, ",\n"))
	b.WriteString("\n}")
	return b.String()
}

// globList writes one glob as a string, several as a list.
func globList(globs []string) string {
	var v []byte
	if len(globs) == 1 {
		v, _ = json.Marshal(globs[0])
	} else {
		v, _ = json.Marshal(globs)
	}
	return string(v)
}

// TranslationPath is where a kind's translation schema goes beside its
// schema at path.
func TranslationPath(path string) string {
	return strings.TrimSuffix(path, ".schema.json") + ".translation.schema.json"
}
