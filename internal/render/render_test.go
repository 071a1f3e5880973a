package render

import (
	"math"
	"testing"

	"github.com/casebook/casebook/internal/config"
)

func TestThousands(t *testing.T) {
	cases := map[int]string{
		0: "0", 999: "999", 1000: "1,000", 49480: "49,480", 1234567: "1,234,567",
		-1000: "-1,000", math.MinInt64: "-9,223,372,036,854,775,808", math.MaxInt64: "9,223,372,036,854,775,807",
	}
	for n, want := range cases {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAbsolute(t *testing.T) {
	cfg := config.Default()
	if err := cfg.SetBaseURL("https://example.org/casebook/"); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"/casebook/themes/x/":           "https://example.org/casebook/themes/x/",
		"https://cdn.example.net/a.jpg": "https://cdn.example.net/a.jpg",
		"//cdn.example.net/a.jpg":       "//cdn.example.net/a.jpg",
	}
	for in, want := range cases {
		if got := absolute(cfg, in); got != want {
			t.Errorf("absolute(%q) = %q, want %q", in, got, want)
		}
	}
	if got := absolute(config.Default(), "/themes/x/"); got != "/themes/x/" {
		t.Errorf("with a path-only base URL: %q", got)
	}
}
