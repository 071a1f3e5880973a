// Package placeholder holds the instructions and sample text that `casebook
// new` writes for an author to replace, so that check and build can find
// whatever is still there: readers should never see "Say what this theme
// means…" on a published page.
package placeholder

import (
	"bytes"
	"slices"
)

// The text `casebook new` writes. Each is written on one line of its own
// (or starts one), so finding it is a match on a line, and an author who
// has begun to change a sentence is not told about it.
const (
	ThemeBody    = "Say what this theme means in your district and what good practice looks like."
	StageBody    = "Describe what happens at this stage, who takes part and what it produces."
	DistrictName = "Sample Unified School District"
	DistrictBody = "A sample district. Replace it with your own: its size, its communities and its equity work so far."
	SampleStudy  = "This is a sample case study. Copy its shape, then delete it."
	HomeBody     = "Start with the [sample case study](case-studies/sample-case-study.md), then write your own with"
	AboutBody    = "Say who wrote this casebook, for whom, and how to get in touch."
	PageBody     = "Write the page here, in markdown."
	Challenge    = "What problem did the district face, and for whom?"
	LinkHowTo    = "Link to other pages by their files, e.g."
	Happened     = "What changed, for whom, and how do you know?"
	Next         = "What will the district keep, change or stop, and what will it try next?"
)

var all = []string{ThemeBody, StageBody, DistrictName, DistrictBody, SampleStudy, HomeBody, AboutBody, PageBody, Challenge, LinkHowTo, Happened, Next}

var (
	markers = func() [][]byte {
		m := make([][]byte, len(all))
		for i, p := range all {
			m[i] = []byte(p)
		}
		return m
	}()
	newline = []byte("\n")
)

// Find returns the 1-based numbers of the lines of src that still hold
// placeholder text, in order. It searches the whole text for each
// sentence rather than splitting it into lines, since every page of a
// large site goes through here on every build.
func Find(src []byte) []int {
	var lines []int
	for _, p := range markers {
		for off := 0; ; {
			i := bytes.Index(src[off:], p)
			if i < 0 {
				break
			}
			off += i
			lines = append(lines, bytes.Count(src[:off], newline)+1)
			off += len(p)
		}
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}
