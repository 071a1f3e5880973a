package content

import "testing"

func TestSlugify(t *testing.T) {
	cases := []struct {
		in, slug string
		has      bool
	}{
		{"Latino/a/x families", "latino-a-x-families", true},
		{"Équité numérique", "equite-numerique", true},
		{"  2024: the pilot year!  ", "2024-the-pilot-year", true},
		{"Page", "page", true},
		{"Pagé", "page", true},
		{"¿¡!?", "page", false},
		{"", "page", false},
		{"漢字", "page", false},
	}
	for _, c := range cases {
		if got := Slugify(c.in); got != c.slug {
			t.Errorf("Slugify(%q) = %q, want %q", c.in, got, c.slug)
		}
		if got := HasSlug(c.in); got != c.has {
			t.Errorf("HasSlug(%q) = %v, want %v", c.in, got, c.has)
		}
	}
}
