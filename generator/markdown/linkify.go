package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gatedLinkify is goldmark's Linkify extension behind a gate that skips
// it where it cannot match. Linkify is triggered at every space of every
// paragraph and tries a URL, a www. name and an e-mail address there: a
// twentieth of a large site's build. All three need a ":" ("http:",
// "https:", "ftp:"), "www." or an "@" at or after the trigger, so once
// none is left on the line, the gate answers for it.
type gatedLinkify struct{}

func (gatedLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// Linkify's own priority.
		util.Prioritized(linkifyGate{extension.NewLinkifyParser()}, 999),
	))
}

type linkifyGate struct{ inner parser.InlineParser }

func (g linkifyGate) Trigger() []byte { return g.inner.Trigger() }

// gateLine is what the gate knows about the line it saw last.
type gateLine struct {
	from, stop int // the part of the line scanned
	lastMarker int // offset of the last marker in it, or -1
}

var gateKey = parser.NewContextKey()

func (g linkifyGate) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	gl, _ := pc.Get(gateKey).(*gateLine)
	if gl == nil {
		gl = &gateLine{stop: -1}
		pc.Set(gateKey, gl)
	}
	if seg.Stop != gl.stop || seg.Start < gl.from {
		gl.from, gl.stop, gl.lastMarker = seg.Start, seg.Stop, -1
		if i := lastMarker(line); i >= 0 {
			gl.lastMarker = seg.Start + i
		}
	}
	if gl.lastMarker < seg.Start {
		return nil // no URL, www. name or address can start here
	}
	return g.inner.Parse(parent, block, pc)
}

// lastMarker returns the offset of the last ":", "@" or "www." in line,
// or -1.
func lastMarker(line []byte) int {
	return max(bytes.LastIndexByte(line, ':'), bytes.LastIndexByte(line, '@'), bytes.LastIndex(line, []byte("www.")))
}
