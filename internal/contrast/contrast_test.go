package contrast

import "testing"

func mustParse(t *testing.T, s string) Color {
	t.Helper()
	c, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRatio(t *testing.T) {
	for _, tc := range []struct {
		a, b, want string
	}{
		{"#000000", "#ffffff", "21.00:1"},
		{"#fff", "#fff", "1.00:1"},
		{"#0b5e75", "#ffffff", "7.31:1"}, // the default link color, as the stylesheet notes
		{"#767676", "#ffffff", "4.54:1"}, // the classic lightest gray that passes
		{"#777777", "#ffffff", "4.47:1"}, // and the one just past it
	} {
		got := Format(Ratio(mustParse(t, tc.a), mustParse(t, tc.b)))
		if got != tc.want {
			t.Errorf("Ratio(%s, %s) = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, s := range []string{"", "red", "#12", "#12345", "#gggggg", "123456", "#1234567"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted it", s)
		}
	}
}

func TestNearestPassesAndKeepsHue(t *testing.T) {
	white, paper := mustParse(t, "#ffffff"), mustParse(t, "#f6f4ef")
	for _, fg := range []string{"#4a9fc0", "#ff8800", "#cccccc", "#77aa77"} {
		c := mustParse(t, fg)
		got, ok := Nearest(c, []Color{white, paper}, Text)
		if !ok {
			t.Fatalf("Nearest(%s) found nothing", fg)
		}
		if _, r := Worst(got, []Color{white, paper}); r < Text {
			t.Errorf("Nearest(%s) = %s, only %s", fg, got, Format(r))
		}
		// One step lighter must fail, or got was not the nearest.
		h, s, l := got.hsl()
		lighter := fromHSL(h, s, l+0.01)
		if _, r := Worst(lighter, []Color{white, paper}); r >= Text && lighter != got {
			t.Errorf("Nearest(%s) = %s, but %s passes too and is closer", fg, got, lighter)
		}
		if h0, _, _ := c.hsl(); s > 0 && abs(h-h0) > 3 {
			t.Errorf("Nearest(%s) = %s changed the hue from %.0f to %.0f", fg, got, h0, h)
		}
	}
}

func TestNearestOnDarkBackgroundGoesLighter(t *testing.T) {
	bg := mustParse(t, "#0f3d4a")
	got, ok := Nearest(mustParse(t, "#336677"), []Color{bg}, Text)
	if !ok || Ratio(got, bg) < Text {
		t.Fatalf("Nearest = %s, %v", got, ok)
	}
	if got.luminance() < mustParse(t, "#336677").luminance() {
		t.Errorf("Nearest = %s is darker than the text it fixes", got)
	}
}

func TestHSLRoundTrip(t *testing.T) {
	for _, s := range []string{"#0b5e75", "#ffd27a", "#000000", "#ffffff", "#c2410c", "#166534"} {
		c := mustParse(t, s)
		if got := fromHSL(c.hsl()); got != c {
			t.Errorf("round trip of %s gave %s", s, got)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestFormatCutsWithoutFloatNoise(t *testing.T) {
	for r, want := range map[float64]string{2.3: "2.30:1", 4.499: "4.49:1", 4.5: "4.50:1", 21: "21.00:1"} {
		if got := Format(r); got != want {
			t.Errorf("Format(%v) = %s, want %s", r, got, want)
		}
	}
}
