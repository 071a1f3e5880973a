package search

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// A facet is one way to narrow results, named by its URL parameter.
type facet struct {
	Key   string `json:"key"`   // URL parameter: theme, stage, locale, ...
	Label string `json:"label"` // heading of its filters
	Multi bool   `json:"multi"` // a result may have several values
	// Inherit marks a facet a lesson has through its case study: the
	// facet columns leave it out for lessons, and search.js looks it up
	// on the case study.
	Inherit bool         `json:"inherit,omitempty"`
	Values  []facetValue `json:"values"`
	// of returns the indexes into Values of a doc's values.
	of func(d *doc) []int
}

type facetValue struct {
	Slug  string `json:"slug"`
	Label string `json:"label"`
}

// facetKeys are the URL parameters of the facets, in the order the search
// page shows them.
var facetKeys = []string{"kind", "theme", "stage", "locale", "enrollment", "frl", "region", "year"}

// buildFacets lists the facets of a site with the values its results
// have, each in a fixed order.
func buildFacets(s *site.Site, docs []doc) []*facet {
	label := s.Words().Or
	byPage := func(pages []*site.Page) ([]facetValue, map[*site.Page]int) {
		vals, idx := make([]facetValue, len(pages)), map[*site.Page]int{}
		for i, p := range pages {
			vals[i], idx[p] = facetValue{Slug: p.Slug, Label: p.Title}, i
		}
		return vals, idx
	}
	pagesOf := func(idx map[*site.Page]int, pages []*site.Page) []int {
		out := make([]int, 0, len(pages))
		for _, p := range pages {
			if i, ok := idx[p]; ok {
				out = append(out, i)
			}
		}
		return out
	}
	themeVals, themeIdx := byPage(s.Themes)
	stageVals, stageIdx := byPage(s.Stages)
	kindVals := make([]facetValue, len(kinds))
	for i, k := range kinds {
		kindVals[i] = facetValue{Slug: k.slug, Label: label("search_kind_"+k.slug, k.label)}
	}
	kindOf := ones(len(kinds))
	facets := []*facet{
		{Key: "kind", Label: label("facet_kind", "Kind"), Values: kindVals, of: func(d *doc) []int { return kindOf[d.kind] }},
		{Key: "theme", Label: label("facet_theme", "Theme"), Multi: true, Values: themeVals, of: func(d *doc) []int { return pagesOf(themeIdx, d.themes) }},
		{Key: "stage", Label: label("facet_stage", "Journey stage"), Multi: true, Inherit: true, Values: stageVals, of: func(d *doc) []int { return pagesOf(stageIdx, d.stages) }},
		bandFacet("locale", label("facet_locale", "District locale"), site.Locales, (*site.Page).LocaleBand, label),
		bandFacet("enrollment", label("facet_enrollment", "District size"), site.EnrollmentBands, (*site.Page).EnrollmentBand, label),
		bandFacet("frl", label("facet_frl", "Free or reduced-price lunch"), site.FRLBands, (*site.Page).FRLBand, label),
		regionFacet(s, label("facet_region", "Region")),
		yearFacet(docs, label("facet_year", "Year")),
	}
	return facets
}

// bandFacet is a facet of the districts' bands, which a result has through
// its district.
func bandFacet(key, name string, bands []site.Band, of func(*site.Page) *site.Band, label func(key, fallback string) string) *facet {
	vals := make([]facetValue, len(bands))
	for i, b := range bands {
		vals[i] = facetValue{Slug: b.Slug, Label: label(b.TextKey(), b.Label)}
	}
	one := ones(len(bands))
	return &facet{Key: key, Label: name, Inherit: true, Values: vals, of: func(d *doc) []int {
		if d.district == nil {
			return nil
		}
		b := of(d.district)
		if b == nil {
			return nil
		}
		for i := range bands {
			if bands[i].Slug == b.Slug {
				return one[i]
			}
		}
		return nil
	}}
}

