package casebook_test

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

// britishSpellings are words the bundled casebook must spell the American
// way. Each entry is a whole word, matched without regard to case; the
// comment after it gives the spelling to use instead.
var britishSpellings = []string{
	"programme", "programmes", // program, programs
	"enrolment", "enrolments", "enrol", "enrols", // enrollment, enroll
	"organise", "organised", "organises", "organising", // organize
	"organisation", "organisations", "organisational", // organization
	// "analyses" is left out: it is also the American plural of "analysis".
	"analyse", "analysed", "analysing", // analyze
	"colour", "colours", "coloured", // color
	"neighbour", "neighbours", "neighbouring", // neighbor
	"neighbourhood", "neighbourhoods", // neighborhood
	"practise", "practised", "practises", "practising", // practice, practiced
	"carer", "carers", // caregiver, guardian
	"autumn",                  // fall
	"timetable", "timetables", // schedule
	"anonymise", "anonymised", "anonymisation", // anonymize
	"behaviour", "behaviours", "behavioural", // behavior
	"centre", "centres", "centred", // center
	"favour", "favours", "favourite", "favourable", // favor, favorite
	"labour", "honour", "humour", // labor, honor, humor
	"realise", "realised", "realising", // realize
	"recognise", "recognised", "recognises", "recognising", // recognize
	"prioritise", "prioritised", "prioritises", "prioritising", // prioritize
	"customise", "customised", "customisable", // customize
	"summarise", "summarised", "emphasise", "emphasised", // summarize, emphasize
	"minimise", "maximise", "utilise", "finalise", "finalised", // -ize
	"criticise", "mobilise", "standardise", "standardised", // -ize
	"apologise", "specialise", "specialised", "categorise", // -ize
	"defence", "offence", "licence", "catalogue", // defense, offense, license, catalog
	"ageing", "sceptical", "judgement", "fulfil", // aging, skeptical, judgment, fulfill
	"travelling", "modelling", "counselling", "cancelled", // traveling, modeling, counseling, canceled
	"whilst", "amongst", "learnt", // while, among, learned
}

// allowedBritish lists exact phrases that may keep a British spelling,
// such as the title of a real document or organization published that way.
// A hit inside one of these phrases is not reported. Add a phrase only when
// the real name is spelled so; empty today.
var allowedBritish = []string{}

// TestContentUsesAmericanSpelling reads every file under content/ and
// reports file:line for each British spelling in britishSpellings.
func TestContentUsesAmericanSpelling(t *testing.T) {
	var words []string
	for _, w := range britishSpellings {
		words = append(words, regexp.QuoteMeta(w))
	}
	re := regexp.MustCompile(`(?i)\b(` + strings.Join(words, "|") + `)\b`)
	err := filepath.WalkDir("content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.IndexByte(data, 0) >= 0 {
			return nil // an image or other binary file
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64*1024), len(data)+1)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			masked := line
			for _, p := range allowedBritish {
				masked = strings.ReplaceAll(masked, p, strings.Repeat("_", len(p)))
			}
			for _, m := range re.FindAllString(masked, -1) {
				t.Errorf("%s:%d: British spelling %q; use the American spelling", filepath.ToSlash(path), n, m)
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// whereToFind is the heading a resource page without a url must carry,
// followed by at least one line of text saying where a reader can get the
// document, or why it has no public address (for example, that it was a
// series of sessions and was never published).
const whereToFind = "## Where to find it"

// TestResourcesSayWhereToFindThem checks that every resource page either
// links the document through its url field or has a "## Where to find it"
// section with text under it. A translation (<slug>.<lang>.md) is covered by
// its source page and is skipped.
func TestResourcesSayWhereToFindThem(t *testing.T) {
	translation := regexp.MustCompile(`\.[a-z]{2}(-[a-z]{2})?\.md$`)
	n := 0
	err := filepath.WalkDir(filepath.Join("content", "resources"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || translation.MatchString(path) {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		var fm struct {
			URL string `yaml:"url" toml:"url"`
		}
		body, err := frontmatter.Parse(f, &fm)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		n++
		if strings.TrimSpace(fm.URL) != "" {
			return nil
		}
		if !hasSection(string(body), whereToFind) {
			t.Errorf("%s: no url, and no %q section with text saying where to find the document", filepath.ToSlash(path), whereToFind)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no resource pages found under content/resources")
	}
}

// hasSection reports whether body has a line equal to heading followed by
// some text before the next heading.
func hasSection(body, heading string) bool {
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != heading {
			continue
		}
		for _, next := range lines[i+1:] {
			next = strings.TrimSpace(next)
			if strings.HasPrefix(next, "#") {
				break
			}
			if next != "" {
				return true
			}
		}
	}
	return false
}
