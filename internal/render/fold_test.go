package render

import (
	"html/template"
	"maps"
	"strings"
	"sync"
	"testing"
	"text/template/parse"

	"github.com/casebook/casebook/internal/config"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/i18n"
)

// TestFoldTexts checks that folding T leaves what a layout writes as it
// was, in every context html/template escapes for, and folds exactly the
// calls whose arguments are all written out.
func TestFoldTexts(t *testing.T) {
	words := i18n.English()
	fm := funcs(config.Default(), words, nil)
	for _, tc := range []struct {
		name, layout string
		left         int // calls of T left after folding
	}{
		{"text", `<p>{{T "skip_link"}}</p>`, 0},
		{"attribute", `<a title="{{T "feed_title" "site" "<Schools & \"Kids\">"}}">x</a>`, 0},
		{"number", `<h1>x{{T "title_page" "n" 2 "last" 9}}</h1>`, 0},
		{"url", `<a href="/x?q={{T "feed_title" "site" "a b&c"}}">x</a>`, 0},
		{"script", `<script>var s = {{T "skip_link"}};</script>`, 0},
		{"inside if and range", `{{if true}}{{range $i, $x := .}}{{T "skip_link"}}{{else}}{{T "skip_link"}}{{end}}{{end}}`, 0},
		{"variable", `{{$s := T "skip_link"}}<p>{{$s}}</p>`, 0},
		{"parenthesized", `<p>{{printf "%s!" (T "skip_link")}}</p>`, 0},
		{"then piped", `<p>{{T "skip_link" | printf "%s?"}}</p>`, 0},
		{"piped into", `<p>{{"skip_link" | T}}</p>`, 1},
		{"piped into with arguments", `<p>{{"<x>" | T "feed_title" "site"}}</p>`, 1},
		{"argument from the page", `<p>{{T "feed_title" "site" (index . 0)}}</p>`, 1},
		{"float", `<p>{{T "title_page" "n" 1.5 "last" 1e3}}</p>`, 1},
		{"in a template call", `{{define "x"}}<b>{{.}}</b>{{end}}{{template "x" T "skip_link"}}`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain := template.Must(template.New("t").Funcs(fm).Parse(tc.layout))
			folded := template.Must(template.New("t").Funcs(fm).Parse(tc.layout))
			foldTexts(folded, words)
			if got := countT(folded); got != tc.left {
				t.Errorf("%d calls of T left, want %d", got, tc.left)
			}
			data := []string{"<Schools>"}
			var want, got strings.Builder
			if err := plain.Execute(&want, data); err != nil {
				t.Fatal(err)
			}
			if err := folded.Execute(&got, data); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("folded gives\n%s\nunfolded\n%s", got.String(), want.String())
			}
		})
	}
}

// TestFoldKeepsAMissingKey checks that a key the table lacks stays a call,
// so the page fails with T's message rather than printing the key.
func TestFoldKeepsAMissingKey(t *testing.T) {
	words := i18n.English()
	set := template.Must(template.New("t").Funcs(funcs(config.Default(), words, nil)).Parse(`<p>{{T "no_such_key"}}</p>`))
	foldTexts(set, words)
	err := set.Execute(&strings.Builder{}, nil)
	if err == nil || !strings.Contains(err.Error(), `no interface text has the key "no_such_key"`) {
		t.Errorf("got %v, want T's message for the missing key", err)
	}
}

