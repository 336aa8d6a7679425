package blocks

import (
	"github.com/yuin/goldmark/ast"

	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// Kinds of the nodes this package adds to the tree.
var (
	KindBlock          = ast.NewNodeKind("EzineBlock")
	KindCitaat         = ast.NewNodeKind("Citaat")
	KindKerncijfer     = ast.NewNodeKind("Kerncijfer")
	KindKerncijferBron = ast.NewNodeKind("KerncijferBron")
	KindFiguur         = ast.NewNodeKind("Figuur")
	KindQA             = ast.NewNodeKind("QA")
	KindAntwoord       = ast.NewNodeKind("Antwoord")
	KindVideo          = ast.NewNodeKind("Video")
	KindBronnen        = ast.NewNodeKind("Bronnen")
)

// Attr is one attribute of an opening line, key="value", with the value
// unescaped.
type Attr struct {
	Key, Value string
}

// Block is what every e-zine block has: the name and attributes of its
// opening line. A Block on its own (Kind KindBlock) stands for a block with
// an unknown name or one opened inside another: its body is parsed so that
// its closing line is found, and it is reported as an error.
type Block struct {
	ast.BaseBlock
	Name  string
	Attrs []Attr

	closed bool // a closing ":::" was seen
	bad    bool // its opening line was reported; skip the checks of its kind
	nested bool // opened inside another block (and reported)
}

// Attr returns the value of attribute key and whether it was given.
func (b *Block) Attr(key string) (string, bool) {
	for _, a := range b.Attrs {
		if a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// block gives the checks the Block inside every node of this package.
func (b *Block) block() *Block { return b }

// Kind implements ast.Node.Kind.
func (b *Block) Kind() ast.NodeKind { return KindBlock }

// Dump implements ast.Node.Dump.
func (b *Block) Dump(source []byte, level int) {
	ast.DumpHelper(b, source, level, b.dumpAttrs(nil), nil)
}

func (b *Block) dumpAttrs(extra map[string]string) map[string]string {
	m := map[string]string{"Name": b.Name}
	for _, a := range b.Attrs {
		m["@"+a.Key] = a.Value
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// node is implemented by every block node of this package.
type node interface {
	ast.Node
	block() *Block
}

// Citaat is a pull quote: a striking sentence of the article, repeated.
// Its children are the quoted blocks.
type Citaat struct {
	Block
	Bron string // who said it, as plain text; "" for none
}

// Kind implements ast.Node.Kind.
func (n *Citaat) Kind() ast.NodeKind { return KindCitaat }

// Dump implements ast.Node.Dump.
func (n *Citaat) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, n.dumpAttrs(nil), nil)
}

// Kerncijfer is a fact box: a number and a label, with an optional source
// link. Its one child is the label, an ast.Paragraph with class
// kerncijfer-label; a KerncijferBron ends the label when there is a link.
type Kerncijfer struct {
	Block
	Cijfer string
	// BronURL is the source link, resolved and vetted; "" for none.
	BronURL string
}

// Kind implements ast.Node.Kind.
func (n *Kerncijfer) Kind() ast.NodeKind { return KindKerncijfer }

// Dump implements ast.Node.Dump.
func (n *Kerncijfer) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, n.dumpAttrs(map[string]string{"BronURL": n.BronURL}), nil)
}

// KerncijferBron is the source link of a Kerncijfer, at the end of its
// label.
type KerncijferBron struct {
	ast.BaseInline
	URL string
}

// Kind implements ast.Node.Kind.
func (n *KerncijferBron) Kind() ast.NodeKind { return KindKerncijferBron }

// Dump implements ast.Node.Dump.
func (n *KerncijferBron) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"URL": n.URL}, nil)
}

// Figuur is an image with alt text, an optional credit, and an optional
// caption: its children.
type Figuur struct {
	Block
	Src    string // resolved and vetted
	Alt    string
	Credit string
	// Image is the page's image set for src (resized copies, size), or
	// nil when the page has none: then the img has src and alt only.
	Image *markdown.ImageSet
}

// Kind implements ast.Node.Kind.
func (n *Figuur) Kind() ast.NodeKind { return KindFiguur }

// Dump implements ast.Node.Dump.
func (n *Figuur) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, n.dumpAttrs(map[string]string{"Src": n.Src}), nil)
}

// QA is an interview's questions and answers. Its children alternate: an
// ast.Heading with class qa-vraag for each question, then an Antwoord.
type QA struct {
	Block
}

// Kind implements ast.Node.Kind.
func (n *QA) Kind() ast.NodeKind { return KindQA }

// Dump implements ast.Node.Dump.
func (n *QA) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, n.dumpAttrs(nil), nil) }

// Antwoord is the answer to the question before it in a QA: any blocks.
type Antwoord struct {
	ast.BaseBlock
}

// Kind implements ast.Node.Kind.
func (n *Antwoord) Kind() ast.NodeKind { return KindAntwoord }

// Dump implements ast.Node.Dump.
func (n *Antwoord) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Video is a click-to-load video placeholder; its children are the
// optional caption.
type Video struct {
	Block
	Titel    string
	Platform string // "YouTube" or "Vimeo"
	Embed    string // the player's URL, loaded only on a click
	Watch    string // the video's page on the platform
}

// Kind implements ast.Node.Kind.
func (n *Video) Kind() ast.NodeKind { return KindVideo }

// Dump implements ast.Node.Dump.
func (n *Video) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, n.dumpAttrs(map[string]string{"Embed": n.Embed, "Watch": n.Watch}), nil)
}

// Bronnen is an article's list of sources: a heading "Bronnen" that the
// block adds, then the one list of its body.
type Bronnen struct {
	Block
	ID []byte // the heading's id, taken when the block closed
}

// Kind implements ast.Node.Kind.
func (n *Bronnen) Kind() ast.NodeKind { return KindBronnen }

// Dump implements ast.Node.Dump.
func (n *Bronnen) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, n.dumpAttrs(nil), nil)
}