func regionFacet(s *site.Site, name string) *facet {
	var vals []facetValue
	regions := map[string]string{} // slug → the first spelling seen, by district title
	slugs := make(map[*site.Page]string, len(s.Districts))
	for _, d := range s.Districts {
		slug := slugify(d.Region)
		slugs[d] = slug
		if slug != "" && regions[slug] == "" {
			regions[slug] = strings.TrimSpace(d.Region)
		}
	}
	for slug, label := range regions {
		vals = append(vals, facetValue{Slug: slug, Label: label})
	}
	slices.SortFunc(vals, func(a, b facetValue) int { return cmp.Compare(a.Label, b.Label) })
	idx := map[string]int{}
	for i, v := range vals {
		idx[v.Slug] = i
	}
	// Slugs are worked out once per district, not once per result:
	// folding accents is the costly part, and districts are few.
	byDistrict := make(map[*site.Page][]int, len(slugs))
	for d, slug := range slugs {
		if i, ok := idx[slug]; ok {
			byDistrict[d] = []int{i}
		}
	}
	return &facet{Key: "region", Label: name, Inherit: true, Values: vals, of: func(d *doc) []int {
		return byDistrict[d.district] // nil for no district: the map has no nil key
	}}
}

func yearFacet(docs []doc, name string) *facet {
	seen := map[int]bool{}
	var years []int
	for i := range docs {
		if y := int(docs[i].year); y != 0 && !seen[y] {
			seen[y] = true
			years = append(years, y)
		}
	}
	slices.SortFunc(years, func(a, b int) int { return cmp.Compare(b, a) }) // newest first
	idx := map[int]int{}
	vals := make([]facetValue, len(years))
	for i, y := range years {
		vals[i] = facetValue{Slug: strconv.Itoa(y), Label: strconv.Itoa(y)}
		idx[y] = i
	}
	one := ones(len(years))
	return &facet{Key: "year", Label: name, Inherit: true, Values: vals, of: func(d *doc) []int {
		if d.year == 0 {
			return nil
		}
		return one[idx[int(d.year)]]
	}}
}

// ones lists, for each of n values, a list of that value alone, for a
// facet's of to return without allocating per doc. The lists are shared:
// callers read them and never change them.
func ones(n int) [][]int {
	all, lists := make([]int, n), make([][]int, n)
	for i := range all {
		all[i] = i
		lists[i] = all[i : i+1 : i+1]
	}
	return lists
}

// slugify makes a URL value of a region's name: "West Coast" → "west-coast";
// "" when there is no name.
func slugify(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return content.Slugify(s)
}

// writeFacets writes every doc's facet values, a column per facet: for a
// facet whose results may have several values, a bitmask per doc (value v
// is bit v%8 of byte v/8); otherwise the value's number plus one (0 for
// none), in one byte, or two (low byte first) past 254 values. A lesson's
// cells of the facets it inherits are left empty; after the columns, the
// lessons' case studies: the number of lessons, then for each lesson its
// doc and its case study's doc, each as the distance from the one before.
// Lessons are contiguous and in their case studies' order, so the empty
// cells and the distances compress to almost nothing.
func (ix *indexer) writeFacets() string {
	var b buffer
	for fi, f := range ix.facets {
		width := 1
		switch {
		case f.Multi:
			width = (len(f.Values) + 7) / 8
		case len(f.Values) >= 255:
			width = 2
		}
		b.uint(width)
		col := make([]byte, width*len(ix.docs))
		lo, hi := ix.offset[fi], ix.offset[fi]+len(f.Values)
		for d := range ix.docs {
			vals := ix.values.of(int32(d))
			if f.Inherit && ix.docs[d].parent >= 0 {
				continue
			}
			for _, g := range vals {
				v := int(g)
				if v < lo || v >= hi {
					continue
				}
				v -= lo
				cell := col[d*width : (d+1)*width]
				if f.Multi {
					cell[v/8] |= 1 << (v % 8)
				} else {
					cell[0] = byte(v + 1)
					if width == 2 {
						cell[1] = byte((v + 1) >> 8)
					}
				}
			}
		}
		b = append(b, col...)
	}
	var children []int
	for d := range ix.docs {
		if ix.docs[d].parent >= 0 {
			children = append(children, d)
		}
	}
	b.uint(len(children))
	prevDoc, prevParent := 0, 0
	for _, d := range children {
		b.uint(d - prevDoc)
		parent := int(ix.docs[d].parent)
		b.uint(parent - prevParent)
		prevDoc, prevParent = d, parent
	}
	return ix.file("f", "bin", b)
}
