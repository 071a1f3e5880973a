package linkcheck

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCheckFindsPlantedDefects(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html": `<a href="/casebook/a/">ok</a> <a href="/casebook/a/#top">ok anchor</a> <a href="https://elsewhere.org/">external</a>` +
			` <a href="/casebook/missing/">missing</a> <a href="/other/">outside</a> <a href="/casebook/a/#nope">bad anchor</a>` +
			` <img src="/casebook/img/x.png"> <a href="#here" id="here">self</a>`,
		"a/index.html": `<h2 id="top">Top</h2>`,
		"sitemap.xml":  `<urlset><url><loc>https://example.org/casebook/a/</loc></url><url><loc>https://example.org/casebook/gone/</loc></url></urlset>`,
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Load(dir, "https://example.org/casebook/")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range s.Check() {
		got = append(got, p.String())
	}
	want := []string{
		"index.html: /casebook/missing/: no such file in the output",
		"index.html: /other/: points outside the base path /casebook/",
		"index.html: /casebook/a/#nope: no element with id nope",
		"index.html: /casebook/img/x.png: no such file in the output",
		"sitemap.xml: https://example.org/casebook/gone/: no such file in the output",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
