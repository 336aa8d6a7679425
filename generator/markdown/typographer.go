package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// dutchQuotes replaces straight quotes with Dutch typographic ones:
// „…” for double quotes, ‘…’ for single ones, and ’ for apostrophes, also
// at the start of a word in Dutch elisions (’t, ’n, ’s, ’s-Gravenhage, ’k,
// ’m) and years (’23). goldmark's own typographer guesses with English
// rules ('em, 'twas) that turn the opening quote of ‘een’ or ‘leren’ into
// an apostrophe; this parser runs before it on ' and ".
type dutchQuotes struct{}

func (dutchQuotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// Lower runs first; goldmark's typographer is at 9999.
		util.Prioritized(dutchQuotes{}, 9000),
	))
}

func (dutchQuotes) Trigger() []byte { return []byte{'\'', '"'} }

// elisions are the letters that follow an apostrophe at the start of a
// Dutch word: 't (het), 'n (een), 's (des), 'k (ik), 'm (hem), 'r (haar).
var elisions = map[rune]bool{'t': true, 'n': true, 's': true, 'k': true, 'm': true, 'r': true}

func (dutchQuotes) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	c := line[0]
	before := block.PrecendingCharacter()
	after, n := rune(' '), 0
	if len(line) > 1 {
		after, n = utf8.DecodeRune(line[1:])
	}
	afterNext := rune(' ')
	if len(line) > 1+n {
		afterNext, _ = utf8.DecodeRune(line[1+n:])
	}
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	opening := !word(before) && !unicode.IsSpace(after) && after != ' ' && len(line) > 1
	var out string
	if c == '\'' {
		switch {
		case word(before) && word(after): // zo'n, auto's
			out = "’"
		case !word(before) && elisions[unicode.ToLower(after)] && !unicode.IsLetter(afterNext): // 't, 's-Gravenhage
			out = "’"
		case !word(before) && unicode.IsDigit(after) && unicode.IsDigit(afterNext): // '23
			out = "’"
		case opening:
			out = "‘"
		default:
			out = "’"
		}
	} else {
		if opening {
			out = "„"
		} else {
			out = "”"
		}
	}
	block.Advance(1)
	node := ast.NewString([]byte(out))
	node.SetCode(true) // written as is
	return node
}
