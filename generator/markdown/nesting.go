package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lwa-rotterdam/ezine/generator/diag"
)

// nestingGate keeps quotes and lists at most maxNesting deep. goldmark
// continues every open container on every line, so its work is lines
// times depth, and more than that where each level also measures the
// line's indentation; a page nested thousands deep is also thousands of
// nested elements that no reader can follow. Beyond the limit the markers
// of deeper quotes and lists are dropped: their text stays, flattened into
// the deepest allowed level, and the page gets one warning at the line
// where that first happens.
//
// The gate is a block parser that goldmark asks before its list and block
// quote parsers. It never opens a block: within the limit it
// declines at once; beyond it, it moves the reader past the markers and
// declines, so that the parsers after it see only the text.
type nestingGate struct{}

func (nestingGate) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		// Before the list parser (300), and so before the block quote
		// parser (800) on ">".
		util.Prioritized(nestingGate{}, 299),
	))
}

func (nestingGate) Trigger() []byte {
	return []byte{'>', '-', '+', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'}
}

func (nestingGate) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if _, ok := parent.(*ast.List); ok {
		return nil, parser.NoChildren // an item of an open list, not a deeper level
	}
	st := stateOf(pc)
	line, seg := reader.PeekLine()
	if d := nestingDepth(parent, maxNesting); d < maxNesting {
		if st != nil && d+1 > st.peaks.depth && containerMarkers(line) > 0 {
			st.peaks.depth = d + 1
		}
		return nil, parser.NoChildren
	}
	n := containerMarkers(line)
	if n == 0 {
		return nil, parser.NoChildren
	}
	if st != nil && !st.flattened {
		st.flattened = true
		st.limit(st.line(seg.Start), diag.SevWarning, "nest quotes and lists less deeply",
			"quotes and lists are nested more than %d deep here: the deeper levels are shown flat", maxNesting)
	}
	reader.Advance(n)
	return nil, parser.NoChildren
}

func (nestingGate) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (nestingGate) Close(ast.Node, text.Reader, parser.Context)                 {}

// CanInterruptParagraph is true: a deeper quote or list may start on a
// line that would continue a paragraph, and its markers must go there too.
func (nestingGate) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine is true: beyond the limit, a list nested by
// indentation reaches the gate with more than three spaces.
func (nestingGate) CanAcceptIndentedLine() bool { return true }

// nestingDepth counts the quotes and lists among n and its ancestors, up
// to limit.
func nestingDepth(n ast.Node, limit int) int {
	d := 0
	for ; n != nil && d < limit; n = n.Parent() {
		switch n.(type) {
		case *ast.Blockquote, *ast.List:
			d++
		}
	}
	return d
}

// containerMarkers returns the length of the run of block quote and list
// markers, with the white space around them, at the start of line: "> ",
// "- ", "* ", "+ ", "1. ", "1) ". Zero when the line does not start with
// one after its indentation.
func containerMarkers(line []byte) int {
	end := 0
	i := 0
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		m := markerAt(line[i:])
		if m == 0 {
			return end
		}
		i += m
		end = i
	}
}

// markerAt returns the length of the container marker at the start of s,
// or 0.
func markerAt(s []byte) int {
	if len(s) == 0 {
		return 0
	}
	spaceOrEnd := func(i int) bool { return i >= len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' }
	switch c := s[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '+' || c == '*':
		if spaceOrEnd(1) {
			return 1
		}
	case c >= '0' && c <= '9':
		i := 0
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i < len(s) && (s[i] == '.' || s[i] == ')') && spaceOrEnd(i+1) {
			return i + 1
		}
	}
	return 0
}
