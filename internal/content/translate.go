package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/diag"
)

// TranslatedFields are the fields a translation carries: text a reader
// reads. Every other field (references, dates, numbers, pictures) is the
// source's, and a translation that gives one must give the same value.
var TranslatedFields = []string{"title", "summary", "problem", "solution", "region", "audience",
	"lessons", "image_alt", "image_caption", "image_credit"}

// Translated reports whether a translation carries the field: one of
// TranslatedFields holding text (a case study's problem is a reference,
// a pair's its statement).
func (f Field) Translated() bool {
	return slices.Contains(TranslatedFields, f.Name) && (f.Type == StringField || f.Type == StringListField || f.Type == LessonsField)
}

// translatedField reports whether a translation of a page of kind k
// carries the field called name.
func translatedField(k Kind, name string) bool {
	spec := SpecFor(k)
	if spec == nil {
		return name == "title" || name == "summary" // home, section and plain pages
	}
	f, ok := spec.Field(name)
	return ok && f.Translated()
}

// Translate returns the page tr stands for: its source src, with the text
// of tr (its fields in TranslatedFields and its body) in tr's language.
// The result has tr's path, so problems in the translated text name the
// file they are in, and Of set to the source's, by which links find it. A
// field tr gives that contradicts src is an error, and src's is kept.
func Translate(src, tr *Page, diags *diag.List) *Page {
	p := *src
	p.Path, p.Of, p.Lang, p.TranslationOf = tr.Path, src.Path, tr.Lang, tr.TranslationOf
	p.Src, p.Body, p.BodyOffset, p.Lines, p.Broken = tr.Src, tr.Body, tr.BodyOffset, tr.Lines, tr.Broken
	p.file, p.size, p.digest, p.front = tr.file, tr.size, tr.digest, tr.front
	p.FieldPos = tr.FieldPos
	p.Draft = tr.Draft
	if tr.Broken {
		return &p
	}
	set := func(name string) bool { return tr.FieldPos.Has(name) && translatedField(src.Kind, name) }
	if set("title") && tr.Title != "" {
		p.Title, p.titleKey = tr.Title, tr.titleKey
	}
	texts := []struct {
		name     string
		dst, val *string
	}{
		{"summary", &p.Summary, &tr.Summary}, {"problem", &p.Statement, &tr.Statement}, {"solution", &p.Solution, &tr.Solution},
		{"region", &p.Region, &tr.Region}, {"image_alt", &p.ImageAlt, &tr.ImageAlt},
		{"image_caption", &p.ImageCaption, &tr.ImageCaption}, {"image_credit", &p.ImageCredit, &tr.ImageCredit},
	}
	for _, t := range texts {
		if set(t.name) && *t.val != "" {
			*t.dst = *t.val
		}
	}
	if set("audience") && len(tr.Audience) > 0 {
		p.Audience = tr.Audience
	}
	if set("lessons") {
		p.Refs.Lessons = translateLessons(src, tr, diags)
	}
	untranslated(src, tr, diags)
	for name, pos := range tr.FieldPos.All() {
		if name == TranslationOfField || name == "draft" || translatedField(src.Kind, name) {
			continue
		}
		if mine, theirs := fieldValue(tr, name), fieldValue(src, name); mine != theirs {
			diags.Errorf(tr.Path, pos.Line, pos.Col,
				fmt.Sprintf("remove `%s` from the translation; it takes %s's (%s), where it can be changed", name, src.Path, theirs),
				"`%s` here is %s, but a translation shares its source's %s", name, mine, describe(name))
		}
	}
	return &p
}

// untranslated warns about each text field the source has and the
// translation leaves out: its page shows the source's, in the source's
// language, among the translated text.
func untranslated(src, tr *Page, diags *diag.List) {
	for _, name := range TranslatedFields {
		has, gives := src.FieldPos.Has(name), tr.FieldPos.Has(name)
		if has && !gives && translatedField(src.Kind, name) {
			diags.Warnf(tr.Path, 0, 0, fmt.Sprintf("add `%s:` with its translation", name),
				"`%s` is not translated, so the page in `%s` shows %s's, untranslated", name, tr.Lang, src.Path)
		}
	}
}

