package markdown

import (
	"bytes"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Limits on the shape of a Markdown body. goldmark's work grows faster than
// the input on a few crafted shapes (unclosed links, deep lists, many
// reference definitions, padded tables); these caps keep every page's work
// linear and far above what any article needs. Each was chosen by timing
// goldmark v1.8 on the shape at the cap: well under a second.
const (
	// MaxBodySize caps a body: a 5 MB line still builds.
	MaxBodySize = 8 << 20
	// maxBracketsPerBlock caps "[" in a run of lines without a blank line:
	// unclosed link openers cost quadratic time within one paragraph.
	maxBracketsPerBlock = 10_000
	// maxListMarkersPerLine caps list markers opened on one line ("- - - a"),
	// which nest lists quadratically.
	maxListMarkersPerLine = 1_000
	// maxContainerMarkersPerLine caps ">" and list markers together; a
	// 10,000-deep block quote still builds.
	maxContainerMarkersPerLine = 10_000
	// maxIndent caps leading spaces: nested lists by indentation cost
	// cubic time in their depth.
	maxIndent = 160
	// maxRefDefs caps link reference definitions ("[x]: /url").
	maxRefDefs = 20_000
	// MaxTableCells caps the cells of one table (rows × columns).
	MaxTableCells = 100_000
)

// checkLimits scans src once and returns the first limit it breaks, at a
// line relative to the body, or nil.
func checkLimits(src []byte) *diag.Error {
	if len(src) > MaxBodySize {
		return &diag.Error{Line: 1, Err: i18n.Errorf("the text is %.1f MB; the limit is %d MB", float64(len(src))/(1<<20), MaxBodySize>>20), Hint: "split it into several pages"}
	}
	brackets, blockStart, refDefs := 0, 1, 0
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
			brackets, blockStart = 0, line+1
			continue
		}
		brackets += bytes.Count(l, []byte("["))
		if brackets > maxBracketsPerBlock {
			return &diag.Error{Line: blockStart, Err: i18n.Errorf("this paragraph has more than %d \"[\"", maxBracketsPerBlock), Hint: "split the paragraph with blank lines, or escape literal brackets as \\["}
		}
		indent, lists, containers := 0, 0, 0
		for j := 0; j < len(l); j++ {
			switch c := l[j]; {
			case c == ' ' || c == '\t':
				if containers == 0 { // leading indentation only
					indent += map[byte]int{' ': 1, '\t': 4}[c]
				}
			case c == '>':
				containers++
			case (c == '-' || c == '*' || c == '+') && j+1 < len(l) && (l[j+1] == ' ' || l[j+1] == '\t'):
				lists++
				containers++
			case c >= '0' && c <= '9':
				k := j
				for k < len(l) && l[k] >= '0' && l[k] <= '9' {
					k++
				}
				if k+1 < len(l) && (l[k] == '.' || l[k] == ')') && (l[k+1] == ' ' || l[k+1] == '\t') {
					lists++
					containers++
					j = k
					continue
				}
				j = len(l)
			default:
				j = len(l)
			}
		}
		switch {
		case indent > maxIndent:
			return &diag.Error{Line: line, Err: i18n.Errorf("line is indented by %d spaces; the limit is %d", indent, maxIndent), Hint: "nest lists less deeply"}
		case lists > maxListMarkersPerLine:
			return &diag.Error{Line: line, Err: i18n.Errorf("line opens %d nested lists; the limit is %d", lists, maxListMarkersPerLine), Hint: "nest lists less deeply"}
		case containers > maxContainerMarkersPerLine:
			return &diag.Error{Line: line, Err: i18n.Errorf("line opens %d nested quotes and lists; the limit is %d", containers, maxContainerMarkersPerLine), Hint: "nest quotes and lists less deeply"}
		}
		if t := bytes.TrimLeft(l, " "); len(t) > 0 && t[0] == '[' && bytes.Contains(t, []byte("]:")) {
			refDefs++
			if refDefs > maxRefDefs {
				return &diag.Error{Line: line, Err: i18n.Errorf("more than %d link reference definitions", maxRefDefs), Hint: "write links inline, or split the page"}
			}
		}
	}
	return nil
}
