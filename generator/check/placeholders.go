package check

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/schema"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// Placeholders finds text that must not be published, by the rule
// declared in the schema package (schema.Marker): the marker "Nog in te
// vullen" anywhere in a published page's file, and the example text of
// its type's archetype kept unchanged, each an error at its line. Drafts
// are exempt. It runs in every build, so that neither build nor check
// lets a page out unfinished.
func Placeholders(s *site.Site, siteFS fs.FS, types map[string]*schema.Type) diag.List {
	var out diag.List
	for _, p := range s.All() {
		out = append(out, PagePlaceholders(p, siteFS, types)...)
	}
	return out
}

// PagePlaceholders is Placeholders for one published page, read from its
// file in siteFS: what it finds depends only on that file and the types,
// so that the dev server checks again only the pages whose file changed.
func PagePlaceholders(p *site.Page, siteFS fs.FS, types map[string]*schema.Type) diag.List {
	if p.Source == nil || p.Status == site.StatusDraft {
		return nil
	}
	data, err := fs.ReadFile(siteFS, p.Source.Path)
	if err != nil {
		return diag.List{diag.Errorf(p.File(), 0, "cannot read: %v", err)}
	}
	out := markers(p.File(), data)
	if p.Kind == site.KindPage {
		if t := typeOf(p, types); t != nil {
			out = append(out, exampleValues(p, t)...)
			out = append(out, exampleLines(p, t, data)...)
		}
	}
	return out
}

// typeOf returns the content type of a page: its type's archetype, else
// the default one.
func typeOf(p *site.Page, types map[string]*schema.Type) *schema.Type {
	if t := types[p.Type]; t != nil {
		return t
	}
	return types[schema.DefaultType]
}

// markers reports every line of a file that holds schema.Marker.
func markers(file string, data []byte) diag.List {
	var out diag.List
	for i, line := range bytes.Split(data, []byte("\n")) {
		if off := schema.FindMarker(string(line)); off >= 0 {
			e := diag.Errorf(file, i+1, "%q: this page is published but not finished", schema.Marker).
				WithHint("write the text, or keep the page a draft (draft: true) until it is done")
			e.Col = utf8.RuneCount(line[:off]) + 1
			out = append(out, e)
		}
	}
	return out
}

// exampleValues reports front matter values kept from the archetype.
func exampleValues(p *site.Page, t *schema.Type) diag.List {
	var out diag.List
	m := p.Meta()
	for _, ph := range t.Placeholders {
		if ph.Key == "" {
			continue
		}
		if v, ok := metaString(m, ph.Key); ok && strings.TrimSpace(v) == ph.Text {
			out = append(out, diag.Errorf(p.File(), m.Lines[ph.Key], "%s is the example text of the archetype %s: %q", ph.Key, archetypeFile(t), ph.Text).
				WithHintf("write this page's own %s, or keep the page a draft (draft: true)", ph.Key))
		}
	}
	return out
}

// exampleLines reports body lines kept from the archetype.
func exampleLines(p *site.Page, t *schema.Type, data []byte) diag.List {
	lines := t.BodyLines()
	if len(lines) == 0 {
		return nil
	}
	var out diag.List
	for i, line := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		if n < p.Source.BodyLine {
			continue
		}
		if ph, ok := lines[strings.TrimSpace(string(line))]; ok {
			out = append(out, diag.Errorf(p.File(), n, "line %d of the archetype %s, unchanged: %q", ph.Line, archetypeFile(t), ph.Text).
				WithHint("replace it with the page's own text, or keep the page a draft (draft: true)"))
		}
	}
	return out
}

func archetypeFile(t *schema.Type) string {
	return fmt.Sprintf("themes/ezine/%s/%s.md", schema.Dir, t.Name)
}

// metaString returns a page's front matter string value for a lower-case
// key: a typed field, or a string kept in Params.
func metaString(m *content.Meta, key string) (string, bool) {
	if _, set := m.Lines[key]; !set {
		return "", false
	}
	switch key {
	case "title":
		return m.Title, true
	case "description":
		return m.Description, true
	case "summary":
		return m.Summary, true
	case "role":
		return m.Role, true
	case "source":
		return m.Source, true
	case "image":
		return m.Image, true
	case "image_alt", "imagealt":
		return m.ImageAlt, true
	case "slug":
		return m.Slug, true
	case "type":
		return m.Type, true
	case "layout":
		return m.Layout, true
	}
	for k, v := range m.Params {
		if strings.ToLower(k) == key {
			s, ok := v.(string)
			return s, ok
		}
	}
	return "", false
}