// translateLessons gives the source's lessons the translation's text.
// The lessons must be the same, in the same order, under the same themes.
func translateLessons(src, tr *Page, diags *diag.List) []LessonRef {
	pos := tr.FieldPos.At("lessons")
	mine, theirs := tr.Refs.Lessons, src.Refs.Lessons
	if len(mine) != len(theirs) {
		diags.Errorf(tr.Path, pos.Line, pos.Col, fmt.Sprintf("translate each of the %d lessons of %s, in its order", len(theirs), src.Path),
			"this translation has %d lessons, and its source %d", len(mine), len(theirs))
		return theirs
	}
	out := slices.Clone(theirs)
	for i, l := range mine {
		if l.Theme.Slug != theirs[i].Theme.Slug {
			diags.Errorf(tr.Path, l.Theme.Line, l.Theme.Col, fmt.Sprintf("write `theme: %s`, as lesson %d of %s has", theirs[i].Theme.Slug, i+1, src.Path),
				"lesson %d is under `%s` here, and under `%s` in the source", i+1, l.Theme.Slug, theirs[i].Theme.Slug)
			continue
		}
		if l.Text != "" {
			out[i].Text = l.Text
		}
	}
	return out
}

// describe names what a field is, for messages.
func describe(name string) string {
	switch name {
	case "district", "problem", "stage", "themes", "stages", "resources":
		return "references"
	case "image", "image_decorative":
		return "picture"
	}
	return "facts"
}

// fieldValue writes a field a translation may not change as text, for
// comparing and for messages.
func fieldValue(p *Page, name string) string {
	slugs := func(refs []Ref) string {
		s := make([]string, len(refs))
		for i, r := range refs {
			s[i] = r.Slug
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	switch name {
	case "district":
		return "`" + p.Refs.District.Slug + "`"
	case "problem":
		return "`" + p.Refs.Problem.Slug + "`"
	case "stage":
		return "`" + p.Refs.Stage.Slug + "`"
	case "themes":
		return slugs(p.Refs.Themes)
	case "stages":
		return slugs(p.Refs.Stages)
	case "resources":
		return slugs(p.Refs.Resources)
	case "order":
		return FormatNumber(p.Order)
	case "locale":
		return p.Locale
	case "enrollment":
		return fmt.Sprint(p.Enrollment)
	case "frl_percent":
		return FormatNumber(p.FRLPercent)
	case "date":
		if p.Date.IsZero() {
			return "no date"
		}
		return p.Date.Format("2006-01-02")
	case "authors":
		return "[" + strings.Join(p.Authors, ", ") + "]"
	case "illustrative":
		return fmt.Sprint(p.Illustrative)
	case "image":
		return p.Image
	case "image_decorative":
		return fmt.Sprint(p.ImageDecorative)
	case "url":
		return p.ExternalURL
	}
	return ""
}

// SourceVersion names the version of a page's text a translation
// translates: a short digest of its fields in TranslatedFields and its
// body. A change to anything else (a theme added, a date) leaves it as it
// is, since the translation takes those from the source anyway.
func SourceVersion(p *Page) (string, error) {
	_, body, err := p.Source()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, s := range []string{p.Title, p.Summary, p.Statement, p.Solution, p.Region, p.ImageAlt, p.ImageCaption, p.ImageCredit} {
		fmt.Fprintf(h, "%q\n", s)
	}
	fmt.Fprintf(h, "%q\n", p.Audience)
	for _, l := range p.Refs.Lessons {
		fmt.Fprintf(h, "%q %q\n", l.Theme.Slug, l.Text)
	}
	text := strings.ReplaceAll(string(body), "\r\n", "\n")
	h.Write([]byte(strings.TrimSpace(text)))
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
