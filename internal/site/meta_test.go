package site

import (
	"reflect"
	"testing"
	"time"

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
