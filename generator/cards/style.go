package cards

import (
	"fmt"
	"image/color"
	"regexp"
	"strconv"
)

// Style is the colours of a card, named after the theme's custom
// properties in main.css (:root, light mode).
type Style struct {
	Paper     color.RGBA // --paper: the background
	Tint      color.RGBA // --tint: the motif's panel
	Ink       color.RGBA // --ink: the title
	Muted     color.RGBA // --muted: the footer
	Accent    color.RGBA // --accent: the kicker and the bar
	Deep      color.RGBA // --deep: the motif's lines
	Line      color.RGBA // --line: the rule above the footer
	MotifFill color.RGBA // --motif-fill: the motif's accent shapes
}

// DefaultStyle is the theme's light palette, for a stylesheet that does
// not set a colour.
var DefaultStyle = Style{
	Paper: rgb(0xfaf6ef), Tint: rgb(0xf3ece0), Ink: rgb(0x1e1c24), Muted: rgb(0x575160),
	Accent: rgb(0xa3392a), Deep: rgb(0x1b4a63), Line: rgb(0xd8cdbb), MotifFill: rgb(0xefc9a4),
}

func rgb(v uint32) color.RGBA {
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

var (
	rootRule = regexp.MustCompile(`(?s):root\s*\{([^}]*)\}`)
	hexProp  = regexp.MustCompile(`--([a-z-]+)\s*:\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\s*[;}]?`)
)

// ParseStyle reads the colours from the first :root rule of a stylesheet
// (the light mode; a dark-mode :root inside @media comes later): custom
// properties written as #rgb or #rrggbb. Others keep DefaultStyle's.
func ParseStyle(css []byte) Style {
	st := DefaultStyle
	m := rootRule.FindSubmatch(css)
	if m == nil {
		return st
	}
	fields := map[string]*color.RGBA{
		"paper": &st.Paper, "tint": &st.Tint, "ink": &st.Ink, "muted": &st.Muted,
		"accent": &st.Accent, "deep": &st.Deep, "line": &st.Line, "motif-fill": &st.MotifFill,
	}
	for _, p := range hexProp.FindAllSubmatch(m[1], -1) {
		dst := fields[string(p[1])]
		if dst == nil {
			continue
		}
		h := string(p[2])
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		v, _ := strconv.ParseUint(h, 16, 32)
		*dst = rgb(uint32(v))
	}
	return st
}

// String lists the colours, for cache keys.
func (s Style) String() string {
	return fmt.Sprint(s.Paper, s.Tint, s.Ink, s.Muted, s.Accent, s.Deep, s.Line, s.MotifFill)
}
