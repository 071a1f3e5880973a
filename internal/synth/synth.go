// Package synth writes synthetic casebook sites of any size for benchmarks:
// the six themes and nine stages, a district per twenty case studies, a pair
// per two, and case studies with realistic 2–3 KB bodies (headings, lists,
// tables, links to their pair, their stages and other case studies).
// Output is deterministic for a given size.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Themes and Stages are the taxonomy every synthetic site uses.
var (
	Themes = []string{"equity-vision", "shared-ownership", "plans-into-action", "staff-capacity", "quality-instruction", "students-and-families"}
	Stages = []string{"district-dossier", "conditions-map", "equity-coaching", "theory-of-action", "design-studios", "pilot-definition", "pilot-implementation", "pilot-learnings", "final-design"}
)

// The districts' locales and regions, so search facets have values to
// split by.
var (
	locales = []string{"urban", "suburban", "rural"}
	regions = []string{"Midwest", "Northeast", "Southeast", "Southwest", "West Coast", "Mountain West", "Great Plains"}
)

var words = strings.Fields(`district equity students families teachers leaders schools learning pilot design
community data practice systems access instruction graduation pathways coaching feedback
attendance belonging culture support counselors principals planning budget policy voice
listening trust outcomes course enrollment advanced placement mentoring multilingual
English learners discipline restorative inclusion calendar transportation meals technology`)

// Write generates a site of n case studies in dir.
func Write(dir string, n int) error {
	g := &gen{dir: dir, rnd: rand.New(rand.NewPCG(uint64(n), 42)), n: n}
	g.file("casebook.toml", "title = \"Synthetic Casebook\"\nbase_url = \"https://example.org/casebook/\"\n")
	g.file("content/_index.md", "---\ntitle: Synthetic Casebook\nsummary: A generated casebook for benchmarks.\n---\n"+g.para()+"\n")
	g.file("content/about.md", "---\ntitle: About\n---\n"+g.para()+"\n")
	for i, t := range Themes {
		g.file("content/themes/"+t+".md", fmt.Sprintf("---\ntitle: Theme %s\nsummary: %s\norder: %d\n---\n%s\n", t, g.sentence(), i+1, g.para()))
	}
	for i, s := range Stages {
		g.file("content/journey/"+s+".md", fmt.Sprintf("---\ntitle: Stage %s\norder: %d\nsummary: %s\nresources: [resource-%d]\n---\n## What happens\n\n%s\n", s, i+1, g.sentence(), i%g.resources(), g.para()))
	}
	for i := range g.resources() {
		g.file(fmt.Sprintf("content/resources/resource-%d.md", i), fmt.Sprintf("---\ntitle: Resource %d\nsummary: %s\naudience: [district leaders]\nstages: [%s]\nthemes: [%s]\n---\n%s\n",
			i, g.sentence(), Stages[i%len(Stages)], Themes[i%len(Themes)], g.para()))
	}
	for i := range g.districts() {
		// Locale and region follow from the number, not the random
		// source, so every other file stays as it was before they varied.
		g.file(fmt.Sprintf("content/districts/district-%d.md", i), fmt.Sprintf("---\ntitle: District %d\nregion: %s\nlocale: %s\nenrollment: %d\nfrl_percent: %d\n---\n%s\n",
			i, regions[i%len(regions)], locales[i%len(locales)], 6000+g.rnd.IntN(44000), 4+g.rnd.IntN(90), g.para()))
	}
	for i := range g.pairs() {
		g.file(fmt.Sprintf("content/problems/pair-%d.md", i), fmt.Sprintf("---\ntitle: Pair %d\nproblem: %s\nsolution: %s\ndistrict: district-%d\nthemes: [%s]\nstage: %s\n---\n%s\n",
			i, g.sentence(), g.sentence(), g.districtOfPair(i), Themes[i%len(Themes)], Stages[i%len(Stages)], g.para()))
	}
	for i := range n {
		g.caseStudy(i)
	}
	return g.err
}

type gen struct {
	dir string
	rnd *rand.Rand
	n   int
	err error
}

func (g *gen) resources() int           { return 20 }
func (g *gen) districts() int           { return max(1, g.n/20) }
func (g *gen) pairs() int               { return max(1, g.n/2) }
func (g *gen) districtOfPair(i int) int { return i % g.districts() }

func (g *gen) file(rel, text string) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.err = err
		return
	}
	g.err = os.WriteFile(p, []byte(text), 0o644)
}

func (g *gen) sentence() string {
	n := 8 + g.rnd.IntN(10)
	w := make([]string, n)
	for i := range w {
		w[i] = words[g.rnd.IntN(len(words))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) para() string {
	s := make([]string, 2+g.rnd.IntN(3))
	for i := range s {
		s[i] = g.sentence()
	}
	return strings.Join(s, " ")
}

func (g *gen) pick(list []string, k int) []string {
	out := make([]string, 0, k)
	for _, i := range g.rnd.Perm(len(list))[:k] {
		out = append(out, list[i])
	}
	return out
}

func (g *gen) caseStudy(i int) {
	pair := i % g.pairs()
	themes := g.pick(Themes, 1+g.rnd.IntN(3))
	stages := g.pick(Stages, 2+g.rnd.IntN(3))
	var lessons strings.Builder
	for _, t := range themes {
		fmt.Fprintf(&lessons, "  - theme: %s\n    text: %s\n", t, g.sentence())
	}
	other := g.rnd.IntN(g.n)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Case study %d\ndistrict: district-%d\nthemes: [%s]\nsummary: %s\nproblem: pair-%d\nstages: [%s]\ndate: %d-%02d-%02d\nauthors: [Communications Office]\nlessons:\n%s---\n",
		i, g.districtOfPair(pair), strings.Join(themes, ", "), g.sentence(), pair, strings.Join(stages, ", "),
		2019+g.rnd.IntN(6), 1+g.rnd.IntN(12), 1+g.rnd.IntN(28), lessons.String())
	fmt.Fprintf(&b, "> An illustrative composite for benchmarks.\n\n## The challenge\n\n%s See [the pair](../problems/pair-%d.md).\n\n", g.para(), pair)
	fmt.Fprintf(&b, "## What they tried\n\n%s\n\n", g.para())
	for k := range 4 {
		fmt.Fprintf(&b, "- %s\n", strings.TrimSuffix(g.sentence(), ".")+fmt.Sprintf(" (step %d)", k+1))
	}
	fmt.Fprintf(&b, "\n| Measure | Before | After |\n|---|---|---|\n")
	for k := range 4 {
		fmt.Fprintf(&b, "| %s | %d%% | %d%% |\n", words[g.rnd.IntN(len(words))], 20+k*5+g.rnd.IntN(10), 40+k*5+g.rnd.IntN(20))
	}
	fmt.Fprintf(&b, "\n## What happened\n\n%s At the [%s stage](../journey/%s.md#what-happens) the team met again.\n\n", g.para(), stages[0], stages[0])
	fmt.Fprintf(&b, "Compare [case study %d](case-study-%d.md#what-they-tried), which took another path. %s\n\n## What's next\n\n%s\n", other, other, g.para(), g.para())
	g.file(fmt.Sprintf("content/case-studies/case-study-%d.md", i), b.String())
}
