package site

import "strings"

// headingIDs are a body's heading ids in order, in one string, each ended
// by a NUL. A body has a few headings, and one string apiece came to half
// a million objects at 100,000 case studies, for the collector to visit
// on every collection while pages render; one string a page is a quarter
// of that, and nothing for a body without headings.
type headingIDs string

// joinHeadings packs ids. An id with a NUL in it cannot be told apart
// from two ids, and no address can name it, so it is left out.
func joinHeadings(ids []string) headingIDs {
	var b strings.Builder
	for _, id := range ids {
		if id != "" && !strings.Contains(id, "\x00") {
			b.WriteString(id)
			b.WriteByte(0)
		}
	}
	return headingIDs(b.String())
}

// has reports whether one of the ids is id.
func (h headingIDs) has(id string) bool {
	for rest := string(h); rest != ""; {
		var one string
		one, rest, _ = strings.Cut(rest, "\x00")
		if one == id {
			return true
		}
	}
	return false
}

// list returns the ids in order.
func (h headingIDs) list() []string {
	if h == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(h), "\x00"), "\x00")
}
