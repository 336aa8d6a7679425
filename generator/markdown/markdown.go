// Package markdown turns the Markdown body of a page into HTML, with the
// facts about it that the site needs: a plain-text summary, the outline of
// headings, a word count, and every link for checking.
//
// In: a body (UTF-8, LF line ends) and a function that resolves relative
// link targets. Out: a Result, or problems at lines relative to the body.
// One goldmark instance, built once, does the work; it is safe for
// concurrent use. Raw HTML is never passed through.
package markdown

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Options configures a Converter. The zero value gives the standard set.
type Options struct {
	// Extensions are added after the standard ones; the e-zine blocks come
	// in this way.
	Extensions []goldmark.Extender
	// ImageSizes is the sizes attribute of images in the text; "" means
	// ProseSizes.
	ImageSizes string
}

// Converter converts Markdown bodies. It is safe for concurrent use.
type Converter struct {
	md    goldmark.Markdown
	sizes string
	// unguarded leaves out the limits (limits.go, inlinegate.go,
	// nesting.go): only for the tests that show what the limits prevent.
	unguarded bool
}

// typography are the typographer's substitutions: en and em dashes and the
// ellipsis as characters (not entities, so plain text reads right), and no
// guillemets for << and >>, which Dutch does not use. Quotes are handled by
// dutchQuotes.
var typography = map[extension.TypographicPunctuation]string{
	extension.EnDash:          "–",
	extension.EmDash:          "—",
	extension.Ellipsis:        "…",
	extension.LeftAngleQuote:  "",
	extension.RightAngleQuote: "",
}

// New builds the converter. Each extension says why it is on.
func New(opts Options) *Converter { return newConverter(opts, false) }

func newConverter(opts Options, unguarded bool) *Converter {
	subst := map[extension.TypographicPunctuation][]byte{}
	for k, v := range typography {
		if v == "" {
			subst[k] = nil // leave << and >> as typed
			continue
		}
		subst[k] = []byte(v)
	}
	exts := []goldmark.Extender{
		// GFM: tables, strikethrough, autolinks and task lists, as editors
		// know them from GitHub. Tables come from cellLimitedTable below,
		// autolinks from gatedLinkify (linkify.go).
		extension.Strikethrough,
		gatedLinkify{},
		extension.TaskList,
		cellLimitedTable{},
		// Footnotes for sources, as the archive pages cite them; their ids
		// get the embedding prefix (see footnotePrefix).
		extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
		// Typographic dashes and ellipses; quotes and apostrophes come from
		// dutchQuotes, which runs first (see typographer.go).
		extension.NewTypographer(extension.WithTypographicSubstitutions(subst)),
		dutchQuotes{},
		// Limits on the shapes that make goldmark's inline parsers
		// super-linear (inlinegate.go), and on nesting (nesting.go).
		inlineGates{},
		nestingGate{},
		// Link and image checks, heading facts.
		inspector{},
	}
	if unguarded {
		exts = slices.DeleteFunc(exts, func(e goldmark.Extender) bool {
			switch e.(type) {
			case inlineGates, nestingGate, cellLimitedTable:
				return true
			}
			return false
		})
		exts = append(exts, extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)))
	}
	exts = append(exts, opts.Extensions...)
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			// Every heading gets an id, so the outline and anchors work.
			parser.WithAutoHeadingID(),
		),
		// Raw HTML stays off: html.WithUnsafe is never set, so content is
		// data, not markup.
	)
	if opts.ImageSizes == "" {
		opts.ImageSizes = ProseSizes
	}
	return &Converter{md: md, sizes: opts.ImageSizes, unguarded: unguarded}
}

// Input is one body to convert.
type Input struct {
	// Source is the Markdown body.
	Source []byte
	// Resolve maps a relative link or image target (not starting with "/",
	// "#" or a scheme) to a URL on the site. nil leaves targets as written.
	Resolve func(dest string) (string, error)
	// Image maps an image target as written (relative, or from the site
	// root) to the image set to show: the resized copies, the size. nil,
	// or a nil set, leaves the image as Resolve made it.
	Image func(dest string) (*ImageSet, error)
	// Embed converts the body for a page that shows it inside another;
	// the zero value converts it for its own page.
	Embed Embed
	// Text keeps the body's plain text in Result.Text (for a search
	// index). Off, Result.Text stays empty and costs nothing.
	Text bool
}

