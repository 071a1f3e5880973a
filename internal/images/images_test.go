package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// leaks lists the bytes of testdata/gen.go's metadata that must never be
// published: the GPS directory's tag and reference, the camera, the XMP,
// the IPTC block, the comment, the PNG's text, and the picture appended
// after the JPEG's end.
var leaks = []string{"Exif", "PhoneCo", "xmpmeta", "Photoshop", "8BIM", "Lincoln", "Jordan", "SECONDPICTURE", "tIME", "eXIf", "tEXt", "JFIF"}

func assertNoMetadata(t *testing.T, b []byte) {
	t.Helper()
	for _, leak := range leaks {
		if bytes.Contains(b, []byte(leak)) {
			t.Errorf("the output still holds %q", leak)
		}
	}
	info, err := Probe(b)
	if err != nil {
		t.Fatalf("the output is not a picture: %v", err)
	}
	if info.Metadata || info.GPS || info.Orientation != 1 {
		t.Errorf("the output's header says %+v", info)
	}
}

func TestProbeReadsWhatAPhoneLeaves(t *testing.T) {
	info, err := Probe(readTestdata(t, "photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	want := Info{Format: JPEG, Width: 40, Height: 64, Orientation: 6, GPS: true, Metadata: true}
	if info != want {
		t.Errorf("Probe = %+v, want %+v", info, want)
	}
	info, err = Probe(readTestdata(t, "chart.png"))
	if err != nil {
		t.Fatal(err)
	}
	want = Info{Format: PNG, Width: 20, Height: 30, Orientation: 6, GPS: true, Metadata: true}
	if info != want {
		t.Errorf("Probe = %+v, want %+v", info, want)
	}
}

func TestStripRemovesMetadataAndTurnsUpright(t *testing.T) {
	for _, name := range []string{"photo.jpg", "chart.png"} {
		t.Run(name, func(t *testing.T) {
			out, info, err := Strip(readTestdata(t, name))
			if err != nil {
				t.Fatal(err)
			}
			if !info.GPS || !StripsUpright(info) {
				t.Errorf("Strip's info = %+v", info)
			}
			assertNoMetadata(t, out)
			img, err := decode(out)
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != info.Width || b.Dy() != info.Height {
				t.Errorf("the stripped picture is %v, want %d×%d upright", b, info.Width, info.Height)
			}
			if name == "photo.jpg" {
				assertUpright(t, img)
				if !bytes.Contains(out, []byte("FAKEPROFILE")) {
					t.Error("the color profile was lost")
				}
			} else if !bytes.Contains(out, []byte("gAMA")) {
				t.Error("the gamma chunk was lost")
			}
		})
	}
}

// assertUpright checks the red block testdata/gen.go stores top left shows
// top right once turned a quarter clockwise, and the rest stays blue.
func assertUpright(t *testing.T, img image.Image) {
	t.Helper()
	b := img.Bounds()
	red := func(x, y int) bool {
		r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
		return r > 0xa000 && g < 0x6000 && bl < 0x6000
	}
	w, h := b.Dx(), b.Dy()
	if !red(w-w/10-1, h/10) {
		t.Errorf("the top right corner of the %d×%d picture is not red: the picture is not upright", w, h)
	}
	for _, p := range [][2]int{{w / 10, h / 10}, {w / 10, h - h/10 - 1}, {w - w/10 - 1, h - h/10 - 1}} {
		if red(p[0], p[1]) {
			t.Errorf("(%d, %d) of the %d×%d picture is red: the picture is not upright", p[0], p[1], w, h)
		}
	}
}

func TestStripKeepsPixelsOfUprightPictures(t *testing.T) {
	// The photo with its orientation tag rewritten to 1: Strip must cut
	// the metadata without decoding, leaving the pixel data byte for byte.
	data := bytes.Clone(readTestdata(t, "photo.jpg"))
	i := bytes.Index(data, []byte{0x01, 0x12, 0x00, 0x03})
	data[i+9] = 1
	out, info, err := Strip(data)
	if err != nil {
		t.Fatal(err)
	}
	if info.Orientation != 1 || info.Width != 64 {
		t.Fatalf("info = %+v", info)
	}
	assertNoMetadata(t, out)
	sos := bytes.Index(data, []byte{0xff, 0xda})
	end := bytes.Index(data, []byte{0xff, 0xd9})
	if !bytes.Contains(out, data[sos:end+2]) {
		t.Error("the pixel data changed")
	}
}

func TestStripWebPChunks(t *testing.T) {
	// A WebP container around a (not decodable) lossless frame: Strip
	// works on chunks alone.
	vp8l := []byte{0x2f, 0x27, 0xc0, 0x04, 0x00, 0xaa, 0xbb} // 40×20
	vp8x := []byte{0x08 | 0x04 | 0x10, 0, 0, 0, 39, 0, 0, 19, 0, 0}
	exif := append([]byte("Exif\x00\x00"), tiffWith(3, true)...)
	data := riff(webpChunk("VP8X", vp8x), webpChunk("VP8L", vp8l), webpChunk("EXIF", exif), webpChunk("XMP ", []byte("<x:xmpmeta/>")))
	info, err := Probe(data)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Info{Format: WebP, Width: 40, Height: 20, Orientation: 3, GPS: true, Metadata: true, Alpha: true}); info != want {
		t.Errorf("Probe = %+v, want %+v", info, want)
	}
	if StripsUpright(info) {
		t.Error("StripsUpright says a WebP on its head is turned")
	}
	out, _, err := Strip(data)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("Exif")) || bytes.Contains(out, []byte("xmpmeta")) {
		t.Error("the WebP still holds its metadata")
	}
	got, err := Probe(out)
	if err != nil || got.Metadata || got.Width != 40 {
		t.Errorf("Probe(Strip) = %+v, %v", got, err)
	}
	if out[20]&webpFlagsMetadata != 0 {
		t.Error("the extended header still announces metadata")
	}
	if size := binary.LittleEndian.Uint32(out[4:8]); int(size) != len(out)-8 {
		t.Errorf("RIFF size %d for %d bytes", size, len(out))
	}
}

