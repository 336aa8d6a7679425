package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Embed says how to convert a body that is shown inside another page, as
// the print edition shows every article of the edition on one page. The
// zero value converts a body for its own page.
type Embed struct {
	// Shift moves every heading this many levels down (h2 becomes h3 for
	// 1), never below h6, so the body fits under the heading the host page
	// gives it.
	Shift int
	// IDPrefix goes before every heading id, and before the target of a
	// link to a heading of the same body ("#doelen"), so that the ids of
	// several bodies on one page stay apart.
	IDPrefix string
	// BaseURL, when set, makes root-relative link targets absolute
	// ("https://host/verhalen/zorg/"): a printed link shows where it leads.
	// Images keep root-relative URLs.
	BaseURL string
}

// shiftHeadings moves every heading of doc by shift levels, at most to h6.
// It runs in the inspector, after every other transformer made its
// headings (the questions of an interview, for one).
func shiftHeadings(doc *ast.Document, shift int) {
	if shift <= 0 {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(6, h.Level+shift)
		}
		return ast.WalkContinue, nil
	})
}

// embedLink rewrites a vetted link target for an embedded body: a link to
// a heading of the body gets the id prefix, a root-relative target the
// base URL.
func (e *Embed) embedLink(dest string) string {
	switch {
	case e.IDPrefix != "" && strings.HasPrefix(dest, "#") && len(dest) > 1:
		return "#" + e.IDPrefix + dest[1:]
	case e.BaseURL != "" && strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//"):
		return strings.TrimSuffix(e.BaseURL, "/") + dest
	}
	return dest
}

// footnotePrefixAttr is the attribute of a document that holds the id
// prefix of an embedded body (Embed.IDPrefix), for footnotePrefix. The
// document node itself is never rendered as an element.
var footnotePrefixAttr = []byte("data-footnote-prefix")

// markFootnotePrefix records the embedding prefix on doc for the footnote
// renderer.
func markFootnotePrefix(doc *ast.Document, prefix string) {
	if prefix != "" {
		doc.SetAttribute(footnotePrefixAttr, []byte(prefix))
	}
}

// footnotePrefix gives goldmark's footnote renderer the id prefix of the
// document node n is in, so that the footnotes of several bodies on one
// page ("fn:1", "fnref:1") stay apart as their headings do.
func footnotePrefix(n ast.Node) []byte {
	for n.Parent() != nil {
		n = n.Parent()
	}
	if v, ok := n.Attribute(footnotePrefixAttr); ok {
		if b, ok := v.([]byte); ok {
			return b
		}
	}
	return nil
}
