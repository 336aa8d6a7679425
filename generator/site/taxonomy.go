package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/suggest"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

// termsOf returns the values a page has for a taxonomy: its front matter
// list, or for vocab.TypeTaxonomy its content type.
func termsOf(p *Page, tax string) []string {
	if tax != vocab.TypeTaxonomy {
		return p.Meta().Terms[tax]
	}
	if p.Type != "" && p.Type != "page" {
		return []string{p.Type}
	}
	return nil
}

// taxonomies groups the published regular pages by each taxonomy's terms.
// A term's key is its slug, so "Zorg" and "zorg" are one term; its title
// comes from content/<taxonomy>/<term>/_index.md, else from the first page
// (in site order) that uses it.
//
// A taxonomy whose terms the site defines (a published
// content/<taxonomy>/<term>/_index.md for at least one term) is a closed
// list: a page's term without such a folder is an error at its line, with
// the closest defined term as a suggestion, so that a typo ("haaven")
// never becomes a term page of its own. A taxonomy without any term
// folder (tags) stays open, and so does "type", whose terms are the
// content types of the theme's archetypes.
//
// The taxonomies are the vocabulary's, in its order; a taxonomy's page
// without content/<taxonomy>/_index.md has the vocabulary's title, else
// one made from its name.
func (b *builder) taxonomies() {
	v := b.s.cfg.Vocabulary
	for _, name := range v.Names() {
		tax := &Taxonomy{Name: name}
		tp := b.taxMeta[name]
		if tp == nil {
			tp = &Page{site: b.s, Title: cmp.Or(v.Title(name), TitleFromName(name))}
		}
		tp.Kind, tp.Taxonomy, tp.Type, tp.Parent = KindTaxonomy, tax, name, b.s.Home
		tp.URL = "/" + name + "/"
		tp.Permalink = b.s.AbsURL(tp.URL)
		tax.Page = tp
		bySlug := map[string]*Page{}
		defined := b.definedTerms(name)
		if len(defined) > 0 {
			if b.s.terms == nil {
				b.s.terms = map[string][]string{}
			}
			b.s.terms[name] = defined
		}
		for _, p := range b.s.Pages {
			if p.Archived {
				continue // in no list: no term of its own either
			}
			seen := map[string]bool{}
			for _, v := range termsOf(p, name) {
				slug := content.Slugify(v)
				if slug == "" {
					b.diags.Add(diag.Errorf(p.sourceName(), p.Meta().Lines[name], "%s %q has no letters or digits", name, v))
					continue
				}
				if seen[slug] {
					continue
				}
				seen[slug] = true
				term := bySlug[slug]
				if term == nil {
					term = b.taxMeta[name+"/"+slug]
					if term == nil && len(defined) > 0 {
						b.unknownTerm(p, name, v, defined)
						continue
					}
					if term == nil {
						term = &Page{site: b.s, Title: capitalize(v)}
					}
					term.Kind, term.Taxonomy, term.Term, term.Type = KindTerm, tax, slug, name
					term.Parent = tp
					term.URL = "/" + name + "/" + slug + "/"
					term.Permalink = b.s.AbsURL(escapeURL(term.URL))
					bySlug[slug] = term
					tax.Terms = append(tax.Terms, term)
				}
				term.Pages = append(term.Pages, p) // already in site order
				if p.terms == nil {
					p.terms = map[string][]*Page{}
				}
				p.terms[name] = append(p.terms[name], term)
			}
		}
		slices.SortFunc(tax.Terms, func(a, b *Page) int {
			if (a.Weight == 0) != (b.Weight == 0) { // weighted terms first
				return cmp.Compare(b.Weight, a.Weight)
			}
			return cmp.Or(cmp.Compare(a.Weight, b.Weight), strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), strings.Compare(a.Term, b.Term))
		})
		tp.Pages = tax.Terms
		b.s.Taxonomies = append(b.s.Taxonomies, tax)
	}
}

// capitalize puts the first letter of s in upper case.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}

// definedTerms returns the terms the site defines for a taxonomy (the
// folder names of content/<taxonomy>/<term>/_index.md), sorted; none for
// an open taxonomy.
func (b *builder) definedTerms(tax string) []string {
	if tax == vocab.TypeTaxonomy {
		return nil
	}
	var out []string
	for dir := range b.taxMeta {
		if term, ok := strings.CutPrefix(dir, tax+"/"); ok && !strings.Contains(term, "/") {
			out = append(out, term)
		}
	}
	slices.Sort(out)
	return out
}

// unknownTerm reports a term of a closed taxonomy that the site does not
// define, with the defined term it is probably a typo of.
func (b *builder) unknownTerm(p *Page, tax, value string, defined []string) {
	list := strings.Join(defined, ", ")
	e := diag.Errorf(p.sourceName(), p.Meta().Lines[tax], "%s %q is not one of the terms this site defines", tax, value)
	if best, ok := suggest.Closest(content.Slugify(value), defined, suggest.Tolerance(len([]rune(value)))); ok {
		e.WithHintf("did you mean %q? The terms of %s are the folders of content/%s/: %s", best, tax, tax, list)
	} else {
		e.WithHintf("the terms of %s are the folders of content/%s/: %s; for a new term, add content/%s/<term>/_index.md", tax, tax, list, tax)
	}
	b.diags.Add(e)
}

// DefinedTerms returns the terms the site defines for a taxonomy, sorted:
// the folders of content/<taxonomy>/<term>/_index.md, which make it a
// closed list. None for an open taxonomy (tags, type).
func (s *Site) DefinedTerms(tax string) []string { return s.terms[tax] }
