package site

import (
	"cmp"
	"html/template"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// Status says why a page would not be published by a plain build.
type Status string

// The statuses of a page; the empty status is a published page.
const (
	StatusDraft   Status = "draft"
	StatusFuture  Status = "future"
	StatusExpired Status = "expired"
)

// wordsPerMinute is the reading speed behind ReadingTime: a common figure
// for Dutch non-fiction read on screen.
const wordsPerMinute = 200

// Page is one page of the site as templates see it. Pages made from a file
// have a Source; sections, taxonomies and terms may not.
type Page struct {
	Kind   Kind
	Source *content.Page // nil for generated pages
	Status Status        // why a plain build leaves it out; "" when published
	// Archived is set on a page past its expiryDate that the site keeps
	// (expiry: archive): published, with the archive notice, but left out
	// of the edition's reading order (previous/next, feeds, the print
	// edition) and of every list (sections, the cover, terms).
	Archived bool

	Title       string
	Description string
	Date        time.Time
	Weight      int
	Type        string // content type: front matter type, else the section
	Section     string // top-level folder, "" for pages at the root
	URL         string // root-relative, not escaped: "/interviews/zorg/"
	Permalink   string // absolute (escaped) when the site has a base URL

	Parent   *Page   // section (or home) the page sits in
	Pages    []*Page // for lists: the pages listed, in order
	Sections []*Page // for home and sections: the sections inside

	Prev, Next                   *Page // neighbours in the edition
	PrevInSection, NextInSection *Page // neighbours in the section

	// Taxonomy and Term are set on taxonomy and term pages.
	Taxonomy *Taxonomy
	Term     string

	terms map[string][]*Page // taxonomy name -> term pages this page is in
	index int                // position in Site.Pages, for stable orders
	site  *Site

	mu       sync.Mutex
	rendered *markdown.Result
	problems diag.List
	done     bool
	released bool
	record   *[]Resolved // links resolved while converting, for a FactCache
}

func newPage(s *Site, src *content.Page) *Page {
	m := &src.Meta
	return &Page{
		Source:      src,
		Title:       m.Title,
		Description: m.Description,
		Date:        cmp.Or(m.Date, m.PublishDate, m.Lastmod), // as Hugo: date, else publishDate, else lastmod
		Weight:      m.Weight,
		site:        s,
	}
}

// Site returns the site the page belongs to.
func (p *Page) Site() *Site { return p.site }

// Meta returns the page's front matter; generated pages have an empty one.
func (p *Page) Meta() *content.Meta {
	if p.Source == nil {
		return &content.Meta{}
	}
	return &p.Source.Meta
}

// Params returns the front matter keys the generator does not know.
func (p *Page) Params() map[string]any { return p.Meta().Params }

// Param returns one of Params, or nil.
func (p *Page) Param(key string) any { return p.Meta().Params[key] }

// IsHome, IsSection, IsPage report the page's kind for templates.
func (p *Page) IsHome() bool    { return p.Kind == KindHome }
func (p *Page) IsSection() bool { return p.Kind == KindSection }
func (p *Page) IsPage() bool    { return p.Kind == KindPage }

// RelPermalink is the root-relative URL, escaped for use in HTML.
func (p *Page) RelPermalink() string { return escapeURL(p.URL) }

// Terms returns the term pages of taxonomy name that the page is in.
func (p *Page) Terms(name string) []*Page { return p.terms[name] }

// File is the page's source path relative to the site ("content/a.md"),
// or "" for generated pages.
func (p *Page) File() string { return p.sourceName() }

func (p *Page) sourceName() string {
	if p.Source == nil {
		return ""
	}
	return p.Source.Path
}

func (p *Page) sourceRel() string {
	if p.Source == nil {
		return ""
	}
	return p.Source.Rel
}

// urlLine is the line that decides the page's URL, for error messages.
func (p *Page) urlLine() int {
	if p.Source == nil {
		return 0
	}
	if l := p.Source.Meta.Lines["url"]; l > 0 {
		return l
	}
	return p.Source.Meta.Lines["slug"]
}

// IsDraft, IsFuture report why an unpublished page is shown (in serve).
func (p *Page) IsDraft() bool  { return p.Status == StatusDraft }
func (p *Page) IsFuture() bool { return p.Status == StatusFuture }

// convert reads and converts the page's Markdown once and keeps the result.
// After Release only the HTML is gone: asking for it (html true) converts
// the body again without keeping the HTML, and the other facts are served
// from what was kept.
func (p *Page) convert(html bool) (*markdown.Result, diag.List) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.done {
		p.done = true
		p.rendered, p.problems, p.released = p.firstConvert()
		if !html || !p.released {
			return p.rendered, p.problems
		}
	}
	if html && p.released && p.rendered != nil {
		if res, _ := p.doConvert(); res != nil {
			out := *p.rendered
			out.HTML = res.HTML
			return &out, p.problems
		}
	}
	return p.rendered, p.problems
}

