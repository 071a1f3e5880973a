package content

import (
	"math"
	"time"
)

// Kind is a kind of page, decided by the folder a file sits in.
type Kind string

// The kinds of page. Home and List are the folder index pages (_index.md);
// Plain is any other markdown file at the top of content/.
const (
	Theme     Kind = "theme"
	Stage     Kind = "stage"
	District  Kind = "district"
	Problem   Kind = "problem"
	CaseStudy Kind = "case-study"
	Resource  Kind = "resource"
	Plain     Kind = "page"
	Home      Kind = "home"
	List      Kind = "list"
)

// FieldType says how a frontmatter value is decoded and checked.
type FieldType int

// Field types.
const (
	StringField FieldType = iota
	IntField
	NumberField // a number that may have decimals: `order: 2.5`
	BoolField
	DateField
	StringListField
	RefField     // a slug of the field's RefKind
	RefListField // a list of slugs of RefKind
	LessonsField // a list of {theme, text}
	EnumField    // a string from the field's Values
	URLField     // a full http or https address
	// ImageField is a picture's address, beside the page or in static/:
	// text to casebook, but CMSs offer their media library for it.
	ImageField
)

// Field describes one frontmatter key of a kind.
type Field struct {
	Name     string
	Type     FieldType
	Required bool
	RefKind  Kind     // for RefField and RefListField
	Values   []string // for EnumField
	// Range bounds an IntField or a NumberField; nil allows any number
	// within defaultRange.
	Range *IntRange
	// Step is how far a CMS's number input moves a NumberField per click;
	// it is a hint for editors, not a rule: casebook accepts any decimals.
	Step float64
	// Example is a value shown in hints ("write a whole number, e.g.
	// `enrollment: 12000`"); "" uses a generic one for the field's type.
	Example string
	Doc     string // one line, for help and exported schemas
	set     func(p *Page, v value)
}

// IntRange is the smallest and largest value an IntField or a NumberField
// accepts.
type IntRange struct{ Min, Max int }

// defaultRange bounds every number, so a value no author means
// (-9223372036854775808) is an error rather than a page in a strange place.
var defaultRange = IntRange{Min: -1_000_000_000, Max: 1_000_000_000}

// KindSpec describes a kind: the folder it lives in and its fields.
type KindSpec struct {
	Kind   Kind
	Dir    string // folder under content/, "" for top-level pages
	Label  string // singular, for messages: "case study"
	Plural string // for readers: "case studies"
	// Title is the section list page's title when the folder has no
	// _index.md.
	Title  string
	Fields []Field
}

