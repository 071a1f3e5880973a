package build

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/testsite"
)

// decapStyle holds pages as Decap CMS writes them on save: quotes dropped,
// lists one item a line, long text folded with >-, cleared optional fields
// written as "" or null or [], and bullets written with - or *.
var decapStyle = testsite.Files{
	"content/case-studies/mentors.md": `---
title: Mentors for English learners
district: riverbend
themes:
  - equity-vision
  - staff-capacity
summary: >-
  Mentoring lifted graduation rates for English learners, and the district
  kept the program after the pilot year ended.
problem: el-graduation
stages:
  - district-dossier
  - design-studios
date: 2022-05-01
authors:
  - Communications Office
lessons:
  - theme: equity-vision
    text: Name the goal.
  - theme: staff-capacity
    text: >-
      Train the mentors before the first meeting, and again after the first
      month.
image: ""
image_alt: null
draft: false
---

## What they tried

* Weekly meetings
* A mentor for each student

See [the pair](../problems/el-graduation.md) and [who came](../journey/design-studios.md#who-came).
`,
	"content/case-studies/coaching.md": `---
title: Coaching teachers
district: lakeside
themes:
  - staff-capacity
summary: Coaching built capacity.
problem: ""
stages: []
date: 2023-01-15
authors: []
lessons: []
image: null
image_alt: ""
draft: false
---

## Story

- Coaches visited classrooms
- Teachers asked for more

Like [mentoring](mentors.md#what-they-tried), coaching worked.
`,
	"content/districts/riverbend.md": `---
title: Riverbend Unified
region: West Coast
locale: urban
enrollment: 12000
frl_percent: 38.5
---

A district.
`,
	"content/districts/lakeside.md": `---
title: Lakeside Schools
region: Midwest
locale: ""
enrollment: null
frl_percent: ""
---

Another district.
`,
	"content/journey/design-studios.md": `---
title: Design studios
order: 2.5
summary: >-
  Design with the community: families, staff and students shape the pilot
  together over a series of studio sessions.
resources: []
---

## Who came

* Families
* Staff
`,
}

// TestDecapStyleFilesBuildClean: pages saved by Decap CMS build without a
// single diagnostic, and read as their authors meant them.
func TestDecapStyleFilesBuildClean(t *testing.T) {
	src := testsite.Write(t, testsite.Minimal().With(decapStyle))
	out := filepath.Join(t.TempDir(), "public")
	diags, err := build(t, src, out)
	if err != nil || diags.Len() > 0 {
		var b strings.Builder
		diags.Print(&b)
		t.Fatalf("build: %v\n%s", err, b.String())
	}
	for _, tc := range []struct{ file, want string }{
		{"case-studies/mentors/index.html", "Mentoring lifted graduation rates for English learners, and the district kept the program after the pilot year ended."},
		{"case-studies/mentors/index.html", "Train the mentors before the first meeting, and again after the first month."},
		{"case-studies/mentors/index.html", "<li>A mentor for each student"},
		{"case-studies/coaching/index.html", "<li>Teachers asked for more"},
		{"districts/riverbend/index.html", "38.5%"},
		{"journey/design-studios/index.html", "Design with the community: families, staff and students shape the pilot together over a series of studio sessions."},
	} {
		if got := readFile(t, out, tc.file); !strings.Contains(got, tc.want) {
			t.Errorf("%s lacks %q", tc.file, tc.want)
		}
	}
}
