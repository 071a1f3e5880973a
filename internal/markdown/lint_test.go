package markdown

import (
	"strconv"
	"strings"
	"testing"
)

// TestLint checks each accessibility rule on its own: which problems a body
// has, as "offset severity message-start".
func TestLint(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string
	}{
		{"alt text is a camera file name", "![IMG_2041.jpg](a.jpg)", []string{"0 error the alt text `IMG_2041.jpg` is a file name"}},
		{"alt text is a file name", "![chart-final.svg](chart.svg)", []string{"0 error the alt text `chart-final.svg` is a file name"}},
		{"alt text is a file name, in capitals", "![Photo.PNG](x.png)", []string{"0 error the alt text `Photo.PNG` is a file name"}},
		{"alt text is the image's own name", "![team-photo](img/team-photo.jpg)", []string{"0 error the alt text `team-photo` is a file name"}},
		{"alt text is a camera name without extension", "![DSC01234](x.jpg)", []string{"0 error the alt text `DSC01234` is a file name"}},
		{"alt text that describes", "![A chart of responses by month, 2024.](chart.png)", nil},
		{"alt text that is one word like the file", "![Team](team.jpg)", nil},
		{"image without alt", "![](x.png)", []string{"0 error this image has no alt text"}},
		{"h2 then h3", "## A\n\n### B\n\n## C\n\n### D\n", nil},
		{"h1 in a body", "Intro.\n\n# Title again\n", []string{"8 warning this is a level-1 heading"}},
		{"setext h1 in a body", "Title again\n===\n", []string{"0 warning this is a level-1 heading"}},
		{"skipped level", "## A\n\n#### B\n", []string{"6 warning this heading (####) skips a level after the heading above it (##)"}},
		{"first heading below ##", "### A\n", []string{"0 warning this heading (###) skips a level after the page title"}},
		{"going back up is fine", "## A\n\n### B\n\n#### C\n\n## D\n", nil},
		{"vague link text", "[Click here](a.md) [HERE.](b.md) [read more…](c.md) [Read more...](d.md) [More »](e.md) [this page](f.md) [link](g.md) [This link](h.md)",
			[]string{"0 warning the link text `Click here`", "19 warning the link text `HERE.`", "33 warning the link text `read more…`",
				"54 warning the link text `Read more…`", "75 warning the link text `More »`", "91 warning the link text `this page`",
				"109 warning the link text `link`", "122 warning the link text `This link`"}},
		{"empty link text", "[](a.md) [ ](b.md)", []string{"0 warning this link has no text", "9 warning this link has no text"}},
		{"link text that says where it goes", "[the family survey results](a.md) [more about coaching](b.md) [here is the template](c.md)", nil},
		{"image link named by its alt text", "[![The planning template](t.png)](t.md)", nil},
		{"table without header", "Text\n\n|  |  |\n|---|---|\n| a | b |\n", []string{"6 warning this table has no header row"}},
		{"table with a header", "| Role | |\n|---|---|\n| a | b |\n", nil},
		{"a picture whose address has a space", "Team: ![Our team](my photo.jpg).", []string{"6 error this picture is published as its markdown, since its address `my photo.jpg` has a space in it"}},
		{"a link whose address has a space, in a list", "- See [the notes](board notes.pdf)\n", []string{"6 error this link is published as its markdown, since its address `board notes.pdf` has a space in it"}},
		{"a tab in the address", "[notes](board\tnotes.pdf)", []string{"0 error this link is published as its markdown, since its address `board\tnotes.pdf` has a space in it"}},
		{"an address and a title, in brackets, in code", "[About us](about.md \"About us\") ![Team](<my photo.jpg>) `[x](a b.md)`", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := New(false).Convert([]byte(tc.body), prefixer{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range res.Problems {
				sev := "warning"
				if p.Error {
					sev = "error"
				}
				if p.Hint == "" {
					t.Errorf("no hint for %q", p.Message)
				}
				got = append(got, strings.Join([]string{strconv.Itoa(p.Offset), sev, p.Message}, " "))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("problem %d = %s\nwant it to start %s", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestDocumentLinks checks the type and size shown beside links to PDF and
// Office documents.
func TestDocumentLinks(t *testing.T) {
	cases := []struct{ body, want string }{
		{"[Planning template](plan.pdf)", `<a href="/base/plan.pdf">Planning template</a> <span class="doc-info">(PDF, 240 KB)</span>`},
		{"[Budget](https://example.org/files/Budget.XLSX?v=2#sheet1)", `<a href="/base/https://example.org/files/Budget.XLSX?v=2#sheet1">Budget</a> <span class="doc-info">(Excel spreadsheet)</span>`},
		{"[Agenda](agenda.docx), then", `<a href="/base/agenda.docx">Agenda</a> <span class="doc-info">(Word document)</span>, then`},
		{"[Slides](s.pptx) [Notes](n.odt) [Sheet](s.ods) [Deck](d.odp) [Old](o.doc) [Old sheet](o.xls) [Old deck](o.ppt)",
			`(PowerPoint presentation)</span> <a href="/base/n.odt">Notes</a> <span class="doc-info">(OpenDocument text)</span> <a href="/base/s.ods">Sheet</a> <span class="doc-info">(OpenDocument spreadsheet)</span> <a href="/base/d.odp">Deck</a> <span class="doc-info">(OpenDocument presentation)</span> <a href="/base/o.doc">Old</a> <span class="doc-info">(Word document)</span> <a href="/base/o.xls">Old sheet</a> <span class="doc-info">(Excel spreadsheet)</span> <a href="/base/o.ppt">Old deck</a> <span class="doc-info">(PowerPoint presentation)</span>`},
		{"[A page](page.md) [A picture](photo.pdf.png)", `<a href="/base/page.md">A page</a> <a href="/base/photo.pdf.png">A picture</a></p>`},
	}
	for _, tc := range cases {
		res, err := New(false).Convert([]byte(tc.body), prefixer{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(res.HTML), tc.want) {
			t.Errorf("%s:\n got %s\nwant it to contain %s", tc.body, res.HTML, tc.want)
		}
		if len(res.Problems) != 0 {
			t.Errorf("%s: problems %+v", tc.body, res.Problems)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1: "1 byte", 900: "900 bytes", 1024: "1 KB", 240 * 1024: "240 KB", 1023 * 1024: "1023 KB",
		1024 * 1024: "1 MB", 1468006: "1.4 MB", 25 * 1024 * 1024: "25 MB"} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMaySpaceAddress(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"no link at all", false},
		{"[a](b.md) and [c](../d/)", false},
		{"[a](b.md) then (some words)", false},
		{"[a](<my notes.md>)", false},
		{"[a](my notes.md)", true},
		{"[a](b.md) [c](my notes.md)", true},
		{"[a](b\tc.md)", true},
		{"[a](b.md \"Title\")", true}, // a title: the lint itself tells it from a space
		{"[a](x`y`z)", true},          // a code span may be blanked to spaces
		{"[a](unclosed words", true},
		{strings.Repeat("](", 200_000), false}, // read once, not once per "]("
		{strings.Repeat("](", 200_000) + " x", true},
		{strings.Repeat("[a](b)", 100_000) + "[c](d e)", true},
	} {
		if got := maySpaceAddress([]byte(c.line)); got != c.want {
			t.Errorf("maySpaceAddress(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}
