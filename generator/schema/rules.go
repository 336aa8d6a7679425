package schema

import (
	"strconv"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// The rules of a field are declared in the comment at the end of its line
// in the archetype, separated by commas; a key without a comment is
// required:
//
//	deelakkoord: []  # niet leeg
//	description: "Een zin over deze pagina."  # zin, 50-160 tekens
//	tags: []  # optional
//
//   - "optional": pages of the type may leave the key out.
//   - "niet leeg": the key is required and must hold something: a list at
//     least one value, a text at least one letter. Breaking it is an error
//     (in build and check), as a missing key is in check.
//   - "zin": the text is a sentence: it ends in ".", "!", "?" or "…".
//   - "N-M tekens": the text has N to M characters.
//
// "zin" and "tekens" are warnings of check: a description is the text of
// a page's link preview and search result, which show about 160
// characters, and less than a sentence says too little. The words are
// Dutch, as editors read them in every page new makes. A comment that is
// none of these is an error in the archetype, so that a misspelt rule is
// never silently ignored.

// ruleOptional and the others are the rule words of an archetype comment.
const (
	ruleOptional = "optional"
	ruleNonEmpty = "niet leeg"
	ruleSentence = "zin"
	ruleLength   = "tekens"
)

// parseRules reads the rules of one field from its comment (without "#")
// into f.
func parseRules(f *Field, comment string) error {
	f.Required = true
	for r := range strings.SplitSeq(comment, ",") {
		r = strings.Join(strings.Fields(r), " ")
		switch {
		case r == "":
		case r == ruleOptional:
			f.Required = false
		case r == ruleNonEmpty:
			f.NonEmpty = true
		case r == ruleSentence:
			f.Sentence = true
		case strings.HasSuffix(r, " "+ruleLength):
			lo, hi, err := parseRange(strings.TrimSuffix(r, " "+ruleLength))
			if err != nil {
				return i18n.Errorf("%s: %q: %w", f.Key, r, err)
			}
			f.MinLen, f.MaxLen = lo, hi
		default:
			return i18n.Errorf("%s: unknown rule %q; the rules are %q, %q, %q and \"N-M %s\"", f.Key, r, ruleOptional, ruleNonEmpty, ruleSentence, ruleLength)
		}
	}
	if f.NonEmpty && !f.Required {
		return i18n.Errorf("%s: a key cannot be %q and %q at once", f.Key, ruleOptional, ruleNonEmpty)
	}
	return nil
}

// parseRange reads "50-160" (or with an en dash) as a range of lengths.
func parseRange(s string) (lo, hi int, err error) {
	a, b, ok := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	if ok {
		lo, err = strconv.Atoi(strings.TrimSpace(a))
		if err == nil {
			hi, err = strconv.Atoi(strings.TrimSpace(b))
		}
	}
	if !ok || err != nil || lo < 0 || hi < lo {
		return 0, 0, i18n.Errorf("write the length as two numbers, such as \"50-160 %s\"", ruleLength)
	}
	return lo, hi, nil
}

// SentenceEnd reports whether text ends as a sentence: in ".", "!", "?"
// or "…", perhaps followed by a closing quote or bracket.
func SentenceEnd(text string) bool {
	t := strings.TrimRight(strings.TrimSpace(text), "”’\"')»")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "…")
}
