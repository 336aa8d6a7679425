package markdown

import "github.com/lwa-rotterdam/ezine/generator/diag"

// Peaks converts in and returns how close it came to each limit, by name,
// and its problems: for the tests of the limits against real Markdown,
// which live outside the package so that they can use the e-zine blocks.
func (c *Converter) Peaks(in Input) (map[string]int, diag.List) {
	_, problems, st := c.convert(in)
	p := st.peaks
	return map[string]int{
		"links per block":          p.links,
		"delimiter runs per block": p.delims,
		"closing runs per block":   p.closers,
		"delimiter work per block": p.delimWork,
		"nesting depth":            p.depth,
		"reference defs per block": p.refDefsPerBlock,
		"table cells":              p.tableCells,
		"indent":                   p.indent,
	}, problems
}

// IsLimit reports whether a problem comes from a limit.
func IsLimit(err error) bool { return isLimit(err) }

// Limits names the limit of each peak of Peaks.
var Limits = map[string]int{
	"links per block":          maxLinksPerBlock,
	"delimiter runs per block": 0,
	"closing runs per block":   0,
	"delimiter work per block": maxDelimiterWork,
	"nesting depth":            maxNesting,
	"reference defs per block": maxRefDefsPerBlock,
	"table cells":              MaxTableCells,
	"indent":                   maxIndent,
}
