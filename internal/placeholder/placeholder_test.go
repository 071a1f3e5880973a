package placeholder

import (
	"slices"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	src := "---\ntitle: " + DistrictName + "\n---\n\n" + ThemeBody + "\n\nOur own words.\n" +
		"  " + LinkHowTo + " `[x](y.md)`\n" +
		"Say what this theme means in Riverbend and what good practice looks like.\n"
	if got, want := Find([]byte(src)), []int{2, 5, 8}; !slices.Equal(got, want) {
		t.Errorf("Find = %v, want %v", got, want)
	}
	if got := Find([]byte("---\ntitle: Homework clubs\n---\nA story.\n")); got != nil {
		t.Errorf("Find on a finished page = %v", got)
	}
}

// BenchmarkFind runs Find over a finished page of a typical size, the case
// of nearly every page of a large site.
func BenchmarkFind(b *testing.B) {
	page := []byte("---\ntitle: Homework clubs\nsummary: Clubs after school.\n---\n" + strings.Repeat("Families came to the club every week and stayed to talk.\n", 60))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		Find(page)
	}
}
