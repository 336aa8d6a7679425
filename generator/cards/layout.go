package cards

import (
	"fmt"
	"image"
	"image/color"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// The card's grid, in pixels: a margin all round, the motif in a panel at
// the top right, the kicker and the title in the column beside it, a rule
// and the site's name at the foot, and a bar in the accent colour along
// the bottom edge.
const (
	margin      = 72
	panelSize   = 300
	panelRadius = 28
	gutter      = 56
	kickerSize  = 30
	kickerBase  = margin + kickerSize // baseline of the kicker
	titleTop    = kickerBase + 40     // top of the title's first line
	ruleY       = Height - 118        // the rule above the footer
	titleBottom = ruleY - 36          // the title stays above this
	footerSize  = 28                  // the site's name
	footerBase  = ruleY + 24 + 28     // its baseline
	barHeight   = 14                  // the accent bar at the bottom
	columnWidth = Width - 2*margin - panelSize - gutter
)

// Draw paints c; Make encodes it.
func (m *Maker) Draw(c Card) *image.RGBA {
	st := m.style
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	fillRect(img, img.Rect, st.Paper)
	fillRect(img, image.Rect(0, Height-barHeight, Width, Height), st.Accent)
	fillRect(img, image.Rect(margin, ruleY, Width-margin, ruleY+2), st.Line)

	panel := image.Rect(Width-margin-panelSize, margin, Width-margin, margin+panelSize)
	pc := newCanvas(img, panel)
	if lines, err := parsePath(roundedRect(panelSize, panelSize, panelRadius)); err == nil {
		for _, l := range lines {
			pc.polygon(l.pts)
		}
		pc.paint(st.Tint)
	}
	if mo := m.motifs[c.Motif]; mo != nil {
		inset := panelSize / 8
		newCanvas(img, panel.Inset(inset)).motif(mo, st.MotifFill, st.Deep)
	}

	if k := clean(c.Kicker); k != "" {
		fc := face(m.fonts.medium, kickerSize)
		text(img, fc, st.Accent, margin, kickerBase, ellipsis(fc, k, columnWidth))
	}
	lines, size := fit(m.fonts.bold, clean(c.Title), columnWidth, titleBottom-titleTop)
	fc := face(m.fonts.bold, size)
	lh := size * titleLineHeight
	// The first baseline sits one ascent below the top: capitals then
	// line up with the top of the motif's panel column.
	base := float64(titleTop) + size*0.78
	for i, l := range lines {
		text(img, fc, st.Ink, margin, int(base+float64(i)*lh+0.5), l)
	}
	if f := clean(c.Footer); f != "" {
		ff := face(m.fonts.medium, footerSize)
		text(img, ff, st.Muted, margin, footerBase, ellipsis(ff, f, Width-2*margin))
	}
	return img
}

// text draws s with its baseline's left end at (x, y).
func text(img *image.RGBA, fc font.Face, col color.RGBA, x, y int, s string) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(col), Face: fc, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// roundedRect is the path data of a w x h rectangle with corners of
// radius r, at the origin.
func roundedRect(w, h, r float64) string {
	return fmt.Sprintf("M%g 0H%gA%g %g 0 0 1 %g %gV%gA%g %g 0 0 1 %g %gH%gA%g %g 0 0 1 0 %gV%gA%g %g 0 0 1 %g 0z",
		r, w-r, r, r, w, r, h-r, r, r, w-r, h, r, r, r, h-r, r, r, r, r)
}
