package site

import "testing"

func TestOnAnotherSite(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://example.org/p.jpg":    true,
		"HTTP://example.org/p.jpg":     true,
		"//cdn.example.org/p.jpg":      true,
		"data:image/png;base64,iVBOR=": false,
		"p.jpg":                        false,
		"/images/p.jpg":                false,
		"../static/https:/p.jpg":       false,
		"httpsfoo.jpg":                 false,
		"mailto:someone@example.org":   false,
		"https-guide/p.jpg":            false,
		"photos/http:p.jpg":            false,
	} {
		if got := onAnotherSite(dest); got != want {
			t.Errorf("onAnotherSite(%q) = %v, want %v", dest, got, want)
		}
	}
}

func TestPictureName(t *testing.T) {
	for name, want := range map[string]bool{
		"coach.jpg":    true,
		"Chart.PNG":    true,
		"map.svg":      true,
		"My Photo.jpg": false, // a markdown address cannot hold the space
		"photo.php":    false,
		"album":        false,
		".jpg":         false,
		"/":            false,
	} {
		if got := pictureName(name); got != want {
			t.Errorf("pictureName(%q) = %v, want %v", name, got, want)
		}
	}
}
