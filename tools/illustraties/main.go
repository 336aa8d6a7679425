// Command illustraties draws the e-zine's illustrations: one flat,
// decorative picture per deelakkoord, in the theme's colours, written as
// 8-bit (paletted) PNGs of 1600 x 900 pixels. They were made once with
//
//	go run ./tools/illustraties -out static/illustraties
//
// and committed; the build resizes them like any image (generator/images).
// The pictures are symbols of a sector (cranes for the port, houses with
// solar panels for the energy transition), not of real places or people.
//
// Shapes are filled with golang.org/x/image/vector (anti-aliased), then
// every pixel is mapped to a palette of the theme's colours and the
// blends between each pair of them, so the anti-aliased edges survive and
// the files stay small.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
	"golang.org/x/image/vector"
)

// The size of every illustration: 16:9, as wide as the widest copy the
// build makes (images.DefaultWidths).
const width, height = 1600, 900

// The theme's colours (themes/ezine/assets/css/main.css) and a few more
// for the pictures.
var (
	paper  = rgb(0xfa, 0xf6, 0xef)
	tint   = rgb(0xf3, 0xe4, 0xcc)
	peach  = rgb(0xef, 0xc9, 0xa4)
	brick  = rgb(0xa3, 0x39, 0x2a)
	deep   = rgb(0x1b, 0x4a, 0x63)
	water  = rgb(0x4a, 0x86, 0xa3)
	ink    = rgb(0x1e, 0x1c, 0x24)
	stone  = rgb(0xb9, 0xad, 0x9a)
	green  = rgb(0x4f, 0x7a, 0x5a)
	sun    = rgb(0xe8, 0xb0, 0x4a)
	white  = rgb(0xff, 0xff, 0xff)
	colors = []color.RGBA{paper, tint, peach, brick, deep, water, ink, stone, green, sun, white}
)

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 255} }

// blends is how many in-between colours the palette has for each pair of
// colours: enough for smooth edges, few enough for 256 entries
// (11 colours + 55 pairs x 4 = 231).
const blends = 4

func palette() color.Palette {
	var p color.Palette
	for _, c := range colors {
		p = append(p, c)
	}
	for i, a := range colors {
		for _, b := range colors[i+1:] {
			for k := 1; k <= blends; k++ {
				t := float64(k) / float64(blends+1)
				mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
				p = append(p, color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255})
			}
		}
	}
	return p
}

// canvas draws filled shapes, anti-aliased.
type canvas struct {
	img *image.RGBA
	z   *vector.Rasterizer
}

func newCanvas(bg color.RGBA) *canvas {
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, width, height)), z: vector.NewRasterizer(width, height)}
	draw.Draw(c.img, c.img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	return c
}

// poly fills the polygon through the points x0, y0, x1, y1, ...
func (c *canvas) poly(col color.RGBA, pts ...float32) {
	c.z.Reset(width, height)
	c.z.DrawOp = draw.Over
	c.z.MoveTo(pts[0], pts[1])
	for i := 2; i+1 < len(pts); i += 2 {
		c.z.LineTo(pts[i], pts[i+1])
	}
	c.z.ClosePath()
	c.z.Draw(c.img, c.img.Bounds(), image.NewUniform(col), image.Point{})
}

func (c *canvas) rect(col color.RGBA, x0, y0, x1, y1 float32) {
	c.poly(col, x0, y0, x1, y0, x1, y1, x0, y1)
}

// circle fills a circle (or, with a < 2π, a pie slice from angle 0).
func (c *canvas) circle(col color.RGBA, cx, cy, r float32) {
	var pts []float32
	for i := range 96 {
		a := float64(i) / 96 * 2 * math.Pi
		pts = append(pts, cx+r*float32(math.Cos(a)), cy+r*float32(math.Sin(a)))
	}
	c.poly(col, pts...)
}

