package content

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// afterTitle completes a case study whose first line is its title;
// beforeSummary starts one whose fourth line (line 5 of the file) is its
// summary.
const (
	afterTitle    = "district: d\nthemes: [t]\nsummary: s\n"
	beforeSummary = "title: T\ndistrict: d\nthemes: [t]\n"
	lessonText    = beforeSummary + "summary: s\nlessons:\n  - theme: t\n    text: "
)

// quotingCases are values that YAML reads as something other than the
// text the author typed: a first character it treats specially, or quotes
// that do not wrap the whole value. text is what the hint's fixed line
// must read back as.
var quotingCases = []struct {
	name, front, want, text string
}{
	{
		name:  "value starting with * and ending with *",
		front: "title: *New* homework study\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with *, which YAML reads as a reference to another value\n  hint: put the value in quotes: `title: \"*New* homework study\"`\n",
		text:  "*New* homework study",
	},
	{
		name:  "value starting with *",
		front: "title: *New homework\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with *, which YAML reads as a reference to another value\n  hint: put the value in quotes: `title: \"*New homework\"`\n",
		text:  "*New homework",
	},
	{
		name:  "value starting with * in the summary",
		front: beforeSummary + "summary: *New* homework study\n",
		want:  "x.md:5:10: error: the value of `summary` starts with *, which YAML reads as a reference to another value\n  hint: put the value in quotes: `summary: \"*New* homework study\"`\n",
		text:  "*New* homework study",
	},
	{
		name:  "opening quote not closed on its line, a later value quoted",
		front: "title: \"A sample case study\ndistrict: d\nthemes: [t]\nsummary: \"A sample: how a district listened.\"\n",
		want:  "x.md:2:8: error: the quote \" that starts the value of `title` is not closed on its line, so YAML reads the lines after it as part of the value\n  hint: close it at the end of the line: `title: \"A sample case study\"`\n",
		text:  "A sample case study",
	},
	{
		name:  "a quoted value that runs over two lines on purpose, and a colon later",
		front: "title: T\nsummary: \"A long summary\n  that goes on.\"\ndistrict: d\nproblem: Equity: a story\nthemes: [t]\n",
		want:  "x.md:6:10: error: a value contains a colon, which YAML reads as a new field\n  hint: put the value in quotes: `problem: \"Equity: a story\"`\n",
		text:  "Equity: a story",
	},
	{
		name:  "an opening quote never closed, and an apostrophe below it",
		front: "title: \"Homework\ndistrict: d\nsummary: Let's talk\nthemes: [t]\n",
		want:  "x.md:2:8: error: the quote \" that starts this value is never closed\n  hint: close it at the end of the line: `title: \"Homework\"`\n",
		text:  "Homework",
	},
	{
		name:  "a single-quoted value left open holds a doubled quote",
		front: "title: T\ndistrict: d\nsummary: 'It''s a start\nthemes: ['t']\n",
		want:  "x.md:4:10: error: the quote ' that starts the value of `summary` is not closed on its line, so YAML reads the lines after it as part of the value\n  hint: close it at the end of the line: `summary: \"It's a start\"`\n",
		text:  "It's a start",
	},
	{
		name:  "a whole title in curly quotes from Word, with a colon",
		front: "title: “Family Nights: Closing the Loop”\n" + afterTitle,
		want:  "x.md:2:8: error: curly quotes “ ” ‘ ’ are not quotes to YAML, so the colon after them starts a new field\n  hint: put the value in straight quotes: `title: \"Family Nights: Closing the Loop\"`\n",
		text:  "Family Nights: Closing the Loop",
	},
	{
		name:  "a whole summary in curly quotes, no colon",
		front: beforeSummary + "summary: “How families answered”\n",
		want:  "x.md:5:10: warning: the value of `summary` is wrapped in curly quotes, which YAML keeps as text, so readers see them\n  hint: use straight quotes instead: `summary: \"How families answered\"`\n",
		text:  "How families answered",
	},
	{
		name:  "opening single quote not closed on its line",
		front: "title: 'Families' homework\ndistrict: d\nthemes: [t]\nsummary: 'What families: a story'\n",
		want:  "x.md:2:8: error: this value has text after its closing quote\n  hint: put the whole value inside one pair of quotes: `title: \"Families' homework\"`\n",
		text:  "Families' homework",
	},
	{
		name:  "value starting with &",
		front: "title: &x homework\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with &, which YAML reads as a label rather than text\n  hint: put the value in quotes: `title: \"&x homework\"`\n",
		text:  "&x homework",
	},
	{
		name:  "value starting with - and a space",
		front: "title: - homework\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with -, which YAML reads as a list item\n  hint: put the value in quotes: `title: \"- homework\"`\n",
		text:  "- homework",
	},
	{
		name:  "value starting with [ and going on",
		front: "title: [Draft] Homework study\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with [, which YAML reads as a list\n  hint: put the value in quotes: `title: \"[Draft] Homework study\"`\n",
		text:  "[Draft] Homework study",
	},
	{
		name:  "value starting with [ and holding a double quote",
		front: "title: [Draft] \"Homework\" study\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with [, which YAML reads as a list\n  hint: put the value in quotes: `title: '[Draft] \"Homework\" study'`\n",
		text:  "[Draft] \"Homework\" study",
	},
	{
		name:  "value starting with [ and holding a colon",
		front: "title: [Draft] Homework: study\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with [, which YAML reads as a list\n  hint: put the value in quotes: `title: \"[Draft] Homework: study\"`\n",
		text:  "[Draft] Homework: study",
	},
	{
		name:  "text field that is a whole list",
		front: "title: [Draft]\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with [, which YAML reads as a list\n  hint: put the value in quotes: `title: \"[Draft]\"`\n",
		text:  "[Draft]",
	},
	{
		name:  "value starting with {",
		front: "title: {x} hi\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with {, which YAML reads as a group of fields\n  hint: put the value in quotes: `title: \"{x} hi\"`\n",
		text:  "{x} hi",
	},
	{
		name:  "text field that is a whole group",
		front: "title: {x: y}\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with {, which YAML reads as a group of fields\n  hint: put the value in quotes: `title: \"{x: y}\"`\n",
		text:  "{x: y}",
	},
	{
		name:  "value starting with !",
		front: "title: !x hi\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with !, which YAML reads as a tag rather than text\n  hint: put the value in quotes: `title: \"!x hi\"`\n",
		text:  "!x hi",
	},
	{
		name:  "value starting with ! that YAML cannot read",
		front: "title: !Important! news\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with !, which YAML reads as a tag rather than text\n  hint: put the value in quotes: `title: \"!Important! news\"`\n",
		text:  "!Important! news",
	},
	{
		name:  "value starting with %",
		front: "title: %x hi\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with %, which YAML reserves for its own use\n  hint: put the value in quotes: `title: \"%x hi\"`\n",
		text:  "%x hi",
	},
	{
		name:  "value starting with % and holding a backslash",
		front: "title: %C:\\path x\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with %, which YAML reserves for its own use\n  hint: put the value in quotes: `title: '%C:\\path x'`\n",
		text:  "%C:\\path x",
	},
	{
		name:  "value starting with @",
		front: "title: @x hi\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with @, which YAML reserves for its own use\n  hint: put the value in quotes: `title: \"@x hi\"`\n",
		text:  "@x hi",
	},
	{
		name:  "value starting with @ and holding both quotes",
		front: "title: @Ann's \"notes\"\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with @, which YAML reserves for its own use\n  hint: put the value in quotes: `title: '@Ann''s \"notes\"'`\n",
		text:  "@Ann's \"notes\"",
	},
	{
		name:  "value starting with a backtick",
		front: "title: `x` hi\n" + afterTitle,
		want:  "x.md:2:8: error: the value of `title` starts with `, which YAML reserves for its own use\n  hint: put the value in quotes: `title: \"`x` hi\"`\n",
		text:  "`x` hi",
	},
	{
		name:  "lesson text starting with [",
		front: lessonText + "[Draft] notes\n",
		want:  "x.md:8:11: error: the value of `text` starts with [, which YAML reads as a list\n  hint: put the value in quotes: `text: \"[Draft] notes\"`\n",
		text:  "[Draft] notes",
	},
	{
		name:  "lesson text starting with !",
		front: lessonText + "!x hi\n",
		want:  "x.md:8:11: error: the value of `text` starts with !, which YAML reads as a tag rather than text\n  hint: put the value in quotes: `text: \"!x hi\"`\n",
		text:  "!x hi",
	},
	{
		name:  "list with text after it",
		front: "title: T\ndistrict: d\nthemes: [t] extra\nsummary: s\n",
		want:  "x.md:4:9: error: the list `themes` has text after its closing ]\n  hint: end the line with the list, e.g. `themes: [first, second]`; put an item in quotes if it contains a comma or a bracket\n",
	},
	{
		name:  "list item on the line of the list",
		front: "title: T\ndistrict: d\nthemes: - t\nsummary: s\n",
		want:  "x.md:4:9: error: the list `themes` starts on the line of its name\n  hint: put each item on its own line below `themes:`, starting with `- `\n",
	},
	{
		name:  "quote that ends early",
		front: "title: \"Homework\": what families told us\n" + afterTitle,
		want:  "x.md:2:8: error: the value's closing quote comes before the end of the text, so YAML reads the colon after it as a new field\n  hint: put the whole value inside one pair of quotes: `title: '\"Homework\": what families told us'`\n",
		text:  "\"Homework\": what families told us",
	},
	{
		name:  "single quote that ends early",
		front: "title: 'Homework': what families told us\n" + afterTitle,
		want:  "x.md:2:8: error: the value's closing quote comes before the end of the text, so YAML reads the colon after it as a new field\n  hint: put the whole value inside one pair of quotes: `title: \"'Homework': what families told us\"`\n",
		text:  "'Homework': what families told us",
	},
	{
		name:  "quote that ends early in the summary",
		front: beforeSummary + "summary: \"Homework\": what families told us\n",
		want:  "x.md:5:10: error: the value's closing quote comes before the end of the text, so YAML reads the colon after it as a new field\n  hint: put the whole value inside one pair of quotes: `summary: '\"Homework\": what families told us'`\n",
		text:  "\"Homework\": what families told us",
	},
	{
		name:  "quote that ends early in a lesson",
		front: lessonText + "\"Homework\": a lesson\n",
		want:  "x.md:8:11: error: the value's closing quote comes before the end of the text, so YAML reads the colon after it as a new field\n  hint: put the whole value inside one pair of quotes: `text: '\"Homework\": a lesson'`\n",
		text:  "\"Homework\": a lesson",
	},
	{
		name:  "quotes inside quotes",
		front: "title: \"\"Homework\": what families told us\"\n" + afterTitle,
		want:  "x.md:2:8: error: this value has a quote inside its quotes, which YAML reads as the closing quote\n  hint: use single quotes outside, or write \\\" for each \" inside: `title: '\"Homework\": what families told us'`\n",
		text:  "\"Homework\": what families told us",
	},
	{
		name:  "quotes inside quotes in the summary",
		front: beforeSummary + "summary: \"\"Homework\": what families told us\"\n",
		want:  "x.md:5:10: error: this value has a quote inside its quotes, which YAML reads as the closing quote\n  hint: use single quotes outside, or write \\\" for each \" inside: `summary: '\"Homework\": what families told us'`\n",
		text:  "\"Homework\": what families told us",
	},
	{
		name:  "quotes inside quotes without a colon",
		front: "title: \"The \"best\" plan\"\n" + afterTitle,
		want:  "x.md:2:8: error: this value has a quote inside its quotes, which YAML reads as the closing quote\n  hint: use single quotes outside, or write \\\" for each \" inside: `title: 'The \"best\" plan'`\n",
		text:  "The \"best\" plan",
	},
	{
		name:  "curly quotes",
		front: "title: “Closing the loop”: a story\n" + afterTitle,
		want:  "x.md:2:8: error: curly quotes “ ” ‘ ’ are not quotes to YAML, so the colon after them starts a new field\n  hint: put the value in straight quotes: `title: \"“Closing the loop”: a story\"`\n",
		text:  "“Closing the loop”: a story",
	},
	{
		name:  "curly single quotes in the summary",
		front: beforeSummary + "summary: ‘Closing’: a story\n",
		want:  "x.md:5:10: error: curly quotes “ ” ‘ ’ are not quotes to YAML, so the colon after them starts a new field\n  hint: put the value in straight quotes: `summary: \"‘Closing’: a story\"`\n",
		text:  "‘Closing’: a story",
	},
	{
		name:  "colon in a value",
		front: "title: Equity: a district's story\n" + afterTitle,
		want:  "x.md:2:8: error: a value contains a colon, which YAML reads as a new field\n  hint: put the value in quotes: `title: \"Equity: a district's story\"`\n",
		text:  "Equity: a district's story",
	},
	{
		name:  "list entry with a quote and a colon",
		front: "title: T\n" + afterTitle + "authors: [\"Ann\": x]\n",
		want:  "x.md:6:11: error: an entry of `authors` has a colon followed by a space, which YAML reads as a field name and its value\n  hint: put the whole entry in quotes, using single quotes outside if it contains a \"\n",
	},
	{
		name: "values that only look alike are read as written",
		front: "title: \"[Draft] Homework study\"\ndistrict: d\nthemes: [a, b]\nsummary: '*New*'\n" +
			"image_alt: !!str 2026\nauthors: [Ann, \"Bo\"]\nimage: -x hi\n",
	},
	{
		name:  "curly quotes inside straight ones",
		front: "title: \"“Closing the loop”: a story\"\n" + afterTitle,
	},
}

