package site

import (
	"reflect"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/content"
)

// Page repeats content.Meta's fields: each must be there, with the same
// type, and setMeta must copy it. A field added to Meta alone would never
// reach the layouts.
func TestPageHasEveryMetaField(t *testing.T) {
	typ := reflect.TypeFor[content.Meta]()
	for i := range typ.NumField() {
		field := typ.Field(i)
		own, ok := reflect.TypeFor[Page]().FieldByName(field.Name)
		if !ok || own.Type != field.Type || len(own.Index) != 1 {
			t.Errorf("Page has no field %s %s of its own", field.Name, field.Type)
			continue
		}
		var m content.Meta
		v := reflect.ValueOf(&m).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Int:
			v.SetInt(3)
		case reflect.Float64:
			v.SetFloat(2.5)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Slice:
			v.Set(reflect.ValueOf([]string{"x"}))
		default:
			v.Set(reflect.ValueOf(time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)))
		}
		var p Page
		p.setMeta(m)
		if got := reflect.ValueOf(p).FieldByIndex(own.Index); !reflect.DeepEqual(got.Interface(), v.Interface()) {
			t.Errorf("setMeta leaves Page.%s at %v, not %v", field.Name, got, v)
		}
	}
}

// A page's language follows its file each time it is set: the Spanish
// edition's page of an English file is untranslated and marks its text
// English, until a translation takes the file's place.
func TestSetLangFollowsTheFile(t *testing.T) {
	es := &config.Config{Language: "es", Languages: []string{"en", "es"}}
	p := &Page{}
	p.setLang(&content.Page{}, es)
	if p.Lang != "en" || !p.Untranslated || p.TextLang != "en" {
		t.Fatalf("English file in the Spanish edition: Lang %q, Untranslated %v, TextLang %q", p.Lang, p.Untranslated, p.TextLang)
	}
	p.setLang(&content.Page{Lang: "es"}, es)
	if p.Lang != "es" || p.Untranslated || p.TextLang != "" {
		t.Errorf("its translation: Lang %q, Untranslated %v, TextLang %q; want es, false, empty", p.Lang, p.Untranslated, p.TextLang)
	}
}
