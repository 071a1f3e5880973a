// Package diag holds the diagnostic type every stage of the pipeline reports
// content problems with, and the helpers to sort, print and suggest fixes.
//
// Stages collect diagnostics and go on past the first one, so an author sees
// every problem of a run at once. Only system failures (I/O, bugs) are Go
// errors.
package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Warning is printed but does not fail the build.
	Warning Severity = iota
	// Error fails the build.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem found in one file. Path is relative to the site
// root, with forward slashes. Line and Col count from 1; 0 means unknown.
type Diagnostic struct {
	Path     string
	Line     int
	Col      int
	Severity Severity
	Message  string
	Hint     string
}

// Location is where the diagnostic points, as path:line:col, leaving out
// what is unknown.
func (d Diagnostic) Location() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	return b.String()
}

// String formats the diagnostic as path:line:col: severity: message, with the
// hint, if any, on an indented second line.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Location())
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Message)
	if d.Hint != "" {
		fmt.Fprintf(&b, "\n  hint: %s", d.Hint)
	}
	return b.String()
}

// JSON is a diagnostic as casebook gives it to programs: `check --format
// json` and the development server's event stream share this one shape.
type JSON struct {
	Location string `json:"location"` // path:line:col, as printed
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// JSON returns the diagnostic in the shape programs read.
func (d Diagnostic) JSON() JSON {
	return JSON{Location: d.Location(), Path: d.Path, Line: d.Line, Column: d.Col,
		Severity: d.Severity.String(), Message: d.Message, Hint: d.Hint}
}

// List collects diagnostics. The zero value is ready to use. A List is not
// safe for concurrent use; parallel stages keep one each and Merge them.
type List struct {
	items []Diagnostic
}

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Merge appends every diagnostic of other.
func (l *List) Merge(other List) { l.items = append(l.items, other.items...) }

// Clone returns a copy of the list.
func (l *List) Clone() List { return List{items: slices.Clone(l.items)} }

// Subtract removes one diagnostic equal to each of other's, where there is
// one: what a list was before other was merged into it.
func (l *List) Subtract(other List) {
	for _, d := range other.items {
		if i := slices.Index(l.items, d); i >= 0 {
			l.items = slices.Delete(l.items, i, i+1)
		}
	}
}

// Errorf adds an error at path:line:col with a hint (which may be empty).
func (l *List) Errorf(path string, line, col int, hint, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// Warnf adds a warning at path:line:col with a hint (which may be empty).
func (l *List) Warnf(path string, line, col int, hint, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// Items returns the diagnostics sorted by path, line, column, severity and
// message, with exact duplicates removed.
func (l *List) Items() []Diagnostic {
	items := slices.Clone(l.items)
	slices.SortFunc(items, compare)
	return slices.Compact(items)
}

// Len is the number of diagnostics collected.
func (l *List) Len() int { return len(l.items) }

// Count returns how many errors and warnings Items holds (duplicates
// folded, as they are printed).
func (l *List) Count() (errors, warnings int) {
	for _, d := range l.Items() {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Print writes every diagnostic, sorted, one per line (hints indented below).
func (l *List) Print(w io.Writer) {
	for _, d := range l.Items() {
		fmt.Fprintln(w, d.String())
	}
}

// PrintBrief prints the diagnostics as Print does, except that of the
// warnings sharing a message it prints only the first perMessage: the
// twenty-odd placeholders of a new site would bury the one error among
// them. It returns how many it left out.
func (l *List) PrintBrief(w io.Writer, perMessage int) (left int) {
	seen := map[string]int{}
	for _, d := range l.Items() {
		if d.Severity == Warning {
			if seen[d.Message]++; seen[d.Message] > perMessage {
				left++
				continue
			}
		}
		fmt.Fprintln(w, d.String())
	}
	return left
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(b.Severity, a.Severity),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Hint, b.Hint),
	)
}
