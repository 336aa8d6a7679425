package site

import (
	"html/template"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/markdown"
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
	res, problems := p.convertWith(p.resolve, markdown.Embed{Shift: shift, IDPrefix: p.Anchor() + "-", BaseURL: p.site.BaseURL})
	if res == nil || len(problems.Errors()) > 0 {
		return ""
	}
	// The HTML comes from goldmark with raw HTML and unsafe links removed.
	return template.HTML(res.HTML) //nolint:gosec
}
