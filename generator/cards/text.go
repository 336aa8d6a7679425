package cards

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/lwa-rotterdam/ezine/generator/hyphen"
)

// fonts are the parsed Go fonts; faces are made per card, as a face is
// not safe for concurrent use.
type fonts struct {
	bold, medium *opentype.Font
}

func loadFonts() (*fonts, error) {
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("read the Go Bold font: %w", err)
	}
	medium, err := opentype.Parse(gomedium.TTF)
	if err != nil {
		return nil, fmt.Errorf("read the Go Medium font: %w", err)
	}
	return &fonts{bold: bold, medium: medium}, nil
}

// face returns f at size pixels (72 dpi), unhinted: hinting would snap
// glyphs to the pixel grid, which at these sizes only costs shape.
func face(f *opentype.Font, size float64) font.Face {
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // only for a size <= 0, which no caller passes
	}
	return fc
}

// titleSizes are the title's font sizes, largest first: the first at
// which the title fits is used. 40 px still reads in a chat's thumbnail.
var titleSizes = []float64{76, 68, 60, 54, 48, 44, 40}

// titleLineHeight is the distance between baselines, in font sizes.
const titleLineHeight = 1.14

// fit wraps title into lines no wider than width and at most height
// tall, at the largest size that holds it whole. A title that does not
// fit at the smallest size is cut, its last line ending in "…".
func fit(f *opentype.Font, title string, width, height int) (lines []string, size float64) {
	for _, size := range titleSizes {
		fc := face(f, size)
		max := int(float64(height) / (size * titleLineHeight))
		lines, ok := wrap(fc, title, width)
		if ok && len(lines) <= max {
			return lines, size
		}
	}
	size = titleSizes[len(titleSizes)-1]
	fc := face(f, size)
	max := int(float64(height) / (size * titleLineHeight))
	lines, _ = wrap(fc, title, width)
	if len(lines) > max {
		lines = lines[:max]
		lines[max-1] = ellipsis(fc, lines[max-1]+" …", width)
	}
	return lines, size
}

// wrap breaks text into lines no wider than width, at spaces, and inside
// words too wide for a line where Dutch hyphenation allows (with a
// hyphen), else anywhere. ok is false when a word had to be broken.
func wrap(fc font.Face, text string, width int) (lines []string, ok bool) {
	w := fixed.I(width)
	ok = true
	cur := ""
	for _, word := range strings.Fields(text) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if font.MeasureString(fc, try) <= w {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = word
		for font.MeasureString(fc, cur) > w {
			ok = false
			head, rest := breakWord(fc, cur, w)
			lines = append(lines, head)
			cur = rest
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines, ok
}

// breakWord splits a word too wide for a line: at the last Dutch break
// point whose head (with a hyphen) fits, else after the last letter that
// fits.
func breakWord(fc font.Face, word string, w fixed.Int26_6) (head, rest string) {
	parts := strings.Split(hyphen.Dutch().Word(word), hyphen.Soft)
	for k := len(parts) - 1; k > 0; k-- {
		h := strings.Join(parts[:k], "")
		if font.MeasureString(fc, h+"-") <= w {
			return h + "-", strings.Join(parts[k:], "")
		}
	}
	n := 0
	for i := range word {
		if i > 0 && font.MeasureString(fc, word[:i]) > w {
			break
		}
		n = i
	}
	if n == 0 {
		_, n = utf8.DecodeRuneInString(word) // at least one letter a line
	}
	return word[:n], word[n:]
}

// ellipsis shortens s, ending in "…", until it fits width; s already
// ending in "…" is kept when it fits.
func ellipsis(fc font.Face, s string, width int) string {
	w := fixed.I(width)
	if font.MeasureString(fc, s) <= w {
		return s
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "…"), " ")
	for s != "" {
		_, n := utf8.DecodeLastRuneInString(s)
		s = strings.TrimRight(s[:len(s)-n], " ")
		if font.MeasureString(fc, s+"…") <= w {
			return s + "…"
		}
	}
	return "…"
}
