// Package suggest finds what an editor probably meant by a word that is
// not on a closed list: a misspelt front matter key ("tilte"), a taxonomy
// term that the site does not define ("haaven"). Words are compared
// without regard to case and accents, by edit distance.
//
// In: the word and the list. Out: the closest entry of the list, if one
// is close enough to be a typo of the word.
package suggest

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Distance is the edit distance between a and b in characters: the
// fewest insertions, deletions, substitutions and swaps of neighbours
// (optimal string alignment) that turn one into the other.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// Fold returns s in lower case without accents ("Financiële" gives
// "financiele"), as words are compared.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	return strings.ToLower(folded)
}

// Closest returns the entry of list closest to word (folded, see Fold),
// if it is within maxDist edits; on a tie, the first in list. An entry
// that differs from word only in case and accents is at distance 0.
func Closest(word string, list []string, maxDist int) (string, bool) {
	w := Fold(word)
	best, dist := "", maxDist+1
	for _, c := range list {
		if d := Distance(w, Fold(c)); d < dist {
			best, dist = c, d
		}
	}
	return best, best != ""
}

// Tolerance is the number of edits that still reads as a typo of a word
// of n characters: one for short words, about one in four for longer
// ones, never more than three.
func Tolerance(n int) int {
	return min(max(1, n/4), 3)
}
