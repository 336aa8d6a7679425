package check

import (
	"strings"
	"unicode/utf8"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/schema"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

// Fields applies the rules the archetype of each published page's type
// declares for its front matter values (schema's rules.go): a "niet leeg"
// key missing or empty is an error, which fails the build; a text that is
// not a sentence ("zin") or outside its length ("N-M tekens") is a
// warning, which check reports. Drafts are exempt, as a page new made
// holds its archetype's empty lists.
func Fields(s *site.Site, types map[string]*schema.Type) diag.List {
	var out diag.List
	for _, p := range sourcePages(s) {
		if p.Kind != site.KindPage {
			continue
		}
		t := typeOf(p, types)
		if t == nil {
			continue
		}
		for _, f := range t.Fields {
			out = append(out, fieldRules(s, p, t, f)...)
		}
	}
	return out
}

// fieldRules checks one field of a page against its rules.
func fieldRules(s *site.Site, p *site.Page, t *schema.Type, f schema.Field) diag.List {
	m := p.Meta()
	line, set := m.Lines[f.Key]
	var out diag.List
	if f.NonEmpty && !set {
		out = append(out, diag.Errorf(p.File(), 1, "missing front matter key %q, required for pages of type %q", f.Key, t.Name).
			WithHintMsg(nonEmptyHint(s, f.Key)))
		return out
	}
	if !set {
		return nil
	}
	if list, isList := metaList(s, m, f.Key); isList {
		if f.NonEmpty && len(list) == 0 {
			out = append(out, diag.Errorf(p.File(), line, "%s is empty; pages of type %q name at least one", f.Key, t.Name).
				WithHintMsg(nonEmptyHint(s, f.Key)))
		}
		return out
	}
	text, ok := metaString(m, f.Key)
	if !ok {
		return nil
	}
	text = strings.TrimSpace(text)
	n := utf8.RuneCountInString(text)
	switch {
	case f.NonEmpty && text == "":
		out = append(out, diag.Errorf(p.File(), line, "%s is empty; pages of type %q need one", f.Key, t.Name).
			WithHintf("write the page's %s", f.Key))
	case text == "":
	case f.MaxLen > 0 && n > f.MaxLen:
		out = append(out, diag.Warnf(p.File(), line, "%s is %d characters long; a link preview or search result shows about %d", f.Key, n, f.MaxLen).
			WithHintf("say it in at most %d characters: the rest is cut off", f.MaxLen))
	case n < f.MinLen:
		out = append(out, diag.Warnf(p.File(), line, "%s is %d characters long, shorter than a sentence that says what the page is about (%d or more)", f.Key, n, f.MinLen).
			WithHintf("say in one sentence of %d to %d characters what the page is about: link previews and search results show it", f.MinLen, f.MaxLen))
	case f.Sentence && !schema.SentenceEnd(text):
		out = append(out, diag.Warnf(p.File(), line, "%s does not end as a sentence", f.Key).
			WithHint("end it with a full stop (or ! or ?): link previews and search results show it as a sentence"))
	}
	return out
}

// nonEmptyHint says what a required list may hold: one or more of the
// site's terms when the key is a closed taxonomy.
func nonEmptyHint(s *site.Site, key string) *i18n.Msg {
	if terms := s.DefinedTerms(key); len(terms) > 0 {
		return i18n.New("name one or more of the terms of content/%s/: %s", key, strings.Join(terms, ", "))
	}
	return i18n.New("name at least one: %s: [waarde]", key)
}

// metaList returns a page's front matter list for a lower-case key, and
// whether the key is a list field: aliases, or a taxonomy of the site's
// vocabulary.
func metaList(s *site.Site, m *content.Meta, key string) ([]string, bool) {
	if key == "aliases" {
		return m.Aliases, true
	}
	if key != vocab.TypeTaxonomy && s.Vocabulary().Has(key) {
		return m.Terms[key], true
	}
	return nil, false
}
