// Package tmplscan finds the {{actions}} in a layout's text the way
// text/template's lexer bounds them, without parsing what is inside:
// a "}}" inside a quoted or raw string, or inside a comment, does not end
// an action. Messages about a layout and the layout minifier both need
// that much and no more.
package tmplscan

import "strings"

// Action is where one action lies in the text: Start at its "{{", Body
// after the "{{" and any trim marker, End at its closing "}}".
type Action struct{ Start, Body, End int }

// Comment reports whether the action is a comment, {{/* ... */}}.
func (a Action) Comment(text string) bool { return strings.HasPrefix(text[a.Body:], "/*") }

// Actions lists the actions of text in order. An action left unterminated
// ends the list: the template does not parse.
func Actions(text string) []Action {
	var out []Action
	for i := 0; ; {
		start := strings.Index(text[i:], "{{")
		if start < 0 {
			return out
		}
		start += i
		body := start + 2
		if len(text) > body+1 && text[body] == '-' && strings.IndexByte(" \t\r\n", text[body+1]) >= 0 {
			body += 2 // a trim marker: a dash and a space, tab or line break
		}
		end := actionEnd(text, body)
		if end < 0 {
			return out
		}
		out = append(out, Action{Start: start, Body: body, End: end})
		i = end + 2
	}
}

// actionEnd finds the "}}" that ends an action whose text starts at i, or -1.
func actionEnd(text string, i int) int {
	if strings.HasPrefix(text[i:], "/*") {
		// The comment's end is looked for after its start, as the lexer
		// does: "{{/*/}}" is not closed.
		c := strings.Index(text[i+2:], "*/")
		if c < 0 {
			return -1
		}
		i += 2 + c + 2
	}
	for i < len(text) {
		switch c := text[i]; c {
		case '"', '\'', '`':
			j := i + 1
			for j < len(text) && text[j] != c {
				if text[j] == '\\' && c != '`' {
					j++
				}
				j++
			}
			i = j + 1
		case '}':
			if strings.HasPrefix(text[i:], "}}") {
				return i
			}
			i++
		default:
			i++
		}
	}
	return -1
}