// TestLoadedSetsAreFolded checks that the sets pages run with are folded,
// minified or not, and the sets kept for messages are not, so a message
// quotes the layout as its author wrote it.
func TestLoadedSetsAreFolded(t *testing.T) {
	layouts := map[string]string{
		"baseof.html":     `<!doctype html><title>{{T "skip_link"}}</title>{{block "main" .}}{{end}}`,
		"page.html":       `{{define "main"}}<p>{{T "home"}} {{template "partials/x.html" .}}</p>{{end}}`,
		"partials/x.html": `<b>{{T "search_site"}}</b>`,
	}
	var files []File
	for rel, text := range layouts {
		files = append(files, File{Rel: rel, Path: "layouts/" + rel, read: func() ([]byte, error) { return []byte(text), nil }})
	}
	for _, minify := range []bool{false, true} {
		cfg := config.Default()
		cfg.Minify = minify
		var diags diag.List
		tpl, err := loadTemplates(files, cfg, i18n.English(), nil, &diags)
		if err != nil || diags.HasErrors() {
			t.Fatalf("minify %v: %v %v", minify, err, diags.Items())
		}
		if tpl.minified != minify {
			t.Errorf("minify %v: minified %v", minify, tpl.minified)
		}
		if n := countT(tpl.sets["page.html"]); n != 0 {
			t.Errorf("minify %v: %d calls of T left in the set pages run with", minify, n)
		}
		if n := countT(tpl.asWritten()["page.html"]); n != 3 {
			t.Errorf("minify %v: %d calls of T in the set kept for messages, want the 3 written", minify, n)
		}
	}
}

// countT counts the commands that still call T, in every template of set.
func countT(set *template.Template) int {
	n := 0
	for _, tm := range set.Templates() {
		if tm.Tree == nil {
			continue
		}
		eachPipe(tm.Tree.Root, func(p *parse.PipeNode) {
			for _, c := range p.Cmds {
				if id, ok := c.Args[0].(*parse.IdentifierNode); ok && id.Ident == "T" {
					n++
				}
			}
		})
	}
	return n
}

// TestInlineConstants checks that inlining leaves what a layout writes as
// it was, and inlines exactly the constants escaped for HTML text.
func TestInlineConstants(t *testing.T) {
	for _, tc := range []struct {
		name, layout string
		left         int // actions left after inlining
	}{
		{"text", `<p>{{"Q&A: <b> \"x\" 'y' +\x00"}}</p>`, 0},
		{"beside text and values", `<p>a{{"b"}}{{"c"}}{{.}}{{"d"}}e</p>`, 1},
		{"inside if, range and else", `{{if .}}{{range .}}{{"x&y"}}{{else}}{{"z"}}{{end}}{{else}}{{"w"}}{{end}}`, 0},
		{"in a defined template", `{{define "x"}}<b>{{"<x>"}}</b>{{end}}<p>{{template "x" .}}</p>`, 0},
		{"attribute", `<a title="{{"a&b"}}">x</a>`, 1},
		{"url", `<a href="/x?q={{"a b&c"}}">x</a>`, 1},
		{"script", `<script>var s = {{"a&b"}};</script>`, 1},
		{"style", `<style>p { font-family: {{"a b"}} }</style>`, 1},
		{"title", `<title>{{"a&b"}}</title>`, 1},
		{"variable", `{{$s := "x"}}<p>{{$s}}</p>`, 2},
		{"piped on", `<p>{{"x" | printf "%s!"}}</p>`, 1},
		{"a number", `<p>{{1}}</p>`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain := template.Must(template.New("t").Parse(tc.layout))
			inlined := template.Must(template.New("t").Parse(tc.layout))
			data := []string{"<Schools>"}
			var want, first, got strings.Builder
			if err := plain.Execute(&want, data); err != nil {
				t.Fatal(err)
			}
			if err := inlined.Execute(&first, data); err != nil { // escapes it
				t.Fatal(err)
			}
			inlineConstants(inlined)
			if n := countActions(inlined); n != tc.left {
				t.Errorf("%d actions left, want %d", n, tc.left)
			}
			if err := inlined.Execute(&got, data); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() || first.String() != want.String() {
				t.Errorf("inlined gives\n%s\nnot inlined\n%s", got.String(), want.String())
			}
		})
	}
}

// TestInlineLeavesUnescapedTemplates: a template html/template has not
// escaped yet (a partial called only through partialCached, which
// escapes it when first called) keeps its actions, since their context is
// not known until it is escaped.
func TestInlineLeavesUnescapedTemplates(t *testing.T) {
	set := template.Must(template.New("t").Parse(`{{define "later"}}<p>{{"a&b"}}</p>{{end}}<p>{{"c"}}</p>`))
	if err := set.Execute(&strings.Builder{}, nil); err != nil {
		t.Fatal(err)
	}
	inlineConstants(set)
	if n := countActions(set.Lookup("later")); n != 1 {
		t.Errorf("the template not yet escaped has %d actions, want its 1", n)
	}
	var got strings.Builder
	if err := set.ExecuteTemplate(&got, "later", nil); err != nil || got.String() != "<p>a&amp;b</p>" {
		t.Errorf("got %q, %v", got.String(), err)
	}
}

