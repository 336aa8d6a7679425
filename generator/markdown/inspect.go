package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// summaryWords caps the summary taken from the first paragraph.
const summaryWords = 60

// inspector is an AST transformer that, after parsing, checks and resolves
// link and image targets, drops unsafe ones, requires alt text on images,
// and records the summary, the headings and the word count.
type inspector struct{}

func (inspector) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		// Last, so that it sees the tree as the other extensions left it.
		util.Prioritized(inspector{}, 10_000),
		// The writing rules of WCAG (a11y.go), on the tree as the
		// inspector left it.
		util.Prioritized(a11yChecker{}, a11yPriority),
	))
}

// alignClass names the class a table cell gets for its column alignment.
var alignClass = map[east.Alignment]string{
	east.AlignLeft:   "align-left",
	east.AlignRight:  "align-right",
	east.AlignCenter: "align-center",
}

func (inspector) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	res := &st.result
	demoteHeadings(doc, st)
	shiftHeadings(doc, st.embed.Shift)
	markFootnotePrefix(doc, st.embed.IDPrefix)
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.TextBlock:
			// Words are counted per block: goldmark splits text nodes at
			// punctuation and quotes, which would split words.
			st.scratch = appendPlainText(st.scratch[:0], n, src)
			res.Words += countWords(st.scratch)
			st.addText(st.scratch, false)
		case *ast.Heading:
			st.scratch = appendPlainText(st.scratch[:0], n, src)
			res.Words += countWords(st.scratch)
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			res.Headings = append(res.Headings, Heading{Level: n.Level, ID: string(idb), Text: string(st.scratch), Line: st.line(nodePos(n))})
		case *ast.Paragraph:
			st.scratch = appendPlainText(st.scratch[:0], n, src)
			res.Words += countWords(st.scratch)
			st.addText(st.scratch, false)
			if res.Summary == "" && n.Parent() == doc {
				res.Summary = truncateWords(string(st.scratch), summaryWords)
			}
		case *ast.Link:
			dest, ok := st.checkDest(n, string(n.Destination), false)
			if !ok {
				unsafe = append(unsafe, n)
				return ast.WalkContinue, nil
			}
			n.Destination = []byte(dest)
		case *ast.Image:
			alt := strings.TrimSpace(PlainText(n, src))
			if alt == "" && inLink(n) {
				// An image used as a link: a11y.go reports it, as a link.
			} else if why := AltProblem(alt, string(n.Destination)); why != "" {
				st.problem(n, i18n.New("describe what the image shows between the brackets: ![Tekening van drie havenkranen](kranen.svg)"),
					"image %q: alt text %s", string(n.Destination), i18n.New(why))
			}
			written := string(n.Destination)
			dest, ok := st.checkDest(n, written, true)
			if !ok {
				unsafe = append(unsafe, n)
				return ast.WalkSkipChildren, nil
			}
			n.Destination = []byte(dest)
			st.setImage(n, written)
		case *east.TableCell:
			st.scratch = appendPlainText(st.scratch[:0], n, src)
			res.Words += countWords(st.scratch)
			st.addText(st.scratch, n.PreviousSibling() != nil) // a row is one line
			if class := alignClass[n.Alignment]; class != "" {
				n.SetAttributeString("class", class)
			}
		case *ast.AutoLink:
			if _, ok := st.checkDest(n, string(n.URL(src)), false); !ok {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	// Replace unsafe links by their text; remove unsafe images.
	for _, n := range unsafe {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if _, isImage := n.(*ast.Image); !isImage {
			if al, ok := n.(*ast.AutoLink); ok {
				parent.InsertBefore(parent, n, ast.NewString(al.Label(src)))
			}
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, n, c)
				c = next
			}
		}
		parent.RemoveChild(parent, n)
	}
}

// checkDest vets a link target: unsafe schemes are dropped (ok false)
// with a warning, relative targets go through the resolver, and the
// result is recorded.
func (st *docState) checkDest(n ast.Node, dest string, image bool) (string, bool) {
	if scheme, hasScheme, ok := checkScheme(dest); hasScheme || strings.HasPrefix(dest, "//") {
		if !ok {
			hint := i18n.New("link to a page of the site, or to an https:// address")
			if image {
				st.problem(n, hint, "image %q was left out: %s: addresses are not allowed (only http, https, mailto and tel)", dest, scheme)
			} else {
				st.problem(n, hint, "link %q was left out: %s: addresses are not allowed (only http, https, mailto and tel)", dest, scheme)
			}
			st.problems[len(st.problems)-1].Severity = diag.SevWarning
			return "", false
		}
		if image {
			// An image from another host is a request to a third party
			// before the reader asked for anything.
			st.problem(n, i18n.New("copy the image into the page's folder and link it by its file name"),
				"image %q is on another site", dest)
		}
		st.result.Links = append(st.result.Links, Link{Dest: dest, Line: st.line(nodePos(n)), Image: image})
		return dest, true
	}
	if st.resolve != nil && dest != "" && !strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "#") {
		resolved, err := st.resolve(dest)
		if err != nil {
			if image {
				st.problem(n, nil, "image %q: %v", dest, err)
			} else {
				st.problem(n, nil, "link %q: %v", dest, err)
			}
		} else {
			dest = resolved
		}
	}
	st.result.Links = append(st.result.Links, Link{Dest: dest, Line: st.line(nodePos(n)), Image: image})
	if !image {
		dest = st.embed.embedLink(dest)
	}
	return dest, true
}

