package cards

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// canvas draws vector shapes onto a region of an RGBA image with
// anti-aliasing; coordinates are relative to the region's corner. The
// rasterizer is only as large as the region, as painting costs its area.
type canvas struct {
	img *image.RGBA
	r   image.Rectangle
	z   *vector.Rasterizer
}

func newCanvas(img *image.RGBA, r image.Rectangle) *canvas {
	return &canvas{img: img, r: r, z: vector.NewRasterizer(r.Dx(), r.Dy())}
}

// polygon adds a closed polygon, in pixels, to the rasterizer.
func (c *canvas) polygon(pts []pt) {
	if len(pts) < 3 {
		return
	}
	c.z.MoveTo(float32(pts[0].x), float32(pts[0].y))
	for _, p := range pts[1:] {
		c.z.LineTo(float32(p.x), float32(p.y))
	}
	c.z.ClosePath()
}

// paint fills what the rasterizer holds with col and clears it.
func (c *canvas) paint(col color.RGBA) {
	c.z.Draw(c.img, c.r, image.NewUniform(col), image.Point{})
	c.z.Reset(c.r.Dx(), c.r.Dy())
}

// fillRect fills a rectangle of the image without anti-aliasing (edges
// on whole pixels).
func fillRect(img *image.RGBA, r image.Rectangle, col color.RGBA) {
	draw.Draw(img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// circle adds a circle.
func (c *canvas) circle(cx, cy, r float64) {
	c.polygon(ccw(ellipse(cx, cy, r, r).pts))
}

// stroke adds the outline of a polyline drawn with a pen of width w and
// round caps and joins: a quadrilateral for every segment and a disc at
// every point. All are wound the same way, so that where they overlap the
// rasterizer (which adds coverage and clamps it) paints them once.
func (c *canvas) stroke(l polyline, w float64) {
	r := w / 2
	pts := l.pts
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		dx, dy := b.x-a.x, b.y-a.y
		n := math.Hypot(dx, dy)
		if n == 0 {
			continue
		}
		nx, ny := -dy/n*r, dx/n*r
		c.polygon(ccw([]pt{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}}))
	}
	for _, p := range pts {
		c.polygon(ccw(disc(p, r)))
	}
}

// discSteps is the number of sides of a round cap or join: at a radius of
// 5 px a 24-gon is within 0.1 px of the circle.
const discSteps = 24

func disc(p pt, r float64) []pt {
	out := make([]pt, discSteps)
	for k := range out {
		a := 2 * math.Pi * float64(k) / discSteps
		out[k] = pt{p.x + r*math.Cos(a), p.y + r*math.Sin(a)}
	}
	return out
}

// ccw returns pts wound with a positive signed area, reversed if needed.
func ccw(pts []pt) []pt {
	area := 0.0
	for i := range pts {
		j := (i + 1) % len(pts)
		area += pts[i].x*pts[j].y - pts[j].x*pts[i].y
	}
	if area >= 0 {
		return pts
	}
	out := make([]pt, len(pts))
	for i, p := range pts {
		out[len(pts)-1-i] = p
	}
	return out
}

// motif draws m into the whole region, as the theme's CSS does: fills
// first, then every line with a stroke of 2 units. The region should leave
// room for the stroke around the box.
func (c *canvas) motif(m *Motif, fill, ink color.RGBA) {
	w, h := float64(c.r.Dx()), float64(c.r.Dy())
	scale := math.Min(w/(m.Box[2]+2), h/(m.Box[3]+2))
	ox := (w-m.Box[2]*scale)/2 - m.Box[0]*scale
	oy := (h-m.Box[3]*scale)/2 - m.Box[1]*scale
	at := func(p pt) pt { return pt{ox + p.x*scale, oy + p.y*scale} }
	for _, sh := range m.Shapes {
		if !sh.Filled {
			continue
		}
		for _, l := range sh.Lines {
			pts := make([]pt, len(l.pts))
			for i, p := range l.pts {
				pts[i] = at(p)
			}
			c.polygon(pts)
		}
		c.paint(fill) // one shape at a time: its own winding, no other's
	}
	for _, sh := range m.Shapes {
		for _, l := range sh.Lines {
			pl := polyline{closed: l.closed, pts: make([]pt, len(l.pts))}
			for i, p := range l.pts {
				pl.pts[i] = at(p)
			}
			c.stroke(pl, 2*scale)
		}
	}
	c.paint(ink)
}
