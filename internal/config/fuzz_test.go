package config

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/diag"
)

// FuzzParse holds casebook.toml's diagnostics to the file: every one on a
// line the file has, at a column within that line, and never a panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"title = \"T\"\nbase_url = \"https://example.org/\"\n[theme]\nbrand = \"#114488\"\n",
		"title = \"T\"\n# notes\n!\n",
		"title = \"C:\\Users\"\n",
		"title = \"a\\\n",
		"title = \"\"\"\nline\n\\x\n\"\"\"\n",
		"[theme\nbrand = 1\n",
		"\ufefftitle = 1\n!",
		"title = \"T\x07\"\n",
		"languages = [\"en\", 3]\n[lists]\npage_size = \"ten\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		Parse([]byte(src), &diags)
		lines := strings.Split(src, "\n")
		for _, d := range diags.Items() {
			if d.Line < 0 || d.Line > len(lines) || d.Col < 0 {
				t.Fatalf("diagnostic outside the file (%d lines): %s", len(lines), d)
			}
			if d.Line > 0 && d.Col > utf8.RuneCountInString(lines[d.Line-1])+1 {
				t.Fatalf("diagnostic past the end of its line %q: %s", lines[d.Line-1], d)
			}
		}
	})
}
