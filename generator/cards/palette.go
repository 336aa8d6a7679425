package cards

import (
	"image"
	"image/color"
)

// paletteLevels is the number of blends between two colours of a pair in
// the palette: 32 coverage levels keep anti-aliased edges smooth, and the
// seven pairs stay within a PNG palette's 256 colours.
const paletteLevels = 32

// palette is every colour a card is painted with: the style's colours and
// the blends that anti-aliasing makes between the colours painted over
// each other (text on paper, the motif on its panel).
func (s Style) palette() color.Palette {
	pairs := [][2]color.RGBA{
		{s.Paper, s.Ink}, {s.Paper, s.Accent}, {s.Paper, s.Muted}, {s.Paper, s.Tint},
		{s.Tint, s.Deep}, {s.Tint, s.MotifFill}, {s.MotifFill, s.Deep},
	}
	seen := map[color.RGBA]bool{}
	var p color.Palette
	add := func(c color.RGBA) {
		if !seen[c] && len(p) < 256 {
			seen[c] = true
			p = append(p, c)
		}
	}
	for _, c := range []color.RGBA{s.Paper, s.Tint, s.Ink, s.Muted, s.Accent, s.Deep, s.Line, s.MotifFill} {
		add(c)
	}
	for _, pr := range pairs {
		for k := 1; k < paletteLevels; k++ {
			add(mix(pr[0], pr[1], float64(k)/paletteLevels))
		}
	}
	return p
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

// paletted maps img onto the palette, each colour to its nearest (the
// few thousand distinct colours of a card are each looked up once):
// a quarter of the bytes to compress, and a smaller file.
func paletted(img *image.RGBA, pal color.Palette) *image.Paletted {
	out := image.NewPaletted(img.Rect, pal)
	memo := map[uint32]uint8{}
	last, lastIdx := uint32(1<<24), uint8(0) // most pixels repeat the one before
	for i, o := 0, 0; i < len(img.Pix); i, o = i+4, o+1 {
		px := img.Pix[i : i+4 : i+4]
		k := uint32(px[0])<<16 | uint32(px[1])<<8 | uint32(px[2])
		if k != last {
			idx, ok := memo[k]
			if !ok {
				idx = uint8(pal.Index(color.RGBA{px[0], px[1], px[2], 0xff}))
				memo[k] = idx
			}
			last, lastIdx = k, idx
		}
		out.Pix[o] = lastIdx
	}
	return out
}
