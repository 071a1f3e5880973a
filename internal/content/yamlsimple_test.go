package content

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// caseStudyFront is the frontmatter of a case study of the synthetic
// site the speed tables are measured on.
const caseStudyFront = `title: Case study 0
district: district-0
themes: [staff-capacity, equity-vision, plans-into-action]
summary: Technology listening counselors support restorative voice leaders belonging culture meals listening systems.
problem: pair-0
stages: [final-design, theory-of-action]
date: 2020-04-28
authors: [Communications Office]
lessons:
  - theme: staff-capacity
    text: Graduation pathways students advanced pathways equity course inclusion technology families community coaching transportation.
  - theme: equity-vision
    text: Enrollment graduation students pilot meals feedback equity teachers counselors families attendance.
`

// BenchmarkFrontmatter compares the simple reader with the library on a
// typical frontmatter.
func BenchmarkFrontmatter(b *testing.B) {
	data := []byte(caseStudyFront)
	b.Run("simple", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := parseSimpleYAML(data); !ok {
				b.Fatal("the simple reader refused the frontmatter")
			}
		}
	})
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var doc yaml.Node
			if err := yaml.Unmarshal(data, &doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
