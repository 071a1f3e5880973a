package site

import "fmt"

// Gap is something the casebook does not tell yet that an editor may want
// to fill: not a mistake, so not a diagnostic, but listed after a build.
type Gap struct {
	Path string // the page with the gap, relative to the site root
	What string // what is missing, in plain words
}

func (g Gap) String() string { return fmt.Sprintf("%s: %s", g.Path, g.What) }

// Gaps lists, in this order, the problem-of-practice pairs that no case
// study tells yet, the journey stages no case study goes through, and the
// themes no lesson is filed under. Drafts left out of the build do not count.
func (s *Site) Gaps() []Gap {
	var gaps []Gap
	for _, p := range s.Problems {
		if len(p.CaseStudies) == 0 {
			gaps = append(gaps, Gap{p.Path, "no case study tells this pair yet (set `problem: " + p.Slug + "` in one)"})
		}
	}
	for _, st := range s.Stages {
		if len(st.CaseStudies) == 0 {
			gaps = append(gaps, Gap{st.Path, "no case study goes through this stage yet (add `" + st.Slug + "` to a case study's `stages`)"})
		}
	}
	for _, t := range s.Themes {
		if len(t.Lessons) == 0 {
			gaps = append(gaps, Gap{t.Path, "no case study has a lesson under this theme yet (add one with `theme: " + t.Slug + "` under `lessons`)"})
		}
	}
	return gaps
}
