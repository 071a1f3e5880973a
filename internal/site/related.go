package site

import (
	"slices"
	"strings"
)

// relateCaseStudies sets each case study's Related: the n others sharing the
// most themes, ties going to the newer, then by title (the order of
// studies, which is newest first).
//
// Scoring every pair would be quadratic. Studies with the same set of themes
// have the same ranking, so the work is done once per distinct theme set:
// score the other sets through an index from theme to sets, then take
// members from the best-scoring sets. Themes are a small taxonomy, so the
// number of distinct sets stays small and the whole is close to linear.
func relateCaseStudies(studies []*Page, n int) {
	groups := groupByThemes(studies)
	byTheme := map[*Page][]int{} // theme → indexes of groups containing it
	for gi, g := range groups {
		for _, t := range g.themes {
			byTheme[t] = append(byTheme[t], gi)
		}
	}
	for _, g := range groups {
		best := rankFor(g, groups, byTheme, n+1)
		for _, c := range g.members {
			c.Related = withoutSelf(best, c, n)
		}
	}
}

type themeGroup struct {
	themes  []*Page
	members []*Page // in study order (newest first)
	rank    []int   // each member's index in studies, same order
}

func groupByThemes(studies []*Page) []*themeGroup {
	var groups []*themeGroup
	index := map[string]int{}
	for i, c := range studies {
		key := themeKey(c.Themes)
		gi, ok := index[key]
		if !ok {
			gi = len(groups)
			index[key] = gi
			groups = append(groups, &themeGroup{themes: c.Themes})
		}
		groups[gi].members = append(groups[gi].members, c)
		groups[gi].rank = append(groups[gi].rank, i)
	}
	return groups
}

func themeKey(themes []*Page) string {
	slugs := make([]string, len(themes))
	for i, t := range themes {
		slugs[i] = t.Slug
	}
	slices.Sort(slugs)
	return strings.Join(slugs, "\x00")
}

// rankFor returns up to want studies from other groups (and g itself),
// best first: most shared themes, then study order.
func rankFor(g *themeGroup, groups []*themeGroup, byTheme map[*Page][]int, want int) []*Page {
	score := map[int]int{}
	for _, t := range g.themes {
		for _, other := range byTheme[t] {
			score[other]++
		}
	}
	type cand struct {
		score, rank int
		page        *Page
	}
	var cands []cand
	for other, sc := range score {
		og := groups[other]
		for k := range min(want, len(og.members)) {
			cands = append(cands, cand{sc, og.rank[k], og.members[k]})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return a.rank - b.rank
	})
	out := make([]*Page, 0, want)
	for _, c := range cands[:min(want, len(cands))] {
		out = append(out, c.page)
	}
	return out
}

func withoutSelf(best []*Page, self *Page, n int) []*Page {
	out := make([]*Page, 0, n)
	for _, p := range best {
		if p != self && len(out) < n {
			out = append(out, p)
		}
	}
	return out
}