// Heading is one entry of a page's outline.
type Heading struct {
	Level int
	ID    string
	Text  string
	Line  int // relative to the body
}

// Link is a link or image target as written in the body.
type Link struct {
	Dest  string // after resolving
	Line  int    // relative to the body
	Image bool
}

// Result is a converted body.
type Result struct {
	HTML     string
	Summary  string    // plain text of the first paragraph, at most summaryWords words
	Headings []Heading // every heading, in order
	Words    int
	Links    []Link
	// Text is the plain text of the body's paragraphs, list items and
	// table rows, one block a line (headings are in Headings), at most
	// textLimit bytes: what the search index shows and matches.
	Text string
	// Features names what the page needs from the theme beyond its CSS,
	// as extensions report it with Use: "video" for a ::: video block
	// (the theme then loads its player script). Sorted, no repeats.
	Features []string
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Convert parses and renders in.Source. Problems are returned with lines
// relative to the body; Result is nil when there are any errors.
func (c *Converter) Convert(in Input) (*Result, diag.List) {
	res, problems, _ := c.convert(in)
	return res, problems
}

// convert is Convert that also returns the document's state, for tests
// that look at its limit peaks.
func (c *Converter) convert(in Input) (*Result, diag.List, *docState) {
	st := &docState{src: in.Source, resolve: in.Resolve, image: in.Image, sizes: c.sizes, embed: in.Embed, wantText: in.Text}
	if p := checkLimits(in.Source, &st.peaks); p != nil && !c.unguarded {
		return nil, diag.List{p}, st
	}
	ids := newHeadingIDs()
	ids.prefix = in.Embed.IDPrefix
	pc := parser.NewContext(parser.WithIDs(ids))
	pc.Set(stateKey, st)
	doc := c.md.Parser().Parse(text.NewReader(in.Source), parser.WithContext(pc))
	if errs := st.problems.Errors(); len(errs) > 0 {
		st.problems.Sort()
		return nil, st.problems, st
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := c.md.Renderer().Render(buf, in.Source, doc); err != nil {
		return nil, diag.List{&diag.Error{Line: 1, Err: i18n.Errorf("render markdown: %w", err)}}, st
	}
	res := &st.result
	res.HTML = buf.String()
	res.Text = st.text.String()
	st.problems.Sort()
	return res, st.problems, st
}

// stateKey holds a document's *docState in the parser context.
var stateKey = parser.NewContextKey()

// docState is what the inspector learns about one document.
type docState struct {
	src        []byte
	resolve    func(string) (string, error)
	image      func(string) (*ImageSet, error)
	sizes      string
	embed      Embed
	lineStarts []int
	problems   diag.List
	result     Result
	text       strings.Builder // becomes result.Text
	wantText   bool            // keep the text at all
	scratch    []byte          // plain text of the block being inspected
	peaks      limitPeaks      // how close the document came to the limits
	flattened  bool            // the nesting limit was reached (and warned about)
	overLimit  bool            // a limit error was reported: the rest is parsed as text
}

func stateOf(pc parser.Context) *docState {
	st, _ := pc.Get(stateKey).(*docState)
	return st
}

// line returns the 1-based line of byte offset off in the source.
func (st *docState) line(off int) int {
	if off < 0 {
		return 0
	}
	if st.lineStarts == nil {
		st.lineStarts = []int{0}
		for i, b := range st.src {
			if b == '\n' {
				st.lineStarts = append(st.lineStarts, i+1)
			}
		}
	}
	return sort.SearchInts(st.lineStarts, off+1)
}

// problem records an error at the line of node n.
func (st *docState) problem(n ast.Node, hint *i18n.Msg, format string, args ...any) {
	e := &diag.Error{Line: st.line(nodePos(n)), Err: i18n.Errorf(format, args...)}
	st.problems = append(st.problems, e.WithHintMsg(hint))
}

// Problem lets extensions report an error at the line of node n; it is a
// no-op when pc does not come from Convert. format and hint are keys of
// the catalogue (package i18n); hint may be nil.
func Problem(pc parser.Context, n ast.Node, hint *i18n.Msg, format string, args ...any) {
	if st := stateOf(pc); st != nil {
		st.problem(n, hint, format, args...)
	}
}

// Use records that the document needs the theme feature name (see
// Result.Features). When pc does not come from Convert it does nothing.
func Use(pc parser.Context, name string) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	f := st.result.Features
	if i, found := slices.BinarySearch(f, name); !found {
		st.result.Features = slices.Insert(f, i, name)
	}
}

// Warn is Problem for a warning: it is reported but does not fail the
// build.
func Warn(pc parser.Context, n ast.Node, hint *i18n.Msg, format string, args ...any) {
	if st := stateOf(pc); st != nil {
		st.problem(n, hint, format, args...)
		st.problems[len(st.problems)-1].Severity = diag.SevWarning
	}
}

// ResolveDest vets a link or image target that an extension found outside
// ordinary Markdown links (an attribute of an e-zine block, say) by the
// rules for ordinary links: unsafe schemes, also when written with
// character references or percent escapes, are refused (ok false) with a
// warning at n's line,
// relative targets go through the document's resolver (a failure is
// reported at n's line), and the target is recorded in Result.Links. It
// returns the target to write into the page. When pc does not come from
// Convert, only the scheme is vetted.
func ResolveDest(pc parser.Context, n ast.Node, dest string, image bool) (string, bool) {
	st := stateOf(pc)
	if st == nil {
		if _, _, ok := checkScheme(dest); !ok {
			return "", false
		}
		return dest, true
	}
	return st.checkDest(n, dest, image)
}

// LineOf returns the body line of node n, or 0 when pc does not come from
// Convert.
func LineOf(pc parser.Context, n ast.Node) int {
	if st := stateOf(pc); st != nil {
		return st.line(nodePos(n))
	}
	return 0
}

// nodePos finds a source offset for n: its own, its first line's, or that
// of its nearest child or ancestor with one.
func nodePos(n ast.Node) int {
	for m := n; m != nil; m = m.Parent() {
		if p := m.Pos(); p >= 0 {
			return p
		}
		if m.Type() == ast.TypeBlock && m.Lines().Len() > 0 {
			return m.Lines().At(0).Start
		}
		if t, ok := m.FirstChild().(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return -1
}

// cellLimitedTable is GFM's table extension with a cap on cells: a header
// of many columns followed by many short rows is padded to rows × columns
// cells, which can exhaust memory.
type cellLimitedTable struct{}

func (cellLimitedTable) Extend(m goldmark.Markdown) {
	// Alignment becomes a class (see inspector), not a style attribute: the
	// site's Content-Security-Policy allows no inline styles.
	extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)).Extend(m)
	m.Parser().AddOptions(parser.WithParagraphTransformers(
		// Before the table transformer (priority 200; lower runs first).
		util.Prioritized(tableGuard{}, 100),
	))
}

type tableGuard struct{}

func (tableGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() < 2 {
		return
	}
	src := reader.Source()
	cols := 0
	for i := 1; i < lines.Len() && cols == 0; i++ {
		if seg := lines.At(i); isDelimiterRow(bytes.TrimSpace(seg.Value(src))) {
			row := bytes.TrimSpace(seg.Value(src))
			cols = bytes.Count(row, []byte("|")) + 1
		}
	}
	cells := cols * lines.Len()
	st := stateOf(pc)
	if st != nil {
		st.peaks.tableCells = max(st.peaks.tableCells, cells)
	}
	if cells > MaxTableCells {
		if st != nil {
			st.limit(st.line(nodePos(node)), diag.SevError, "split the table, or write the data as a list",
				"table of %d rows and up to %d columns has more than %d cells", lines.Len(), cols, MaxTableCells)
		}
		// Leave a single line so that the table transformer skips it.
		node.Lines().SetSliced(0, 1)
	}
}

// isDelimiterRow reports whether row looks like a table's delimiter row:
// only "|", ":", "-" and spaces, with at least one "-".
func isDelimiterRow(row []byte) bool {
	if bytes.IndexByte(row, '-') < 0 {
		return false
	}
	for _, c := range row {
		if c != '|' && c != ':' && c != '-' && c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}
