package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// The writing rules of WCAG 2.1 that can be checked on the Markdown AST,
// each at the line of the node that breaks it. What publishes a barrier (a
// link or heading a screen reader announces as nothing, a table without
// headers) is an error, and fails the build; what makes a page harder to
// use but not unusable is a warning:
//
//   - a link without text (error), or an image used as a link without alt
//     text (error; 1.1.1 and 2.4.4);
//   - link text that says nothing about where the link goes ("klik hier",
//     "lees meer", vagueLinkTexts), or that is a bare web address
//     (warnings; 2.4.4 Link Purpose (In Context));
//   - two links with the same text to different places on one page
//     (warning; 2.4.4);
//   - a table whose header row is empty (error; 1.3.1);
//   - alt text longer than MaxAltLength characters (warning; 1.1.1): a
//     screen reader reads it in one go, without pause or repeat;
//   - a heading without text (error; 2.4.6 and 1.3.1).
//
// The checks run after the inspector (a11yChecker's priority), so they see
// link targets resolved and unsafe links removed.

// MaxAltLength is the longest alt text, in characters, that reads well: a
// screen reader speaks alt text in one go and cannot pause in it, and
// guidance (WebAIM, the Dutch Digitoegankelijk) puts the bound at about
// 150. A longer description belongs in a caption or the text.
const MaxAltLength = 150

// vagueLinkTexts are link texts that say nothing about where a link
// goes, in lower case without surrounding punctuation.
var vagueLinkTexts = map[string]bool{
	"hier": true, "klik hier": true, "klik": true, "lees meer": true, "meer": true,
	"lees verder": true, "verder lezen": true, "meer lezen": true, "meer info": true,
	"meer informatie": true, "link": true, "deze link": true, "deze pagina": true,
	"click here": true, "here": true, "read more": true, "more": true,
}

// a11yChecker is the AST transformer that applies the rules above.
type a11yChecker struct{}

// a11yPriority runs the checks after the inspector (10,000).
const a11yPriority = 10_001

// linkSeen is the first link of a page with a given text.
type linkSeen struct {
	dest string
	line int
}

func (a11yChecker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	seen := map[string]linkSeen{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			st.checkLinkText(n, src, seen)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				st.warn(n, i18n.New("WCAG 2.4.4 Link Purpose (In Context): write what the link leads to as its text, such as [het Leerwerkakkoord op rotterdam.nl](https://www.rotterdam.nl/)"),
					"bare web address %q in the text", string(n.Label(src)))
			}
		case *ast.Image:
			if alt := strings.TrimSpace(PlainText(n, src)); AltTooLong(alt) {
				st.warn(n, i18n.New("WCAG 1.1.1 Non-text Content: say in at most 150 characters what the image shows, and put the rest in a caption (a figuur block) or the text"),
					"alt text of image %q is %d characters long", string(n.Destination), utf8.RuneCountInString(alt))
			}
		case *ast.Heading:
			if len(appendPlainText(nil, n, src)) == 0 && !st.hasErrorAt(st.line(nodePos(n))) {
				// (A block that makes headings, the questions of a qa,
				// reports an empty one in its own words.)
				st.problem(n, i18n.New("WCAG 2.4.6 Headings and Labels, 1.3.1 Info and Relationships: write the heading's text after the #, or remove the line"),
					"heading without text")
			}
		case *east.TableHeader:
			if emptyRow(n, src) {
				st.problem(n, i18n.New("WCAG 1.3.1 Info and Relationships: the first row of a table names its columns; write a name above every column"),
					"table without a header row: every cell of its first row is empty")
			}
		}
		return ast.WalkContinue, nil
	})
}

// checkLinkText applies the link rules to one link; seen holds the first
// link of the page for each text.
func (st *docState) checkLinkText(n *ast.Link, src []byte, seen map[string]linkSeen) {
	label := strings.Join(strings.Fields(PlainText(n, src)), " ")
	dest := string(n.Destination)
	line := st.line(nodePos(n))
	switch key := linkTextKey(label); {
	case label == "" && hasImage(n):
		st.problem(n, i18n.New("WCAG 1.1.1 Non-text Content, 2.4.4 Link Purpose: say in the image's alt text where the link goes: [![Jaarverslag 2022 (pdf)](omslag.png)](jaarverslag.pdf)"),
			"image used as a link to %q has no alt text", dest)
	case label == "":
		st.problem(n, i18n.New("WCAG 2.4.4 Link Purpose (In Context): write between the brackets where the link goes: [het jaarverslag 2022](jaarverslag.pdf)"),
			"link to %q has no text", dest)
	case vagueLinkTexts[key]:
		st.warn(n, i18n.New("WCAG 2.4.4 Link Purpose (In Context): let the link text say where it goes, such as [het jaarverslag 2022](jaarverslag.pdf) instead of [klik hier](jaarverslag.pdf)"),
			"link text %q says nothing about where the link goes", label)
	case looksLikeURL(key):
		st.warn(n, i18n.New("WCAG 2.4.4 Link Purpose (In Context): write what the link leads to as its text, such as [het Leerwerkakkoord op rotterdam.nl](https://www.rotterdam.nl/)"),
			"link text %q is a bare web address", label)
	default:
		first, ok := seen[key]
		if !ok {
			seen[key] = linkSeen{dest: dest, line: line}
		} else if first.dest != dest {
			st.warn(n, i18n.New("WCAG 2.4.4 Link Purpose (In Context): links with the same text must go to the same place; give each link a text of its own"),
				"link text %q also links to %q on line %d, here to %q", label, first.dest, first.line, dest)
		}
	}
}

// warn records a warning at the line of node n.
func (st *docState) warn(n ast.Node, hint *i18n.Msg, format string, args ...any) {
	st.problem(n, hint, format, args...)
	st.problems[len(st.problems)-1].Severity = diag.SevWarning
}

// hasErrorAt reports whether an error is recorded at line already.
func (st *docState) hasErrorAt(line int) bool {
	for _, p := range st.problems {
		if p.Line == line && p.Severity == diag.SevError {
			return true
		}
	}
	return false
}

// AltTooLong reports whether alt text is longer than MaxAltLength
// characters.
func AltTooLong(alt string) bool {
	return utf8.RuneCountInString(strings.TrimSpace(alt)) > MaxAltLength
}

// linkTextKey is a link text as the rules compare it: lower case, without
// the punctuation and arrows around it.
func linkTextKey(label string) string {
	return strings.TrimFunc(strings.ToLower(label), func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
	})
}

// looksLikeURL reports whether a link text (as linkTextKey gives it) is a
// web address.
func looksLikeURL(key string) bool {
	return !strings.ContainsRune(key, ' ') &&
		(strings.HasPrefix(key, "http://") || strings.HasPrefix(key, "https://") || strings.HasPrefix(key, "www."))
}

// hasImage reports whether n holds an image.
func hasImage(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := c.(*ast.Image); ok && entering {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// inLink reports whether n stands inside a link.
func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Link); ok {
			return true
		}
	}
	return false
}

// emptyRow reports whether every cell of a table row is without text.
func emptyRow(row ast.Node, src []byte) bool {
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		if len(appendPlainText(nil, c, src)) > 0 || hasImage(c) {
			return false
		}
	}
	return true
}
