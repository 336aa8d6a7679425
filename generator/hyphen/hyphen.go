// Package hyphen places soft hyphens (U+00AD) in long Dutch words, so that
// a browser breaks a word that does not fit on a line only where Dutch
// allows it ("Leerwerk-akkoord"), never in the middle of a syllable
// ("Leerwerkakkoor-d"). Browsers cannot be relied on for this: Chromium
// hyphenates lang="nl" only with dictionaries it downloads itself, and
// Debian's headless Chromium has none.
//
// It is Liang's algorithm (the one TeX uses) over the TeX hyphenation
// patterns for Dutch by Piet Tutelaers (MIT licence; see patterns/README.md),
// embedded in the binary.
//
// In: text (Text, for a title or a label) or HTML (Headings, for converted
// Markdown). Out: the same with U+00AD at the break points of every word
// of at least MinWord letters, keeping MinLeft letters before a break and
// MinRight after it. Words in addresses, numbers and words that already
// hold a hyphen or a soft hyphen are left alone. The result is for HTML
// text only: never for attribute values, <title>, JSON-LD, feeds or the
// search index.
package hyphen

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Soft is the soft hyphen: an invisible break point that shows as a
// hyphen when the line breaks there.
const Soft = "\u00ad"

const (
	// MinWord is the shortest word that gets break points: shorter words
	// fit on a line of any heading at the theme's font sizes.
	MinWord = 10
	// MinLeft and MinRight keep at least five letters on each side of a
	// break, so that a headline never strands a syllable ("Ener-") and
	// the parts read as words (Leerwerk-akkoord, Energie-transitie).
	MinLeft  = 5
	MinRight = 5
)

// cacheLimit bounds the memo of hyphenated words: titles repeat on every
// list, so a site needs few distinct words; past the limit the memo starts
// over rather than grow with a hostile input.
const cacheLimit = 1 << 16

//go:embed patterns/hyph-nl.pat.txt
var dutchPatterns []byte

//go:embed patterns/hyph-nl.hyp.txt
var dutchExceptions []byte

// Dictionary holds the patterns and exceptions of one language.
type Dictionary struct {
	patterns   map[string][]uint8 // letters -> value before each letter and after the last
	maxLen     int                // longest pattern, in bytes
	exceptions map[string][]int   // word -> break offsets, in letters

	mu    sync.Mutex
	cache map[string]string
}

// Dutch returns the dictionary of the Dutch patterns, read once.
var Dutch = sync.OnceValue(func() *Dictionary {
	return Parse(dutchPatterns, dutchExceptions)
})

// Parse reads patterns in the hyph-utf8 text format (one pattern a line,
// "ach5end") and exceptions (one hyphenated word a line, "meest-al").
func Parse(patterns, exceptions []byte) *Dictionary {
	n := bytes.Count(patterns, []byte("\n")) + 1
	d := &Dictionary{patterns: make(map[string][]uint8, n), exceptions: map[string][]int{}, cache: map[string]string{}}
	// All values share one array; the letters of a line are gathered in
	// a reused buffer: two allocations a pattern would be 25,000 for Dutch.
	values := make([]uint8, 0, len(patterns)+n)
	var letters []byte
	for line := range bytes.Lines(patterns) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '%' {
			continue
		}
		letters = letters[:0]
		start := len(values)
		values = append(values, 0)
		for _, c := range line {
			if '0' <= c && c <= '9' {
				values[len(values)-1] = c - '0'
				continue
			}
			letters = append(letters, c)
			if c < utf8.RuneSelf || utf8.RuneStart(c) {
				values = append(values, 0)
			}
		}
		key := string(letters)
		d.patterns[key] = values[start:len(values):len(values)]
		d.maxLen = max(d.maxLen, len(key))
	}
	sc := bufio.NewScanner(bytes.NewReader(exceptions))
	for sc.Scan() {
		word := strings.TrimSpace(sc.Text())
		if word == "" || strings.HasPrefix(word, "%") {
			continue
		}
		var breaks []int
		n := 0
		for _, r := range word {
			if r == '-' {
				breaks = append(breaks, n)
				continue
			}
			n++
		}
		d.exceptions[strings.ReplaceAll(word, "-", "")] = breaks
	}
	return d
}

