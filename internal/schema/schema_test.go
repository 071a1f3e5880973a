package schema

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// siteRoot is the bundled example casebook.
const siteRoot = "../.."

func siteChoices(t *testing.T) Choices {
	t.Helper()
	var diags diag.List
	res, err := content.Load(siteRoot, content.Options{Drafts: true}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	return SiteChoices(res.Pages)
}

// compile compiles the kind's exported schema with a maintained validator,
// asserting formats (date, uri) as editors do.
func compile(t *testing.T, spec *content.KindSpec, c Choices) *jsonschema.Schema {
	t.Helper()
	return compileWith(t, JSONSchema, spec, c)
}

func compileWith(t *testing.T, make func(*content.KindSpec, Choices) (obj, error), spec *content.KindSpec, c Choices) *jsonschema.Schema {
	t.Helper()
	s, err := make(spec, c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	comp.AssertFormat()
	url := "file:///casebook/" + SchemaPath(spec)
	if err := comp.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := comp.Compile(url)
	if err != nil {
		t.Fatalf("%s: %v", spec.Kind, err)
	}
	return sch
}

// frontmatter parses a markdown file's YAML frontmatter into the generic
// value an editor validates: dates as text, numbers as JSON numbers.
func frontmatter(t *testing.T, src string) any {
	t.Helper()
	src = strings.ReplaceAll(src, "\r\n", "\n")
	rest, ok := strings.CutPrefix(src, "---\n")
	if !ok {
		t.Fatalf("no frontmatter in %q", src[:min(len(src), 40)])
	}
	end := strings.Index(rest, "\n---")
	if end < 0 {
		t.Fatal("frontmatter not closed")
	}
	var v any
	if err := yaml.Unmarshal([]byte(rest[:end+1]), &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(dates(v))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// dates turns YAML timestamps back into the text the author wrote.
func dates(v any) any {
	switch v := v.(type) {
	case time.Time:
		if v.Equal(v.Truncate(24*time.Hour)) && v.Location() == time.UTC {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339)
	case map[string]any:
		for k, x := range v {
			v[k] = dates(x)
		}
	case []any:
		for i, x := range v {
			v[i] = dates(x)
		}
	}
	return v
}

func TestSchemasValidateBundledSite(t *testing.T) {
	c := siteChoices(t)
	total := 0
	for _, spec := range content.Kinds {
		sch := compile(t, spec, c)
		trs := compileWith(t, TranslationSchema, spec, c)
		files, err := filepath.Glob(filepath.Join(siteRoot, "content", spec.Dir, "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasPrefix(filepath.Base(f), "_index.") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			check := sch
			if strings.HasSuffix(f, ".es.md") { // a translation
				check = trs
			}
			if err := check.Validate(frontmatter(t, string(src))); err != nil {
				t.Errorf("%s: %v", f, err)
			}
			total++
		}
	}
	if total < 40 {
		t.Errorf("validated only %d files; is the bundled site where the test expects it?", total)
	}
}

const goodCaseStudy = `---
title: Closing the loop
district: cedar-hollow
themes: [students-and-families, shared-ownership]
summary: How one district turned a survey into a conversation.
problem: parent-feedback-loops
stages: [design-studios]
date: 2022-10-04
authors: [Communications Office]
illustrative: true
lessons:
  - theme: students-and-families
    text: Families answer more when they see what changed.
image:
draft: false
---
Body.
`

func TestSchemaRejectsBrokenFrontmatter(t *testing.T) {
	c := siteChoices(t)
	sch := compile(t, content.SpecFor(content.CaseStudy), c)
	if err := sch.Validate(frontmatter(t, goodCaseStudy)); err != nil {
		t.Fatalf("the good case study should validate: %v", err)
	}
	for _, tc := range []struct{ name, from, to string }{
		{"unknown theme slug", "themes: [students-and-families,", "themes: [students-and-familes,"},
		{"unknown district", "district: cedar-hollow", "district: cedar-holow"},
		{"single unknown theme", "themes: [students-and-families, shared-ownership]", "themes: equity"},
		{"no themes", "themes: [students-and-families, shared-ownership]", "themes: []"},
		{"missing title", "title: Closing the loop\n", ""},
		{"empty title", "title: Closing the loop", "title:"},
		{"blank title", "title: Closing the loop", `title: "  "`},
		{"date in words", "date: 2022-10-04", "date: October 4, 2022"},
		{"date that does not exist", "date: 2022-10-04", "date: 2022-13-45"},
		{"unknown field", "draft: false", "draft: false\nsumary: typo"},
		{"lesson without text", "    text: Families answer more when they see what changed.\n", ""},
		{"lesson with unknown theme", "  - theme: students-and-families", "  - theme: nope"},
		{"draft not a boolean", "draft: false", "draft: maybe"},
		{"illustrative not a boolean", "illustrative: true", "illustrative: sometimes"},
		{"illustrative as text", "illustrative: true", `illustrative: "yes"`},
		{"authors as a mapping", "authors: [Communications Office]", "authors: {a: b}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(goodCaseStudy, tc.from) {
				t.Fatalf("test case does not apply: %q", tc.from)
			}
			src := strings.Replace(goodCaseStudy, tc.from, tc.to, 1)
			err := sch.Validate(frontmatter(t, src))
			if err == nil {
				t.Errorf("the schema accepted:\n%s", src)
				return
			}
			t.Log(strings.ReplaceAll(err.Error(), "\n", " | "))
		})
	}

	district := compile(t, content.SpecFor(content.District), c)
	for _, bad := range []string{"enrollment: -5", "enrollment: 12.5", "frl_percent: 101", "locale: city"} {
		src := "---\ntitle: T\nregion: Midwest\n" + bad + "\n---\n"
		if err := district.Validate(frontmatter(t, src)); err == nil {
			t.Errorf("district schema accepted %q", bad)
		}
	}
	resource := compile(t, content.SpecFor(content.Resource), c)
	for _, tc := range []struct {
		line string
		ok   bool
	}{{"url: https://example.org/guide", true}, {"url: example.org/guide", false}, {"url: ftp://example.org/", false}} {
		src := "---\ntitle: T\nsummary: S\n" + tc.line + "\n---\n"
		if err := resource.Validate(frontmatter(t, src)); (err == nil) != tc.ok {
			t.Errorf("resource %q: valid = %v, want %v (%v)", tc.line, err == nil, tc.ok, err)
		}
	}
}

// TestSchemaWithoutPages: a kind the site has no pages of yet takes any
// well-formed slug, so a new site's schemas still compile and work.
func TestSchemaWithoutPages(t *testing.T) {
	sch := compile(t, content.SpecFor(content.CaseStudy), Choices{})
	src := strings.Replace(goodCaseStudy, "lessons:\n  - theme: students-and-families\n    text: Families answer more when they see what changed.\n", "", 1)
	if err := sch.Validate(frontmatter(t, src)); err != nil {
		t.Errorf("a well-formed slug should do: %v", err)
	}
	if err := sch.Validate(frontmatter(t, strings.Replace(src, "cedar-hollow", "Cedar Hollow", 1))); err == nil {
		t.Error("a slug with capitals and spaces should not do")
	}
	if _, err := Decap(content.Kinds); err != nil {
		t.Error(err)
	}
	if _, err := FrontMatter(content.Kinds, Choices{}); err != nil {
		t.Error(err)
	}
}

// decapWidgets are Decap CMS's built-in widgets
// (https://decapcms.org/docs/widgets/).
var decapWidgets = []string{"string", "text", "number", "boolean", "datetime", "date", "list", "object",
	"select", "relation", "markdown", "image", "file", "hidden", "code", "color", "map"}

func TestDecapConfig(t *testing.T) {
	b, err := Decap(content.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Backend     struct{ Name string }
		MediaFolder string `yaml:"media_folder"`
		Collections []struct {
			Name, Folder, Slug, Extension, Format string
			Create                                bool
			Fields                                []map[string]any
			Nested                                struct {
				Depth      int
				Subfolders *bool
			}
			Meta struct {
				Path struct {
					Widget    string
					IndexFile string `yaml:"index_file"`
				}
			}
		}
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatalf("config.yml does not parse: %v\n%s", err, b)
	}
	// Folders inside a kind folder hold plain page files, not index files.
	for _, col := range cfg.Collections {
		n := col.Nested
		if n.Depth < 2 || n.Subfolders == nil || *n.Subfolders || col.Meta.Path.Widget != "string" || col.Meta.Path.IndexFile != "" {
			t.Errorf("%s: nested %+v, meta %+v: Decap would not edit pages in folders inside %s", col.Name, n, col.Meta, col.Folder)
		}
	}
	if cfg.Backend.Name == "" || cfg.MediaFolder != "static/img" {
		t.Errorf("backend %q, media_folder %q", cfg.Backend.Name, cfg.MediaFolder)
	}
	if len(cfg.Collections) != len(content.Kinds) {
		t.Fatalf("%d collections for %d kinds", len(cfg.Collections), len(content.Kinds))
	}
	var check func(where string, f map[string]any)
	check = func(where string, f map[string]any) {
		w, _ := f["widget"].(string)
		if !slices.Contains(decapWidgets, w) {
			t.Errorf("%s: field %v uses widget %q, which Decap does not have", where, f["name"], w)
		}
		if _, ok := f["required"].(bool); !ok {
			t.Errorf("%s: field %v does not say whether it is required", where, f["name"])
		}
		if sub, ok := f["field"].(map[string]any); ok {
			check(where, sub)
		}
		if subs, ok := f["fields"].([]any); ok {
			for _, s := range subs {
				check(where, s.(map[string]any))
			}
		}
	}
	for i, spec := range content.Kinds {
		col := cfg.Collections[i]
		if col.Name != string(spec.Kind) || col.Folder != "content/"+spec.Dir || !col.Create ||
			col.Slug != "{{slug}}" || col.Extension != "md" || col.Format != "frontmatter" {
			t.Errorf("collection %d: %+v", i, col)
		}
		byName := map[string]map[string]any{}
		for _, f := range col.Fields {
			check(col.Name, f)
			byName[f["name"].(string)] = f
		}
		// Every field of the content model, with its requiredness.
		for _, f := range spec.Fields {
			df, ok := byName[f.Name]
			if !ok {
				t.Errorf("%s: field %s is missing from Decap", spec.Kind, f.Name)
				continue
			}
			if df["required"] != f.Required {
				t.Errorf("%s.%s: required %v, want %v", spec.Kind, f.Name, df["required"], f.Required)
			}
			if f.Type == content.RefField || f.Type == content.RefListField {
				checkRelation(t, spec.Kind, df, f.RefKind, f.Type == content.RefListField)
			}
		}
		if byName["body"]["widget"] != "markdown" {
			t.Errorf("%s: body is not markdown", spec.Kind)
		}
	}
}

// frontMatterTypes are Front Matter CMS's field types
// (https://frontmatter.codes/docs/content-creation/fields).
var frontMatterTypes = []string{"string", "number", "datetime", "boolean", "image", "file", "choice", "tags",
	"categories", "taxonomy", "draft", "fields", "json", "block", "dataFile", "list", "slug", "divider",
	"heading", "customField", "uniqueId", "contentRelationship"}

func TestFrontMatterConfig(t *testing.T) {
	c := siteChoices(t)
	b, err := FrontMatter(content.Kinds, c)
	if err != nil {
		t.Fatal(err)
	}
	type field struct {
		Name, Type string
		Required   bool
		Choices    []any
		FieldGroup []string
	}
	var cfg struct {
		Types []struct {
			Name   string
			Fields []field
		} `json:"frontMatter.taxonomy.contentTypes"`
		Folders []struct {
			Path         string
			ContentTypes []string
		} `json:"frontMatter.content.pageFolders"`
		Groups []struct {
			ID     string
			Fields []field
		} `json:"frontMatter.taxonomy.fieldGroups"`
	}
	if err := json.Unmarshal(b, &cfg); err != nil {
		t.Fatalf("frontmatter.json does not parse: %v", err)
	}
	// Front Matter's own settings schema rejects fileType "md".
	if strings.Contains(string(b), `"fileType"`) {
		t.Error("frontmatter.json sets fileType")
	}
	if len(cfg.Types) != len(content.Kinds) || len(cfg.Folders) != len(content.Kinds) {
		t.Fatalf("%d content types and %d folders for %d kinds", len(cfg.Types), len(cfg.Folders), len(content.Kinds))
	}
	groups := map[string]bool{}
	for _, g := range cfg.Groups {
		groups[g.ID] = true
		for _, f := range g.Fields {
			if !slices.Contains(frontMatterTypes, f.Type) {
				t.Errorf("field group %s: field %s has type %q", g.ID, f.Name, f.Type)
			}
		}
	}
	for i, spec := range content.Kinds {
		ct := cfg.Types[i]
		if ct.Name != string(spec.Kind) {
			t.Errorf("content type %d is %q, want %q", i, ct.Name, spec.Kind)
		}
		if f := cfg.Folders[i]; f.Path != "[[workspace]]/content/"+spec.Dir || !slices.Equal(f.ContentTypes, []string{string(spec.Kind)}) {
			t.Errorf("page folder %d: %+v", i, f)
		}
		if len(ct.Fields) != len(spec.Fields) {
			t.Errorf("%s: %d fields, want %d", spec.Kind, len(ct.Fields), len(spec.Fields))
			continue
		}
		for j, f := range spec.Fields {
			ff := ct.Fields[j]
			if ff.Name != f.Name || ff.Required != f.Required || !slices.Contains(frontMatterTypes, ff.Type) {
				t.Errorf("%s: field %+v for %s (required %v)", spec.Kind, ff, f.Name, f.Required)
			}
			if (f.Type == content.RefField || f.Type == content.RefListField) && (ff.Type != "choice" || len(ff.Choices) != len(c[f.RefKind])) {
				t.Errorf("%s.%s: want a choice of the site's %ss, got %+v", spec.Kind, f.Name, f.RefKind, ff)
			}
			for _, g := range ff.FieldGroup {
				if !groups[g] {
					t.Errorf("%s.%s: field group %q is not defined", spec.Kind, f.Name, g)
				}
			}
		}
	}
}

// TestEveryFieldEverywhere: every field of the content model is in its
// kind's JSON Schema, with its requiredness.
func TestEveryFieldEverywhere(t *testing.T) {
	c := siteChoices(t)
	for _, spec := range content.Kinds {
		s, err := JSONSchema(spec, c)
		if err != nil {
			t.Fatal(err)
		}
		var parsed struct {
			Properties map[string]any
			Required   []string
		}
		b, _ := json.Marshal(s)
		if err := json.Unmarshal(b, &parsed); err != nil {
			t.Fatal(err)
		}
		if len(parsed.Properties) != len(spec.Fields) {
			t.Errorf("%s: %d properties for %d fields", spec.Kind, len(parsed.Properties), len(spec.Fields))
		}
		for _, f := range spec.Fields {
			if _, ok := parsed.Properties[f.Name]; !ok {
				t.Errorf("%s: no property %s", spec.Kind, f.Name)
			}
			if slices.Contains(parsed.Required, f.Name) != f.Required {
				t.Errorf("%s.%s: required in schema %v, in model %v", spec.Kind, f.Name, !f.Required, f.Required)
			}
		}
	}
	// A field type no exporter knows is an error, not a silent omission.
	odd := &content.KindSpec{Kind: "odd", Dir: "odd", Fields: []content.Field{{Name: "x", Type: content.FieldType(99)}}}
	if _, err := JSONSchema(odd, c); err == nil {
		t.Error("JSON Schema: unknown field type accepted")
	}
	if _, err := Decap([]*content.KindSpec{odd}); err == nil {
		t.Error("Decap: unknown field type accepted")
	}
	if _, err := FrontMatter([]*content.KindSpec{odd}, c); err == nil {
		t.Error("Front Matter: unknown field type accepted")
	}
}

// checkRelation asserts that a Decap field chooses a page of kind k from
// its collection, by title, storing the slug: a page created in the CMS is
// offered at once, without exporting the configuration again.
func checkRelation(t *testing.T, where content.Kind, df map[string]any, k content.Kind, multiple bool) {
	t.Helper()
	want := map[string]any{"widget": "relation", "collection": string(k), "value_field": "{{slug}}",
		"search_fields": []any{"title"}, "display_fields": []any{"title"}}
	for key, v := range want {
		if !reflect.DeepEqual(df[key], v) {
			t.Errorf("%s.%s: %s is %v, want %v", where, df["name"], key, df[key], v)
		}
	}
	if got, _ := df["multiple"].(bool); got != multiple {
		t.Errorf("%s.%s: multiple is %v, want %v", where, df["name"], df["multiple"], multiple)
	}
	if _, ok := df["options"]; ok {
		t.Errorf("%s.%s: a relation has no fixed options", where, df["name"])
	}
}

// decapFields returns the fields of the named Decap collection.
func decapFields(t *testing.T, kind content.Kind) []map[string]any {
	t.Helper()
	b, err := Decap(content.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Collections []struct {
			Name   string
			Fields []map[string]any
		}
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	for _, c := range cfg.Collections {
		if c.Name == string(kind) {
			return c.Fields
		}
	}
	t.Fatalf("no collection %s", kind)
	return nil
}

func decapFieldNamed(t *testing.T, fields []map[string]any, name string) (int, map[string]any) {
	t.Helper()
	for i, f := range fields {
		if f["name"] == name {
			return i, f
		}
	}
	t.Fatalf("no field %s", name)
	return 0, nil
}

// TestDecapReferences: every reference, a lesson's theme included, is a
// relation to the referenced kind's collection.
func TestDecapReferences(t *testing.T) {
	cs := decapFields(t, content.CaseStudy)
	for _, tc := range []struct {
		name     string
		kind     content.Kind
		multiple bool
	}{{"district", content.District, false}, {"themes", content.Theme, true}, {"problem", content.Problem, false}, {"stages", content.Stage, true}} {
		_, f := decapFieldNamed(t, cs, tc.name)
		checkRelation(t, content.CaseStudy, f, tc.kind, tc.multiple)
	}
	if _, f := decapFieldNamed(t, cs, "themes"); f["min"] != 1 {
		t.Errorf("case-study.themes: min %v, want 1 (a case study needs a theme)", f["min"])
	}
	_, lessons := decapFieldNamed(t, cs, "lessons")
	subs, _ := lessons["fields"].([]any)
	if len(subs) == 0 {
		t.Fatal("lessons have no fields")
	}
	checkRelation(t, content.CaseStudy, subs[0].(map[string]any), content.Theme, false)
	res := decapFields(t, content.Resource)
	for name, k := range map[string]content.Kind{"stages": content.Stage, "themes": content.Theme} {
		_, f := decapFieldNamed(t, res, name)
		checkRelation(t, content.Resource, f, k, true)
	}
}

// TestDecapImage: a case study's picture uses Decap's image widget, which
// uploads to media_folder, and its alt text comes right after it.
func TestDecapImage(t *testing.T) {
	cs := decapFields(t, content.CaseStudy)
	i, img := decapFieldNamed(t, cs, "image")
	j, alt := decapFieldNamed(t, cs, "image_alt")
	if img["widget"] != "image" || alt["widget"] != "string" || j != i+1 {
		t.Errorf("image is a %v widget at %d, image_alt a %v widget at %d; want image, then string right after", img["widget"], i, alt["widget"], j)
	}
}

// TestDecimalInputs: a field that takes decimals is saved with them (Decap
// saves 12.5 as 12 unless value_type is float), and whole-number fields stay
// whole, in every export.
func TestDecimalInputs(t *testing.T) {
	for _, tc := range []struct {
		kind            content.Kind
		name, valueType string
		step            any
		min, max        int
	}{
		{content.District, "frl_percent", "float", 0.1, 0, 100},
		{content.Stage, "order", "float", 0.5, -1_000_000_000, 1_000_000_000},
		{content.Theme, "order", "float", 0.5, -1_000_000_000, 1_000_000_000},
		{content.District, "enrollment", "int", 1, 0, 10_000_000},
	} {
		_, f := decapFieldNamed(t, decapFields(t, tc.kind), tc.name)
		if f["widget"] != "number" || f["value_type"] != tc.valueType || f["step"] != tc.step || f["min"] != tc.min || f["max"] != tc.max {
			t.Errorf("Decap %s.%s: %v", tc.kind, tc.name, f)
		}
	}

	b, err := FrontMatter(content.Kinds, Choices{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ kind, name, want string }{
		{"district", "frl_percent", `{"isDecimal":true,"min":0,"max":100,"step":0.1}`},
		{"journey", "order", `{"isDecimal":true,"min":-1000000000,"max":1000000000,"step":0.5}`},
		{"district", "enrollment", `{"isDecimal":false,"min":0,"max":10000000,"step":1}`},
	} {
		if !strings.Contains(compact(t, b), `"name":"`+tc.name+`","type":"number","description":`) || !strings.Contains(compact(t, b), `"numberOptions":`+tc.want) {
			t.Errorf("Front Matter %s.%s: no number field with %s", tc.kind, tc.name, tc.want)
		}
	}

	for _, tc := range []struct {
		kind      content.Kind
		name, typ string
		ok, bad   string
	}{
		{content.District, "frl_percent", "number", "frl_percent: 38.5", "frl_percent: 100.5"},
		{content.Stage, "order", "number", "order: 2.5", "order: two"},
		{content.District, "enrollment", "integer", "enrollment: 12000", "enrollment: 12000.5"},
	} {
		sch := compile(t, content.SpecFor(tc.kind), Choices{})
		base := "---\ntitle: T\nregion: R\n"
		if tc.kind == content.Stage {
			base = "---\ntitle: T\nsummary: S\n"
		}
		if err := sch.Validate(frontmatter(t, base+tc.ok+"\n---\n")); err != nil {
			t.Errorf("JSON Schema rejects %q: %v", tc.ok, err)
		}
		if err := sch.Validate(frontmatter(t, base+tc.bad+"\n---\n")); err == nil {
			t.Errorf("JSON Schema accepts %q", tc.bad)
		}
		s, _ := JSONSchema(content.SpecFor(tc.kind), Choices{})
		var parsed struct{ Properties map[string]json.RawMessage }
		j, _ := json.Marshal(s)
		if err := json.Unmarshal(j, &parsed); err != nil || !strings.Contains(string(parsed.Properties[tc.name]), `"type":"`+tc.typ+`"`) {
			t.Errorf("JSON Schema %s.%s is not of type %s: %s", tc.kind, tc.name, tc.typ, parsed.Properties[tc.name])
		}
	}
}

// compact is the JSON b without spaces between tokens.
func compact(t *testing.T, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestDecapIndex: the admin page loads Decap CMS and gives its preview pane
// the stylesheet the site's pages link, found from the admin page's address
// so that a site under a base path works too.
func TestDecapIndex(t *testing.T) {
	page := string(DecapIndex())
	for _, want := range []string{
		`<script src="https://cdn.jsdelivr.net/npm/decap-cms@^3.0.0/dist/decap-cms.js"></script>`,
		`CMS.registerPreviewStyle(new URL("../css/casebook.css", document.baseURI).href);`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("admin/index.html lacks %s", want)
		}
	}
	if strings.Index(page, "registerPreviewStyle") < strings.Index(page, "decap-cms.js") {
		t.Error("registerPreviewStyle is called before Decap CMS is loaded")
	}
	head, err := fs.ReadFile(casebook.Theme, "layouts/partials/head-site.html")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(head), `{{rel "`+DecapStylesheet+`"}}`) {
		t.Errorf("the theme's head no longer links %s; point the preview at its stylesheet", DecapStylesheet)
	}
	if _, err := fs.Stat(casebook.Theme, "static/"+DecapStylesheet); err != nil {
		t.Errorf("the preview stylesheet is not in the theme: %v", err)
	}
	// A site under a base path: the stylesheet is found beside the admin folder.
	u, err := url.Parse("https://example.org/casebook/admin/")
	if err != nil {
		t.Fatal(err)
	}
	if got := u.ResolveReference(&url.URL{Path: "../" + DecapStylesheet}).String(); got != "https://example.org/casebook/css/casebook.css" {
		t.Errorf("the stylesheet resolves to %s", got)
	}
}

// TestIllustrativeExported: the case study's `illustrative` flag reaches
// every export as a true-or-false field, so an editor offers a checkbox.
func TestIllustrativeExported(t *testing.T) {
	c := siteChoices(t)
	spec := content.SpecFor(content.CaseStudy)
	s, err := JSONSchema(spec, c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var js struct {
		Properties map[string]json.RawMessage
	}
	if err := json.Unmarshal(b, &js); err != nil {
		t.Fatal(err)
	}
	if prop := string(js.Properties["illustrative"]); !strings.Contains(prop, `"type":"boolean"`) {
		t.Errorf("JSON Schema: illustrative is %s, want a boolean", prop)
	}
	d, err := Decap([]*content.KindSpec{spec})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d), "name: illustrative\n        widget: boolean\n") {
		t.Errorf("Decap: no boolean widget for illustrative:\n%s", d)
	}
	fm, err := FrontMatter([]*content.KindSpec{spec}, c)
	if err != nil {
		t.Fatal(err)
	}
	var front struct {
		ContentTypes []struct {
			Fields []struct{ Name, Type string }
		} `json:"frontMatter.taxonomy.contentTypes"`
	}
	if err := json.Unmarshal(fm, &front); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ct := range front.ContentTypes {
		for _, f := range ct.Fields {
			if f.Name == "illustrative" {
				found = f.Type == "boolean"
			}
		}
	}
	if !found {
		t.Errorf("Front Matter CMS: no boolean illustrative field:\n%s", fm)
	}
}

// The translation schemas accept the bilingual test site's translations,
// and what a translation may not be; Decap CMS edits translations beside
// their sources, each field translated or taken from the source.
func TestTranslationExports(t *testing.T) {
	const site = "../build/testdata/bilingual"
	var diags diag.List
	res, err := content.Load(site, content.Options{Drafts: true}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	c := SiteChoices(res.Pages)
	if len(res.Translations) == 0 {
		t.Fatal("the bilingual site has no translations")
	}
	for _, tr := range res.Translations {
		spec := content.SpecFor(tr.Kind)
		if spec == nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(tr.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if err := compileWith(t, TranslationSchema, spec, c).Validate(frontmatter(t, string(b))); err != nil {
			t.Errorf("%s: %v", tr.Path, err)
		}
	}
	sch := compileWith(t, TranslationSchema, content.SpecFor(content.CaseStudy), c)
	for _, bad := range []string{
		"---\ntranslation_of: not-a-version\n---\n",
		"---\ntitle: 3\n---\n",
		"---\nthemes: [no-such-theme]\n---\n",
		"---\ntitel: Mentores\n---\n",
	} {
		if err := sch.Validate(frontmatter(t, bad)); err == nil {
			t.Errorf("the translation schema accepts\n%s", bad)
		}
	}
	if err := sch.Validate(frontmatter(t, "---\ntitle: Mentores\n---\n")); err != nil {
		t.Errorf("a translation with only a title: %v", err)
	}

	b, err := Decap(content.Kinds, "en", "es")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		I18n struct {
			Structure string
			Locales   []string
			Default   string `yaml:"default_locale"`
			Omit      bool   `yaml:"omit_default_locale_from_filename"`
		}
		Collections []struct {
			Name   string
			I18n   bool
			Fields []map[string]any
		}
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.I18n.Structure != "multiple_files" || !slices.Equal(cfg.I18n.Locales, []string{"en", "es"}) || cfg.I18n.Default != "en" || !cfg.I18n.Omit {
		t.Errorf("i18n: %+v", cfg.I18n)
	}
	for _, col := range cfg.Collections {
		spec := content.SpecFor(content.Kind(col.Name))
		if !col.I18n {
			t.Errorf("%s: not translated", col.Name)
		}
		for _, f := range col.Fields {
			name, _ := f["name"].(string)
			want := any("none")
			if fs, ok := spec.Field(name); (ok && fs.Translated()) || name == "body" {
				want = true
			}
			if f["i18n"] != want {
				t.Errorf("%s.%s: i18n %v, want %v", col.Name, name, f["i18n"], want)
			}
		}
	}
	if one, err := Decap(content.Kinds); err != nil || bytes.Contains(one, []byte("i18n")) {
		t.Errorf("a site in one language gets i18n settings: %v", err)
	}
}
