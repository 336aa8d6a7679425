package blocks

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// The checks and shaping of each kind, run when its block closes: the
// attributes are present and well-formed (see Open), the body's blocks are
// parsed but their inline content is not yet.

func (n *Citaat) close(c *closer) {
	n.Bron, _ = n.Attr("bron")
	if n.ChildCount() == 0 {
		c.problem(n, i18n.New("write the sentence to repeat between the opening line and :::"), "citaat is empty")
	}
}

func (n *Kerncijfer) close(c *closer) {
	n.Cijfer, _ = n.Attr("cijfer")
	n.Cijfer = strings.TrimSpace(n.Cijfer)
	if bron, ok := n.Attr("bron"); ok {
		// An unsafe bron is left out, with a warning from ResolveDest.
		if dest, ok := markdown.ResolveDest(c.pc, n, bron, false); ok {
			n.BronURL = dest
		}
	}
	// The body is the label: one paragraph.
	first := n.FirstChild()
	para, isPara := first.(*ast.Paragraph)
	switch {
	case first == nil:
		c.problem(n, i18n.New("write what the number counts on the line after the opening line, e.g. opstapbanen per jaar"),
			"kerncijfer %q has no label", n.Cijfer)
	case !isPara:
		c.problem(first, i18n.New("write the label as one short line of text"), "the label of a kerncijfer must be text")
	case para.NextSibling() != nil:
		c.problem(para.NextSibling(), i18n.New("write the label as one short paragraph, without blank lines"),
			"the label of a kerncijfer is one paragraph")
	default:
		para.SetAttribute([]byte("class"), []byte("kerncijfer-label"))
	}
}

func (n *Figuur) close(c *closer) {
	src, _ := n.Attr("src")
	n.Alt, _ = n.Attr("alt")
	n.Alt = strings.TrimSpace(n.Alt)
	n.Credit, _ = n.Attr("credit")
	if markdown.HasScheme(src) || strings.HasPrefix(src, "//") {
		c.problem(n, i18n.New("put the image beside the page (src=\"tekening.svg\") or in static/; images from other sites are requests to third parties"),
			"figuur: src %q is not a file of this site", src)
	} else if dest, ok := markdown.ResolveDest(c.pc, n, src, true); ok {
		n.Src = dest
		if n.Image = markdown.ImageFor(c.pc, n, src); n.Image != nil {
			n.Src = n.Image.Src
		}
	}
	if why := markdown.AltProblem(n.Alt, src); why != "" {
		c.problem(n, i18n.New("describe what the image shows, for readers who cannot see it: alt=\"Tekening van drie havenkranen bij zonsondergang\""),
			"figuur: alt %q %s", n.Alt, i18n.New(why))
	} else if markdown.AltTooLong(n.Alt) {
		markdown.Warn(c.pc, n, i18n.New("WCAG 1.1.1 Non-text Content: say in at most 150 characters what the image shows, and put the rest in the caption (the text of the figuur block)"),
			"figuur: alt text is %d characters long", utf8.RuneCountInString(n.Alt))
	}
	captionInline(n)
}

func (n *Video) close(c *closer) {
	src, _ := n.Attr("src")
	n.Titel, _ = n.Attr("titel")
	n.Titel = strings.TrimSpace(n.Titel)
	v, err := parseVideoURL(src)
	if err != nil {
		c.problem(n, i18n.New("use the address of a video on YouTube (https://www.youtube.com/watch?v=…) or Vimeo (https://vimeo.com/…)"),
			"video: src %q: %v", src, err)
	} else {
		n.Platform, n.Embed, n.Watch = v.platform, v.embed(), v.watch()
		// Recorded as a link of the page, like any link to another site.
		markdown.ResolveDest(c.pc, n, n.Watch, false)
	}
	captionInline(n)
}

// bronnenKey marks a document that has a bronnen block already.
var bronnenKey = parser.NewContextKey()

// bronnenTitle is the heading the block puts above its list.
const bronnenTitle = "Bronnen"

func (n *Bronnen) close(c *closer) {
	list, isList := n.FirstChild().(*ast.List)
	switch {
	case n.ChildCount() == 0:
		c.problem(n, i18n.New("write the sources as a list, one line each starting with \"- \""), "bronnen is empty")
		return
	case !isList:
		c.problem(n.FirstChild(), i18n.New("write the sources as a list, one line each starting with \"- \""),
			"the body of ::: bronnen must be a list")
		return
	case list.NextSibling() != nil:
		c.problem(list.NextSibling(), i18n.New("put every source in the one list; a blank line between items is fine"),
			"::: bronnen holds one list and nothing else")
		return
	case c.pc.Get(bronnenKey) != nil:
		c.problem(n, i18n.New("put all the sources of the page in one ::: bronnen block"), "a page has one ::: bronnen block")
		return
	}
	c.pc.Set(bronnenKey, true)
	// The id is taken now, in document order with the other headings;
	// the transformer adds the heading once inline content is parsed.
	n.ID = c.pc.IDs().Generate([]byte(bronnenTitle), ast.KindHeading)
}

// captionInline lets a caption of one paragraph render as text straight
// inside <figcaption>, without a <p> of its own.
func captionInline(n ast.Node) {
	para, ok := n.FirstChild().(*ast.Paragraph)
	if !ok || para.NextSibling() != nil {
		return
	}
	tb := ast.NewTextBlock()
	tb.SetLines(para.Lines())
	tb.SetPos(para.Pos())
	n.ReplaceChild(n, para, tb)
}