// Breaks returns the offsets, in letters, at which word may be broken:
// 3 means between its third and fourth letter. MinLeft and MinRight are
// not applied.
func (d *Dictionary) Breaks(word string) []int {
	lower := strings.ToLower(word)
	if b, ok := d.exceptions[lower]; ok {
		return b
	}
	s := "." + lower + "."
	// starts[i] is the byte offset of rune i of s; values[i] is the
	// highest pattern value before rune i.
	starts := make([]int, 0, len(s)+1)
	for i := range s {
		starts = append(starts, i)
	}
	starts = append(starts, len(s))
	n := len(starts) - 1 // runes in s
	values := make([]uint8, n+1)
	for i := 0; i < n; i++ {
		for j := i + 1; j <= n && starts[j]-starts[i] <= d.maxLen; j++ {
			pat, ok := d.patterns[s[starts[i]:starts[j]]]
			if !ok {
				continue
			}
			for k, v := range pat {
				values[i+k] = max(values[i+k], v)
			}
		}
	}
	var out []int
	// A break before letter k of the word (1 <= k < letters) is a break
	// before rune k+1 of s; an odd value allows it.
	for k := 1; k < n-2; k++ {
		if values[k+1]%2 == 1 {
			out = append(out, k)
		}
	}
	return out
}

// Word returns word with a soft hyphen at every break point that keeps
// MinLeft letters before it and MinRight after it; words shorter than
// MinWord letters come back as they are.
func (d *Dictionary) Word(word string) string {
	n := utf8.RuneCountInString(word)
	if n < MinWord {
		return word
	}
	d.mu.Lock()
	out, ok := d.cache[word]
	d.mu.Unlock()
	if ok {
		return out
	}
	var b strings.Builder
	b.Grow(len(word) + 8)
	breaks := d.Breaks(word)
	i, bi := 0, 0
	for _, r := range word {
		for bi < len(breaks) && breaks[bi] < i {
			bi++
		}
		if bi < len(breaks) && breaks[bi] == i && i >= MinLeft && n-i >= MinRight {
			b.WriteString(Soft)
		}
		b.WriteRune(r)
		i++
	}
	out = b.String()
	d.mu.Lock()
	if len(d.cache) >= cacheLimit {
		clear(d.cache)
	}
	d.cache[word] = out
	d.mu.Unlock()
	return out
}

// Text returns s with soft hyphens in its long words (see Word). A word is
// a run of letters; a token (the text between spaces) that looks like an
// address, a file name or a number (it holds a digit or one of "/@_=#&?",
// or "." or ":" between letters) is left alone, and so is one that already
// holds a soft hyphen.
func (d *Dictionary) Text(s string) string {
	if !hasLongRun(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for len(s) > 0 {
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i < 0 {
			i = len(s)
		}
		d.token(&b, s[:i])
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
		if j < 0 {
			j = len(s)
		}
		b.WriteString(s[:j])
		s = s[j:]
	}
	return b.String()
}

// token writes one space-free token, with soft hyphens in its long runs of
// letters unless it is not a plain word.
func (d *Dictionary) token(b *strings.Builder, tok string) {
	if !plainWord(tok) {
		b.WriteString(tok)
		return
	}
	for len(tok) > 0 {
		i := strings.IndexFunc(tok, unicode.IsLetter)
		if i < 0 {
			b.WriteString(tok)
			return
		}
		b.WriteString(tok[:i])
		tok = tok[i:]
		j := strings.IndexFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) })
		if j < 0 {
			j = len(tok)
		}
		b.WriteString(d.Word(tok[:j]))
		tok = tok[j:]
	}
}

// plainWord reports whether a token is words and punctuation only: not an
// address, a file name, a number or a word an editor hyphenated already.
func plainWord(tok string) bool {
	if strings.ContainsFunc(tok, func(r rune) bool {
		return unicode.IsDigit(r) || strings.ContainsRune("/@_=#&?\\"+Soft, r)
	}) {
		return false
	}
	// A full stop or colon ends a sentence or a label; between letters it
	// is an address (rotterdam.nl, mailto:…).
	core := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) })
	return !strings.ContainsAny(core, ".:")
}

// hasLongRun reports whether s has a run of at least MinWord letters, the
// only words Text changes; most labels have none.
func hasLongRun(s string) bool {
	run := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			run++
			if run >= MinWord {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// Text hyphenates s with the Dutch dictionary (see Dictionary.Text).
func Text(s string) string { return Dutch().Text(s) }
