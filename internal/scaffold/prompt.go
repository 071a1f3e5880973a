package scaffold

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/content"
)

// Prompter asks for a new page's fields on a terminal.
type Prompter struct {
	In  *bufio.Reader
	Out io.Writer
	eof bool
}

// NewPrompter reads answers from in and writes questions to out.
func NewPrompter(in io.Reader, out io.Writer) *Prompter {
	return &Prompter{In: bufio.NewReader(in), Out: out}
}

// Ask fills in vals: the title if it is missing, every required field not
// yet given, and the optional references to districts, themes, pairs and
// stages.
// An empty answer leaves a field empty (check will point at a required
// one); the end of input stops the questions.
func (p *Prompter) Ask(spec *content.KindSpec, vals Values, s *Site) error {
	if !vals.Has("title") {
		t, err := p.text("Title")
		if err != nil {
			return err
		}
		if t != "" {
			// Before the other questions, so nobody answers them for a
			// page that cannot be made.
			if err := CheckFree(spec, t, s); err != nil {
				return err
			}
			vals["title"] = []string{t}
		}
	}
	for _, f := range Ordered(spec) {
		if p.eof || f.Name == "title" || vals.Has(f.Name) {
			continue
		}
		ref := f.Type == content.RefField || f.Type == content.RefListField
		if !f.Required && !(ref && f.RefKind != content.Resource) {
			continue
		}
		var got []string
		var err error
		if ref {
			got, err = p.choose(f, s)
		} else {
			var t string
			t, err = p.text(label(f))
			if t != "" {
				got = []string{t}
			}
		}
		if err != nil {
			return err
		}
		if len(got) > 0 {
			vals[f.Name] = got
		}
	}
	return nil
}

func label(f content.Field) string {
	l := strings.ToUpper(f.Name[:1]) + strings.ReplaceAll(f.Name[1:], "_", " ")
	if f.Doc != "" {
		l += " (" + f.Doc + ")"
	}
	return l
}

// readLine reads one answer; at the end of input it returns "" and stops
// further questions.
func (p *Prompter) readLine() (string, error) {
	s, err := p.In.ReadString('\n')
	if err == io.EOF {
		p.eof = true
		err = nil
		if s != "" {
			fmt.Fprintln(p.Out)
		}
	}
	return strings.TrimSpace(s), err
}

func (p *Prompter) text(q string) (string, error) {
	fmt.Fprintf(p.Out, "%s: ", q)
	return p.readLine()
}

// choose offers the site's pages of the field's kind as numbered choices and
// accepts numbers or slugs, several separated by commas or spaces for a
// list field.
func (p *Prompter) choose(f content.Field, s *Site) ([]string, error) {
	cs := s.Choices[f.RefKind]
	spec := content.SpecFor(f.RefKind)
	if len(cs) == 0 {
		fmt.Fprintf(p.Out, "%s: this site has no %s yet; add one with `casebook new %s \"Title\"`\n", label(f), spec.Dir, f.RefKind)
		return nil, nil
	}
	fmt.Fprintf(p.Out, "%s:\n", label(f))
	for i, c := range cs {
		fmt.Fprintf(p.Out, "  %2d  %s  (%s)\n", i+1, c.Title, c.Slug)
	}
	many := f.Type == content.RefListField
	for !p.eof {
		q := "Choose a number"
		if many {
			q = "Choose one or more numbers, separated by commas"
		}
		skip := "Enter to skip"
		if f.Required {
			skip = "Enter to leave it for later"
		}
		fmt.Fprintf(p.Out, "%s (%s): ", q, skip)
		ans, err := p.readLine()
		if err != nil || ans == "" {
			return nil, err
		}
		picked, bad := pick(ans, cs)
		switch {
		case bad != "":
			fmt.Fprintf(p.Out, "  %q is not one of the choices; type a number from 1 to %d\n", bad, len(cs))
		case !many && len(picked) > 1:
			fmt.Fprintf(p.Out, "  choose only one\n")
		default:
			return picked, nil
		}
	}
	return nil, nil
}

// pick turns an answer into slugs; bad is the first word that is neither a
// choice's number nor its slug.
func pick(ans string, cs []Choice) (slugs []string, bad string) {
	for _, w := range strings.FieldsFunc(ans, func(r rune) bool { return r == ',' || r == ' ' }) {
		slug := ""
		if n, err := strconv.Atoi(w); err == nil && n >= 1 && n <= len(cs) {
			slug = cs[n-1].Slug
		} else {
			for _, c := range cs {
				if c.Slug == w {
					slug = w
				}
			}
		}
		if slug == "" {
			return nil, w
		}
		if !contains(slugs, slug) {
			slugs = append(slugs, slug)
		}
	}
	return slugs, ""
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
