package site

import (
	"html/template"
	"strings"
)

// Anchor is the id of the page where a page that shows several pages (the
// print edition) shows this one: its URL as one word, "verhalen-haven"
// for /verhalen/haven/, the vocabulary's HomeAnchor for the home page
// ("voorpagina" in the e-zine). Its headings' ids start with the anchor
// and a dash.
func (p *Page) Anchor() string {
	a := strings.Trim(p.URL, "/")
	a = strings.TrimSuffix(a, ".html")
	if a == "" {
		return p.site.cfg.Vocabulary.HomeAnchor()
	}
	return strings.ReplaceAll(a, "/", "-")
}

// ContentEmbedded is the page's body as HTML for a page that shows it
// inside another, under a heading of its own: every heading moved shift
// levels down (the print edition gives each article an h2, so its
// sections, h2 on its own page, become h3: shift 1), heading ids prefixed
// with the page's Anchor, and root-relative links made absolute when the
// site has a base URL, so that a printed link shows a working address.
// The body is converted anew each time; its problems are those of
// Content, reported when the page itself is rendered.
func (p *Page) ContentEmbedded(shift int) template.HTML {
	return trustedHTML(p.facts().Embedded(p, shift))
}