// Field returns the named field and whether the kind has it.
func (k *KindSpec) Field(name string) (Field, bool) {
	for _, f := range k.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// isListField reports whether any kind has a field name that holds a list,
// so that a [ or - after it is the list the author meant, not text.
func isListField(name string) bool {
	for _, k := range Kinds {
		if f, ok := k.Field(name); ok && (f.Type == StringListField || f.Type == RefListField || f.Type == LessonsField) {
			return true
		}
	}
	return false
}

// FieldNames lists the kind's field names in table order.
func (k *KindSpec) FieldNames() []string {
	names := make([]string, len(k.Fields))
	for i, f := range k.Fields {
		names[i] = f.Name
	}
	return names
}

func title() Field {
	return Field{Name: "title", Type: StringField, Required: true, Doc: "the page title",
		set: func(p *Page, v value) { p.Title = v.str }}
}

func summary(required bool) Field {
	return Field{Name: "summary", Type: StringField, Required: required, Doc: "one or two sentences shown in lists and feeds",
		set: func(p *Page, v value) { p.Summary = v.str }}
}

// order is a position in a list. Decimals are allowed so that an author
// can put a page between two others (2.5 between 2 and 3) without
// renumbering every later one.
func order(doc string) Field {
	return Field{Name: "order", Type: NumberField, Step: 0.5, Example: "2.5", Doc: doc,
		set: func(p *Page, v value) { p.Order = v.decimal }}
}

// withRequired is f, required: a stage's order places it on the map.
func withRequired(f Field) Field {
	f.Required = true
	return f
}

// oneDecimal rounds a share to the one decimal place the site shows, so the
// figure a reader sees, its band and its search facet agree.
func oneDecimal(x float64) float64 { return math.Round(x*10) / 10 }

func refs(name string, kind Kind, doc string, set func(p *Page, r []Ref)) Field {
	return Field{Name: name, Type: RefListField, RefKind: kind, Doc: doc, set: func(p *Page, v value) { set(p, v.refs) }}
}

// Kinds is the content model: every kind with a folder, in the order the
// site's navigation lists them.
var Kinds = []*KindSpec{
	{Kind: Theme, Dir: "themes", Label: "theme", Plural: "themes", Title: "Themes", Fields: []Field{
		title(), summary(true),
		order("position among the themes, lowest first"),
	}},
	{Kind: Stage, Dir: "journey", Label: "journey stage", Plural: "journey stages", Title: "Journey map", Fields: []Field{
		title(),
		withRequired(order("position on the journey map, lowest first; unique; 2.5 goes between 2 and 3")),
		summary(true),
		refs("resources", Resource, "resources that serve this stage", func(p *Page, r []Ref) { p.Refs.Resources = r }),
	}},
	{Kind: District, Dir: "districts", Label: "district", Plural: "districts", Title: "Districts", Fields: []Field{
		title(),
		{Name: "region", Type: StringField, Required: true, Doc: "where the district is, e.g. Midwest",
			set: func(p *Page, v value) { p.Region = v.str }},
		{Name: "locale", Type: EnumField, Values: []string{"urban", "suburban", "rural"}, Doc: "urban, suburban or rural",
			set: func(p *Page, v value) { p.Locale = v.str }},
		{Name: "enrollment", Type: IntField, Range: &IntRange{0, 10_000_000}, Example: "12000", Doc: "number of students",
			set: func(p *Page, v value) { p.Enrollment = v.num }},
		{Name: "frl_percent", Type: NumberField, Range: &IntRange{0, 100}, Step: 0.1, Example: "38.5",
			Doc: "percent of students eligible for free or reduced-price lunch, 0 to 100; shown to one decimal place (38.55 as 38.6)",
			set: func(p *Page, v value) { p.FRLPercent = oneDecimal(v.decimal); p.HasFRL = true }},
	}},
	{Kind: Problem, Dir: "problems", Label: "problem-of-practice pair", Plural: "problems and pilots", Title: "Problems and pilots", Fields: []Field{
		title(),
		{Name: "problem", Type: StringField, Required: true, Doc: "the problem of practice",
			set: func(p *Page, v value) { p.Statement = v.str }},
		{Name: "solution", Type: StringField, Required: true, Doc: "the pilot solution",
			set: func(p *Page, v value) { p.Solution = v.str }},
		{Name: "district", Type: RefField, RefKind: District, Required: true, Doc: "the district that owns the pair",
			set: func(p *Page, v value) { p.Refs.District = v.ref }},
		refs("themes", Theme, "themes the pair addresses", func(p *Page, r []Ref) { p.Refs.Themes = r }),
		{Name: "stage", Type: RefField, RefKind: Stage, Doc: "the journey stage the pilot sits at",
			set: func(p *Page, v value) { p.Refs.Stage = v.ref }},
	}},
	{Kind: CaseStudy, Dir: "case-studies", Label: "case study", Plural: "case studies", Title: "Case studies", Fields: []Field{
		title(),
		{Name: "district", Type: RefField, RefKind: District, Required: true, Doc: "the district the story is about",
			set: func(p *Page, v value) { p.Refs.District = v.ref }},
		{Name: "themes", Type: RefListField, RefKind: Theme, Required: true, Doc: "themes the story teaches about; at least one",
			set: func(p *Page, v value) { p.Refs.Themes = v.refs }},
		summary(true),
		{Name: "problem", Type: RefField, RefKind: Problem, Doc: "the problem-of-practice pair the story tells",
			set: func(p *Page, v value) { p.Refs.Problem = v.ref }},
		refs("stages", Stage, "journey stages the story went through", func(p *Page, r []Ref) { p.Refs.Stages = r }),
		{Name: "date", Type: DateField, Doc: "the date the story was published (or, for an illustrative story, written), YYYY-MM-DD",
			set: func(p *Page, v value) { p.Date = v.date }},
		{Name: "authors", Type: StringListField, Doc: "who wrote it",
			set: func(p *Page, v value) { p.Authors = v.strs }},
		{Name: "illustrative", Type: BoolField, Doc: "true marks a composite or invented story; the site says so wherever the story or its lessons appear",
			set: func(p *Page, v value) { p.Illustrative = v.flag }},
		{Name: "lessons", Type: LessonsField, Doc: "lessons learned, each with a theme and a sentence",
			set: func(p *Page, v value) { p.Refs.Lessons = v.lessons }},
		{Name: "image", Type: ImageField, Doc: "a picture for the story, beside the page or in static/",
			set: func(p *Page, v value) { p.Image = v.str }},
		{Name: "image_alt", Type: StringField, Doc: "what the picture shows, for readers who cannot see it",
			set: func(p *Page, v value) { p.ImageAlt = v.str }},
		{Name: "image_caption", Type: StringField, Doc: "a sentence shown under the picture",
			set: func(p *Page, v value) { p.ImageCaption = v.str }},
		{Name: "image_credit", Type: StringField, Example: "Photo: Ana Ruiz", Doc: "who took or made the picture, shown under it",
			set: func(p *Page, v value) { p.ImageCredit = v.str }},
		{Name: "image_decorative", Type: BoolField, Doc: "true when the picture only decorates and says nothing the text does not: it needs no alt text",
			set: func(p *Page, v value) { p.ImageDecorative = v.flag }},
		{Name: "draft", Type: BoolField, Doc: "true keeps the page out of the site unless built with --drafts",
			set: func(p *Page, v value) { p.Draft = v.flag }},
	}},
	{Kind: Resource, Dir: "resources", Label: "resource", Plural: "resources", Title: "Resources", Fields: []Field{
		title(), summary(true),
		{Name: "url", Type: URLField, Example: "https://example.org/guide", Doc: "the full web address of the resource, if it lives outside the site",
			set: func(p *Page, v value) { p.ExternalURL = v.str }},
		{Name: "audience", Type: StringListField, Doc: "who it is for",
			set: func(p *Page, v value) { p.Audience = v.strs }},
		refs("stages", Stage, "journey stages it serves", func(p *Page, r []Ref) { p.Refs.Stages = r }),
		refs("themes", Theme, "themes it serves", func(p *Page, r []Ref) { p.Refs.Themes = r }),
	}},
}

// draftField is a case study's draft field, which every translation has
// too.
var draftField = func() Field {
	f, _ := SpecFor(CaseStudy).Field("draft")
	return f
}()

// Top-level pages: the home page and plain pages have no folder of their own.
var (
	homeSpec  = &KindSpec{Kind: Home, Label: "home page", Fields: []Field{{Name: "title", Type: StringField, set: func(p *Page, v value) { p.Title = v.str }}, summary(false)}}
	listSpec  = &KindSpec{Kind: List, Label: "list page", Fields: []Field{{Name: "title", Type: StringField, set: func(p *Page, v value) { p.Title = v.str }}, summary(false)}}
	plainSpec = &KindSpec{Kind: Plain, Label: "page", Fields: []Field{title(), summary(false)}}
)

// SpecFor returns the spec of a kind with a folder, or nil.
func SpecFor(k Kind) *KindSpec {
	for _, s := range Kinds {
		if s.Kind == k {
			return s
		}
	}
	return nil
}

// SpecForDir returns the spec of the kind stored in content/<dir>/, or nil.
func SpecForDir(dir string) *KindSpec {
	for _, s := range Kinds {
		if s.Dir == dir {
			return s
		}
	}
	return nil
}

// value is one decoded frontmatter value; which member is set depends on the
// field's type.
type value struct {
	str     string
	num     int
	decimal float64
	flag    bool
	date    time.Time
	strs    []string
	ref     Ref
	refs    []Ref
	lessons []LessonRef
}
