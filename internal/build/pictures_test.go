package build

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/testsite"
)

// phonePhoto is a JPEG as a phone saves it: on its side, with a GPS
// position, camera, XMP, IPTC and a comment (see images/testdata/gen.go).
func phonePhoto(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../images/testdata/photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pictureSite shows a picture of every kind: a phone photo as a case
// study's lead picture, a wide chart in its body, a linked poster with
// text chunks beside the pages, and a phone photo in static/.
func pictureSite(t *testing.T) testsite.Files {
	photo := phonePhoto(t)
	return testsite.Minimal().With(testsite.Files{
		"content/case-studies/coaching.md": "---\ntitle: Coaching teachers\ndistrict: lakeside\nthemes: [staff-capacity]\nsummary: Coaching built capacity.\n" +
			"image: family-night.jpg\nimage_alt: Families at the spring open house\nimage_credit: \"Photo: Ana Ruiz\"\n---\n" +
			"## Story\n\n![Coaching sessions by month, rising from 4 to 19](chart.png)\n\nThe [poster for families](poster.png) and ![the school logo](/img/logo.jpg).\n",
		"content/case-studies/family-night.jpg": photo,
		"content/case-studies/chart.png":        testsite.Picture("png", 1300, 500),
		"content/case-studies/poster.png":       string(withTextChunk([]byte(testsite.Picture("png", 60, 80)))),
		"content/case-studies/unused.jpg":       testsite.Picture("jpeg", 50, 50),
		"static/img/logo.jpg":                   photo,
		"static/img/old-logo.jfif":              photo, // a picture by its bytes, whatever its name
	})
}

// withTextChunk adds a tEXt chunk naming a school to a PNG.
func withTextChunk(png []byte) []byte {
	chunk := []byte("\x00\x00\x00\x1atEXtComment\x00Lincoln Elementary\x00\x00\x00\x00")
	return slices.Concat(png[:33], chunk, png[33:])
}

func buildPictures(t *testing.T, src, out, cache string) *Result {
	t.Helper()
	var diags diag.List
	res, err := Build(Options{Src: src, Out: out, Theme: casebook.Theme, NoMinify: true, PictureCache: cache}, &diags)
	if err != nil || diags.Len() > 0 {
		t.Fatalf("build: %v\n%v", err, diags.Items())
	}
	return res
}

func TestPicturesArePublishedWithoutMetadata(t *testing.T) {
	src := testsite.Write(t, pictureSite(t))
	out, cache := t.TempDir(), t.TempDir()
	res := buildPictures(t, src, out, cache)
	files := snapshot(t, out)

	var published []string
	for p, b := range files {
		if !images.IsPicture([]byte(b)) {
			continue
		}
		published = append(published, p)
		info, err := images.Probe([]byte(b))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if info.Metadata || info.GPS || info.Orientation != 1 {
			t.Errorf("%s is published with metadata: %+v", p, info)
		}
		for _, leak := range []string{"Exif", "PhoneCo", "Lincoln", "xmpmeta", "tEXt"} {
			if strings.Contains(b, leak) {
				t.Errorf("%s still holds %q", p, leak)
			}
		}
	}
	slices.Sort(published)
	want := []string{
		"case-studies/coaching/chart-1300w.png", "case-studies/coaching/chart-480w.png", "case-studies/coaching/chart-800w.png",
		"case-studies/coaching/family-night-40w.jpg", "case-studies/coaching/poster.png",
		"case-studies/unused.jpg", "img/logo.jpg", "img/old-logo.jfif",
	}
	if !slices.Equal(published, want) {
		t.Errorf("published pictures:\n%v\nwant:\n%v", published, want)
	}
	if want := []string{"content/case-studies/family-night.jpg", "static/img/logo.jpg", "static/img/old-logo.jfif"}; !slices.Equal(res.Pictures.Located, want) {
		t.Errorf("pictures counted as recording where they were taken: %v, want %v", res.Pictures.Located, want)
	}
	checkImgSizes(t, files)

	// The logo in static/ is its own only width, published as it is
	// without its metadata. The next build finds every width in the cache.
	first := res.Pictures.Resized
	again := buildPictures(t, src, t.TempDir(), cache)
	if again.Pictures.Resized != 0 || again.Pictures.FromCache != 4 || first != 2 {
		t.Errorf("first build resized %d pictures; the next resized %d and read %d widths from the cache, want 2, 0 and 4",
			first, again.Pictures.Resized, again.Pictures.FromCache)
	}
}

var (
	imgTag  = regexp.MustCompile(`<img [^>]*>`)
	imgAttr = regexp.MustCompile(`(\w+)="([^"]*)"`)
)

// checkImgSizes checks every <img> of every page against the files it
// names: width and height are the size of src, and each srcset entry's
// width is its file's.
func checkImgSizes(t *testing.T, files map[string]string) {
	t.Helper()
	seen := 0
	for p, html := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, tag := range imgTag.FindAllString(html, -1) {
			attrs := map[string]string{}
			for _, m := range imgAttr.FindAllStringSubmatch(tag, -1) {
				attrs[m[1]] = m[2]
			}
			file, ok := files[strings.TrimPrefix(attrs["src"], "/")]
			if !ok || !images.IsPictureName(attrs["src"]) {
				continue
			}
			seen++
			info, err := images.Probe([]byte(file))
			if err != nil {
				t.Fatalf("%s: %s: %v", p, attrs["src"], err)
			}
			if attrs["width"] != strconv.Itoa(info.Width) || attrs["height"] != strconv.Itoa(info.Height) {
				t.Errorf("%s: %s says %s×%s, the file is %d×%d", p, tag, attrs["width"], attrs["height"], info.Width, info.Height)
			}
			for _, entry := range strings.Split(attrs["srcset"], ", ") {
				if entry == "" {
					continue
				}
				url, w, _ := strings.Cut(entry, " ")
				got, err := images.Probe([]byte(files[strings.TrimPrefix(url, "/")]))
				if err != nil || strconv.Itoa(got.Width)+"w" != w {
					t.Errorf("%s: srcset entry %q: the file is %d wide (%v)", p, entry, got.Width, err)
				}
			}
		}
	}
	if seen < 4 { // the lead picture, its card's thumbnail, the chart, the logo
		t.Errorf("checked %d pictures in pages, want at least 4", seen)
	}
}

