package images

import "testing"

// FuzzProbe reads headers of any bytes: it must never panic, and what it
// accepts has a size within bounds.
func FuzzProbe(f *testing.F) {
	for _, name := range []string{"photo.jpg", "chart.png"} {
		f.Add(readTestdata(f, name))
	}
	f.Add(riff(webpChunk("VP8L", []byte{0x2f, 0x27, 0xc0, 0x04, 0x00}), webpChunk("EXIF", tiffWith(6, true))))
	f.Add([]byte("GIF89a\x10\x00\x10\x00"))
	f.Add(gifWithComment())
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Probe(data)
		if err != nil {
			return
		}
		if info.Width <= 0 || info.Height <= 0 || info.Width > maxSide || info.Height > maxSide || info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("Probe accepted %+v", info)
		}
	})
}

// FuzzStrip strips any bytes Probe accepts: it must never panic, and what
// it returns carries no metadata and is no longer than a re-encode.
func FuzzStrip(f *testing.F) {
	for _, name := range []string{"photo.jpg", "chart.png"} {
		f.Add(readTestdata(f, name))
	}
	f.Add(riff(webpChunk("VP8X", []byte{0x0c, 0, 0, 0, 9, 0, 0, 9, 0, 0}), webpChunk("XMP ", []byte("x"))))
	f.Add(gifWithComment())
	f.Add(animatedWebP())
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Probe(data)
		if err != nil || info.Width*info.Height > 1<<20 {
			return // decoding a giant is slow, not wrong
		}
		out, _, err := Strip(data)
		if err != nil {
			return
		}
		got, err := Probe(out)
		if err != nil {
			t.Fatalf("Strip made something Probe refuses: %v", err)
		}
		if got.Metadata || got.GPS {
			t.Fatalf("Strip left metadata: %+v", got)
		}
		if StripsUpright(info) && got.Orientation != 1 {
			t.Fatalf("Strip left orientation %d", got.Orientation)
		}
	})
}
