package build

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/testsite"
)

// TestDecimalFigures builds a site with a share written with decimals and a
// stage put between two others, and reads what readers see: shares to one
// decimal place with their band, whole shares without a decimal point,
// and the stages in order.
func TestDecimalFigures(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal().With(testsite.Files{
		"content/districts/riverbend.md": "---\ntitle: Riverbend Unified\nregion: West Coast\nlocale: urban\nenrollment: 12000\nfrl_percent: 38.5\n---\nA district.\n",
		"content/districts/lakeside.md":  "---\ntitle: Lakeside Schools\nregion: Midwest\nlocale: suburban\nfrl_percent: 25.55\n---\nAnother district.\n",
		"content/journey/pilot.md":       "---\ntitle: Pilot\norder: 1.5\nsummary: Try it small.\n---\nBetween the two.\n",
	}))
	out := filepath.Join(t.TempDir(), "public")
	if diags, err := build(t, src, out); err != nil || diags.Len() > 0 {
		t.Fatalf("build: %v %v", err, diags.Items())
	}
	for _, tc := range []struct{ file, want string }{
		{"districts/riverbend/index.html", `38.5% <span class="stat-unit">of students eligible`},
		{"districts/index.html", `38.5% <span class="band">(band 26–50%)`},
		{"case-studies/mentors/index.html", "38.5% eligible for free or reduced-price lunch"},
		// 25.55 is shown as 25.6, and above 25 it is in the 26–50% band.
		{"districts/lakeside/index.html", `25.6% <span class="stat-unit">of students eligible</span> <span class="band">(band 26–50%)`},
	} {
		if got := readFile(t, out, tc.file); !strings.Contains(got, tc.want) {
			t.Errorf("%s lacks %q", tc.file, tc.want)
		}
	}
	journey := readFile(t, out, "journey/index.html")
	a, b, c := strings.Index(journey, "District dossier"), strings.Index(journey, "Pilot"), strings.Index(journey, "Design studios")
	if a < 0 || !(a < b && b < c) {
		t.Errorf("journey map order: dossier at %d, pilot at %d, studios at %d; want pilot (1.5) between 1 and 2", a, b, c)
	}
}
