package blocks

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// transformer finishes the blocks once the whole document is parsed,
// inline content included: it sets the level of the questions of qa
// blocks, ends a fact box's label with its source link, and keeps pull
// quotes free of anything a reader could focus.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var citaten []*Citaat
	last := 0 // level of the last heading outside qa blocks
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if _, ok := n.Parent().(*QA); ok {
				// One level below the heading the block follows, so that
				// the outline has no gaps: h2 at the top of an article,
				// h3 under an h2 "Het gesprek".
				n.Level = min(max(last+1, 2), 6)
			} else {
				last = n.Level
			}
		case *Kerncijfer:
			// The link goes at the end of the label, which holds its
			// inline content only now.
			if label, ok := n.FirstChild().(*ast.Paragraph); ok && n.BronURL != "" && n.closed && !n.bad {
				label.AppendChild(label, &KerncijferBron{URL: n.BronURL})
			}
		case *Bronnen:
			if n.ID != nil && n.closed && !n.bad {
				addBronnenHeading(n, last)
			}
			return ast.WalkSkipChildren, nil
		case *Video:
			// The theme loads its click-to-load player script only on
			// pages that need it.
			markdown.Use(pc, "video")
			return ast.WalkSkipChildren, nil
		case *Citaat:
			if n.closed && !n.bad { // others were reported already
				citaten = append(citaten, n)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, c := range citaten {
		unlink(pc, c, src)
	}
	checkRepeated(pc, doc, citaten, src)
}

// addBronnenHeading puts the heading "Bronnen" above the list of n, at
// level 2, or one below the last heading when that is deeper than h2
// (a list of sources under an h3 section belongs to it, but at the end of
// an article it is a section of its own): the outline has no gaps.
func addBronnenHeading(n *Bronnen, last int) {
	h := ast.NewHeading(2)
	if last > 2 {
		h.Level = min(last, 6)
	}
	h.AppendChild(h, ast.NewString([]byte(bronnenTitle)))
	h.SetAttribute([]byte("id"), n.ID)
	h.SetAttribute([]byte("class"), []byte("bronnen-kop"))
	h.SetPos(n.Pos())
	n.InsertBefore(n, n.FirstChild(), h)
}

// unlink replaces the links in a pull quote by their text and reports
// footnote references. A citaat is hidden from screen readers (it repeats
// the article), and what is hidden must not take keyboard focus; the link
// is in the article's own copy of the sentence.
func unlink(pc parser.Context, c *Citaat, src []byte) {
	var links []ast.Node
	_ = ast.Walk(c, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Link, *ast.AutoLink:
			links = append(links, n)
		case *east.FootnoteLink:
			markdown.Problem(pc, n, i18n.New("leave the footnote reference out of the citaat; it stays in the article's own sentence"),
				"a citaat cannot hold a footnote reference")
		}
		return ast.WalkContinue, nil
	})
	for _, n := range links {
		parent := n.Parent()
		if al, ok := n.(*ast.AutoLink); ok {
			parent.InsertBefore(parent, n, ast.NewString(al.Label(src)))
		}
		for ch := n.FirstChild(); ch != nil; {
			next := ch.NextSibling()
			parent.InsertBefore(parent, n, ch)
			ch = next
		}
		parent.RemoveChild(parent, n)
	}
}

// maxRepeatChecks bounds the pull quotes compared with the text of a page:
// each comparison reads the whole page, and no article has this many.
const maxRepeatChecks = 50

// checkRepeated warns about pull quotes whose words do not occur in the
// rest of the page. Screen readers skip a citaat because it repeats the
// article; a sentence found only in the citaat would be lost to them. An
// ellipsis (…) in the citaat may stand for left-out words.
func checkRepeated(pc parser.Context, doc *ast.Document, citaten []*Citaat, src []byte) {
	if len(citaten) == 0 {
		return
	}
	var b strings.Builder
	b.WriteByte(' ')
	inlineTexts(doc, src, func(s string) {
		b.WriteString(words(s))
		b.WriteByte(' ')
	})
	text := b.String()
	for i, c := range citaten {
		if i == maxRepeatChecks {
			break
		}
		missing := ""
		inlineTexts(c, src, func(s string) {
			for _, part := range strings.Split(s, "…") {
				if w := words(part); missing == "" && w != "" && !strings.Contains(text, " "+w+" ") {
					missing = strings.TrimSpace(part)
				}
			}
		})
		if missing != "" {
			markdown.Warn(pc, c, i18n.New("a citaat repeats a sentence of the article (screen readers skip it); use > for a quote that appears only once"),
				"citaat: %q does not occur in the article", missing)
		}
	}
}

// inlineTexts calls f with the plain text of each block under root that
// holds inline content (paragraphs, headings, table cells), in order, and
// skips the pull quotes below root.
func inlineTexts(root ast.Node, src []byte, f func(string)) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if _, ok := n.(*Citaat); ok && n != root {
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			f(markdown.PlainText(n, src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// words folds s to its lower-case words, separated by single spaces.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
