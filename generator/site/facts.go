package site

import (
	"html/template"

	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// Facts are what a page's Markdown yields, as the page's template methods
// read them: Content, ContentEmbedded, Summary, Lead, Headings, WordCount,
// Image and the rest delegate to it. The model declares the interface and
// holds none of the facts; package facts keeps them (converting a body on
// first use, releasing its HTML once the page is written), and the
// pipeline attaches its store to the model once, right after Build (see
// SetFacts). Its methods are called from several goroutines at once.
type Facts interface {
	// Result is what converting the page's body yielded, without its HTML
	// (which may have been released): never nil, and empty for a page
	// without a file.
	Result(p *Page) *markdown.Result
	// HTML is the page's body as HTML.
	HTML(p *Page) string
	// Embedded is the body as HTML for a page that shows it inside
	// another (see Page.ContentEmbedded).
	Embedded(p *Page, shift int) string
	// Summary is the front matter summary, or else the first paragraph's
	// text.
	Summary(p *Page) string
	// Lead is the description, or else the summary.
	Lead(p *Page) string
	// ImageSet is the image a target in the page (a Markdown image, a
	// figuur block, the front matter image) names, with its resized
	// copies; nil when the site has no such image or resizes none.
	ImageSet(p *Page, dest string) *markdown.ImageSet
}

// SetFacts attaches the facts of the model's pages, once, right after
// Build and before any page is read: the one change to a model after
// Build. Without facts every page's are empty.
func (s *Site) SetFacts(f Facts) { s.facts = f }

// noFacts are the facts of a model without any: empty.
type noFacts struct{}

func (noFacts) Result(*Page) *markdown.Result             { return &markdown.Result{} }
func (noFacts) HTML(*Page) string                         { return "" }
func (noFacts) Embedded(*Page, int) string                { return "" }
func (noFacts) Summary(*Page) string                      { return "" }
func (noFacts) Lead(*Page) string                         { return "" }
func (noFacts) ImageSet(*Page, string) *markdown.ImageSet { return nil }

var _ Facts = noFacts{}

// trustedHTML marks converted Markdown as safe: it comes from goldmark with
// raw HTML and unsafe links removed.
func trustedHTML(s string) template.HTML {
	return template.HTML(s) //nolint:gosec
}
