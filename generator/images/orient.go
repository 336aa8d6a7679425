package images

import (
	"image"
	"image/draw"
)

// orient returns img turned as Exif orientation o says (1 to 8): the
// picture as it is meant to be seen, in a new image of the same type
// (pixels are moved, never blended, so a PNG stays lossless). Types
// without a plain pixel buffer (YCbCr from JPEG) are made RGBA first.
// Orientation 1, or any other value, returns img itself.
func orient(img image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	src, ok := pixelsOf(img)
	if !ok {
		rgba := image.NewRGBA(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
		draw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, draw.Src)
		img, src = rgba, pixels{rgba.Pix, rgba.Stride, 4}
	}
	sw, sh := img.Bounds().Dx(), img.Bounds().Dy()
	dw, dh := sw, sh
	if swapsAxes(o) {
		dw, dh = sh, sw
	}
	out := newLike(img, dw, dh)
	dst, _ := pixelsOf(out)
	at := func(x, y int) int { // byte offset in dst of stored pixel (x, y)
		dx, dy := orientPoint(o, x, y, sw, sh)
		return dy*dst.stride + dx*dst.bpp
	}
	for y := range sh {
		row := src.pix[y*src.stride : y*src.stride+sw*src.bpp]
		d := at(0, y)
		step := 0
		if sw > 1 {
			step = at(1, y) - d
		}
		for x := 0; x < len(row); x += src.bpp {
			copy(dst.pix[d:d+src.bpp], row[x:x+src.bpp])
			d += step
		}
	}
	return out
}

// orientPoint maps a stored pixel (x, y) of an sw x sh image to where
// orientation o shows it.
func orientPoint(o, x, y, sw, sh int) (int, int) {
	switch o {
	case 2: // mirrored
		return sw - 1 - x, y
	case 3: // turned half a circle
		return sw - 1 - x, sh - 1 - y
	case 4: // mirrored top to bottom
		return x, sh - 1 - y
	case 5: // mirrored along the diagonal
		return y, x
	case 6: // to be turned clockwise: the camera was held upright
		return sh - 1 - y, x
	case 7: // mirrored along the other diagonal
		return sh - 1 - y, sw - 1 - x
	case 8: // to be turned anticlockwise
		return y, sw - 1 - x
	}
	return x, y
}

// pixels is the pixel buffer of an image whose pixels are bpp bytes each,
// starting at Rect.Min.
type pixels struct {
	pix         []uint8
	stride, bpp int
}

// pixelsOf returns the pixel buffer of the image types the decoders make
// that have one.
func pixelsOf(img image.Image) (pixels, bool) {
	switch m := img.(type) {
	case *image.Gray:
		return pixels{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, 1}, true
	case *image.Paletted:
		return pixels{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, 1}, true
	case *image.Gray16:
		return pixels{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, 2}, true
	case *image.RGBA:
		return pixels{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, 4}, true
	case *image.NRGBA:
		return pixels{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, 4}, true
	case *image.CMYK:
		return pixels{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, 4}, true
	case *image.RGBA64:
		return pixels{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, 8}, true
	case *image.NRGBA64:
		return pixels{m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y):], m.Stride, 8}, true
	}
	return pixels{}, false
}

// newLike returns a new w x h image of img's type (one pixelsOf knows).
func newLike(img image.Image, w, h int) image.Image {
	r := image.Rect(0, 0, w, h)
	switch m := img.(type) {
	case *image.Gray:
		return image.NewGray(r)
	case *image.Paletted:
		return image.NewPaletted(r, m.Palette)
	case *image.Gray16:
		return image.NewGray16(r)
	case *image.NRGBA:
		return image.NewNRGBA(r)
	case *image.CMYK:
		return image.NewCMYK(r)
	case *image.RGBA64:
		return image.NewRGBA64(r)
	case *image.NRGBA64:
		return image.NewNRGBA64(r)
	}
	return image.NewRGBA(r)
}
