package markdown

import (
	"html"
	"net/url"
	"strings"
)

// allowedSchemes are the link schemes readers may follow; anything else
// (javascript:, data:, vbscript:, file:) is dropped.
var allowedSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// checkScheme reports whether dest starts with a scheme, which one (lower
// case), and whether readers may follow it. dest is judged as written and
// as a browser could come to read it: after HTML character references
// ("&#106;avascript:", "java&#x73;cript:", "&colon;") and percent escapes
// ("%6Aavascript:") are decoded, a few rounds deep, and with the spaces
// and control characters removed that browsers skip in a scheme. A
// scheme that is not allowed in any of these readings makes dest unsafe.
func checkScheme(dest string) (scheme string, hasScheme, ok bool) {
	ok = true
	for s, round := dest, 0; round < 4; round++ {
		if sc, found := schemeOf(s); found {
			if !hasScheme || !ok || !allowedSchemes[sc] {
				scheme = sc // the most decoded reading names the scheme
			}
			hasScheme = true
			ok = ok && allowedSchemes[sc]
		}
		next := percentDecode(html.UnescapeString(s))
		if next == s {
			break
		}
		s = next
	}
	return scheme, hasScheme, ok
}

// HasScheme reports whether dest starts with a URL scheme, as checkScheme
// reads it: for e-zine blocks whose attributes must name files of the site.
func HasScheme(dest string) bool {
	_, has, _ := checkScheme(dest)
	return has
}

// schemeOf returns the lower-cased scheme at the start of s, ignoring the
// spaces and control characters that browsers skip: the text before the
// first ":" when it holds no "/", "?" or "#".
func schemeOf(s string) (string, bool) {
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1 // browsers ignore these inside a scheme
		}
		return r
	}, s)
	scheme, _, found := strings.Cut(clean, ":")
	if !found || strings.ContainsAny(scheme, "/?#") {
		return "", false
	}
	return strings.ToLower(scheme), true
}

// percentDecode replaces every %XX escape in s by its byte and leaves
// anything else, broken escapes too, as it is.
func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// SplitTarget splits a link target into its path, percent-decoded, and its
// query and fragment as written: "plan%20b.md?x=1#kop" gives "plan b.md",
// "x=1" and "kop". ok is false when the path holds a broken %-escape.
func SplitTarget(dest string) (p, query, frag string, ok bool) {
	target, frag, _ := strings.Cut(dest, "#")
	target, query, _ = strings.Cut(target, "?")
	p, err := url.PathUnescape(target)
	return p, query, frag, err == nil
}
