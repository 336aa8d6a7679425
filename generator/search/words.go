package search

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"golang.org/x/text/unicode/norm"
)

// Fold splits text into words and folds each one, as the package doc
// describes: words are runs of letters, digits and combining marks; each
// character is lower-cased on its own; the word is decomposed (NFD) and
// its combining marks dropped. search.js's fold does exactly the same.
func Fold(text string) []string {
	var out []string
	for _, tok := range strings.FieldsFunc(text, isSeparator) {
		if w := foldWord(tok); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// isSeparator reports whether r separates words: anything but a letter,
// a digit or a combining mark (Unicode categories L, N and M, as \p{L},
// \p{N} and \p{M} in JavaScript).
func isSeparator(r rune) bool {
	return !unicode.In(r, unicode.L, unicode.N, unicode.M)
}

// foldWord folds one word: lower case, NFD, no combining marks.
func foldWord(tok string) string {
	if isLowerASCII(tok) {
		return tok
	}
	// Character by character, without context, as JavaScript's
	// toLowerCase of a single character (Go has no final-sigma rule).
	lower := strings.Map(unicode.ToLower, tok)
	var b strings.Builder
	for _, r := range norm.NFD.String(lower) {
		if !unicode.Is(unicode.M, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// stopWords is the Snowball Dutch stop word list (snowballstem.org,
// algorithms/dutch/stop.txt, BSD licence): 101 words that say little on
// their own. They are left out of the index and out of queries. All are
// already folded.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		de en van ik te dat die in een hij het niet zijn is was op aan met
		als voor had er maar om hem dan zou of wat mijn men dit zo door over
		ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben
		deze u want nog zal me zij nu ge geen omdat iets worden toch al waren
		veel meer doen toen moet ben zonder kan hun dus alles onder ja eens
		hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds
		wil kon niets uw iemand geweest andere`) {
		m[w] = true
	}
	return m
}()

// IsStopWord reports whether the folded word w is a Dutch stop word.
func IsStopWord(w string) bool { return stopWords[w] }

// StopWords returns the stop words, sorted.
func StopWords() []string { return slices.Sorted(maps.Keys(stopWords)) }

// envPool holds Snowball environments: the stemmer keeps its state in one,
// and Build stems from one goroutine, tests from several.
var envPool = sync.Pool{New: func() any { return snowballstem.NewEnv("") }}

// Stem returns the Snowball Dutch stem of the folded word w:
// "opleidingen" and "opleiding" are both "opleid". The stemmer comes from
// github.com/blevesearch/snowballstem, generated from the Snowball
// algorithm itself (snowballstem.org/algorithms/dutch/stemmer.html).
func Stem(w string) string {
	env := envPool.Get().(*snowballstem.Env)
	defer envPool.Put(env)
	env.SetCurrent(w)
	dutch.Stem(env)
	return env.Current()
}