func (p *Page) doConvert() (*markdown.Result, diag.List) {
	return p.convertWith(p.resolver(), markdown.Embed{})
}

// convertWith reads and converts the body with a link resolver, for the
// page itself or (see ContentEmbedded) for a page that shows it.
func (p *Page) convertWith(resolve func(string) (string, error), embed markdown.Embed) (*markdown.Result, diag.List) {
	if p.Source == nil || p.site.cfg.Markdown == nil || p.site.cfg.FS == nil {
		return &markdown.Result{}, nil
	}
	body, err := p.Source.Body(p.site.cfg.FS)
	if err != nil {
		return nil, diag.List{diag.Errorf(p.Source.Path, 0, "read body: %v", err)}
	}
	res, problems := p.site.cfg.Markdown.Convert(markdown.Input{Source: body, Resolve: resolve, Image: p.imageSet, Embed: embed, Text: p.site.keepText})
	shift := p.Source.BodyLine - 1
	for _, e := range problems {
		e.Path = p.Source.Path
		if e.Line > 0 {
			e.Line += shift
		}
	}
	if res != nil {
		for i := range res.Links {
			res.Links[i].Line += shift
		}
		for i := range res.Headings {
			res.Headings[i].Line += shift
		}
	}
	return res, problems
}

// Problems converts the page if it has not been yet and returns the
// problems found in its Markdown, with file lines.
func (p *Page) Problems() diag.List {
	_, problems := p.convert(false)
	return problems
}

// Release drops the page's converted HTML, keeping summary, outline and
// word count. The renderer calls it once the page is written.
func (p *Page) Release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.rendered != nil {
		kept := *p.rendered
		kept.HTML = ""
		p.rendered = &kept
		p.released = true
	}
}

func (p *Page) result(html bool) *markdown.Result {
	res, _ := p.convert(html)
	if res == nil {
		return &markdown.Result{}
	}
	return res
}

// Content is the page's body as HTML.
func (p *Page) Content() template.HTML {
	// The HTML comes from goldmark with raw HTML and unsafe links removed.
	return template.HTML(p.result(true).HTML) //nolint:gosec
}

// Summary is the front matter summary, or else the first paragraph's text.
func (p *Page) Summary() string {
	if s := p.Meta().Summary; s != "" {
		return s
	}
	return p.result(false).Summary
}

// Lead is the description, or else the summary: the one-line pitch for
// lists and meta tags.
func (p *Page) Lead() string {
	if p.Description != "" {
		return p.Description
	}
	return p.Summary()
}

// WordCount is the number of words in the body.
func (p *Page) WordCount() int { return p.result(false).Words }

// PlainText is the body's text without markup, one paragraph, list item or
// table row a line, headings left out (see Headings); for the search index.
func (p *Page) PlainText() string { return p.result(false).Text }

// ReadingTime is the estimated reading time in whole minutes, at least 1.
func (p *Page) ReadingTime() int {
	w := p.WordCount()
	return max(1, (w+wordsPerMinute-1)/wordsPerMinute)
}

// Headings returns the page's outline.
func (p *Page) Headings() []markdown.Heading { return p.result(false).Headings }

// TOC returns the level-2 and level-3 headings, the entries of a table of
// contents.
func (p *Page) TOC() []markdown.Heading {
	var out []markdown.Heading
	for _, h := range p.Headings() {
		if h.Level == 2 || h.Level == 3 {
			out = append(out, h)
		}
	}
	return out
}

