package site

import (
	"cmp"
	"html/template"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
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
	// leadURL is the URL of the front matter image when no image facts
	// give it (see Image): worked out by Build, "" when it has none.
	leadURL string
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

// facts returns the facts attached to the page's model (see Facts), or
// empty ones.
func (p *Page) facts() Facts {
	if p.site != nil && p.site.facts != nil {
		return p.site.facts
	}
	return noFacts{}
}

// Content is the page's body as HTML.
func (p *Page) Content() template.HTML { return trustedHTML(p.facts().HTML(p)) }

// Summary is the front matter summary, or else the first paragraph's text.
func (p *Page) Summary() string { return p.facts().Summary(p) }

// Lead is the description, or else the summary: the one-line pitch for
// lists and meta tags.
func (p *Page) Lead() string { return p.facts().Lead(p) }

// WordCount is the number of words in the body.
func (p *Page) WordCount() int { return p.facts().Result(p).Words }

// PlainText is the body's text without markup, one paragraph, list item or
// table row a line, headings left out (see Headings); for the search index.
func (p *Page) PlainText() string { return p.facts().Result(p).Text }

// ReadingTime is the estimated reading time in whole minutes, at least 1.
func (p *Page) ReadingTime() int {
	w := p.WordCount()
	return max(1, (w+wordsPerMinute-1)/wordsPerMinute)
}

// Headings returns the page's outline.
func (p *Page) Headings() []markdown.Heading { return p.facts().Result(p).Headings }

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
	return slices.Contains(p.facts().Result(p).Features, name)
}

// Links returns the link and image targets of the body.
func (p *Page) Links() []markdown.Link { return p.facts().Result(p).Links }

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

// Resolve maps a relative link target in the body of page p to a site
// URL: a Markdown file to its page, any other file to its published copy;
// a target that is only a query or fragment is kept as it is. The error
// says why a target leads nowhere. It is the one question a conversion
// asks the model (markdown.Input.Resolve).
func (s *Site) Resolve(p *Page, dest string) (string, error) {
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
		if q := s.byRel[rel]; q != nil {
			return q.RelPermalink() + suffix, nil
		}
		if s.unpublished(rel) {
			return "", i18n.Errorf("content/%s is not published (draft, future or expired)", rel)
		}
		if isNeverPublished(rel) {
			return "", neverPublished(rel)
		}
		return "", i18n.Errorf("no page content/%s", rel)
	}
	if r := s.resRel[rel]; r != nil {
		return r.URL + suffix, nil
	}
	if isNeverPublished(rel) {
		return "", neverPublished(rel)
	}
	for _, idx := range []string{"_index.md", "index.md"} {
		if q := s.byRel[path.Join(rel, idx)]; q != nil {
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
