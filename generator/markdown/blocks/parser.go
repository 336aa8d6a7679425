package blocks

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// spec describes one kind of block: how to make its node and which
// attributes it takes.
type spec struct {
	new      func() node
	required []string
	optional []string
}

// specs are the blocks by name.
var specs = map[string]spec{
	"citaat":     {new: func() node { return &Citaat{} }, optional: []string{"bron"}},
	"kerncijfer": {new: func() node { return &Kerncijfer{} }, required: []string{"cijfer"}, optional: []string{"bron"}},
	"figuur":     {new: func() node { return &Figuur{} }, required: []string{"src", "alt"}, optional: []string{"credit"}},
	"qa":         {new: func() node { return &QA{} }},
	"video":      {new: func() node { return &Video{} }, required: []string{"src", "titel"}},
	"bronnen":    {new: func() node { return &Bronnen{} }},
}

// knownNames lists the block names for hints.
func knownNames() string {
	names := make([]string, 0, len(specs))
	for name := range specs {
		names = append(names, name)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func (s spec) takes(key string) bool {
	return slices.Contains(s.required, key) || slices.Contains(s.optional, key)
}

func (s spec) takesHint(name string) *i18n.Msg {
	keys := append(slices.Clone(s.required), s.optional...)
	if len(keys) == 0 {
		return i18n.New("%s takes no attributes", name)
	}
	return i18n.New("%s takes: %s", name, strings.Join(keys, ", "))
}

// blockParser opens a block on a line starting with ":::" and a name, and
// closes it on a line holding only ":::". The body lines between are
// parsed as Markdown children of the block.
type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{':'} }

// fence reports whether line (from its first non-space byte) starts with
// exactly three colons, and returns what follows them.
func fence(line []byte) ([]byte, bool) {
	if !bytes.HasPrefix(line, []byte(":::")) || len(line) > 3 && line[3] == ':' {
		return nil, false
	}
	return line[3:], true
}

func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	rest, ok := fence(line[pos:])
	if !ok {
		return nil, parser.NoChildren
	}
	start := seg.Start + pos
	rest = util.TrimRightSpace(rest)
	if len(util.TrimLeftSpace(rest)) == 0 {
		// A closing line with no block open: Continue takes every closing
		// line of an open block, so this one is stray.
		markdown.Problem(pc, at(start), i18n.New("remove it, or add the opening line, e.g. ::: citaat"),
			"\":::\" closes no block")
		return nil, parser.NoChildren
	}
	var outer *Block
	for p := parent; p != nil && outer == nil; p = p.Parent() {
		if o, ok := p.(node); ok {
			outer = o.block()
		}
	}
	if outer != nil && outer.nested {
		// Deeper still: text of the block already reported as nested. So
		// blocks nest at most two deep, and the parser's work per line,
		// which grows with the open blocks, stays bounded.
		return nil, parser.NoChildren
	}
	op, err := parseOpening(string(rest))
	var n node
	sp, known := specs[op.name]
	if known {
		n = sp.new()
	} else {
		n = &Block{}
	}
	b := n.block()
	b.Name = op.name
	b.SetPos(start) // the parser sets it too, after Open; the problems below need it now
	switch {
	case op.name == "":
		b.bad = true
		markdown.Problem(pc, n, i18n.New("write the name after the colons, e.g. ::: citaat; the blocks are: %s", knownNames()),
			"%v", err)
	case !known:
		b.bad = true
		hint := i18n.New("the blocks are: %s", knownNames())
		if _, lower := specs[strings.ToLower(op.name)]; lower {
			hint = i18n.New("names are written in lower case: ::: %s", strings.ToLower(op.name))
		}
		markdown.Problem(pc, n, hint, "unknown block %q", op.name)
	}
	if outer != nil {
		b.bad, b.nested = true, true
		markdown.Problem(pc, n, i18n.New("close the %s block with ::: before this line", outer.Name),
			"a block cannot be put inside another block; ::: %s is still open", outer.Name)
	}
	if err != nil && !b.bad {
		b.bad = true
		markdown.Problem(pc, n, i18n.New(`write attributes as key="value", separated by spaces`),
			"%s: %v", op.name, err)
	}
	b.Attrs = op.attrs
	if known && !b.bad {
		seen := map[string]bool{}
		for _, a := range op.attrs {
			switch {
			case !sp.takes(a.Key):
				b.bad = true
				markdown.Problem(pc, n, sp.takesHint(op.name), "%s: unknown attribute %q", op.name, a.Key)
			case seen[a.Key]:
				b.bad = true
				markdown.Problem(pc, n, i18n.New("give each attribute once"), "%s: attribute %q given twice", op.name, a.Key)
			case strings.TrimSpace(a.Value) == "":
				b.bad = true
				markdown.Problem(pc, n, i18n.New("fill it in, or leave the attribute out"), "%s: attribute %q is empty", op.name, a.Key)
			}
			seen[a.Key] = true
		}
		for _, key := range sp.required {
			if !seen[key] {
				b.bad = true
				markdown.Problem(pc, n, i18n.New("%s; required: %s", sp.takesHint(op.name), strings.Join(sp.required, ", ")),
					"%s: attribute %q is missing", op.name, key)
			}
		}
	}
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

func (blockParser) Continue(n ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < 4 && pos < len(line) {
		if rest, ok := fence(line[pos:]); ok && util.IsBlank(rest) && !innerOpen(n, pc) {
			reader.AdvanceToEOL()
			n.(node).block().closed = true
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

// innerOpen reports whether a block opened inside n is still open and
// takes a closing line itself: a block reported as nested (it closes
// first, so that the rest of the document parses as written), or a fenced
// code block (a ":::" in code is code).
func innerOpen(n ast.Node, pc parser.Context) bool {
	opened := pc.OpenedBlocks()
	for i, b := range opened {
		if b.Node != n {
			continue
		}
		for _, inner := range opened[i+1:] {
			switch inner.Node.(type) {
			case node, *ast.FencedCodeBlock:
				return true
			}
		}
		return false
	}
	return false
}

func (blockParser) Close(n ast.Node, reader text.Reader, pc parser.Context) {
	b := n.(node).block()
	if !b.closed {
		markdown.Problem(pc, n, i18n.New("end the block with a line holding only :::"),
			"::: %s is not closed", b.Name)
		return
	}
	if b.bad {
		return
	}
	c := &closer{pc: pc, src: reader.Source()}
	if !c.noHeadings(n) {
		return
	}
	if k, ok := n.(interface{ close(*closer) }); ok {
		k.close(c)
	}
}

// CanInterruptParagraph is true, as for fenced code: a block may follow a
// paragraph without a blank line.
func (blockParser) CanInterruptParagraph() bool { return true }

func (blockParser) CanAcceptIndentedLine() bool { return false }

// closer carries what the checks of a block need when it closes.
type closer struct {
	pc  parser.Context
	src []byte
}

// at returns a node that stands for offset off, to report a problem on
// its line. (A paragraph would not do: its position is that of its lines.)
func at(off int) ast.Node {
	n := &Block{}
	n.SetPos(off)
	return n
}

func (c *closer) problem(n ast.Node, hint *i18n.Msg, format string, args ...any) {
	markdown.Problem(c.pc, n, hint, format, args...)
}

// noHeadings reports headings in the body of block n as errors: they
// would enter the page's outline (and a citaat is hidden from screen
// readers). It reports whether there were none.
func (c *closer) noHeadings(n ast.Node) bool {
	ok := true
	_ = ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, isHeading := m.(*ast.Heading); isHeading && entering {
			ok = false
			hint := i18n.New("use bold text (**…**) instead")
			if _, isQA := n.(*QA); isQA {
				hint = i18n.New("write a question as a line starting with V:")
			}
			c.problem(h, hint, "a heading cannot be put inside ::: %s", n.(node).block().Name)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return ok
}
