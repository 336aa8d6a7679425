package hyphen

import (
	"strings"
)

// Headings returns HTML with soft hyphens in the text of its headings (h1
// to h6), for the converted Markdown of a page: tags, attribute values,
// character references and <code> inside a heading stay as they are, and
// so does everything outside headings. It expects well-formed HTML, as
// the Markdown converter writes it.
func (d *Dictionary) Headings(html string) string {
	var b strings.Builder
	rest := html
	for {
		start, level := nextHeading(rest)
		if start < 0 {
			if b.Len() == 0 {
				return html // no heading: no copy
			}
			b.WriteString(rest)
			return b.String()
		}
		end := strings.Index(rest[start:], "</h"+string(level))
		if end < 0 {
			b.WriteString(rest)
			return b.String()
		}
		end += start
		b.WriteString(rest[:start])
		d.markup(&b, rest[start:end])
		rest = rest[end:]
	}
}

// nextHeading finds the next "<hN" tag (N from 1 to 6) and returns its
// offset and N, or -1.
func nextHeading(s string) (int, byte) {
	off := 0
	for {
		i := strings.Index(s[off:], "<h")
		if i < 0 || off+i+3 > len(s) {
			return -1, 0
		}
		i += off
		if n := s[i+2]; '1' <= n && n <= '6' && (s[i+3] == '>' || s[i+3] == ' ') {
			return i, n
		}
		off = i + 2
	}
}

// markup writes a stretch of HTML, hyphenating its text: everything
// between tags, less character references and the content of <code>.
func (d *Dictionary) markup(b *strings.Builder, s string) {
	inCode := false
	for len(s) > 0 {
		if s[0] == '<' {
			j := strings.IndexByte(s, '>')
			if j < 0 {
				b.WriteString(s)
				return
			}
			tag := s[:j+1]
			switch {
			case strings.HasPrefix(tag, "<code"):
				inCode = true
			case tag == "</code>":
				inCode = false
			}
			b.WriteString(tag)
			s = s[j+1:]
			continue
		}
		j := strings.IndexByte(s, '<')
		if j < 0 {
			j = len(s)
		}
		if inCode {
			b.WriteString(s[:j])
		} else {
			d.text(b, s[:j])
		}
		s = s[j:]
	}
}

// text writes escaped HTML text, hyphenating the words between character
// references ("&amp;", "&#39;").
func (d *Dictionary) text(b *strings.Builder, s string) {
	for len(s) > 0 {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(d.Text(s))
			return
		}
		b.WriteString(d.Text(s[:i]))
		s = s[i:]
		j := strings.IndexByte(s, ';')
		if j < 0 || j > 32 {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		b.WriteString(s[:j+1])
		s = s[j+1:]
	}
}

// Headings hyphenates the headings of html with the Dutch dictionary (see
// Dictionary.Headings).
func Headings(html string) string { return Dutch().Headings(html) }
