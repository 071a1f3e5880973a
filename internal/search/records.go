package search

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/parallel"
)

// appendRecord appends what a result shows of a doc: its number, title,
// address, kind, district and year; with text, the start of its head, and
// of its body when the head is short, for a snippet; last, for a page not
// translated into the index's language, the language of its text (after
// an empty snippet when there is no text).
func (ix *indexer) appendRecord(dst []byte, id int32, text bool) []byte {
	d := &ix.docs[id]
	district := ""
	if d.district != nil && d.kind != kindDistrict {
		district = d.district.Title
	}
	dst = strconv.AppendInt(append(dst, '['), int64(id), 10)
	dst = appendJSONString(append(dst, ','), ix.docTitle(id))
	dst = appendJSONString(append(dst, ','), ix.docURL(id))
	dst = strconv.AppendInt(append(dst, ','), int64(d.kind), 10)
	dst = appendJSONString(append(dst, ','), district)
	dst = strconv.AppendInt(append(dst, ','), int64(d.year), 10)
	if text {
		sn := lead(d.head, headChars)
		if d.recordLead != "" {
			sn = strings.TrimSpace(sn + " " + d.recordLead)
		}
		dst = appendJSONString(append(dst, ','), sn)
	}
	if d.lang != "" {
		if !text {
			dst = append(dst, `,""`...)
		}
		dst = appendJSONString(append(dst, ','), d.lang)
	}
	return append(dst, ']')
}

// setLeads keeps the starts of the body that the doc's record and a
// snippet for its title show, so that only snippets from inside the body
// need it unpacked again.
func (d *doc) setLeads(body string) {
	if body == "" {
		return
	}
	if rest := headChars - len(lead(d.head, headChars)); rest >= minBodyLead {
		d.recordLead = lead(body, rest)
	}
	if d.head == "" {
		d.titleLead = lead(body, snippetLen)
	}
}

// writeRecords writes every doc's record, recordsPer docs a file, and
// returns the digest of each run of recordChunk files (see manifest).
func (ix *indexer) writeRecords() []string {
	n := (len(ix.docs) + recordsPer - 1) / recordsPer
	var sums []string
	// A run of files shares a digest in their names, so each run is
	// made whole (on every core) before its files are named.
	for lo := 0; lo < n && !ix.stop.now(); lo += recordChunk {
		files := make([][]byte, min(recordChunk, n-lo))
		parallel.Each(len(files), func(k int) { files[k] = ix.recordFile(lo + k) })
		sum := digest(files...)
		for k, data := range files {
			ix.add(fmt.Sprintf("d-%s-%d.json", sum, lo+k), data)
		}
		sums = append(sums, sum)
	}
	return sums
}

// recordFile is record file f: docs [f*recordsPer, (f+1)*recordsPer).
func (ix *indexer) recordFile(f int) []byte {
	lo, hi := f*recordsPer, min((f+1)*recordsPer, len(ix.docs))
	js := make([]byte, 1, 400*(hi-lo))
	js[0] = '['
	for d := lo; d < hi; d++ {
		if d > lo {
			js = append(js, ',')
		}
		js = ix.appendRecord(js, int32(d), true)
	}
	return append(js, ']')
}
