package search

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// snippetFor is the text a result shows under its title when it was found
// by a word in the given tier at byte pos of that tier's field: the
// sentence around the word, or for a word in the title, the start of the
// head (or of the body, when the doc has no head).
func (ix *indexer) snippetFor(id int32, tier uint8, pos int, bodies *bodies) string {
	d := &ix.docs[id]
	switch tier {
	case tierTitle:
		if d.head != "" {
			return lead(d.head, snippetLen)
		}
		return d.titleLead
	case tierHead:
		return window(d.head, pos)
	}
	return window(bodies.of(id, d), pos)
}

// bodies unpacks the bodies snippets are cut from, keeping the last few:
// a term's top list names the first docs of its best tier, so one run of
// terms names the same docs again and again.
type bodies struct {
	text     map[int32]string
	unpacked int // how many times a body was unpacked, for tests
	stop     *stopper
}

// bodiesKept is how many unpacked bodies one worker keeps at a time.
const bodiesKept = 256

func (b *bodies) of(id int32, d *doc) string {
	if t, ok := b.text[id]; ok {
		return t
	}
	if b.text == nil || len(b.text) >= bodiesKept {
		b.text = make(map[int32]string, bodiesKept)
	}
	t, err := d.body.String()
	if err != nil {
		b.stop.fail(err) // the index is not written; the snippet does not matter
	}
	b.text[id] = t
	b.unpacked++
	return t
}

// window cuts about snippetLen bytes of text around byte pos, within the
// line (block) pos is on, at word ends, with … where it cuts.
func window(text string, pos int) string {
	if pos < 0 || pos > len(text) {
		pos = 0
	}
	ls := strings.LastIndexByte(text[:pos], '\n') + 1
	le := len(text)
	if i := strings.IndexByte(text[pos:], '\n'); i >= 0 {
		le = pos + i
	}
	start := max(ls, pos-snippetLead)
	if start > ls {
		if i := strings.IndexByte(text[start:pos], ' '); i >= 0 {
			start += i + 1
		} else {
			start = pos
		}
	}
	end := min(le, start+snippetLen)
	if end < le {
		if i := strings.LastIndexByte(text[pos:end], ' '); i > 0 {
			end = pos + i
		}
		end = finishRune(text, end, le)
	}
	out := strings.TrimSpace(text[start:end])
	if start > ls {
		out = "…" + out
	}
	if end < le {
		out += "…"
	}
	return out
}

// lead is the start of text, its runs of spaces and line ends made single
// spaces, cut at a word end near n bytes.
func lead(text string, n int) string {
	text = strings.TrimSpace(text)
	if len(text) <= n && !strings.ContainsAny(text, "\n\t\r") && !strings.Contains(text, "  ") {
		return text
	}
	b := make([]byte, 0, n+4)
	space, i := false, 0
	for ; i < len(text) && len(b) < n; i++ {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			space = true
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	if i == len(text) {
		return string(b)
	}
	// Cut back to the last word end; with none, finish the character the
	// loop stopped inside.
	if j := bytes.LastIndexByte(b, ' '); j > 0 {
		b = b[:j]
	} else {
		b = append(b, text[i:finishRune(text, i, len(text))]...)
	}
	return string(b) + "…"
}

// finishRune moves i, which may be inside a character, onto the next
// character's start, stopping at end; it passes no more bytes than one
// character has, since invalid text may have a run of them.
func finishRune(text string, i, end int) int {
	for n := 1; n < utf8.UTFMax && i < end && !utf8.RuneStart(text[i]); n++ {
		i++
	}
	return i
}
