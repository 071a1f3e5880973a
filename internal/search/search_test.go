package search_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/synth"
	"github.com/casebook/casebook/internal/testsite"
)

// The tests build a site's index as a build does, write it to a folder and
// ask it questions through static/js/search.js under Node: the code the
// search page runs, on the files a browser would fetch.

const searchJS = "../../static/js/search.js"

// writeSite builds the site at src in memory and writes its outputs to a
// new folder, which it returns.
func writeSite(t testing.TB, src string) string {
	t.Helper()
	var diags diag.List
	res, err := build.Load(build.Options{Src: src, Theme: casebook.Theme}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v %v", err, diags.Items())
	}
	files, err := build.Render(res, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatalf("render: %v %v", err, diags.Items())
	}
	out := t.TempDir()
	for name, b := range files {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

type query struct {
	Q      string              `json:"q"`
	Facets map[string][]string `json:"facets,omitempty"`
	More   int                 `json:"more,omitempty"`
	Full   bool                `json:"full,omitempty"`
}

type answer struct {
	Total    int            `json:"total"`
	Titles   []string       `json:"titles"`
	Langs    []string       `json:"langs"`
	URLs     []string       `json:"urls"`
	Kinds    []string       `json:"kinds"`
	Snippets []string       `json:"snippets"`
	Counts   map[string]int `json:"counts"`
	Files    []string       `json:"files"`
	More     bool           `json:"more"`
}

// ask runs queries against the index in site through search.js.
func ask(t testing.TB, site string, qs []query) []answer {
	t.Helper()
	in, err := json.Marshal(qs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "testdata/query.js", searchJS, site)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node testdata/query.js: %v\n%s", err, stderr.String())
	}
	var answers []answer
	if err := json.Unmarshal(out, &answers); err != nil {
		t.Fatalf("reading the answers: %v\n%s", err, out)
	}
	return answers
}

// TestBundledQueries asks the bundled casebook the questions its readers
// bring, and checks the exact results, best first.
func TestBundledQueries(t *testing.T) {
	site := writeSite(t, "../..")
	cases := []struct {
		name  string
		q     query
		total int
		first []string // the first results' titles, in order
	}{
		{"two words, every result has both", query{Q: "english learners"}, 8, []string{
			"English learners on track: catching slips before they become lost credits",
			"Raising graduation rates for English learners",
			"Ensure equitable access to quality instruction",
			"Riverbend Unified School District",
			"Glossary",
			"Translate equity plans into actions",
			"Enable students and families to thrive",
			"Funding schools by need",
		}},
		{"a misspelling one swap away", query{Q: "enlgish"}, 9, []string{
			"English learners on track: catching slips before they become lost credits",
			"Raising graduation rates for English learners",
		}},
		{"a misspelling one letter short", query{Q: "graduaton"}, 4, []string{
			"Raising graduation rates for English learners",
		}},
		{"a prefix while typing", query{Q: "suspen"}, 7, []string{
			"Rethinking suspensions with students at the table",
			"Interrupting the over-suspension of African American students",
		}},
		{"an accented word finds the plain one", query{Q: "Latíno"}, 3, []string{
			"Teachers leading equity learning through Shared Leadership Teams",
		}},
		{"case does not matter", query{Q: "DISCIPLINE"}, 5, []string{
			"Rethinking suspensions with students at the table",
			"Ensure that equity is owned at all levels: a lesson from “Rethinking suspensions with students at the table”",
		}},
		{"a word with a filter", query{Q: "coaching", Facets: map[string][]string{"locale": {"suburban"}}}, 3, []string{
			"Closing the loop with Black and Brown parents",
			"Teachers leading equity learning through Shared Leadership Teams",
			"Shared Leadership Teams leading equity-centered professional learning",
		}},
		{"filters alone list what has them", query{Facets: map[string][]string{"kind": {"resource"}, "stage": {"design-studios"}}}, 2, []string{
			"Equity Use Case Template",
			"Pilot Planning Template",
		}},
		{"two values of one filter add up", query{Q: "families", Facets: map[string][]string{"kind": {"theme", "stage"}}}, 6, nil},
		{"stop words alone find nothing", query{Q: "the and of"}, 0, nil},
		{"a word no page has", query{Q: "zyzzogeton"}, 0, nil},
	}
	qs := make([]query, len(cases))
	for i, c := range cases {
		qs[i] = c.q
	}
	answers := ask(t, site, qs)
	for i, c := range cases {
		a := answers[i]
		if a.Total != c.total {
			t.Errorf("%s (%+v): %d results, want %d: %q", c.name, c.q, a.Total, c.total, a.Titles)
			continue
		}
		if len(a.Titles) < len(c.first) || !slices.Equal(a.Titles[:len(c.first)], c.first) {
			t.Errorf("%s (%+v): results\n  %q\nwant them to start with\n  %q", c.name, c.q, a.Titles, c.first)
		}
		if len(a.Titles) != min(c.total, 10) {
			t.Errorf("%s: shows %d results of %d", c.name, len(a.Titles), c.total)
		}
	}
}

// TestBundledCounts checks the exact filter counts for a query, and that
// the count beside a value is the number of results choosing it gives.
func TestBundledCounts(t *testing.T) {
	site := writeSite(t, "../..")
	answers := ask(t, site, []query{
		{Q: "english learners"},
		{Q: "english learners", Facets: map[string][]string{"locale": {"urban"}}},
		{Q: "english learners", Facets: map[string][]string{"locale": {"urban"}, "theme": {"quality-instruction"}}},
	})
	want := map[string]int{
		"kind=theme": 3, "kind=case-study": 2, "kind=problem": 1, "kind=district": 1, "kind=page": 1,
		"theme=plans-into-action": 3, "theme=quality-instruction": 4, "theme=students-and-families": 3,
		"stage=district-dossier": 1, "stage=conditions-map": 2, "stage=theory-of-action": 1, "stage=design-studios": 1,
		"stage=pilot-definition": 1, "stage=pilot-implementation": 3, "stage=pilot-learnings": 1, "stage=final-design": 1,
		"locale=urban": 3, "locale=suburban": 1, "enrollment=5000-24999": 1, "enrollment=25000-99999": 3,
		"frl=51-75": 4, "region=southeast": 1, "region=west-coast": 3, "year=2026": 2,
	}
	if got := answers[0].Counts; !mapsEqual(got, want) {
		t.Errorf("counts for “english learners”:\n got %v\nwant %v", got, want)
	}
	if answers[1].Total != want["locale=urban"] {
		t.Errorf("choosing urban gives %d results; its count said %d", answers[1].Total, want["locale=urban"])
	}
	// With urban chosen, the locale counts still show every locale (so a
	// reader can add one) and the other facets count only urban results.
	if c := answers[1].Counts; c["locale=suburban"] != 1 || c["locale=urban"] != 3 || c["kind=case-study"] != 1 {
		t.Errorf("counts with urban chosen: %v", c)
	}
	if answers[2].Total != answers[1].Counts["theme=quality-instruction"] {
		t.Errorf("choosing a theme too gives %d results; its count said %d", answers[2].Total, answers[1].Counts["theme=quality-instruction"])
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestSnippetsMarkTheWords checks each result's snippet shows the words
// found, where the index has a snippet for them.
func TestSnippetsMarkTheWords(t *testing.T) {
	site := writeSite(t, "../..")
	a := ask(t, site, []query{{Q: "interpreters"}})[0]
	if a.Total == 0 {
		t.Fatal("no results for “interpreters”")
	}
	for i, s := range a.Snippets {
		if !strings.Contains(s, "<mark>interpreters</mark>") && !strings.Contains(s, "<mark>Interpreters</mark>") {
			t.Errorf("result %d (%s): snippet %q does not mark the word", i, a.Titles[i], s)
		}
	}
}

// TestOneWordFetchesLittle checks the one-word path: one term shard and
// one top list, whatever the site's size, for a whole word, a word that
// begins others, and a misspelling of one.
func TestOneWordFetchesLittle(t *testing.T) {
	site := writeSite(t, "../..")
	for _, a := range ask(t, site, []query{{Q: "families"}, {Q: "graduaton"}, {Q: "learn"}}) {
		files := slices.Sorted(slices.Values(a.Files)) // fetched side by side, in any order
		if len(files) != 2 || !strings.HasPrefix(files[0], "r-") || !strings.HasPrefix(files[1], "t-") {
			t.Errorf("a one-word query read %v, want a term shard and a top list", a.Files)
		}
	}
}

// A site whose pages use accented words, so folding is tested both ways:
// the query "educacion" finds "Educación".
var accented = testsite.Minimal().With(testsite.Files{
	"content/case-studies/bilingual.md": "---\ntitle: Educación bilingüe para familias\ndistrict: riverbend\nthemes: [equity-vision]\nsummary: Talleres en español para las familias.\ndate: 2024-02-01\n---\n## Qué pasó\n\nLas familias pidieron más talleres.\n",
})

func TestAccentFolding(t *testing.T) {
	site := writeSite(t, testsite.Write(t, accented))
	answers := ask(t, site, []query{{Q: "educacion"}, {Q: "EDUCACIÓN"}, {Q: "espanol"}, {Q: "talleres"}})
	for i, want := range []int{1, 1, 1, 1} {
		if answers[i].Total != want || answers[i].Titles[0] != "Educación bilingüe para familias" {
			t.Errorf("query %d: %d results %q", i, answers[i].Total, answers[i].Titles)
		}
	}
	if s := answers[2].Snippets[0]; !strings.Contains(s, "<mark>español</mark>") {
		t.Errorf("the snippet %q does not mark “español” for “espanol”", s)
	}
}

// inBrowser maps words through fn, a JavaScript function of search.js's
// exports (s), run by Node on the script the browser gets.
func inBrowser(t *testing.T, fn string, words []string) []string {
	t.Helper()
	script := `const s = require(process.argv[1]); const w = JSON.parse(process.argv[2]); console.log(JSON.stringify(w.map(` + fn + `)));`
	in, _ := json.Marshal(words)
	out, err := exec.Command("node", "-e", script, searchJS, string(in)).Output()
	if err != nil {
		t.Fatal(err)
	}
	var js []string
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatal(err)
	}
	if len(js) != len(words) {
		t.Fatalf("search.js gave %d words for %d", len(js), len(words))
	}
	return js
}

// TestFoldAgreesWithBrowser folds the same words in Go and in search.js:
// the index's terms and the browser's query must meet.
func TestFoldAgreesWithBrowser(t *testing.T) {
	words := []string{"Éducation", "ÑANDÚ", "Ångström", "naïve", "Straße", "İstanbul", "ΣΟΦΟΣ", "cafe\u0301", "Ǆemal", "ﬁle", "Ⅻ", "ÆON", "ørsted"}
	js := inBrowser(t, "s.fold", words)
	for i, w := range words {
		if got := search.Fold(w); got != js[i] {
			t.Errorf("%q folds to %q in Go, %q in the browser", w, got, js[i])
		}
	}
}

// TestOneWordAnswersMatchTheGeneralPath compares, on a synthetic site, the
// precomputed one-word answers (top lists and counts) with the general
// path's ranking of every doc, for many words and prefixes, and checks
// that paging on gives the general path's next results.
func TestOneWordAnswersMatchTheGeneralPath(t *testing.T) {
	src := t.TempDir()
	if err := synth.Write(src, 300); err != nil {
		t.Fatal(err)
	}
	site := writeSite(t, src)
	words := []string{"english", "learners", "coach", "coaching", "restorative", "graduaton", "distr", "12", "case", "theme", "pilot", "pathways", "midwest"}
	var qs []query
	for _, w := range words {
		qs = append(qs, query{Q: w, More: 2}, query{Q: w, More: 2, Full: true})
	}
	answers := ask(t, site, qs)
	for i, w := range words {
		quick, full := answers[2*i], answers[2*i+1]
		if quick.Total == 0 {
			t.Errorf("%q: no results", w)
		}
		if quick.Total != full.Total || !slices.Equal(quick.URLs, full.URLs) || !mapsEqual(quick.Counts, full.Counts) {
			t.Errorf("%q: the one-word answer differs from the general path:\n quick %d %v %v\n full  %d %v %v",
				w, quick.Total, quick.URLs, quick.Counts, full.Total, full.URLs, full.Counts)
		}
		if n := min(quick.Total, 30); len(quick.URLs) != n {
			t.Errorf("%q: three pages show %d results, want %d", w, len(quick.URLs), n)
		}
		seen := map[string]bool{}
		for _, u := range quick.URLs {
			if seen[u] {
				t.Errorf("%q: %s shown twice", w, u)
			}
			seen[u] = true
		}
	}
}

// TestIndexIsReproducible builds the same site twice: the same files, the
// same bytes, so hosts and caches see no change.
func TestIndexIsReproducible(t *testing.T) {
	src := testsite.Write(t, accented)
	a, b := writeSite(t, src), writeSite(t, src)
	for _, dir := range []string{"search/index", "search"} {
		ea, _ := os.ReadDir(filepath.Join(a, dir))
		eb, _ := os.ReadDir(filepath.Join(b, dir))
		if len(ea) != len(eb) || len(ea) == 0 {
			t.Fatalf("%s: %d files, then %d", dir, len(ea), len(eb))
		}
		for i := range ea {
			if ea[i].Name() != eb[i].Name() {
				t.Errorf("%s: %s, then %s", dir, ea[i].Name(), eb[i].Name())
				continue
			}
			if ea[i].IsDir() {
				continue
			}
			x, _ := os.ReadFile(filepath.Join(a, dir, ea[i].Name()))
			y, _ := os.ReadFile(filepath.Join(b, dir, eb[i].Name()))
			if !bytes.Equal(x, y) {
				t.Errorf("%s/%s differs between two builds", dir, ea[i].Name())
			}
		}
	}
}

// synthGraph writes a synthetic site of n case studies and returns its
// graph, from build.Graph rather than build.Load, whose plan builds the
// index and then lets the pages' text go.
func synthGraph(tb testing.TB, n int) *site.Site {
	tb.Helper()
	src := tb.TempDir()
	if err := synth.Write(src, n); err != nil {
		tb.Fatal(err)
	}
	var diags diag.List
	s, err := build.Graph(build.Options{Src: src, Theme: casebook.Theme}, &diags)
	if err != nil || diags.HasErrors() {
		tb.Fatal(err, diags.Items())
	}
	return s
}

// Bodies are held packed, and snippets are cut from them unpacked again:
// the top lists of a run of terms name the same docs, so each body is
// unpacked about once per core, not once per snippet.
func TestSnippetsUnpackEachBodyOnce(t *testing.T) {
	s := synthGraph(t, 200)
	// Two cores, as on the machines the counts below were taken on: a
	// body is unpacked at most once on each. Here 277 with the bodies
	// kept, 896 without.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	ix := search.Build(s, nil)
	if ix.Unpacked == 0 || ix.Unpacked > len(s.Pages) {
		t.Errorf("unpacked %d bodies for snippets, want between 1 and %d (the pages)", ix.Unpacked, len(s.Pages))
	}
}

// TestStemAgreesWithBrowser stems the same words in Go and in search.js:
// a Spanish index's terms and a query must meet.
func TestStemAgreesWithBrowser(t *testing.T) {
	words := []string{"familias", "familia", "educación", "educaciones", "luz", "luces", "meses", "mes", "niños", "niña",
		"docentes", "escuela", "dos", "casa", "casas", "país", "países", "σοφος", "añoes", "ées", "más", "es", "a",
		"avance", "avances", "índices", "ingleses", "intereses", "lápiz", "zzz", "eses", "ñeses"}
	js := inBrowser(t, "(x) => s.stemSpanish(s.fold(x))", words)
	for i, w := range words {
		if got := search.StemSpanish(search.Fold(w)); got != js[i] {
			t.Errorf("%q stems to %q in Go, %q in the browser", w, got, js[i])
		}
	}
	for _, pair := range [][2]string{{"familias", "familia"}, {"luces", "luz"}, {"meses", "mes"}, {"países", "país"}, {"niñas", "niño"}, {"educaciones", "educación"},
		{"avances", "avance"}, {"índices", "índice"}, {"ingleses", "inglés"}, {"intereses", "interés"}, {"veces", "vez"}, {"lápices", "lápiz"}} {
		if a, b := search.StemSpanish(search.Fold(pair[0])), search.StemSpanish(search.Fold(pair[1])); a != b {
			t.Errorf("%q (%s) and %q (%s) do not meet", pair[0], a, pair[1], b)
		}
	}
}

// TestSpanishEdition searches the Spanish edition's own index: accents
// folded, plurals and genders stemmed, Spanish stop words left out, its
// facets and kinds named in Spanish; the English index is as it was.
func TestSpanishEdition(t *testing.T) {
	src := testsite.Write(t, accented.With(testsite.Files{
		"casebook.toml":                        "title = \"T\"\nlanguages = [\"en\", \"es\"]\n",
		"content/case-studies/mentors.es.md":   "---\ntranslation_of: c0ddbdb27bf3\ntitle: Mentores para estudiantes\nsummary: La mentoría ayudó a cada familia.\n---\nCada familia tuvo una mentora.\n",
		"content/case-studies/bilingual.es.md": "---\ntitle: Educación bilingüe\nsummary: Talleres para padres.\n---\nLos padres pidieron talleres.\n",
	}))
	out := writeSite(t, src)
	es := filepath.Join(out, "es")
	answers := ask(t, es, []query{{Q: "familias"}, {Q: "educacion"}, {Q: "mentoras"}, {Q: "de la"}, {Q: "padre"}, {Q: "coaching"}})
	// An untranslated page's English shares some stems ("Families"): it
	// is found too, after the Spanish.
	if a := answers[0]; a.Total == 0 || a.Titles[0] != "Mentores para estudiantes" || !strings.Contains(a.Snippets[0], "<mark>familia</mark>") {
		t.Errorf("familias: %d %q %q", a.Total, a.Titles, a.Snippets)
	}
	if a := answers[1]; a.Total != 1 || a.Titles[0] != "Educación bilingüe" {
		t.Errorf("educacion: %d %q", a.Total, a.Titles)
	}
	if a := answers[2]; a.Total == 0 || a.Titles[0] != "Mentores para estudiantes" {
		t.Errorf("mentoras finds mentores: %d %q", a.Total, a.Titles)
	}
	if a := answers[3]; a.Total != 0 {
		t.Errorf("stop words alone find %d", a.Total)
	}
	if a := answers[4]; a.Total != 1 || a.Titles[0] != "Educación bilingüe" {
		t.Errorf("padre finds padres: %d %q", a.Total, a.Titles)
	}
	// An untranslated page's result is marked with its text's language;
	// a translated one's is not.
	if a := answers[5]; a.Total == 0 || a.Titles[0] != "Coaching teachers" || a.Langs[0] != "en" {
		t.Errorf("coaching: %d %q %q", a.Total, a.Titles, a.Langs)
	}
	if a := answers[1]; len(a.Langs) == 0 || a.Langs[0] != "" {
		t.Errorf("a translated page's result is marked %q", a.Langs)
	}
	manifest, err := os.ReadFile(filepath.Join(es, "search", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"lang":"es"`, `"label":"Tipo de zona del distrito"`, `"Estudio de caso"`, `"label":"Zona urbana"`} {
		if !strings.Contains(string(manifest), want) {
			t.Errorf("the Spanish manifest lacks %s", want)
		}
	}
	english, err := os.ReadFile(filepath.Join(out, "search", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(english), `"lang"`) {
		t.Errorf("the English index is stemmed")
	}
}