// textLimit caps Result.Text: the search index needs a page's words, and
// the facts of every page stay in memory for the whole build, so a huge
// page must not keep megabytes of text there. 64 KiB is some 9,000 words,
// ten times the e-zine's longest article.
const textLimit = 64 << 10

// addText adds the plain text of one block to the result's Text: on a line
// of its own, or, with join, on the line before (the cells of a table row).
// Runs of white space become one space.
func (st *docState) addText(t []byte, join bool) {
	if !st.wantText {
		return
	}
	b := &st.text
	start := true // at the start of this block's text
	for f := range bytes.FieldsSeq(t) {
		if b.Len() >= textLimit {
			return
		}
		switch {
		case !start:
			b.WriteByte(' ')
		case b.Len() > 0 && join:
			b.WriteByte(' ')
		case b.Len() > 0:
			b.WriteByte('\n')
		}
		start = false
		if room := textLimit - b.Len(); len(f) > room {
			for room > 0 && !utf8.RuneStart(f[room]) {
				room-- // never half a character
			}
			b.Write(f[:room])
			return
		}
		b.Write(f)
	}
}

// PlainText returns the text of n and its descendants, without markup.
func PlainText(n ast.Node, src []byte) string {
	return string(appendPlainText(nil, n, src))
}

// appendPlainText appends the text of n and its descendants, without
// markup and without leading or trailing white space, to dst.
func appendPlainText(dst []byte, n ast.Node, src []byte) []byte {
	start := len(dst)
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			dst = append(dst, c.Segment.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				dst = append(dst, ' ')
			}
		case *ast.String:
			dst = append(dst, c.Value...)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					dst = append(dst, s.Segment.Value(src)...)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			dst = append(dst, c.Label(src)...)
		}
		return ast.WalkContinue, nil
	})
	text := bytes.TrimSpace(dst[start:])
	n0 := copy(dst[start:], text)
	return dst[:start+n0]
}

// countWords counts the space-separated tokens of s that hold at least
// one letter or digit (so a lone dash or bullet is not a word). Spaces are
// those of unicode.IsSpace, as for strings.Fields.
func countWords(s []byte) int {
	n := 0
	counted := false // the current token has been counted
	for i := 0; i < len(s); {
		class := asciiClass[s[i]]
		if class == nonASCII {
			r, size := utf8.DecodeRune(s[i:])
			i += size
			switch {
			case unicode.IsSpace(r):
				class = space
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				class = wordy
			default:
				class = other
			}
		} else {
			i++
		}
		switch class {
		case space:
			counted = false
		case wordy:
			if !counted {
				n++
				counted = true
			}
		}
	}
	return n
}

// Classes of bytes for countWords.
const (
	other    = iota // punctuation and symbols
	space           // white space (unicode.IsSpace)
	wordy           // a letter or digit
	nonASCII        // the first byte of a character above ASCII
)

var asciiClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = nonASCII
		case c == ' ' || '\t' <= c && c <= '\r':
			t[c] = space
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
			t[c] = wordy
		}
	}
	return t
}()

func truncateWords(s string, max int) string {
	fields := strings.Fields(s)
	if len(fields) <= max {
		return strings.Join(fields, " ")
	}
	return strings.Join(fields[:max], " ") + " …"
}

// demoteHeadings moves every heading of doc one level down (h1 to h2, ...,
// h6 stays) when the body has a level-1 heading: the page title is the
// page's only h1, so a body written from "# Kop" would otherwise break the
// outline. The editor is warned at the first such heading.
func demoteHeadings(doc *ast.Document, st *docState) {
	var first ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 && first == nil {
			first = h
		}
		return ast.WalkContinue, nil
	})
	if first == nil {
		return
	}
	st.problem(first, i18n.New("start sections with ##; the page title is the page's heading"),
		"level-1 heading in the text: all headings were moved one level down")
	st.problems[len(st.problems)-1].Severity = diag.SevWarning
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level < 6 {
			h.Level++
		}
		return ast.WalkContinue, nil
	})
}