// line draws a straight stroke of width w.
func (c *canvas) line(col color.RGBA, x0, y0, x1, y1, w float32) {
	dx, dy := x1-x0, y1-y0
	l := float32(math.Hypot(float64(dx), float64(dy)))
	nx, ny := -dy/l*w/2, dx/l*w/2
	c.poly(col, x0+nx, y0+ny, x1+nx, y1+ny, x1-nx, y1-ny, x0-nx, y0-ny)
}

// waves draws rows of wave strokes over water from y0 down.
func (c *canvas) waves(col color.RGBA, y0, y1 float32) {
	for row, y := 0, y0; y < y1; row, y = row+1, y+46 {
		off := float32(row%2) * 60
		for x := -80 + off; x < width; x += 160 {
			c.line(col, x, y, x+40, y-10, 6)
			c.line(col, x+40, y-10, x+80, y, 6)
		}
	}
}

// hills draws a soft horizon: a band of ground with a curved top.
func (c *canvas) hills(col color.RGBA, y float32, amp float32, phase float64) {
	pts := []float32{0, height}
	for x := float32(0); x <= width; x += 20 {
		pts = append(pts, x, y-amp*float32(math.Sin(float64(x)/260+phase)))
	}
	pts = append(pts, width, height)
	c.poly(col, pts...)
}

// haven: two gantry cranes over stacked containers, a ship on the water.
func haven(c *canvas) {
	c.circle(sun, 1460, 110, 70)
	c.rect(water, 0, 620, width, height)
	c.waves(deep, 700, height)
	c.rect(stone, 0, 560, 1000, 640) // quay
	// Containers, three rows.
	cols := []color.RGBA{brick, deep, peach, green, brick, sun, deep, peach}
	for row := range 3 {
		for i := range 6 - row {
			x := float32(60 + i*140 + row*70)
			y := float32(560 - (row+1)*70)
			c.rect(cols[(i+row*3)%len(cols)], x, y, x+130, y+64)
			for k := float32(1); k < 5; k++ {
				c.line(ink, x+k*26, y+8, x+k*26, y+56, 3)
			}
		}
	}
	// Two cranes: legs, beam, cab, cable.
	for _, x := range []float32{820, 1120} {
		c.line(brick, x, 640, x+40, 230, 22)
		c.line(brick, x+160, 640, x+130, 230, 22)
		c.line(brick, x+20, 420, x+150, 420, 16)
		c.rect(brick, x-260, 210, x+260, 245)
		c.rect(ink, x+60, 245, x+110, 300)
		c.line(ink, x-180, 245, x-180, 420, 4)
		c.rect(deep, x-215, 420, x-145, 460)
	}
	// Ship.
	c.poly(ink, 1000, 700, 1560, 700, 1510, 800, 1060, 800)
	c.rect(white, 1380, 620, 1500, 700)
	for i := range 3 {
		c.rect(deep, float32(1395+i*35), 640, float32(1420+i*35), 665)
	}
	c.rect(brick, 1080, 650, 1360, 700)
}

// zorg: a care building with a heart over it, trees beside it.
func zorg(c *canvas) {
	c.hills(peach, 700, 30, 0.5)
	c.rect(white, 420, 300, 1180, 720)
	c.rect(stone, 420, 280, 1180, 310)
	for row := range 4 {
		for i := range 7 {
			x := float32(460 + i*100)
			y := float32(340 + row*90)
			if row == 3 && (i == 3) {
				continue
			}
			c.rect(water, x, y, x+60, y+55)
		}
	}
	c.rect(deep, 750, 610, 850, 720) // door
	// A heart above the roof.
	var pts []float32
	for i := range 120 {
		t := float64(i) / 120 * 2 * math.Pi
		x := 16 * math.Pow(math.Sin(t), 3)
		y := 13*math.Cos(t) - 5*math.Cos(2*t) - 2*math.Cos(3*t) - math.Cos(4*t)
		pts = append(pts, float32(800+x*9), float32(170-y*9))
	}
	c.poly(brick, pts...)
	// Trees.
	for _, x := range []float32{230, 1370} {
		c.rect(ink, x-12, 560, x+12, 720)
		c.circle(green, x, 520, 110)
	}
	c.rect(stone, 0, 720, width, height)
	c.line(white, 0, 810, width, 810, 8)
}

