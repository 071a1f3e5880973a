package site

import (
	"strings"
	"testing"
)

func TestBetween(t *testing.T) {
	for _, tc := range []struct{ a, b, want float64 }{
		{1, 2, 1.5}, {0.1, 0.2, 0.15}, {2.1, 2.2, 2.15}, {2, 5, 4}, {2.5, 3, 2.8}, {1, 1.001, 1.0005},
	} {
		if got := between(tc.a, tc.b); got != tc.want {
			t.Errorf("between(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSingleSpaced(t *testing.T) {
	for s, want := range map[string]bool{
		"Mentors for English learners": true,
		"":                             true,
		"Two  spaces":                  false,
		" leading":                     false,
		"trailing ":                    false,
		"a\ttab":                       false,
		"café":                         false, // not ASCII: the slow path decides
	} {
		if got := singleSpaced(s); got != want {
			t.Errorf("singleSpaced(%q) = %v, want %v", s, got, want)
		}
		if got := singleSpaced(s); got && strings.Join(strings.Fields(s), " ") != s {
			t.Errorf("singleSpaced(%q) but Fields joins it as %q", s, strings.Join(strings.Fields(s), " "))
		}
	}
}
