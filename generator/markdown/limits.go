package markdown

import (
	"bytes"
	"errors"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Limits on the shape of a Markdown body. goldmark's work grows faster than
// the input on a few crafted shapes (see BENCHMARKS.md, "Markdown shapes");
// these caps keep every page's work linear and far above what any article
// needs. Each was measured against the e-zine, the generated corpora and
// some 44,000 Markdown files of public documentation, none of which comes
// near any of them (TestRealMarkdownUnderLimits), and chosen so that a body
// of MaxBodySize made of the worst shape at the cap converts in seconds.
//
// Shapes that goldmark makes super-linear but whose answer is known
// without the search (a code span with no closer) are answered in
// inlinegate.go without a limit.
const (
	// MaxBodySize caps a body: a 5 MB line still builds.
	MaxBodySize = 8 << 20
	// maxLinksPerBlock caps link and image openers ("[", "![") in one
	// paragraph, heading or table cell (inlinegate.go).
	maxLinksPerBlock = 100
	// maxDelimiterWork caps emphasis and strikethrough delimiter runs
	// ("*", "_", "~") times those of them that can close, in one block
	// (inlinegate.go).
	maxDelimiterWork = 20_000
	// maxNesting is the deepest that quotes and lists nest; deeper
	// levels are shown flat, with a warning (nesting.go).
	maxNesting = 32
	// maxRefDefsPerBlock caps link reference definitions ("[x]: /url") in
	// a run of lines without a blank line: goldmark removes each one from
	// the paragraph by copying the lines after it.
	maxRefDefsPerBlock = 1_000
	// maxIndent caps a run of white space before, between or after the
	// quote and list markers that start a line: every open list measures
	// it again, so nested lists by indentation cost depth times indent
	// on every line.
	maxIndent = 160
	// MaxTableCells caps the cells of one table (rows × columns).
	MaxTableCells = 100_000
)

// limitPeaks is how close a document came to each limit: the largest
// count it reached.
type limitPeaks struct {
	links, delims, closers, delimWork int // in one block
	depth                             int
	indent                            int
	refDefsPerBlock                   int
	tableCells                        int
}

// limitError is the error of a problem that a limit reports, so that
// tests can tell them from the others. It prints as its catalogue message.
type limitError struct{ *i18n.Msg }

// Unwrap returns the message, for errors.As and the catalogue's checks.
func (e limitError) Unwrap() error { return e.Msg }

// isLimit reports whether err comes from a limit.
func isLimit(err error) bool {
	var l limitError
	return errors.As(err, &l)
}

// limit records the problem of a limit at a body line. After an error the
// inline gates make the rest of the document plain text: its HTML is not
// used, and the work stays linear however many blocks would break a limit.
func (st *docState) limit(line int, sev diag.Severity, hint, format string, args ...any) {
	st.problems = append(st.problems, &diag.Error{Line: line, Err: limitError{i18n.New(format, args...)}, Hint: hint, Severity: sev})
	if sev == diag.SevError {
		st.overLimit = true
	}
}

// checkLimits scans src once for the limits that are cheapest to check
// before parsing, records the peaks in st and returns the first limit src
// breaks, at a line relative to the body, or nil.
func checkLimits(src []byte, peaks *limitPeaks) *diag.Error {
	if len(src) > MaxBodySize {
		return &diag.Error{Line: 1, Err: limitError{i18n.New("the text is %.1f MB; the limit is %d MB", float64(len(src))/(1<<20), MaxBodySize>>20)}, Hint: "split it into several pages"}
	}
	refDefs, blockStart := 0, 1
	line := 0
	for len(src) > 0 {
		line++
		i := bytes.IndexByte(src, '\n')
		var l []byte
		if i < 0 {
			l, src = src, nil
		} else {
			l, src = src[:i], src[i+1:]
		}
		if len(bytes.TrimSpace(l)) == 0 {
			refDefs, blockStart = 0, line+1
			continue
		}
		indent := prefixIndent(l)
		peaks.indent = max(peaks.indent, indent)
		if indent > maxIndent {
			return &diag.Error{Line: line, Err: limitError{i18n.New("line is indented by %d spaces; the limit is %d", indent, maxIndent)}, Hint: "nest lists less deeply, or indent less"}
		}
		if t := bytes.TrimLeft(l, " "); len(t) > 0 && t[0] == '[' && bytes.Contains(t, []byte("]:")) {
			refDefs++
			peaks.refDefsPerBlock = max(peaks.refDefsPerBlock, refDefs)
			if refDefs > maxRefDefsPerBlock {
				return &diag.Error{Line: blockStart, Err: limitError{i18n.New("more than %d link reference definitions without a blank line between them", maxRefDefsPerBlock)}, Hint: "put blank lines between groups of definitions, or write links inline"}
			}
		}
	}
	return nil
}

// prefixIndent returns the widest run of white space in the quote and list
// markers that start line, in columns (a tab counts 4).
func prefixIndent(line []byte) int {
	widest, run := 0, 0
	for i := 0; i < len(line); {
		switch line[i] {
		case ' ':
			run++
			i++
			continue
		case '\t':
			run += 4
			i++
			continue
		}
		widest = max(widest, run)
		run = 0
		m := markerAt(line[i:])
		if m == 0 {
			return widest
		}
		i += m
	}
	return max(widest, run)
}