// energietransitie: houses with solar panels, a wind turbine, a crane.
func energie(c *canvas) {
	c.circle(sun, 260, 180, 100)
	c.hills(green, 690, 40, 1.2)
	// Wind turbine.
	c.poly(stone, 1380, 720, 1420, 720, 1408, 300, 1392, 300)
	for k := range 3 {
		a := -math.Pi/2 + float64(k)*2*math.Pi/3
		x, y := 1400+float32(210*math.Cos(a)), 300+float32(210*math.Sin(a))
		c.line(stone, 1400, 300, x, y, 20)
	}
	c.circle(ink, 1400, 300, 18)
	// Houses: walls, roofs with panels.
	for i, x := range []float32{90, 390, 690} {
		wall := []color.RGBA{peach, tint, peach}[i]
		c.rect(wall, x, 480, x+260, 740)
		c.poly(brick, x-20, 490, x+130, 350, x+280, 490)
		// Panels on the left roof slope.
		for k := range 3 {
			px := x + 10 + float32(k)*40
			py := 470 - float32(k)*37
			c.poly(deep, px, py, px+36, py-34, px+56, py-14, px+20, py+20)
		}
		c.rect(deep, x+100, 640, x+160, 740)
		c.rect(water, x+30, 540, x+90, 600)
		c.rect(water, x+170, 540, x+230, 600)
	}
	// A building crane.
	c.line(sun, 1080, 740, 1080, 280, 18)
	c.line(sun, 1000, 300, 1250, 300, 14)
	c.line(ink, 1210, 300, 1210, 430, 4)
	c.rect(brick, 1180, 430, 1240, 470)
	c.rect(stone, 0, 740, width, height)
}

// transport: a road with a lorry and a bus, a barge on the river, a bridge.
func transport(c *canvas) {
	c.rect(water, 0, 480, width, 680)
	c.waves(deep, 560, 680)
	// Bridge: deck, pylon and cables.
	c.rect(stone, 0, 430, width, 460)
	c.poly(white, 1180, 470, 1230, 470, 1215, 90, 1195, 90)
	for k := range 6 {
		dx := float32(60 + k*70)
		c.line(white, 1205, 110, 1205+dx, 430, 4)
		c.line(white, 1205, 110, 1205-dx, 430, 4)
	}
	// Barge.
	c.poly(ink, 260, 580, 900, 580, 860, 650, 300, 650)
	c.rect(brick, 340, 536, 520, 580)
	c.rect(sun, 540, 536, 720, 580)
	c.rect(white, 770, 510, 850, 580)
	c.rect(deep, 785, 525, 835, 550)
	// Road.
	c.rect(ink, 0, 680, width, height)
	for x := float32(40); x < width; x += 160 {
		c.rect(white, x, 860, x+90, 870)
	}
	// Lorry.
	c.rect(deep, 160, 690, 580, 810)
	c.rect(brick, 590, 720, 720, 810)
	c.rect(water, 640, 735, 705, 770)
	for _, x := range []float32{240, 500, 660} {
		c.circle(stone, x, 820, 32)
		c.circle(ink, x, 820, 12)
	}
	// Bus.
	c.rect(sun, 940, 700, 1420, 820)
	for i := range 6 {
		c.rect(water, float32(965+i*75), 715, float32(1020+i*75), 760)
	}
	for _, x := range []float32{1020, 1340} {
		c.circle(stone, x, 828, 30)
		c.circle(ink, x, 828, 11)
	}
}