// Uses reports whether the body needs the theme feature name, such as
// "video" for a ::: video block (see markdown.Result.Features), so that a
// layout loads a script only on the pages that need it.
func (p *Page) Uses(name string) bool {
	return slices.Contains(p.result(false).Features, name)
}

// Links returns the link and image targets of the body.
func (p *Page) Links() []markdown.Link { return p.result(false).Links }

// Ancestors returns the pages above this one, from the home page down: the
// trail of a breadcrumb.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append([]*Page{a}, out...)
	}
	return out
}

// Related returns up to n published pages that share the most terms of
// the vocabulary's Related taxonomies with this one (the e-zine:
// deelakkoord and thema), best first, then in site order.
//
// Each term's pages are in site order, so one merge over those lists sees
// every candidate in site order with its full score; it stops as soon as n
// candidates share every term, as no later page can beat them.
func (p *Page) Related(n int) []*Page {
	if n <= 0 {
		return nil
	}
	var lists [][]*Page
	for _, tax := range p.site.cfg.Vocabulary.Related {
		for _, term := range p.terms[tax] {
			lists = append(lists, term.Pages)
		}
	}
	type pick struct {
		p     *Page
		score int
	}
	var top []pick // best first
	pos := make([]int, len(lists))
	for {
		// The next candidate is the lowest index at the head of any list.
		var q *Page
		for i, l := range lists {
			if pos[i] < len(l) && (q == nil || l[pos[i]].index < q.index) {
				q = l[pos[i]]
			}
		}
		if q == nil {
			break
		}
		score := 0
		for i, l := range lists {
			if pos[i] < len(l) && l[pos[i]] == q {
				score++
				pos[i]++
			}
		}
		if q == p {
			continue
		}
		// Candidates come in site order, so a later one only beats an
		// earlier one with a higher score.
		k := len(top)
		for k > 0 && score > top[k-1].score {
			k--
		}
		if k < n {
			top = slices.Insert(top, k, pick{q, score})
			if len(top) > n {
				top = top[:n]
			}
		}
		if len(top) == n && top[n-1].score == len(lists) {
			break
		}
	}
	out := make([]*Page, len(top))
	for i, t := range top {
		out[i] = t.p
	}
	return out
}

// resolve maps a relative link target in the page's body to a site URL: a
// Markdown file to its page, any other file to its published copy.
func (p *Page) resolve(dest string) (string, error) {
	decoded, query, frag, ok := markdown.SplitTarget(dest)
	if !ok {
		return "", i18n.Errorf("broken %%-escape")
	}
	suffix := ""
	if query != "" {
		suffix += "?" + query
	}
	if frag != "" {
		suffix += "#" + frag
	}
	if decoded == "" { // "?x" or "#x" only
		return dest, nil
	}
	rel := path.Join(path.Dir(p.Source.Rel), decoded)
	if strings.HasPrefix(rel, "../") || rel == ".." {
		return "", i18n.Errorf("points outside the content folder")
	}
	if strings.EqualFold(path.Ext(rel), ".md") {
		if q := p.site.byRel[rel]; q != nil {
			return q.RelPermalink() + suffix, nil
		}
		if p.site.unpublished(rel) {
			return "", i18n.Errorf("content/%s is not published (draft, future or expired)", rel)
		}
		if isNeverPublished(rel) {
			return "", neverPublished(rel)
		}
		return "", i18n.Errorf("no page content/%s", rel)
	}
	if r := p.site.resRel[rel]; r != nil {
		return r.URL + suffix, nil
	}
	if isNeverPublished(rel) {
		return "", neverPublished(rel)
	}
	for _, idx := range []string{"_index.md", "index.md"} {
		if q := p.site.byRel[path.Join(rel, idx)]; q != nil {
			return q.RelPermalink() + suffix, nil
		}
	}
	return "", i18n.Errorf("no file content/%s", rel)
}

func (s *Site) unpublished(rel string) bool {
	for _, p := range s.Unpublished {
		if p.Source.Rel == rel {
			return true
		}
	}
	return false
}
