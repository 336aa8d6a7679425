package blocks

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// qaState is where a QA's body is: before the first question, after a
// question, or in an answer.
type qaState int

const (
	qaStart qaState = iota
	qaQuestion
	qaAnswer
)

// qaMarker returns 'V' or 'A' when a line starts with "V:" or "A:"
// (after spaces), and the offset of the text after the marker and its
// spaces; 0 otherwise.
func qaMarker(line []byte) (byte, int) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i+1 >= len(line) || line[i+1] != ':' || line[i] != 'V' && line[i] != 'A' {
		return 0, 0
	}
	m := line[i]
	i += 2
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return m, i
}

// close turns the body of a qa block, parsed as ordinary Markdown, into
// its questions and answers. A paragraph may hold several of both: a line
// starting with "V:" starts a question, which runs until a line starting
// with "A:"; that starts the answer, which takes the following lines and
// blocks until the next "V:". Questions become ast.Heading nodes (so they
// get an id and enter the page's outline); answers become Antwoord nodes.
// The heading level is set later, by the transformer.
func (n *QA) close(c *closer) {
	q := &qaBuilder{c: c, qa: n}
	var children []ast.Node
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		children = append(children, ch)
	}
	n.RemoveChildren(n)
	for _, ch := range children {
		para, ok := ch.(*ast.Paragraph)
		if !ok {
			q.block(ch)
			continue
		}
		lines := para.Lines()
		var run []text.Segment
		var marker byte
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			// The source, not seg.Value, which would add a tab's padding.
			if m, off := qaMarker(c.src[seg.Start:seg.Stop]); m != 0 {
				q.run(marker, run)
				run, marker = nil, m
				seg = text.NewSegment(seg.Start+off, seg.Stop)
			}
			run = append(run, seg)
		}
		q.run(marker, run)
	}
	switch q.state {
	case qaStart:
		if !q.reported {
			c.problem(n, i18n.New("write a question on a line starting with V: and its answer after A:"), "qa is empty")
		}
	case qaQuestion:
		q.noAnswer()
	}
}

// qaBuilder rebuilds a QA's children in order.
type qaBuilder struct {
	c        *closer
	qa       *QA
	state    qaState
	question *ast.Heading
	answer   *Antwoord
	reported bool // "starts with a question" was reported
}

func (q *qaBuilder) noAnswer() {
	q.c.problem(q.question, i18n.New("start the answer on a line with A:"), "the question has no answer")
}

func (q *qaBuilder) notQuestion(n ast.Node) {
	if !q.reported {
		q.reported = true
		q.c.problem(n, i18n.New("start the block with a line V: and the question"), "qa must start with a question")
	}
}

// block places a non-paragraph block: it belongs to the answer it follows.
func (q *qaBuilder) block(n ast.Node) {
	switch q.state {
	case qaAnswer:
		q.answer.AppendChild(q.answer, n)
	case qaQuestion:
		q.noAnswer()
		q.state = qaAnswer // report once
		q.answer = &Antwoord{}
		q.qa.AppendChild(q.qa, q.answer)
		q.answer.AppendChild(q.answer, n)
	default:
		q.notQuestion(n)
	}
}

// run places the lines of a paragraph from one marker (0 for none) to the
// next.
func (q *qaBuilder) run(marker byte, segs []text.Segment) {
	if len(segs) == 0 {
		return
	}
	start := segs[0].Start // the marker's line, for problems
	// "A:" alone on its line: the answer starts on the next one.
	for len(segs) > 0 && len(bytes.TrimSpace(segs[0].Value(q.c.src))) == 0 {
		segs = segs[1:]
	}
	empty := len(segs) == 0
	var lines text.Segments
	if !empty {
		segs[len(segs)-1] = segs[len(segs)-1].TrimRightSpace(q.c.src)
		segs[0] = segs[0].TrimLeftSpace(q.c.src)
	}
	for _, s := range segs {
		lines.Append(s)
	}
	switch marker {
	case 'V':
		h := ast.NewHeading(2)
		h.SetLines(&lines)
		h.SetPos(start)
		if q.state == qaQuestion {
			q.noAnswer()
		}
		if empty {
			q.c.problem(h, i18n.New("write the question after V:"), "the question is empty")
		}
		var raw []byte
		for _, s := range segs {
			raw = append(raw, s.Value(q.c.src)...)
			raw = append(raw, ' ')
		}
		h.SetAttribute([]byte("id"), q.c.pc.IDs().Generate(bytes.TrimSpace(raw), ast.KindHeading))
		h.SetAttribute([]byte("class"), []byte("qa-vraag"))
		q.qa.AppendChild(q.qa, h)
		q.question, q.state = h, qaQuestion
	case 'A':
		p := ast.NewParagraph()
		p.SetLines(&lines)
		switch q.state {
		case qaStart:
			q.notQuestion(at(start))
		case qaAnswer:
			q.c.problem(at(start), i18n.New("put the question before it, on a line starting with V:"), "this answer has no question")
		}
		q.answer = &Antwoord{}
		q.answer.SetPos(start)
		q.qa.AppendChild(q.qa, q.answer)
		if !empty {
			q.answer.AppendChild(q.answer, p)
		}
		q.state = qaAnswer
	default:
		p := ast.NewParagraph()
		p.SetLines(&lines)
		q.block(p)
	}
}