// facilitair: an office building with a window cleaner's cradle, a
// cleaning trolley and a serving tray with cups in front.
func facilitair(c *canvas) {
	c.circle(sun, 1380, 160, 80)
	c.rect(stone, 260, 120, 1000, 760)
	for row := range 7 {
		for i := range 6 {
			x := float32(300 + i*115)
			y := float32(160 + row*80)
			c.rect(water, x, y, x+80, y+55)
		}
	}
	c.rect(deep, 570, 660, 690, 760)
	// Cradle hanging from the roof.
	c.line(ink, 880, 120, 880, 380, 4)
	c.line(ink, 1010, 120, 1010, 380, 4)
	c.rect(brick, 860, 380, 1030, 420)
	c.circle(peach, 940, 350, 22)
	c.rect(sun, 920, 372, 960, 382)
	c.rect(paper, 0, 760, width, height)
	c.rect(tint, 0, 760, width, 780)
	// Trolley with a bucket.
	c.rect(deep, 1120, 560, 1330, 760)
	c.rect(sun, 1150, 490, 1230, 560)
	c.line(ink, 1300, 430, 1260, 760, 10)
	c.circle(ink, 1150, 780, 20)
	c.circle(ink, 1300, 780, 20)
	// A table with a tray of cups.
	c.rect(brick, 50, 600, 240, 622)
	c.line(ink, 70, 622, 70, 760, 10)
	c.line(ink, 220, 622, 220, 760, 10)
	c.rect(ink, 70, 590, 220, 600)
	for _, x := range []float32{85, 135, 185} {
		c.rect(white, x, 550, x+32, 590)
		c.line(white, x+32, 560, x+42, 570, 5)
	}
}

// mkb: a street of small businesses with striped awnings and a workshop
// with a gear on its sign.
func mkb(c *canvas) {
	c.rect(stone, 0, 740, width, height)
	awn := []color.RGBA{brick, deep, green, sun, brick}
	for i := range 5 {
		x := float32(40 + i*310)
		top := float32(260 + (i%2)*60)
		wall := []color.RGBA{peach, tint, peach, white, tint}[i]
		c.rect(wall, x, top, x+290, 740)
		c.poly(ink, x-10, top, x+145, top-70, x+300, top)
		// Awning, striped.
		for k := range 6 {
			col := awn[i]
			if k%2 == 1 {
				col = white
			}
			sx := x + float32(k)*290/6
			c.poly(col, sx, 470, sx+290/6, 470, sx+290/6+8, 540, sx+8, 540)
		}
		c.rect(water, x+30, 560, x+190, 700)
		c.rect(deep, x+210, 580, x+265, 740)
		if i != 2 { // the middle one has a sign instead
			c.rect(water, x+40, top+40, x+120, top+120)
			c.rect(water, x+170, top+40, x+250, top+120)
		}
	}
	// A gear on the middle shop's sign.
	cx, cy := float32(805), float32(350)
	var pts []float32
	for i := range 96 {
		a := float64(i) / 96 * 2 * math.Pi
		r := float32(52)
		if (i/6)%2 == 0 {
			r = 66
		}
		pts = append(pts, cx+r*float32(math.Cos(a)), cy+r*float32(math.Sin(a)))
	}
	c.poly(sun, pts...)
	c.circle(ink, cx, cy, 22)
}

func main() {
	out := flag.String("out", "static/illustraties", "output `folder`")
	flag.Parse()
	scenes := []struct {
		name string
		bg   color.RGBA
		draw func(*canvas)
	}{
		{"haven", paper, haven},
		{"zorg", paper, zorg},
		{"energietransitie-en-bouw", paper, energie},
		{"transport-en-logistiek", tint, transport},
		{"facilitaire-dienstverlening", paper, facilitair},
		{"mkb", paper, mkb},
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pal := palette()
	for _, s := range scenes {
		c := newCanvas(s.bg)
		s.draw(c)
		p := image.NewPaletted(c.img.Bounds(), pal)
		draw.Draw(p, p.Rect, c.img, image.Point{}, draw.Src) // nearest palette colour, no dithering
		f, err := os.Create(filepath.Join(*out, s.name+".png"))
		if err == nil {
			err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(f, p)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