func TestQuotingMistakes(t *testing.T) {
	for _, tc := range quotingCases {
		t.Run(tc.name, func(t *testing.T) {
			_, got := parseDiags(t, "---\n"+tc.front+"---\nBody.\n")
			got = strings.ReplaceAll(got, "content/case-studies/", "")
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// A file saved with Windows line endings gets the same messages at the
// same places: the checks that look at the source line end it before \r.
func TestQuotingMistakesWithWindowsLineEndings(t *testing.T) {
	for _, tc := range quotingCases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.ReplaceAll("---\n"+tc.front+"---\nBody.\n", "\n", "\r\n")
			_, got := parseDiags(t, src)
			got = strings.ReplaceAll(got, "content/case-studies/", "")
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// The line a hint offers is valid YAML that reads back as the text the
// author typed, quotes, backslashes and all.
func TestQuotingHintsReadBack(t *testing.T) {
	for _, tc := range quotingCases {
		if tc.text == "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			_, got := parseDiags(t, "---\n"+tc.front+"---\nBody.\n")
			_, hint, _ := strings.Cut(got, "\n  hint: ")
			hint = strings.TrimSuffix(hint, "\n")
			i := strings.Index(hint, ": `")
			if i < 0 || !strings.HasSuffix(hint, "`") {
				t.Fatalf("hint offers no line: %q", hint)
			}
			line := hint[i+3 : len(hint)-1]
			var m map[string]string
			if err := yaml.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			if len(m) != 1 {
				t.Fatalf("%s reads as %q", line, m)
			}
			for _, v := range m {
				if v != tc.text {
					t.Errorf("%s reads as %q, want %q", line, v, tc.text)
				}
			}
		})
	}
}
