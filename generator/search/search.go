// Package search builds the site's search index: one JSON file that the
// theme's search page fetches and searches in the browser, so that the
// static site needs no search server.
//
// In: the site model and the facts of its pages (the index reads each
// page's plain text and headings, which the facts keep after a page's HTML
// is released, and its terms). Out: Path, a compact index of every published regular page
// in site order (s.Pages, less the search page itself, the page whose
// layout is "search"). Wanted reports whether the site has a search page;
// without one no index is written.
//
// # Words: the contract between Go and JavaScript
//
// The index is made here, in Go; queries are matched in
// themes/ezine/assets/js/search.js. Both fold text into words the same way
// (Fold here, fold there), and testdata/fold.json holds the cases that
// both are tested against:
//
//  1. A word is a maximal run of letters, digits and combining marks
//     (Unicode categories L, N, M; \p{L}, \p{N}, \p{M} in JavaScript).
//     Anything else separates words: "zo’n" is "zo" and "n", "e-zine" is
//     "e" and "zine".
//  2. Each character is lower-cased on its own, without context (Go's
//     unicode.ToLower, JavaScript's toLowerCase of one character).
//  3. The word is decomposed (NFD) and its combining marks are removed:
//     "Financiële" is "financiele", "İ" is "i".
//
// A folded word on the Snowball Dutch stop word list ("de", "en", "van",
// …) is left out. Every other word is stemmed with the Snowball Dutch
// stemmer (Stem), and pages are indexed by stem: "opleidingen" and
// "opleiding" are both "opleid".
//
// JavaScript has no stemmer. Instead the index holds, for each stem, the
// folded words of the site that have it (the vocabulary), and the endings
// that stemming took off those words (Suffixes: "en", "ingen", "s", …). A
// query is folded, its stop words dropped, and each query word q then
// matches
//
//   - the stem of every vocabulary word that starts with q, so that results
//     come as the reader types ("opleid" finds "opleidingen" and, through
//     their stem, "opleiding"); a word equal to q counts fully, a longer
//     one prefixWeight; and
//   - the stem s, or the stem of the vocabulary word s, when q is s plus
//     one of the suffixes (s at least minSuffixStem letters), so that
//     "opleidingen" finds "opleiding" on a site where only "opleiding"
//     occurs, and "havens" finds "haven" (which Snowball stems to "hav").
//
// What this cannot reach is a form the site does not have whose stem is
// no prefix of it: Snowball stems "opstapbaan" to "opstapban", so on a site
// with only "opstapbanen" that query finds nothing (while "opstapba", a
// prefix, finds it).
//
// If every query word is a stop word, the last one is still used as a
// prefix, so typing "zo" on the way to "zorg" shows results.
//
// A page matches when every query word matches it, and the type and
// subject filters let it through (the subject is the vocabulary's Subject
// taxonomy: the e-zine's deelakkoord). Its score is, over the query words,
// the sum of log2(1 + w) × ln(1 + pages / pages matching the word), where
// w adds up, over the stems the word matches, the stem's weight on the
// page times the match's factor. A stem's weight on a page counts each
// occurrence in the title weightTitle, in a heading weightHeading, in the
// description weightDescription, in the title of its type or subject
// terms weightTerm, and in the text weightText. Equal scores keep site order.
// The words highlighted in a result are those whose stem matched.
//
// # The file
//
// A JSON object (see Index): format version "v"; "stop", the folded stop
// words; "suffixes"; "types" and "subjects" (the terms of the subject
// taxonomy), the filter values as {"k": term slug, "t": title}; "pages",
// each with "u" URL, "t" title, "y" and "d" (indexes into types and
// subjects), "l" description,
// "h" headings and "x" the plain text, one block a line; and "stems",
// each an array [stem, postings, word…] where postings alternate page
// index and weight, pages ascending. Everything is sorted, so the same
// site gives the same bytes.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// Path is the output file of the index, at the root of the site. The
// search layout fetches it from "/zoekindex.json".
const Path = "zoekindex.json"

