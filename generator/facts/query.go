package facts

import (
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// Result is what converting page p's body yielded, without its HTML:
// never nil, and empty for a page without a file or whose conversion
// failed (see Problems).
func (st *Store) Result(p *site.Page) *markdown.Result {
	res, _ := st.converted(p, false)
	if res == nil {
		return &markdown.Result{}
	}
	return res
}

// HTML is page p's body as HTML; after Release it is converted again, and
// not kept.
func (st *Store) HTML(p *site.Page) string {
	res, _ := st.converted(p, true)
	if res == nil {
		return ""
	}
	return res.HTML
}

// Problems returns the problems found in page p's Markdown, at file lines,
// converting it if it was not yet.
func (st *Store) Problems(p *site.Page) diag.List {
	_, problems := st.converted(p, false)
	return problems
}

// Release drops page p's HTML, keeping its other facts. The renderer
// calls it once the page's file is written.
func (st *Store) Release(p *site.Page) {
	e := st.entry(p)
	if e == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.res != nil {
		kept := *e.res
		kept.HTML = ""
		e.res = &kept
		e.released = true
	}
}

// Summary is the front matter summary of page p, or else the first
// paragraph's text.
func (st *Store) Summary(p *site.Page) string {
	if s := p.Meta().Summary; s != "" {
		return s
	}
	return st.Result(p).Summary
}

// Lead is page p's description, or else its summary: the one-line pitch
// for lists, meta tags and feeds.
func (st *Store) Lead(p *site.Page) string {
	if p.Description != "" {
		return p.Description
	}
	return st.Summary(p)
}

// Headings returns page p's outline.
func (st *Store) Headings(p *site.Page) []markdown.Heading { return st.Result(p).Headings }

// Links returns the link and image targets of page p's body.
func (st *Store) Links(p *site.Page) []markdown.Link { return st.Result(p).Links }

// PlainText is the text of page p's body without markup (see
// markdown.Result.Text); kept only when Config.TextLayout asks for it.
func (st *Store) PlainText(p *site.Page) string { return st.Result(p).Text }

// Embedded is page p's body as HTML for a page that shows it inside
// another, under a heading of its own: every heading moved shift levels
// down, heading ids prefixed with the page's Anchor, and root-relative
// links made absolute when the site has a base URL (markdown.Embed). It
// is converted anew each time; its problems are those of the page itself,
// reported when the page is rendered, and while it has errors it is "".
func (st *Store) Embedded(p *site.Page, shift int) string {
	src := st.Source(p)
	if src == nil {
		return ""
	}
	embed := markdown.Embed{Shift: shift, IDPrefix: p.Anchor() + "-", BaseURL: st.model.BaseURL}
	res, problems := st.convert(p, src, st.resolver(p), embed)
	if res == nil || len(problems.Errors()) > 0 {
		return ""
	}
	return res.HTML
}

// Resolved returns how the link targets of page p's body resolved when the
// version of its file that the store converts was converted, from the
// Cache; nil without one, or before the conversion.
func (st *Store) Resolved(p *site.Page) []Resolved {
	src := st.Source(p)
	if src == nil || st.cfg.Cache == nil {
		return nil
	}
	return st.cfg.Cache.Resolved(src)
}