// TestFirstRunInlinesOnce runs one set from many goroutines at once: the
// first run escapes the set and inlines its constants while the others
// wait, so each writes the same page (run with -race to see the trees are
// never changed under a reader).
func TestFirstRunInlinesOnce(t *testing.T) {
	layouts := map[string]string{
		"baseof.html":     `<!doctype html><title>x</title>{{block "main" .}}{{end}}`,
		"page.html":       `{{define "main"}}<p>{{T "home"}} {{.}} {{template "partials/x.html" .}}</p>{{end}}`,
		"partials/x.html": `<b>{{T "search_site"}}</b>`,
	}
	tpl := loadLayouts(t, layouts)
	set := tpl.sets["page.html"]
	const runs = 8
	outs := make([]strings.Builder, runs)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			if err := tpl.run(set, &outs[i], "a&b"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	want := "<!doctype html><title>x</title><p>Home a&amp;b <b>Search the casebook</b></p>"
	for i := range outs {
		if outs[i].String() != want {
			t.Errorf("run %d wrote %q, want %q", i, outs[i].String(), want)
		}
	}
	if n := countActions(set); n != 1 {
		t.Errorf("%d actions left in the set after its first run, want 1 (the page's {{.}})", n)
	}
}

// TestInlineLeavesWhatIsEscapedLater: a partial cached by key that first
// runs on a later page is escaped then, and a template it calls where the
// first run did not (here in an address and a script) is escaped again
// from its tree as it is then: that template keeps its actions, and the
// later page is what it would have been without inlining.
func TestInlineLeavesWhatIsEscapedLater(t *testing.T) {
	layouts := map[string]string{
		"baseof.html":        `<!doctype html>{{block "main" .}}{{end}}`,
		"page.html":          `{{define "main"}}<p>{{"one"}} {{template "partials/kind.html" .}}</p>{{if eq . "later"}}{{partialCached "partials/late.html" . "k"}}{{end}}{{end}}`,
		"partials/kind.html": `{{"Case study & more"}}`,
		"partials/late.html": `<a href="/search/?q={{template "partials/kind.html" .}}">x</a><script>var s = {{template "partials/kind.html" .}};</script>`,
	}
	page := func(order ...string) string {
		tpl := loadLayouts(t, layouts)
		var last strings.Builder
		for _, data := range order {
			last.Reset()
			if err := tpl.run(tpl.sets["page.html"], &last, data); err != nil {
				t.Fatal(err)
			}
		}
		return last.String()
	}
	want := page("later")
	if got := page("first", "later"); got != want {
		t.Errorf("after inlining, the later page is\n%s\nwithout it\n%s", got, want)
	}
	tpl := loadLayouts(t, layouts)
	set := tpl.sets["page.html"]
	if err := tpl.run(set, &strings.Builder{}, "first"); err != nil {
		t.Fatal(err)
	}
	if n := actionsIn(set.Lookup("partials/kind.html")); n != 1 {
		t.Errorf("partials/kind.html has %d actions after the first run, want its 1", n)
	}
	if n := actionsIn(set.Lookup("main")); n != 1 {
		t.Errorf("main has %d actions after the first run, want 1 (partialCached)", n)
	}
}

// TestUncacheOverrides checks which calls of partialCached in the default
// theme's layouts render a site's own partial every time: those cached by
// key that pass the layout data.
func TestUncacheOverrides(t *testing.T) {
	layouts := map[string]string{
		"baseof.html": `{{partialCached "partials/own.html" . "k"}}` + // rewritten
			`{{partialCached "partials/own.html" $ .Kind "k"}}` + // rewritten
			`{{partialCached "partials/own.html" .Site "k"}}` + // given less than the layout data
			`{{partialCached "partials/own.html" .}}` + // cached by its dot alone
			`{{partialCached "partials/theme.html" . "k"}}` + // not the site's
			`{{"k" | partialCached "partials/own.html" .}}` + // the key piped in
			`{{block "main" .}}{{end}}`,
		"page.html":           `{{define "main"}}{{partialCached "partials/own.html" . "k"}}{{end}}`, // the site's own layout
		"partials/own.html":   `x`,
		"partials/theme.html": `y`,
	}
	own := map[string]bool{"page.html": true, "partials/own.html": true}
	set := template.Must(template.New("").Funcs(template.FuncMap{"partialCached": func(string, any, ...any) string { return "" }}).Parse(""))
	for name, text := range layouts {
		template.Must(set.New(name).Parse(text))
	}
	uncacheOverrides(set, own)
	rewritten := map[string]int{}
	for _, tm := range set.Templates() {
		if tm.Tree == nil {
			continue
		}
		eachPipe(tm.Tree.Root, func(p *parse.PipeNode) {
			for _, cmd := range p.Cmds {
				if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && id.Ident == uncachedName {
					rewritten[tm.Tree.ParseName]++
					if len(cmd.Args) != 3 {
						t.Errorf("%s: %s keeps %d arguments, want the name and the dot", tm.Name(), cmd, len(cmd.Args)-1)
					}
				}
			}
		})
	}
	if want := map[string]int{"baseof.html": 2}; !maps.Equal(rewritten, want) {
		t.Errorf("rewritten calls by layout: %v, want %v", rewritten, want)
	}
}

// loadLayouts loads layouts, by path under layouts/, as a build does.
func loadLayouts(t *testing.T, layouts map[string]string) *templates {
	t.Helper()
	var files []File
	for rel, text := range layouts {
		files = append(files, File{Rel: rel, Path: "layouts/" + rel, read: func() ([]byte, error) { return []byte(text), nil }})
	}
	var diags diag.List
	tpl, err := loadTemplates(files, config.Default(), i18n.English(), nil, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	return tpl
}

// countActions counts the actions in every template of set.
func countActions(set *template.Template) int {
	n := 0
	for _, tm := range set.Templates() {
		n += actionsIn(tm)
	}
	return n
}

// actionsIn counts the actions in one template.
func actionsIn(tm *template.Template) int {
	n := 0
	if tm.Tree != nil {
		eachNode(tm.Tree.Root, func(node parse.Node) {
			if _, ok := node.(*parse.ActionNode); ok {
				n++
			}
		})
	}
	return n
}

// FuzzInlineConstants holds inlining to what html/template writes: a
// layout run again after its constants were inlined writes what it wrote
// before, for two different values of the dot.
func FuzzInlineConstants(f *testing.F) {
	f.Add(`<p title="{{"a&b"}}">{{"Q&A <b>"}}{{.}}</p><script>var s = {{"x"}};</script>`, "<x>")
	f.Add(`{{define "x"}}{{"c"}}{{end}}<a href="?q={{template "x"}}">{{template "x"}}</a>`, "a b")
	f.Add(`{{if .}}{{range .}}{{"x&y"}}{{else}}{{"z"}}{{end}}{{else}}<style>{{"w"}}</style>{{end}}`, "")
	f.Add(`<textarea>{{"<"}}</textarea><!-- {{"c"}} --><a onclick="f({{"'"}})">{{"\x00"}}</a>`, "'")
	f.Fuzz(func(t *testing.T, layout, dot string) {
		plain, err := template.New("t").Parse(layout)
		if err != nil {
			return
		}
		inlined := template.Must(template.New("t").Parse(layout))
		for _, data := range []any{dot, []string{dot, "&"}} {
			var want, first strings.Builder
			if plain.Execute(&want, data) != nil || inlined.Execute(&first, data) != nil {
				return
			}
		}
		inlineConstants(inlined)
		for _, data := range []any{dot, []string{dot, "&"}} {
			var want, got strings.Builder
			_ = plain.Execute(&want, data)
			if err := inlined.Execute(&got, data); err != nil || got.String() != want.String() {
				t.Fatalf("%q: inlined gives %q (%v), not %q", layout, got.String(), err, want.String())
			}
		}
	})
}
