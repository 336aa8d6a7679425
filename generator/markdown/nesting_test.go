package markdown

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/lwa-rotterdam/ezine/generator/diag"
)

// TestDeepNestingFlattened checks that quotes and lists nested 5,000 and
// 10,000 deep build: at most maxNesting levels come out, the text is
// kept, and one warning names the line where the flattening starts.
func TestDeepNestingFlattened(t *testing.T) {
	staircase := func(d int) string { // one level deeper on every line
		var b strings.Builder
		for i := 1; i <= d; i++ {
			b.WriteString(strings.Repeat(">", i) + " a\n")
		}
		return b.String()
	}
	type shape struct {
		name     string
		src      string
		warnLine int
	}
	var shapes []shape
	for _, d := range []int{5_000, 10_000} {
		shapes = append(shapes,
			shape{"list " + strconv.Itoa(d), strings.Repeat("- ", d) + "tekst\n", 1},
			shape{"ordered list " + strconv.Itoa(d), strings.Repeat("1. ", d) + "tekst\n", 1},
			shape{"quote " + strconv.Itoa(d), strings.Repeat(">", d) + " tekst\n", 1},
			shape{"spaced quote " + strconv.Itoa(d), strings.Repeat("> ", d) + "tekst\n", 1},
			shape{"quotes and lists " + strconv.Itoa(d), "Inleiding.\n\n" + strings.Repeat("> - ", d/2) + "tekst\n", 3},
			shape{"list then lines " + strconv.Itoa(d), strings.Repeat("* ", d) + "tekst\n" + strings.Repeat(strings.Repeat("  ", maxNesting)+"meer\n", 3), 1},
		)
	}
	shapes = append(shapes, shape{"staircase of quotes 2000", staircase(2_000) + "tekst\n", maxNesting + 1})
	c := New(Options{})
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			res, problems := c.Convert(Input{Source: []byte(sh.src)})
			if res == nil {
				t.Fatalf("no output: %v", problems)
			}
			if len(problems) != 1 || problems[0].Severity != diag.SevWarning || problems[0].Line != sh.warnLine ||
				!strings.Contains(problems[0].Error(), "nested more than") {
				t.Errorf("want one nesting warning at line %d, got %v", sh.warnLine, problems)
			}
			if d := htmlNesting(t, res.HTML); d != maxNesting {
				t.Errorf("output nests %d deep, want %d", d, maxNesting)
			}
			if !strings.Contains(res.HTML, "tekst") {
				t.Errorf("the text is lost: %.200s", res.HTML)
			}
		})
	}
}

// TestNestingWithinLimitUnchanged checks that nesting up to the limit is
// parsed as goldmark parses it without the gate.
func TestNestingWithinLimitUnchanged(t *testing.T) {
	c := New(Options{})
	for _, src := range []string{
		strings.Repeat("> ", maxNesting) + "a\n",
		strings.Repeat("- ", maxNesting) + "a\n",
		strings.Repeat("- ", maxNesting-1) + "a\n" + strings.Repeat("  ", maxNesting-1) + "- b\n",
	} {
		res, problems := c.Convert(Input{Source: []byte(src)})
		if res == nil || len(problems) > 0 {
			t.Fatalf("%q: %v", src, problems)
		}
		if d := htmlNesting(t, res.HTML); d != maxNesting {
			t.Errorf("%q nests %d deep, want %d", src, d, maxNesting)
		}
	}
}

// htmlNesting returns how deep blockquote, ul and ol elements nest in s.
func htmlNesting(t *testing.T, s string) int {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(s))
	depth, deepest := 0, 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken, html.EndTagToken:
			switch name, _ := z.TagName(); string(name) {
			case "blockquote", "ul", "ol":
				if tt == html.StartTagToken {
					depth++
					deepest = max(deepest, depth)
				} else {
					depth--
				}
			}
		}
	}
}