// The lead picture, turned upright, keeps its size; the layout gives it
// its caption and credit, and the card its thumbnail.
func TestLeadPictureOnPageAndCard(t *testing.T) {
	src := testsite.Write(t, pictureSite(t))
	out := t.TempDir()
	buildPictures(t, src, out, t.TempDir())
	page := readFile(t, out, "case-studies/coaching/index.html")
	for _, want := range []string{
		`<img src="/case-studies/coaching/family-night-40w.jpg" width="40" height="64" alt="Families at the spring open house" fetchpriority="high" decoding="async">`,
		`<figcaption><span class="credit">Photo: Ana Ruiz</span></figcaption>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the case study lacks\n%s", want)
		}
	}
	list := readFile(t, out, "case-studies/index.html")
	if want := `<img class="card-thumb" src="/case-studies/coaching/family-night-40w.jpg" width="40" height="64" alt="" loading="lazy" decoding="async">`; !strings.Contains(list, want) {
		t.Errorf("the list lacks the card's thumbnail\n%s", want)
	}
}

// A width no page shows any more leaves the cache with the next build.
func TestPictureCacheIsPruned(t *testing.T) {
	files := pictureSite(t)
	src := testsite.Write(t, files)
	cache := t.TempDir()
	buildPictures(t, src, t.TempDir(), cache)
	before := cacheFiles(t, cache)
	writeFile(t, src, "content/case-studies/coaching.md", strings.Replace(files["content/case-studies/coaching.md"], "![Coaching sessions by month, rising from 4 to 19](chart.png)", "", 1))
	buildPictures(t, src, t.TempDir(), cache)
	after := cacheFiles(t, cache)
	if len(before) != 4 || len(after) != 1 {
		t.Errorf("the cache held %d files, then %d once the chart was gone; want 4 (the chart's 3 widths, the photo's 1) and 1", len(before), len(after))
	}
}

func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// A build without a cache folder given keeps it in the site's own
// .casebook folder, and nowhere else.
func TestPictureCacheLivesInTheSite(t *testing.T) {
	src := testsite.Write(t, pictureSite(t))
	var diags diag.List
	if _, err := Build(Options{Src: src, Theme: casebook.Theme}, &diags); err != nil || diags.Len() > 0 {
		t.Fatalf("build: %v %v", err, diags.Items())
	}
	if n := len(cacheFiles(t, filepath.Join(src, filepath.FromSlash(images.CacheDir)))); n != 4 {
		t.Errorf("the site's cache holds %d files, want 4", n)
	}
}

// The development server picks up a picture replaced under the same name,
// a picture added to a body, and a picture removed, each as a clean build
// does.
func TestSessionPictureEdits(t *testing.T) {
	files := pictureSite(t)
	dir := testsite.Write(t, files)
	s := NewSession(sessionOptions(dir))
	rebuild(t, s, dir)
	writeFile(t, dir, "content/case-studies/chart.png", testsite.Picture("png", 700, 700))
	rebuild(t, s, dir, "content/case-studies/chart.png")
	writeFile(t, dir, "content/case-studies/family-night.jpg", testsite.Picture("jpeg", 900, 300))
	rebuild(t, s, dir, "content/case-studies/family-night.jpg")
	mentors := "content/case-studies/mentors.md"
	writeFile(t, dir, mentors, files[mentors]+"\n![Mentors at the table](chart.png)\n")
	rebuild(t, s, dir, mentors)
	removeFile(t, dir, "content/case-studies/chart.png")
	rebuild(t, s, dir, "content/case-studies/chart.png") // fails, as a clean build does
	writeFile(t, dir, "content/case-studies/chart.png", testsite.Picture("png", 500, 200))
	rebuild(t, s, dir, "content/case-studies/chart.png")
	got, _ := s.Files()[path.Join("case-studies", "mentors", "chart-500w.png")].Bytes()
	if info, err := images.Probe(got); err != nil || info.Width != 500 {
		t.Errorf("the chart beside the mentors' page is %+v (%v), want 500 wide", info, err)
	}
	if bytes.Contains(got, []byte("tEXt")) {
		t.Error("the chart carries text")
	}
}
