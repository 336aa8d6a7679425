// Package schema reads the content types of a theme from its archetypes:
// themes/ezine/archetypes/<type>.md is at once the template for a new page
// of that type and the declaration of its front matter. Every key in an
// archetype's front matter is required in pages of the type, unless its
// line ends in the comment "# optional"; the comment can declare more
// rules for the value ("# niet leeg", "# zin, 50-160 tekens"): see
// rules.go.
//
// An archetype's example text (its example values and body lines) and
// the marker "Nog in te vullen" must not stay in a published page: the
// rule is declared once, at Marker in placeholders.go, for new, check and
// build.
//
// In: the theme's file system. Out: the types, which check uses to
// validate pages and new uses to scaffold them.
package schema

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Dir is the archetype folder inside a theme.
const Dir = "archetypes"

// DefaultType is the archetype used for pages without a type.
const DefaultType = "default"

// Type is one content type.
type Type struct {
	Name     string
	Fields   []Field // in archetype order
	Template []byte  // the archetype file, for new pages
	// Placeholders is the archetype's example text, which a published
	// page must not keep (see Marker for the whole rule).
	Placeholders []Placeholder
}

// Field is one front matter key of a type, with the rules its archetype
// line declares (see rules.go).
type Field struct {
	Key      string
	Line     int  // the key's line in the archetype file
	Required bool // pages of the type must have the key
	NonEmpty bool // and it must hold something ("niet leeg")
	Sentence bool // its text is a sentence ("zin")
	// MinLen and MaxLen bound its text in characters ("N-M tekens");
	// 0 and 0 for no bound.
	MinLen, MaxLen int
}

// Field returns the type's field for a lower-case key, or nil.
func (t *Type) Field(key string) *Field {
	for i := range t.Fields {
		if t.Fields[i].Key == key {
			return &t.Fields[i]
		}
	}
	return nil
}

// Required returns the keys a page of the type must have.
func (t *Type) Required() []string {
	var out []string
	for _, f := range t.Fields {
		if f.Required {
			out = append(out, f.Key)
		}
	}
	return out
}

// Load reads every archetype in the theme, by type name.
func Load(theme fs.FS) (map[string]*Type, error) {
	entries, err := fs.ReadDir(theme, Dir)
	if err != nil {
		return nil, i18n.Errorf("read %s: %w", Dir, err)
	}
	types := map[string]*Type{}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".md" {
			continue
		}
		name := strings.TrimSuffix(e.Name(), ".md")
		data, err := fs.ReadFile(theme, Dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		t, err := parse(name, data)
		if err != nil {
			return nil, i18n.Errorf("%s/%s: %w", Dir, e.Name(), err)
		}
		types[name] = t
	}
	return types, nil
}

// Names returns the type names, sorted.
func Names(types map[string]*Type) []string {
	names := make([]string, 0, len(types))
	for n := range types {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func parse(name string, data []byte) (*Type, error) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, i18n.Errorf("an archetype starts with YAML front matter (---)")
	}
	block, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return nil, i18n.Errorf("front matter is not closed with ---")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(block, &doc); err != nil {
		return nil, err
	}
	t := &Type{Name: name, Template: data}
	bodyLine := bytes.Count(block, []byte("\n")) + 4 // "---", the block, "---"
	if len(doc.Content) == 0 {
		t.Placeholders = placeholders(nil, body, bodyLine)
		return t, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, i18n.Errorf("front matter must be keys and values")
	}
	t.Placeholders = placeholders(m, body, bodyLine)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		comment := strings.TrimSpace(strings.TrimPrefix(v.LineComment+k.LineComment, "#"))
		f := Field{Key: strings.ToLower(k.Value), Line: k.Line + 1} // the block starts on line 2
		if err := parseRules(&f, comment); err != nil {
			return nil, i18n.Errorf("line %d: %w", f.Line, err)
		}
		t.Fields = append(t.Fields, f)
	}
	return t, nil
}
