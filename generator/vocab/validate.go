package vocab

import (
	"strconv"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/diag"
)

// validate checks what TOML cannot: every taxonomy has a plain name of
// its own, and the roles name declared taxonomies. lines gives each key's
// line (see keyLines).
func (v Vocabulary) validate(lines map[string]int) error {
	seen := map[string]bool{}
	for i, t := range v.Taxonomies {
		at := lines["taxonomies."+strconv.Itoa(i)+".name"]
		if at == 0 {
			at = lines["taxonomies."+strconv.Itoa(i)]
		}
		switch {
		case t.Name == "":
			return diag.Errorf(File, at, "taxonomy %d has no name", i+1).
				WithHint("give it a name: the front matter key that lists its terms, such as name = \"thema\"")
		case !plainName(t.Name):
			return diag.Errorf(File, at, "taxonomy name %q is not a plain name", t.Name).
				WithHint("use lower-case letters, digits and - only: it is a front matter key and a folder of the site")
		case seen[t.Name]:
			return diag.Errorf(File, at, "taxonomy %q is declared twice", t.Name).WithHint("remove one of them")
		}
		seen[t.Name] = true
	}
	list := strings.Join(v.Names(), ", ")
	if v.Subject != "" && !seen[v.Subject] {
		return diag.Errorf(File, lines["subject"], "%s names %q, which is not one of the taxonomies (%s)", "subject", v.Subject, list).
			WithHint("name a taxonomy declared under [[taxonomies]], or declare it")
	}
	for _, r := range v.Related {
		if !seen[r] {
			return diag.Errorf(File, lines["related"], "%s names %q, which is not one of the taxonomies (%s)", "related", r, list).
				WithHint("name a taxonomy declared under [[taxonomies]], or declare it")
		}
	}
	if n := len(v.Strings.Months); n != 0 && n != 12 {
		return diag.Errorf(File, lines["strings.months"], "months lists %d names, not 12", n).
			WithHint("list the twelve month names, January first: months = [\"januari\", \"februari\", …]")
	}
	return nil
}

// plainName reports whether s is lower-case letters, digits and inner
// dashes: the same as a front matter key in any case and as a URL folder.
func plainName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' && i > 0 && i < len(s)-1) {
			return false
		}
	}
	return s != ""
}

// keyLines finds the line of each key of a theme.toml, for messages:
// "subject", "strings.notFound", "taxonomies.0" (the header of the first
// [[taxonomies]]) and "taxonomies.0.name", and, for keys the decoder did
// not know, the dotted key of its first occurrence ("taxonomies.titel").
// A line-based reading is enough for the flat file theme.toml is.
func keyLines(data []byte) map[string]int {
	out := map[string]int{}
	table, count := "", map[string]int{}
	for i, raw := range strings.Split(string(data), "\n") {
		l := strings.TrimSpace(raw)
		line := i + 1
		switch {
		case strings.HasPrefix(l, "[["):
			name := strings.TrimSpace(strings.Trim(strings.SplitN(l, "#", 2)[0], "[] \t"))
			table = name + "." + strconv.Itoa(count[name])
			count[name]++
			setOnce(out, table, line)
			setOnce(out, name, line)
		case strings.HasPrefix(l, "["):
			table = strings.TrimSpace(strings.Trim(strings.SplitN(l, "#", 2)[0], "[] \t"))
			setOnce(out, table, line)
		default:
			key, _, ok := strings.Cut(l, "=")
			key = strings.Trim(strings.TrimSpace(key), `"'`)
			if !ok || key == "" || strings.HasPrefix(key, "#") {
				continue
			}
			full := key
			if table != "" {
				full = table + "." + key
				if base, _, ok := strings.Cut(table, "."); ok {
					setOnce(out, base+"."+key, line) // without the index, as Undecoded names it
				}
			}
			setOnce(out, full, line)
		}
	}
	return out
}

func setOnce(m map[string]int, k string, line int) {
	if _, ok := m[k]; !ok {
		m[k] = line
	}
}