func riff(chunks ...[]byte) []byte {
	body := []byte("WEBP")
	for _, c := range chunks {
		body = append(body, c...)
	}
	return append(binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(body))), body...)
}

func webpChunk(typ string, data []byte) []byte {
	b := append(binary.LittleEndian.AppendUint32([]byte(typ), uint32(len(data))), data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// tiffWith is a little-endian EXIF block with an orientation and,
// when gps, a GPS directory with one entry.
func tiffWith(orientation uint16, gps bool) []byte {
	le := binary.LittleEndian
	b := []byte("II*\x00\x08\x00\x00\x00")
	n := uint16(1)
	if gps {
		n = 2
	}
	b = le.AppendUint16(b, n)
	b = le.AppendUint16(b, 0x0112)
	b = le.AppendUint16(b, 3)
	b = le.AppendUint32(b, 1)
	b = le.AppendUint32(b, uint32(orientation))
	if gps {
		b = le.AppendUint16(b, 0x8825)
		b = le.AppendUint16(b, 4)
		b = le.AppendUint32(b, 1)
		b = le.AppendUint32(b, uint32(8+2+2*12+4))
	}
	b = le.AppendUint32(b, 0)
	if gps {
		b = le.AppendUint16(b, 1)
		b = append(b, make([]byte, 12)...)
		b = le.AppendUint32(b, 0)
	}
	return b
}

func TestProbeRefusesWhatIsNotAPicture(t *testing.T) {
	photo := readTestdata(t, "photo.jpg")
	sof := bytes.Index(photo, []byte{0xff, 0xc0})
	for name, data := range map[string][]byte{
		"text":           []byte("<html>not a picture</html>"),
		"empty":          nil,
		"jpeg cut short": photo[:sof+3],
		"png cut short":  readTestdata(t, "chart.png")[:20],
		"huge":           append(append([]byte("GIF89a"), 0xff, 0xff, 0xff, 0xff), make([]byte, 10)...),
	} {
		if _, err := Probe(data); !errors.Is(err, ErrNotPicture) {
			t.Errorf("%s: Probe err = %v, want ErrNotPicture", name, err)
		}
	}
}

func TestProbeSaysWhatAFileIs(t *testing.T) {
	for name, tc := range map[string]struct {
		data string
		want string
	}{
		"web page": {"<!DOCTYPE html><html><body>a photo</body></html>", "it is a web page (HTML), perhaps saved from a browser under a picture's name"},
		"text":     {"just some notes", "it is a text file"},
		"HEIC":     {"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "it is a HEIC photo, the iPhone's own format, which most browsers cannot show; export it as a JPEG (on the iPhone: Settings > Camera > Formats > Most Compatible)"},
		"TIFF":     {"II*\x00\x08\x00\x00\x00\x00\x00", "it is a TIFF picture, which browsers do not show; save it as a JPEG or PNG"},
		"nothing":  {"\x01\x02\x03", "it is not a JPEG, PNG, WebP or GIF file"},
	} {
		_, err := Probe([]byte(tc.data))
		if !IsNotPicture(err) || Reason(err) != tc.want {
			t.Errorf("%s: Reason = %q, want %q (err %v)", name, Reason(err), tc.want, err)
		}
	}
}

func TestPlanNeverEnlarges(t *testing.T) {
	for _, tc := range []struct {
		width int
		want  []int
	}{
		{40, []int{40}},
		{480, []int{480}},
		{500, []int{500}},
		{600, []int{480, 600}},
		{850, []int{480, 850}},
		{1300, []int{480, 800, 1300}},
		{4032, []int{480, 800, 1200, 1600}},
	} {
		if got := Plan(Info{Width: tc.width, Height: 100}); !slices.Equal(got, tc.want) {
			t.Errorf("Plan(%d) = %v, want %v", tc.width, got, tc.want)
		}
	}
}

func TestResizeWritesEachWidthUpright(t *testing.T) {
	// A 2000×1000 JPEG stored on its side (orientation 8): shown
	// 1000×2000, so the widths are 480, 800 and 1000.
	stored := image.NewRGBA(image.Rect(0, 0, 2000, 1000))
	for y := range 1000 {
		for x := range 2000 {
			stored.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	data, err := encode(stored, JPEG, nil)
	if err != nil {
		t.Fatal(err)
	}
	data = splice(data, 2, jpegSegment(0xe1, append([]byte("Exif\x00\x00"), tiffWith(8, true)...)))
	info, err := Probe(data)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := Resize(data, info, Plan(info))
	if err != nil {
		t.Fatal(err)
	}
	var widths []int
	for _, v := range vs {
		widths = append(widths, v.Width)
		img, err := decode(v.Data)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != v.Width || b.Dy() != v.Height || v.Height != 2*v.Width {
			t.Errorf("width %d: the picture is %v, the variant says %d×%d", v.Width, b, v.Width, v.Height)
		}
		assertNoMetadata(t, v.Data)
	}
	if !slices.Equal(widths, []int{480, 800, 1000}) {
		t.Errorf("widths %v", widths)
	}
}

func jpegSegment(marker byte, payload []byte) []byte {
	b := []byte{0xff, marker, 0, 0}
	binary.BigEndian.PutUint16(b[2:], uint16(len(payload)+2))
	return append(b, payload...)
}

func TestCacheResizesOnce(t *testing.T) {
	dir := t.TempDir()
	data := readTestdata(t, "photo.jpg")
	info, err := Probe(data)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCache(dir)
	v, err := c.Variant(data, info, 40)
	if err != nil {
		t.Fatal(err)
	}
	assertNoMetadata(t, v.Data)
	if c.Resized() != 1 || c.Hits() != 0 {
		t.Errorf("first build: resized %d, hits %d", c.Resized(), c.Hits())
	}
	again := NewCache(dir) // the next build
	v2, err := again.Variant(data, info, 40)
	if err != nil {
		t.Fatal(err)
	}
	if again.Resized() != 0 || again.Hits() != 1 || !bytes.Equal(v.Data, v2.Data) {
		t.Errorf("rebuild: resized %d, hits %d, same bytes %v", again.Resized(), again.Hits(), bytes.Equal(v.Data, v2.Data))
	}
	if _, err := again.Variant(data, info, 480); err == nil || !strings.Contains(err.Error(), "480") {
		t.Errorf("a width Plan does not give: err = %v", err)
	}
	// A cache that cannot write keeps a resize for every width it makes.
	ro := NewReadOnlyCache(t.TempDir())
	big, err := encode(image.NewRGBA(image.Rect(0, 0, 1000, 500)), PNG, nil)
	if err != nil {
		t.Fatal(err)
	}
	bigInfo, _ := Probe(big)
	for _, w := range []int{480, 800, 1000} {
		if _, err := ro.Variant(big, bigInfo, w); err != nil {
			t.Fatal(err)
		}
	}
	if ro.Resized() != 1 {
		t.Errorf("a read-only cache resized a picture %d times for its three widths, want once", ro.Resized())
	}
	if entries, _ := os.ReadDir(ro.dir); len(entries) != 0 {
		t.Errorf("a read-only cache wrote %d files", len(entries))
	}
	os.WriteFile(filepath.Join(dir, "stale-v0-480"), []byte("old"), 0o644)
	if n, err := again.Prune(); err != nil || n != 1 {
		t.Errorf("Prune removed %d, %v; want the stale file only", n, err)
	}
	if n, _ := again.Prune(); n != 1 {
		t.Errorf("a second Prune with nothing asked for removed %d, want 1", n)
	}
}

func TestSVGSize(t *testing.T) {
	for _, tc := range []struct {
		svg  string
		w, h int
		ok   bool
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"/>`, 120, 80, true},
		{`<?xml version="1.0"?><!-- a chart --><svg width="120px" height="80.4px" viewBox="0 0 10 10"></svg>`, 120, 80, true},
		{`<svg viewBox="0 0 32 32"><rect/></svg>`, 32, 32, true},
		{`<svg width="100%" viewBox="0,0,640,480"></svg>`, 640, 480, true},
		{`<svg width="100%" height="100%"></svg>`, 0, 0, false},
		{`<html><svg width="10" height="10"/></html>`, 0, 0, false},
		{`not xml at all`, 0, 0, false},
		{`<svg viewBox="0 0 1e9 5"/>`, 0, 0, false},
	} {
		w, h, ok := SVGSize([]byte(tc.svg))
		if w != tc.w || h != tc.h || ok != tc.ok {
			t.Errorf("SVGSize(%s) = %d, %d, %v; want %d, %d, %v", tc.svg, w, h, ok, tc.w, tc.h, tc.ok)
		}
	}
}

// BenchmarkResize resizes the bundled casebook's largest picture to its
// four widths, as a cold build does.
func BenchmarkResize(b *testing.B) {
	data, err := os.ReadFile("../../content/case-studies/family-night.jpg")
	if err != nil {
		b.Fatal(err)
	}
	info, err := Probe(data)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Resize(data, info, Plan(info)); err != nil {
			b.Fatal(err)
		}
	}
}

// gifWithComment is a 1×1 GIF with a comment, an XMP application block
// and the Netscape block that makes it loop.
func gifWithComment() []byte {
	b := []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff")
	b = append(b, "\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"...)
	b = append(b, "\x21\xfe\x13taken at Lincoln El\x00"...)
	b = append(b, "\x21\xff\x0bXMP DataXMP\x05<x:x>\x00"...)
	b = append(b, "\x21\xf9\x04\x00\x00\x00\x00\x00"...)
	b = append(b, "\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00"...)
	return append(b, 0x3b)
}

// animatedWebP is an animated WebP container whose one frame hides an
// EXIF chunk beside its picture.
func animatedWebP() []byte {
	frame := append(make([]byte, anmfHeader), webpChunk("VP8L", []byte{0x2f, 0, 0, 0, 0})...)
	frame = append(frame, webpChunk("EXIF", tiffWith(1, true))...)
	return riff(webpChunk("VP8X", []byte{0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0}), webpChunk("ANIM", make([]byte, 6)), webpChunk("ANMF", frame))
}

func TestStripGIFAndAnimationFrames(t *testing.T) {
	for name, data := range map[string][]byte{"GIF": gifWithComment(), "animated WebP": animatedWebP()} {
		info, err := Probe(data)
		if err != nil || !info.Metadata {
			t.Fatalf("%s: Probe = %+v, %v; want metadata found", name, info, err)
		}
		out, _, err := Strip(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := Probe(out)
		if err != nil || got.Metadata {
			t.Errorf("%s: after Strip, Probe = %+v, %v", name, got, err)
		}
		for _, leak := range []string{"Lincoln", "XMP", "MM\x00*", "II*\x00"} {
			if bytes.Contains(out, []byte(leak)) {
				t.Errorf("%s: %q is still there", name, leak)
			}
		}
	}
	out, _, _ := Strip(gifWithComment())
	if !bytes.Contains(out, []byte("NETSCAPE2.0")) {
		t.Error("the GIF no longer loops")
	}
	if _, err := decode(out); err != nil {
		t.Errorf("the stripped GIF does not decode: %v", err)
	}
}

// The first EXIF block says how a JPEG is turned, as browsers read it.
func TestFirstExifWins(t *testing.T) {
	data := readTestdata(t, "photo.jpg")
	second := jpegSegment(0xe1, append([]byte("Exif\x00\x00"), tiffWith(1, false)...))
	sos := bytes.Index(data, []byte{0xff, 0xda})
	data = slices.Concat(data[:sos], second, data[sos:])
	info, err := Probe(data)
	if err != nil || info.Orientation != 6 {
		t.Errorf("Probe = %+v, %v; want orientation 6 from the first block", info, err)
	}
}

// Markers Strip does not know go too: it keeps what decoding needs.
func TestStripDropsUnknownMarkers(t *testing.T) {
	data := bytes.Clone(readTestdata(t, "photo.jpg"))
	i := bytes.Index(data, []byte{0x01, 0x12, 0x00, 0x03}) // upright, so nothing is decoded
	data[i+9] = 1
	sos := bytes.Index(data, []byte{0xff, 0xda})
	data = slices.Concat(data[:sos], jpegSegment(0xf7, []byte("Lincoln Elementary")), data[sos:])
	out, _, err := Strip(data)
	if err != nil || bytes.Contains(out, []byte("Lincoln")) {
		t.Errorf("an unknown marker's bytes survived (err %v)", err)
	}
}
