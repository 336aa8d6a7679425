package images

import (
	"image"
	"image/color"

	"golang.org/x/image/draw"
)

// scale resamples src to w x h with Catmull-Rom. x/image/draw widens a
// kernel's support by the scale factor when shrinking, so Catmull-Rom
// averages every source pixel under the target pixel (no aliasing, no
// moiré on fine lines), and its negative lobes keep edges crisp where
// bilinear softens them. ApproxBiLinear is several times faster but
// samples only the nearest 2x2 pixels, which aliases badly at the 2-3x
// reductions a 1600 px image gets for phones; with the cache, speed
// matters once per image, and quality on every page view.
//
// An image at its own size is only re-encoded. A copy of a paletted
// source (pal: a flat illustration saved with at most 256 colours) is
// mapped back onto its palette, nearest colour, no dithering: the copy
// stays an 8-bit PNG, several times smaller than the 24-bit one
// resampling makes.
func scale(src image.Image, w, h int, pal color.Palette) image.Image {
	b := src.Bounds()
	if b.Dx() == w && b.Dy() == h {
		return src
	}
	rect := image.Rect(0, 0, w, h)
	// Premultiplied RGBA: the colour of transparent pixels does not bleed
	// into the edges; the PNG encoder writes it back unpremultiplied, and
	// as RGB when every pixel is opaque.
	dst := image.NewRGBA(rect)
	draw.CatmullRom.Scale(dst, rect, src, b, draw.Src, nil)
	if pal != nil {
		out := image.NewPaletted(rect, pal)
		draw.Draw(out, rect, dst, image.Point{}, draw.Src)
		return out
	}
	return dst
}

// paletteOf returns the palette of a paletted image, else nil.
func paletteOf(img image.Image) color.Palette {
	if p, ok := img.(*image.Paletted); ok {
		return p.Palette
	}
	return nil
}

// reduction is the factor by which a source of sw x sh pixels is first
// shrunk with boxReduce before copies of at most w x h are resampled from
// it: the largest whole factor that leaves at least twice the copy's size
// (so Catmull-Rom still makes the final, sharp reduction), 1 for none.
// The scaler's time and its intermediate buffer (the copy's width by the
// source's height, 32 bytes a pixel) grow with the source: for a 7000 x
// 7000 photo the factor 2 takes them from 358 MB and seconds per copy to a
// quarter, and the full image can be let go before the copies are made.
func reduction(sw, sh, w, h int) int {
	return max(1, min(sw/(2*max(1, w)), sh/(2*max(1, h))))
}

// boxReduce shrinks src by the whole factor k: every k x k block of
// pixels becomes its average (partial blocks at the right and bottom
// edges average what they hold), in premultiplied 16-bit RGBA, so no
// precision is lost on 16-bit sources and transparent pixels do not tint
// their neighbours. An exact area average: no aliasing.
func boxReduce(src image.Image, k int) *image.RGBA64 {
	b := src.Bounds()
	ow, oh := (b.Dx()+k-1)/k, (b.Dy()+k-1)/k
	dst := image.NewRGBA64(image.Rect(0, 0, ow, oh))
	s, ok := src.(image.RGBA64Image)
	if !ok {
		s = image.NewRGBA64(b)
		draw.Draw(s.(*image.RGBA64), b, src, b.Min, draw.Src)
	}
	sums := make([]uint64, 4*ow)
	for oy := range oh {
		clear(sums)
		y0, y1 := b.Min.Y+oy*k, min(b.Max.Y, b.Min.Y+(oy+1)*k)
		for y := y0; y < y1; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := s.RGBA64At(x, y)
				i := 4 * ((x - b.Min.X) / k)
				sums[i] += uint64(c.R)
				sums[i+1] += uint64(c.G)
				sums[i+2] += uint64(c.B)
				sums[i+3] += uint64(c.A)
			}
		}
		row := dst.Pix[oy*dst.Stride:]
		for ox := range ow {
			n := uint64((y1 - y0) * (min(b.Max.X, b.Min.X+(ox+1)*k) - (b.Min.X + ox*k)))
			for c := range 4 {
				v := (sums[4*ox+c] + n/2) / n
				row[8*ox+2*c], row[8*ox+2*c+1] = uint8(v>>8), uint8(v)
			}
		}
	}
	return dst
}
