package tmplscan

import (
	"reflect"
	"testing"
)

func TestActions(t *testing.T) {
	for _, c := range []struct {
		text string
		want []Action
	}{
		{"<p>{{.A}}</p>", []Action{{3, 5, 7}}},
		{"{{- .A -}} {{-\t.B}}", []Action{{0, 4, 8}, {11, 15, 17}}},
		{`{{"}}"}}{{print ` + "`}}`" + `}}{{'}'}}`, []Action{{0, 2, 6}, {8, 10, 20}, {22, 24, 27}}},
		{"{{/* }} */}}{{.A}}", []Action{{0, 2, 10}, {12, 14, 16}}},
		{"{{.A}}{{/*/}}", []Action{{0, 2, 4}}}, // an unclosed comment ends the list
		{"{{.A", nil},
		{"no actions", nil},
	} {
		if got := Actions(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Actions(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
