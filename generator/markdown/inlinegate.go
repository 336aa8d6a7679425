package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lwa-rotterdam/ezine/generator/diag"
)

// Inline gates stand in front of goldmark's inline parsers for the shapes
// on which those parsers do more than linear work in one block (a
// paragraph, a heading, a table cell). Each gate returns nil, handing the
// character on to goldmark unchanged, except where goldmark's answer is
// known without the search (a code span with no closer) or a limit of
// limits.go is broken (the character is then literal text, and the block
// an error at its line).
type inlineGates struct{}

func (inlineGates) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// Each just before the parser it guards (goldmark's code span
		// parser is at 100, links at 200, emphasis and strikethrough at
		// 500); the footnote reference parser (101) stays ahead of the
		// link gate, so "[^1]" is not counted as a link.
		util.Prioritized(codeSpanGate{}, 99),
		util.Prioritized(linkGate{}, 199),
		util.Prioritized(delimiterGate{}, 499),
	))
}

// blockBudget is what the gates know about the block whose inline content
// goldmark is parsing: goldmark parses one block's inlines at a time, so
// one record, replaced when the block changes, is enough.
type blockBudget struct {
	block            ast.Node
	delims, closers  int // emphasis and strikethrough delimiter runs; those that can close
	links            int // "[" and "![" openers
	broken           bool
	tickRuns         map[int]int // backtick run length -> start of its last run
	tickRunsComputed bool
}

var budgetKey = parser.NewContextKey()

// budgetFor returns the record of block, starting a new one when goldmark
// has moved on to another block. A block after a limit error starts
// broken.
func budgetFor(pc parser.Context, block ast.Node) *blockBudget {
	b, _ := pc.Get(budgetKey).(*blockBudget)
	if b == nil {
		b = &blockBudget{}
		pc.Set(budgetKey, b)
	}
	if b.block != block {
		*b = blockBudget{block: block, tickRuns: b.tickRuns}
		clear(b.tickRuns)
		if st := stateOf(pc); st != nil && st.overLimit {
			b.broken = true
		}
	}
	return b
}

// literal makes the first n bytes at the reader plain text.
func literal(block text.Reader, n int) ast.Node {
	_, seg := block.PeekLine()
	block.Advance(n)
	return ast.NewTextSegment(seg.WithStop(seg.Start + n))
}

// literalLine makes the rest of the line plain text, for a block that broke
// a limit: its HTML is not used, and one node for the rest of the line
// keeps goldmark's later work on the block (a "]" looks at every node
// after its "[") small.
func literalLine(block text.Reader) ast.Node {
	line, _ := block.PeekLine()
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	if n == 0 {
		return nil
	}
	return literal(block, n)
}

// runLength is the length of the run of line[0] at the start of line.
func runLength(line []byte) int {
	n := 1
	for n < len(line) && line[n] == line[0] {
		n++
	}
	return n
}

// codeSpanGate answers for goldmark's code span parser where a backtick
// run has no closing run of the same length later in the block: goldmark
// looks for one up to the end of the block, for every such run, which is
// quadratic in the block when the runs all differ in length
// ("`a“a```a…"). The answer without the search is the same as goldmark's:
// the run as text, and parsing goes on after it. Where a closer exists,
// goldmark's search ends at it and the span consumes what it passed.
type codeSpanGate struct{}

func (codeSpanGate) Trigger() []byte { return []byte{'`'} }

func (codeSpanGate) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if seg.Padding != 0 {
		return nil
	}
	b := budgetFor(pc, parent)
	if !b.tickRunsComputed {
		b.tickRuns = lastTickRuns(b.tickRuns, parent.Lines(), block.Source())
		b.tickRunsComputed = true
	}
	n := runLength(line)
	if last, ok := b.tickRuns[n]; ok && last >= seg.Start+n {
		return nil // a closer exists: goldmark finds it
	}
	return literal(block, n)
}

// lastTickRuns records, for every length of a backtick run in the lines,
// where its last run starts. Runs are maximal within a line, as goldmark's
// code span parser sees them.
func lastTickRuns(runs map[int]int, lines *text.Segments, src []byte) map[int]int {
	if runs == nil {
		runs = map[int]int{}
	}
	for i := range lines.Len() {
		seg := lines.At(i)
		for j := seg.Start; j < seg.Stop; j++ {
			if src[j] != '`' {
				continue
			}
			k := j
			for k < seg.Stop && src[k] == '`' {
				k++
			}
			runs[k-j] = j
			j = k
		}
	}
	return runs
}

// linkGate counts link and image openers per block. goldmark tries every
// "]" against the last opener, and each try can read to the end of the
// line (a destination without spaces) or of the block (a title without
// its closing quote), so a block with many openers is quadratic.
type linkGate struct{}

func (linkGate) Trigger() []byte { return []byte{'[', '!'} }

func (linkGate) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if line, _ := block.PeekLine(); line[0] == '!' && (len(line) < 2 || line[1] != '[') {
		return nil
	}
	b := budgetFor(pc, parent)
	if b.broken {
		return literalLine(block)
	}
	b.links++
	if st := stateOf(pc); st != nil {
		st.peaks.links = max(st.peaks.links, b.links)
	}
	if b.links > maxLinksPerBlock {
		b.broken = true
		if st := stateOf(pc); st != nil {
			st.limit(st.line(nodePos(parent)), diag.SevError, "split the paragraph with blank lines, or escape literal brackets as \\[",
				"this paragraph has more than %d links or \"[\"", maxLinksPerBlock)
		}
		return literalLine(block)
	}
	return nil
}

// delimiterGate counts emphasis and strikethrough delimiter runs per
// block. For every run that can close, goldmark searches back through all
// earlier runs of the block for an opener (CommonMark's "openers bottom"
// is not kept), so the work grows with closers times runs.
type delimiterGate struct{}

func (delimiterGate) Trigger() []byte { return []byte{'*', '_', '~'} }

// anyDelimiter lets parser.ScanDelimiter classify a run of any of the
// gate's characters.
type anyDelimiter struct{}

func (anyDelimiter) IsDelimiter(c byte) bool                   { return c == '*' || c == '_' || c == '~' }
func (anyDelimiter) CanOpenCloser(_, _ *parser.Delimiter) bool { return false }
func (anyDelimiter) OnMatch(int) ast.Node                      { return nil }

func (delimiterGate) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	b := budgetFor(pc, parent)
	if b.broken {
		return literalLine(block)
	}
	d := parser.ScanDelimiter(line, block.PrecendingCharacter(), 1, anyDelimiter{})
	b.delims++
	if d.CanClose {
		b.closers++
	}
	if st := stateOf(pc); st != nil {
		st.peaks.delims = max(st.peaks.delims, b.delims)
		st.peaks.closers = max(st.peaks.closers, b.closers)
		st.peaks.delimWork = max(st.peaks.delimWork, b.delims*b.closers)
	}
	if b.delims*b.closers > maxDelimiterWork {
		b.broken = true
		if st := stateOf(pc); st != nil {
			st.limit(st.line(nodePos(parent)), diag.SevError, "split the paragraph with blank lines, or escape literal characters as \\* \\_ \\~",
				"this paragraph has too many * _ ~ for emphasis (%d, of which %d can close one)", b.delims, b.closers)
		}
		return literalLine(block)
	}
	return nil
}
