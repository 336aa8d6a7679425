package blocks

import (
	"strings"
	"unicode/utf8"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// opening is an opening line after its ":::", taken apart.
type opening struct {
	name  string
	attrs []Attr
}

// parseOpening reads `name key="value" key="value"` (the text after
// ":::"). The name is a run of letters, digits and dashes; values are in
// straight double quotes, with \" for a quote and \\ for a backslash. It
// returns what it read up to the first mistake, and that mistake.
func parseOpening(s string) (opening, error) {
	var o opening
	s = strings.TrimLeft(s, " \t")
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	o.name, s = s[:i], s[i:]
	if o.name == "" {
		return o, i18n.Errorf("the block has no name")
	}
	for {
		rest := strings.TrimLeft(s, " \t")
		if rest == "" {
			return o, nil
		}
		if len(rest) == len(s) {
			return o, i18n.Errorf("put a space before %q", firstRune(rest))
		}
		s = rest
		i := 0
		for i < len(s) && isNameByte(s[i]) {
			i++
		}
		key := s[:i]
		if key == "" {
			return o, i18n.Errorf("unexpected %q; attributes are written key=\"value\"", firstRune(s))
		}
		s = s[i:]
		if !strings.HasPrefix(s, "=") {
			return o, i18n.Errorf("attribute %s has no value; write %s=\"…\"", key, key)
		}
		s = s[1:]
		if !strings.HasPrefix(s, `"`) {
			if r := firstRune(s); strings.ContainsRune("„“”‘’'", r) {
				return o, i18n.Errorf("attribute %s: use straight double quotes (\") around the value, not %q", key, r)
			}
			return o, i18n.Errorf("attribute %s: put the value in double quotes: %s=\"…\"", key, key)
		}
		var b strings.Builder
		j, closed := 1, false
		for j < len(s) {
			c := s[j]
			if c == '"' {
				closed = true
				j++
				break
			}
			if c == '\\' && j+1 < len(s) && (s[j+1] == '"' || s[j+1] == '\\') {
				b.WriteByte(s[j+1])
				j += 2
				continue
			}
			b.WriteByte(c)
			j++
		}
		if !closed {
			return o, i18n.Errorf("attribute %s: the value has no closing \"", key)
		}
		o.attrs = append(o.attrs, Attr{Key: key, Value: b.String()})
		s = s[j:]
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
