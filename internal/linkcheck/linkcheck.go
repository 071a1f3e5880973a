// Package linkcheck checks a built site the way a static host serves it:
// every internal link, image, stylesheet, script, feed and sitemap entry must
// resolve to a file under the base path, and every #anchor to an id on its
// page.
package linkcheck

import (
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Problem is one broken reference.
type Problem struct {
	Page string // output file that holds the reference
	Ref  string
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s: %s", p.Page, p.Ref, p.Msg) }

var (
	attrRe = regexp.MustCompile(`\s(?:href|src|action)="([^"]*)"`)
	idRe   = regexp.MustCompile(`\sid="([^"]*)"`)
	locRe  = regexp.MustCompile(`<(?:loc|id)>([^<]*)</(?:loc|id)>|<link[^>]*href="([^"]*)"`)
)

// Site is a built site read into memory.
type Site struct {
	dir      string
	basePath string
	host     string // scheme://host of the base URL, "" for path-only
	files    map[string]string
}

// Load reads the output folder dir of a site built for baseURL.
func Load(dir, baseURL string) (*Site, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	s := &Site{dir: dir, basePath: u.Path, files: map[string]string{}}
	if u.Host != "" {
		s.host = u.Scheme + "://" + u.Host
	}
	if !strings.HasSuffix(s.basePath, "/") {
		s.basePath += "/"
	}
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		ext := path.Ext(p)
		body := ""
		if ext == ".html" || ext == ".xml" || ext == ".css" || ext == ".txt" {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			body = string(b)
		}
		s.files[filepath.ToSlash(rel)] = body
		return nil
	})
	return s, err
}

// Pages lists the HTML files, sorted.
func (s *Site) Pages() []string {
	var out []string
	for f := range s.files {
		if strings.HasSuffix(f, ".html") {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// Check returns every broken reference of the site.
func (s *Site) Check() []Problem {
	var problems []Problem
	names := make([]string, 0, len(s.files))
	for f := range s.files {
		names = append(names, f)
	}
	slices.Sort(names)
	for _, f := range names {
		body := s.files[f]
		var refs []string
		switch path.Ext(f) {
		case ".html":
			for _, m := range attrRe.FindAllStringSubmatch(body, -1) {
				refs = append(refs, html.UnescapeString(m[1]))
			}
		case ".xml":
			for _, m := range locRe.FindAllStringSubmatch(body, -1) {
				refs = append(refs, html.UnescapeString(m[1]+m[2]))
			}
		}
		for _, ref := range refs {
			if msg := s.checkRef(f, ref); msg != "" {
				problems = append(problems, Problem{Page: f, Ref: ref, Msg: msg})
			}
		}
	}
	return problems
}

// Links returns the internal pages a page links to, as output files.
func (s *Site) Links(page string) []string {
	var out []string
	for _, m := range attrRe.FindAllStringSubmatch(s.files[page], -1) {
		if file, _, ok := s.resolve(page, html.UnescapeString(m[1])); ok {
			out = append(out, file)
		}
	}
	return out
}

func (s *Site) checkRef(page, ref string) string {
	if ref == "" {
		return "empty reference"
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "not a valid URL"
	}
	if u.Scheme != "" || u.Host != "" {
		if s.host == "" || u.Scheme+"://"+u.Host != s.host {
			return "" // external
		}
	}
	if u.Path != "" && !strings.HasPrefix(u.Path, s.basePath) {
		return "points outside the base path " + s.basePath
	}
	file, frag, ok := s.resolve(page, ref)
	if !ok {
		return "no such file in the output"
	}
	if frag != "" && strings.HasSuffix(file, ".html") && !s.hasID(file, frag) {
		return "no element with id " + frag
	}
	return ""
}

// resolve maps an internal reference to the output file a host would serve.
func (s *Site) resolve(page, ref string) (file, frag string, ok bool) {
	u, err := url.Parse(ref)
	if err != nil || ((u.Scheme != "" || u.Host != "") && (s.host == "" || u.Scheme+"://"+u.Host != s.host)) {
		return "", "", false
	}
	frag = u.Fragment
	if u.Path == "" {
		return page, frag, true
	}
	if !strings.HasPrefix(u.Path, s.basePath) {
		return "", frag, false
	}
	rel := strings.TrimPrefix(u.Path, s.basePath)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	_, ok = s.files[rel]
	return rel, frag, ok
}

func (s *Site) hasID(file, id string) bool {
	for _, m := range idRe.FindAllStringSubmatch(s.files[file], -1) {
		if html.UnescapeString(m[1]) == id {
			return true
		}
	}
	return false
}
