package images

import (
	"math"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Memory. Go's decoders hold the whole image, and nothing bounds them but
// the size in the header: a PNG of a few hundred KB can decode to 400 MB.
// So the memory an image takes is worked out from its header before any
// pixel is decoded (Info.Memory), an image that needs more than the budget
// is refused, and the images being made at one time never need more than
// the budget together (Processor.Publish waits until there is room).

// scaleBytesPerPixel is what x/image/draw's Catmull-Rom scaler keeps per
// pixel of its intermediate image (the copy's width by the source's
// height): four float64 channels.
const scaleBytesPerPixel = 32

// fixedWork covers what does not grow with the image: encoder state, the
// compressor's window and tables, the file's bytes and their stripped copy
// for files of up to a few MB.
const fixedWork = 8 << 20

// memoryNeed is the memory, in bytes, that decoding an image and making
// its files takes at most (see Processor.make for the order): the decoded
// image and the decoder's own buffers (see header.decodedBytes), with, at
// the same time, the turned original of a PNG or the box-reduced working
// image; then, the decoded image let go if there is a working image, the
// largest of what one copy takes while it is made (copies are made one
// after the other, and big buffers collected in between).
func memoryNeed(h *header, variants []Variant) int64 {
	decoded := h.decodedBytes()
	var beside int64
	if h.format == PNG && h.orientation != 1 {
		turned := int64(h.width) * int64(h.height) * pngBytesPerPixel(h.pngColour, h.pngDepth, h.pngTRNS)
		beside = 2 * turned // the turned image and its encoding
	}
	sw, sh := h.width, h.height
	resident := decoded
	if len(variants) > 0 {
		w, ht := storedSize(variants[len(variants)-1], h.orientation)
		if k := reduction(sw, sh, w, ht); k > 1 {
			sw, sh = (sw+k-1)/k, (sh+k-1)/k
			resident = int64(sw) * int64(sh) * 8
			beside = max(beside, resident)
		}
	}
	var work int64
	for _, v := range variants {
		w, ht := storedSize(v, h.orientation)
		px := int64(w) * int64(ht)
		var n int64
		if w != sw || ht != sh {
			n = int64(w)*int64(sh)*scaleBytesPerPixel + px*4 // scaler buffer, RGBA copy
		}
		n += px * (8 + 8) // the paletted or turned copy, the encoder's output
		work = max(work, n)
	}
	return max(decoded+beside, resident+work) + fixedWork
}

// overBudget is the error for an image that needs more memory than the
// whole budget, with the size that would fit.
func overBudget(info *Info, budget int64) error {
	f := math.Sqrt(float64(budget)/float64(info.Memory)) * 0.9
	w, h := int(float64(info.Width)*f), int(float64(info.Height)*f)
	hint := i18n.New("scale it down to at most about %d x %d pixels", w, h)
	if info.Format == PNG {
		hint = i18n.New("scale it down to at most about %d x %d pixels, or save it as an 8-bit PNG, or as a JPEG if it is a photo", w, h)
	}
	return newError(i18n.New("decoding and resizing the image (%d x %d pixels) takes about %d MB, more than the %d MB the build allows",
		info.Width, info.Height, mb(info.Memory), mb(budget)), hint)
}

// mb rounds a number of bytes to megabytes.
func mb(n int64) int64 { return (n + 1<<19) >> 20 }