// Version is the format version, "v" in the file; search.js refuses
// another.
const Version = 2

// SearchLayout is the layout of the search page: a site with a page in
// that layout gets an index, and that page is not in it.
const SearchLayout = "search"

// The weight of one occurrence of a word in each part of a page. A word of
// the title says most about what the page is about; the text says least
// per occurrence, but has many.
const (
	weightTitle       = 10
	weightHeading     = 4
	weightDescription = 2
	weightTerm        = 2 // the titles of the page's type and subject terms
	weightText        = 1
)

// minSuffixStem is the shortest stem a query word can reach through a
// suffix: shorter stems ("ba" + "nen") would match by accident. search.js
// has the same number.
const minSuffixStem = 3

// prefixWeight is the factor of a match through a longer word: "opleid"
// typed matches "opleidingen", but less than "opleid" itself would.
// search.js has the same number.
const prefixWeight = 0.5

// Index is the search index as written to Path.
type Index struct {
	Version  int      `json:"v"`
	Stop     []string `json:"stop"`
	Suffixes []string `json:"suffixes"`
	Types    []Term   `json:"types"`
	// Subjects are the terms of the vocabulary's Subject taxonomy.
	Subjects []Term  `json:"subjects"`
	Pages    []Page  `json:"pages"`
	Stems    []Entry `json:"stems"`
}

// Term is a value of a filter: a taxonomy term.
type Term struct {
	Key   string `json:"k"` // the term's slug, as in its URL
	Title string `json:"t"`
}

// Page is one page of the index.
type Page struct {
	URL         string   `json:"u"`
	Title       string   `json:"t"`
	Types       []int    `json:"y,omitempty"` // into Index.Types
	Subjects    []int    `json:"d,omitempty"` // into Index.Subjects
	Description string   `json:"l,omitempty"`
	Headings    []string `json:"h,omitempty"`
	Text        string   `json:"x"`
}

// Entry is one stem with the pages it occurs on and the words that have it.
type Entry struct {
	Stem     string
	Postings []int // page index, weight, page index, weight, …
	Words    []string
}

// MarshalJSON writes a stem as [stem, postings, word, …].
func (s Entry) MarshalJSON() ([]byte, error) {
	row := make([]any, 0, 2+len(s.Words))
	row = append(row, s.Stem, s.Postings)
	for _, w := range s.Words {
		row = append(row, w)
	}
	return json.Marshal(row)
}

// UnmarshalJSON reads a stem written by MarshalJSON.
func (s *Entry) UnmarshalJSON(b []byte) error {
	var row []json.RawMessage
	if err := json.Unmarshal(b, &row); err != nil {
		return err
	}
	if len(row) < 2 {
		return fmt.Errorf("stem entry with %d fields, want at least 2", len(row))
	}
	*s = Entry{Words: make([]string, len(row)-2)}
	if err := json.Unmarshal(row[0], &s.Stem); err != nil {
		return err
	}
	if err := json.Unmarshal(row[1], &s.Postings); err != nil {
		return err
	}
	for i, w := range row[2:] {
		if err := json.Unmarshal(w, &s.Words[i]); err != nil {
			return err
		}
	}
	return nil
}

// Wanted reports whether s has a search page, and so needs an index.
func Wanted(s *site.Site) bool {
	for _, p := range s.Pages {
		if isSearchPage(p) {
			return true
		}
	}
	return false
}

func isSearchPage(p *site.Page) bool { return p.Meta().Layout == SearchLayout }

