package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
)

// termsOf returns the values a page has for a taxonomy.
func termsOf(p *Page, tax string) []string {
	m := p.Meta()
	switch tax {
	case "tags":
		return m.Tags
	case "deelakkoord":
		return m.Deelakkoord
	case "pijler":
		return m.Pijler
	case "thema":
		return m.Thema
	case "type":
		if p.Type != "" && p.Type != "page" {
			return []string{p.Type}
		}
	}
	return nil
}

// taxonomies groups the published regular pages by each taxonomy's terms.
// A term's key is its slug, so "Zorg" and "zorg" are one term; its title
// comes from content/<taxonomy>/<term>/_index.md, else from the first page
// (in site order) that uses it.
func (b *builder) taxonomies() {
	for _, name := range Taxonomies {
		tax := &Taxonomy{Name: name}
		tp := b.taxMeta[name]
		if tp == nil {
			tp = &Page{site: b.s, Title: humanize(name)}
		}
		tp.Kind, tp.Taxonomy, tp.Type, tp.Parent = KindTaxonomy, tax, name, b.s.Home
		tp.URL = "/" + name + "/"
		tp.Permalink = b.s.AbsURL(tp.URL)
		tax.Page = tp
		bySlug := map[string]*Page{}
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

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}
