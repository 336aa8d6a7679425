package diag

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape makes s safe to print on a terminal or in a CI log: every
// character that is not graphic (C0 and C1 controls such as ESC, BEL and
// newline, DEL, bidi overrides and other format characters, line and
// paragraph separators) is written in Go's backslash notation (\x1b, \a,
// \n, \u202e), and so is each byte that is not UTF-8 (\xff). File names and
// front matter are data: a name holding "\x1b]0;TITLE\a" must not retitle
// the editor's terminal, nor a newline forge a line of the log. Letters
// with accents, typographic quotes and spaces are left alone, and so is a
// backslash, so plain messages print exactly as written.
func Escape(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unicode.IsGraphic(r):
			q := strconv.QuoteRune(r) // '\x1b', '\a', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// firstUnsafe returns the offset of the first byte Escape rewrites, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f { // printable ASCII, the common case
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !unicode.IsGraphic(r) {
			return i
		}
		i += n
	}
	return -1
}