// Build makes the index of s's published regular pages, with their text
// and headings from f.
func Build(s *site.Site, f site.Facts) *Index {
	b := builder{
		subject:  s.Vocabulary().Subject,
		ix:       &Index{Version: Version, Stop: StopWords()},
		stems:    map[string]*stemEntry{},
		suffixes: map[string]bool{},
		terms:    map[string]map[string]int{},
	}
	var pages []*site.Page
	for _, p := range s.Pages {
		if !isSearchPage(p) {
			pages = append(pages, p)
		}
	}
	b.ix.Types = b.filter(s, "type", pages)
	b.ix.Subjects = b.filter(s, b.subject, pages)
	for i, p := range pages {
		b.page(i, p, f.Result(p))
	}
	b.finish()
	return b.ix
}

type builder struct {
	subject  string // the vocabulary's Subject taxonomy, the second filter
	ix       *Index
	stems    map[string]*stemEntry
	suffixes map[string]bool
	terms    map[string]map[string]int // taxonomy -> term slug -> filter index
	weights  map[string]int            // stem -> weight on the current page
}

type stemEntry struct {
	postings []int
	words    map[string]bool
}

// filter lists the terms of a taxonomy that the indexed pages use, in the
// taxonomy's order.
func (b *builder) filter(s *site.Site, name string, pages []*site.Page) []Term {
	used := map[*site.Page]bool{}
	for _, p := range pages {
		for _, t := range p.Terms(name) {
			used[t] = true
		}
	}
	tax := s.Taxonomy(name)
	out := []Term{}
	b.terms[name] = map[string]int{}
	if tax == nil {
		return out
	}
	for _, t := range tax.Terms {
		if used[t] {
			b.terms[name][t.Term] = len(out)
			out = append(out, Term{Key: t.Term, Title: t.Title})
		}
	}
	return out
}

// page indexes page number i, whose body yielded res.
func (b *builder) page(i int, p *site.Page, res *markdown.Result) {
	ip := Page{URL: p.RelPermalink(), Title: p.Title, Description: p.Description, Text: res.Text}
	b.weights = map[string]int{}
	b.add(p.Title, weightTitle)
	b.add(p.Description, weightDescription)
	for _, h := range res.Headings {
		ip.Headings = append(ip.Headings, h.Text)
		b.add(h.Text, weightHeading)
	}
	for _, t := range p.Terms("type") {
		ip.Types = append(ip.Types, b.terms["type"][t.Term])
		b.add(t.Title, weightTerm)
	}
	for _, t := range p.Terms(b.subject) {
		ip.Subjects = append(ip.Subjects, b.terms[b.subject][t.Term])
		b.add(t.Title, weightTerm)
	}
	b.add(ip.Text, weightText)
	b.ix.Pages = append(b.ix.Pages, ip)
	for _, stem := range slices.Sorted(maps.Keys(b.weights)) {
		e := b.stems[stem]
		e.postings = append(e.postings, i, b.weights[stem])
	}
}

// add counts the words of text on the current page, each with weight w.
func (b *builder) add(text string, w int) {
	for _, word := range Fold(text) {
		if IsStopWord(word) {
			continue
		}
		stem := Stem(word)
		e := b.stems[stem]
		if e == nil {
			e = &stemEntry{words: map[string]bool{}}
			b.stems[stem] = e
		}
		if !e.words[word] {
			e.words[word] = true
			if suffix, ok := strings.CutPrefix(word, stem); ok && suffix != "" {
				b.suffixes[suffix] = true
			}
		}
		b.weights[stem] += w
	}
}

// finish sorts the stems and suffixes into the index.
func (b *builder) finish() {
	b.ix.Suffixes = slices.Sorted(maps.Keys(b.suffixes))
	b.ix.Stems = make([]Entry, 0, len(b.stems))
	for _, stem := range slices.Sorted(maps.Keys(b.stems)) {
		e := b.stems[stem]
		b.ix.Stems = append(b.ix.Stems, Entry{Stem: stem, Postings: e.postings, Words: slices.Sorted(maps.Keys(e.words))})
	}
}

// JSON encodes the index compactly, with <, > and & as themselves: the
// file is served as JSON, never put into HTML.
func (ix *Index) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ix); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
