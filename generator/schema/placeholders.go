package schema

import (
	"bytes"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// The placeholder rule: what `new` writes from an archetype is example
// text, and a published page must not keep it. `new` names it when it
// scaffolds a page; `check` and `build` fail on a published (non-draft)
// page that still holds it, at its line. Drafts are exempt: a draft may
// hold its archetype whole.
//
// Archetype text is
//   - an example front matter value: a string value of the archetype
//     that holds "…" or more than one word ("Een zin die zegt waar het
//     gesprek over gaat."), kept unchanged as the page's value for the
//     same key; single words ("interview", "onbekend", "Kerncijfers") are
//     real values, not examples;
//   - a body line of the archetype, unchanged (surrounding white space
//     aside), except blank lines, headings (the skeleton an article keeps,
//     "## Wat het akkoord wilde") and bare block fences (":::", "::: qa"):
//     "V: Eerste vraag?", "A: …", "Een korte inleiding: …".
//
// And anywhere in a page, front matter or body, in any case: Marker.

// Marker marks text an editor still has to write. It may stand anywhere
// in a draft, nowhere in a published page.
const Marker = "Nog in te vullen"

// Placeholder is one piece of archetype text.
type Placeholder struct {
	Key  string // the front matter key of an example value; "" for a body line
	Text string // the value, or the body line without surrounding white space
	Line int    // its line in the archetype file
}

// placeholders finds the archetype text of an archetype: doc is its
// parsed front matter, body what follows the closing "---" line, which
// is line bodyLine of the file.
func placeholders(doc *yaml.Node, body []byte, bodyLine int) []Placeholder {
	var out []Placeholder
	if doc != nil {
		for i := 0; i+1 < len(doc.Content); i += 2 {
			k, v := doc.Content[i], doc.Content[i+1]
			if v.Kind == yaml.ScalarNode && v.Tag == "!!str" && isExample(v.Value) {
				out = append(out, Placeholder{Key: strings.ToLower(k.Value), Text: strings.TrimSpace(v.Value), Line: v.Line + 1}) // the block starts on line 2
			}
		}
	}
	for i, line := range bytes.Split(body, []byte("\n")) {
		if l := strings.TrimSpace(string(line)); isExampleLine(l) {
			out = append(out, Placeholder{Text: l, Line: bodyLine + i})
		}
	}
	return out
}

// isExample reports whether an archetype's front matter value is example
// text rather than a value pages keep (a type or layout name).
func isExample(v string) bool {
	v = strings.TrimSpace(v)
	return strings.Contains(v, "…") || len(strings.Fields(v)) > 1
}

// isExampleLine reports whether an archetype body line is example text.
func isExampleLine(l string) bool {
	switch {
	case l == "", strings.HasPrefix(l, "#"):
		return false
	case strings.HasPrefix(l, ":::"):
		return len(strings.Fields(l)) > 2 // a fence with attributes holds example values
	}
	return true
}

// ExampleValue returns the archetype's example value for key, if it has
// one.
func (t *Type) ExampleValue(key string) (Placeholder, bool) {
	for _, p := range t.Placeholders {
		if p.Key == key {
			return p, true
		}
	}
	return Placeholder{}, false
}

// BodyLines returns the archetype's example body lines, by text.
func (t *Type) BodyLines() map[string]Placeholder {
	out := map[string]Placeholder{}
	for _, p := range t.Placeholders {
		if p.Key == "" {
			if _, dup := out[p.Text]; !dup {
				out[p.Text] = p
			}
		}
	}
	return out
}

// FindMarker returns the byte offset of Marker in line, in any case, or
// -1.
func FindMarker(line string) int {
	// Marker is ASCII: lower-casing ASCII only keeps every offset.
	return strings.Index(asciiLower(line), strings.ToLower(Marker))
}

// asciiLower lower-cases ASCII letters only, keeping every byte offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
