// Package testsite writes small casebook sites for tests: a minimal valid
// site that a test changes file by file.
package testsite

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// Files maps site-relative paths to contents. An empty string removes the
// file from the base site.
type Files map[string]string

// Minimal is a small valid site: every kind once or twice, cross-linked.
func Minimal() Files {
	return Files{
		"casebook.toml":                         "title = \"Test Casebook\"\nbase_url = \"https://example.org/\"\n",
		"content/_index.md":                     "---\ntitle: Test Casebook\nsummary: A casebook for tests.\n---\nWelcome to the [about page](about.md).\n",
		"content/about.md":                      "---\ntitle: About\n---\n## Who we are\n\nA cohort. See [equity vision](themes/equity-vision.md).\n",
		"content/themes/equity-vision.md":       "---\ntitle: Set a clear vision for equity\nsummary: Say what equity means here.\norder: 1\n---\nVision matters.\n",
		"content/themes/staff-capacity.md":      "---\ntitle: Build staff capacity\nsummary: Grow the adults.\norder: 2\n---\nCapacity matters.\n",
		"content/journey/district-dossier.md":   "---\ntitle: District dossier\norder: 1\nsummary: Describe the district.\nresources: [dossier-template]\n---\nStart here.\n",
		"content/journey/design-studios.md":     "---\ntitle: Design studios\norder: 2\nsummary: Design with the community.\n---\n## Who came\n\nFamilies and staff.\n",
		"content/districts/riverbend.md":        "---\ntitle: Riverbend Unified\nregion: West Coast\nlocale: urban\nenrollment: 12000\nfrl_percent: 61\n---\nA district.\n",
		"content/districts/lakeside.md":         "---\ntitle: Lakeside Schools\nregion: Midwest\nlocale: suburban\n---\nAnother district.\n",
		"content/problems/el-graduation.md":     "---\ntitle: English learners' graduation\nproblem: Too few English learners graduate.\nsolution: Pair each student with a mentor.\ndistrict: riverbend\nthemes: [equity-vision]\nstage: design-studios\n---\nThe pair.\n",
		"content/case-studies/mentors.md":       "---\ntitle: Mentors for English learners\ndistrict: riverbend\nthemes: [equity-vision, staff-capacity]\nsummary: Mentoring lifted graduation.\nproblem: el-graduation\nstages: [district-dossier, design-studios]\ndate: 2022-05-01\nauthors: [Communications Office]\nlessons:\n  - theme: equity-vision\n    text: Name the goal.\n  - theme: staff-capacity\n    text: Train the mentors.\n---\n## What they tried\n\nSee [the pair](../problems/el-graduation.md) and [who came](../journey/design-studios.md#who-came).\n",
		"content/case-studies/coaching.md":      "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\nstages: [design-studios]\ndate: 2023-01-15\nlessons:\n  - theme: staff-capacity\n    text: Coach often.\n---\n## Story\n\nLike [mentoring](mentors.md#what-they-tried), coaching worked.\n",
		"content/resources/dossier-template.md": "---\ntitle: District dossier template\nsummary: A template.\naudience: [district leaders]\nstages: [district-dossier]\nthemes: [equity-vision]\n---\nUse it.\n",
	}
}

// With returns a copy of f with the changes applied.
func (f Files) With(changes Files) Files {
	out := maps.Clone(f)
	for k, v := range changes {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// Write writes the files into a new temporary folder and returns it.
func Write(t testing.TB, f Files) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range f {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Snapshot reads every file under dir, by slash-separated path.
func Snapshot(t testing.TB, dir string) Files {
	t.Helper()
	files := Files{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Picture returns a real picture, w×h pixels, as a file's contents:
// format is "png" or "jpeg". Its colors change from corner to corner, so
// every width made of it differs.
func Picture(format string, w, h int) string {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(255 * x / max(1, w-1)), uint8(255 * y / max(1, h-1)), 120, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		panic(err)
	}
	return b.String()
}
