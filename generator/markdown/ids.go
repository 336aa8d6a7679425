package markdown

import (
	"strconv"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// headingIDs makes heading ids readable in Dutch: accents folded
// ("financiële" -> "financiele"), lower case, words joined by "-", and a
// number appended when a page repeats a heading.
type headingIDs struct {
	used   map[string]bool
	next   map[string]int // per repeated id: the first number that may be free
	prefix string         // before every id: see Embed.IDPrefix
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate implements parser.IDs.
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	id := slugID(string(value))
	if id == "" {
		id = "kop"
	}
	id = s.prefix + id
	if s.used[id] {
		// The smallest free number: ids are never given back, so every
		// number below next[base] is taken, and a page that repeats a
		// heading thousands of times costs linear time, not quadratic.
		base := id
		i := max(s.next[base], 1)
		for s.used[base+"-"+strconv.Itoa(i)] {
			i++
		}
		id = base + "-" + strconv.Itoa(i)
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }

// slugID folds s to ASCII letters, digits and single dashes.
func slugID(s string) string {
	out := make([]byte, 0, len(s))
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: drop it, keep the base letter
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			out = append(out, byte(unicode.ToLower(r)))
			dash = false
		case r >= 0x80 && unicode.IsLetter(r):
			// letters without an ASCII base (ß, ø) are kept as they are
			out = append(out, string(unicode.ToLower(r))...)
			dash = false
		default:
			if len(out) > 0 && !dash {
				out = append(out, '-')
				dash = true
			}
		}
	}
	for len(out) > 0 && out[len(out)-1] == '-' {
		out = out[:len(out)-1]
	}
	return string(out)
}
