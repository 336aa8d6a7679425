// Package images makes the published files of a site's images: it reads
// an image's format, size and orientation from its header, chooses the
// widths to publish it at (never wider than the original), strips the
// metadata from the original, resizes and re-encodes raster images, and
// keeps the results in a cache folder between builds.
//
// In: an image's name and bytes. Out: an Info (format, size as shown,
// orientation, the memory decoding takes, the variants to publish,
// smallest first) from Inspect, which reads only the header; and, from
// Processor.Publish, the bytes of the original as published and of every
// variant, made from one decode. PNG stays PNG and JPEG stays JPEG
// (encoded with the standard library: WebP and AVIF encoders need cgo).
// SVG is vector: it has no variants, and its size comes from its width and
// height or viewBox. Other formats (GIF, WebP) are not images this package
// handles.
//
// Privacy: no published PNG or JPEG carries metadata. The original is
// stripped losslessly (Strip: every byte of the picture kept, Exif, XMP,
// IPTC, comments and PNG text dropped, the ICC profile kept); the copies
// are encoded from pixels and carry only the source's colour profile.
//
// Orientation: a photo whose Exif orientation says it is to be turned (a
// phone held upright) is published upright. Its Info has the upright size,
// and the widths are chosen from the upright width; each copy is resized
// and then turned. A JPEG original keeps an Exif segment with only the
// orientation (browsers turn JPEGs by it, and re-encoding would lose
// quality); a PNG original is re-encoded upright (lossless, and Firefox
// ignores orientation in PNG).
//
// Same bytes in, same bytes out: resampling and encoding are deterministic,
// and the cache only ever returns what the same code made from the same
// input. The package holds no global state; a Processor is safe for
// concurrent use.
package images

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	_ "image/jpeg" // decoders for image.DecodeConfig and image.Decode
	_ "image/png"
	"io"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Format is the kind of an image file.
type Format string

// The formats the package handles.
const (
	PNG  Format = "png"
	JPEG Format = "jpeg"
	SVG  Format = "svg"
)

// DefaultWidths are the widths, in pixels, an image is published at: a
// phone (480), a phone at 2x or a tablet (800), a laptop at 2x the text
// column (1200, 1600). Chosen so that one step is never more than ~1.7x
// the last: a browser then never loads much more than it shows.
var DefaultWidths = []int{480, 800, 1200, 1600}

// DefaultQuality is the JPEG quality: at 80 artefacts are hard to see in
// photos while files are about half the size of quality 95.
const DefaultQuality = 80

// maxPixels caps the size of an image that is decoded: a 10,000 x 10,000
// PNG of a few KB (a "decompression bomb") would otherwise take 400 MB.
// 50 megapixels is more than any camera an editor is likely to use. The
// memory budget (Config.MemoryBudget) bounds what an image below the cap
// takes.
const maxPixels = 50_000_000

// maxSVG caps the size of an SVG read to find its size.
const maxSVG = 4 << 20

// Variant is one published copy of an image.
type Variant struct {
	Width, Height int
}

// Info is what Inspect learns about an image.
type Info struct {
	Format Format
	// Width and Height are the size as shown, in CSS pixels: upright, for
	// a photo whose orientation turns it by a quarter. 0 when an SVG gives
	// none.
	Width, Height int
	// Orientation is the Exif orientation of the stored pixels, 1 (as
	// stored) to 8; 1 for SVG.
	Orientation int
	// Memory is what decoding the image and making its variants takes at
	// most, in bytes, worked out from the header; 0 for SVG.
	Memory int64
	// Variants are the copies to publish, narrowest first; the last is as
	// wide as the original or as the widest of the configured widths.
	// Empty for SVG.
	Variants []Variant
}

// Error is a problem with an image file, with what to do about it.
type Error struct {
	Msg  string // in English
	Hint string // what the editor can do; "" when there is nothing to add

	msg, hint *i18n.Msg // Msg and Hint as messages of the catalogue
}

// newError returns the Error for a message and a hint (nil for none).
func newError(msg, hint *i18n.Msg) *Error {
	e := &Error{Msg: msg.Error(), msg: msg, hint: hint}
	if hint != nil {
		e.Hint = hint.Error()
	}
	return e
}

func (e *Error) Error() string { return e.Msg }

// Localize returns the message in l.
func (e *Error) Localize(l i18n.Lang) string {
	if e.msg == nil {
		return e.Msg
	}
	return e.msg.Localize(l)
}

// HintMsg returns the hint as a message, nil for none.
func (e *Error) HintMsg() *i18n.Msg {
	if e.hint == nil && e.Hint != "" {
		return i18n.New(e.Hint)
	}
	return e.hint
}

// hintDamaged is what to do about a file that is cut short or damaged.
const hintDamaged = "the file is incomplete or damaged: copy it again from the camera or phone, or open it in an image editor and save it again"

// damaged wraps an error of a decoder or of Strip, saying so when the
// file is cut short.
func damaged(err error) error {
	if !errors.Is(err, errTruncated) && (errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "short Huffman")) {
		err = i18n.Errorf("the file is cut short (%v)", err)
	}
	return newError(i18n.New("cannot decode the image: %v", err), i18n.New(hintDamaged))
}

// Handles reports whether name has an extension this package processes:
// .png, .jpg, .jpeg or .svg, in any case.
func Handles(name string) bool { return formatOf(name) != "" }

// formatOf maps a file name's extension to the format it claims.
func formatOf(name string) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".png":
		return PNG
	case ".jpg", ".jpeg":
		return JPEG
	case ".svg":
		return SVG
	}
	return ""
}

// VariantName is the file name of a variant: "a/kranen.png" at 800 pixels
// wide is "a/kranen-800w.png". The extension keeps its case.
func VariantName(name string, v Variant) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(v.Width) + "w" + ext
}

// Inspect reads the format, size and orientation of the image name from r
// (of a raster image, only the header: the bytes before its pixels) and
// chooses its variants for widths (nil means DefaultWidths) from its
// upright width. An image whose content does not match its extension,
// whose header cannot be read, or that is too large is an error (an
// *Error, with a hint).
func Inspect(name string, r io.Reader, widths []int) (*Info, error) {
	want := formatOf(name)
	if want == "" {
		return nil, i18n.Errorf("not an image this generator resizes (png, jpg or svg)")
	}
	if want == SVG {
		w, h, err := svgSize(io.LimitReader(r, maxSVG))
		if err != nil {
			return nil, err
		}
		return &Info{Format: SVG, Width: w, Height: h, Orientation: 1}, nil
	}
	const hintFormat = "save the image again as PNG or JPEG, under a name with the matching extension"
	h, err := readHeader(r)
	if err != nil {
		return nil, newError(i18n.New("cannot read the image: %v", err), i18n.New(hintDamaged))
	}
	if h.format == "" {
		return nil, newError(i18n.New("cannot read the image: it is not a PNG or JPEG file"), i18n.New(hintFormat))
	}
	if h.format != want {
		return nil, newError(i18n.New("the file is a %s image but its name ends in %s", strings.ToUpper(string(h.format)), path.Ext(name)), i18n.New(hintFormat))
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(h.config))
	if err != nil {
		return nil, newError(i18n.New("cannot read the image: %v", err), i18n.New(hintDamaged))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || h.width != cfg.Width || h.height != cfg.Height {
		return nil, newError(i18n.New("the image is empty (0 pixels wide or high)"), i18n.New(hintDamaged))
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, newError(i18n.New("the image is %d x %d pixels, more than %d megapixels", cfg.Width, cfg.Height, maxPixels/1_000_000),
			i18n.New("scale it down to at most 50 megapixels (8000 x 6000 is 48) in an image editor"))
	}
	w, ht := cfg.Width, cfg.Height
	if swapsAxes(h.orientation) {
		w, ht = ht, w
	}
	info := &Info{Format: want, Width: w, Height: ht, Orientation: h.orientation, Variants: variants(w, ht, widths)}
	info.Memory = memoryNeed(h, info.Variants)
	return info, nil
}

// Strip returns a PNG or JPEG without its metadata: every byte of the
// picture as it was, the ICC colour profile and what decoding needs (JFIF,
// Adobe's colour transform, PNG's colour, transparency and animation
// chunks) kept; Exif, XMP, IPTC, comments, PNG text and time chunks, and
// anything after the end of the image dropped. A JPEG missing only its
// EOI gets one. orientation, when not 1, is kept as the only Exif entry,
// so that browsers still show the picture upright.
func Strip(format Format, data []byte, orientation int) ([]byte, error) {
	switch format {
	case JPEG:
		out, _, err := stripJPEG(data, orientation)
		return out, err
	case PNG:
		return stripPNG(data, orientation)
	}
	return nil, i18n.Errorf("%s images are not stripped", format)
}

// StripFile is Strip for a file whose format its name tells, for files
// that are published but not inspected (the theme's static images). It
// keeps the file's own orientation; data of other formats is returned as
// it is.
func StripFile(name string, data []byte) ([]byte, error) {
	f := formatOf(name)
	switch {
	case f == JPEG && sniff(data) == JPEG:
		return Strip(f, data, jpegOrientation(data))
	case f == PNG && sniff(data) == PNG:
		return Strip(f, data, pngOrientation(data))
	case f == JPEG || f == PNG:
		return nil, newError(i18n.New("the file is not a %s image", strings.ToUpper(string(f))),
			i18n.New("save the image again as PNG or JPEG, under a name with the matching extension"))
	}
	return data, nil
}

// variants picks the widths below the original's from widths, and the
// original's own width (or the widest configured width, if the original is
// wider): never upscaled, and the widest copy is as sharp as the source
// allows. Heights keep the aspect ratio, rounded.
func variants(w, h int, widths []int) []Variant {
	if len(widths) == 0 {
		widths = DefaultWidths
	}
	ws := slices.Clone(widths)
	slices.Sort(ws)
	ws = slices.Compact(ws)
	top := min(w, ws[len(ws)-1])
	var out []Variant
	for _, x := range ws {
		if x > 0 && x < top {
			out = append(out, Variant{x, scaledHeight(w, h, x)})
		}
	}
	return append(out, Variant{top, scaledHeight(w, h, top)})
}

func scaledHeight(w, h, x int) int {
	return max(1, int(math.Round(float64(h)*float64(x)/float64(w))))
}

// svgSize finds the size of an SVG from the width and height of its root
// element (plain numbers or px), else from its viewBox; 0, 0 when it gives
// neither.
func svgSize(r io.Reader) (int, int, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, i18n.Errorf("cannot read the SVG: no <svg> element (%v)", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "svg" {
			return 0, 0, i18n.Errorf("cannot read the SVG: the root element is <%s>", se.Name.Local)
		}
		var w, h float64
		var box []float64
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "width":
				w = svgLength(a.Value)
			case "height":
				h = svgLength(a.Value)
			case "viewBox":
				for f := range strings.FieldsFuncSeq(a.Value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
					v, err := strconv.ParseFloat(f, 64)
					if err != nil {
						box = nil
						break
					}
					box = append(box, v)
				}
			}
		}
		if w > 0 && h > 0 {
			return roundSize(w, h)
		}
		if len(box) == 4 && box[2] > 0 && box[3] > 0 {
			switch {
			case w > 0: // one side given: the other from the aspect ratio
				return roundSize(w, w*box[3]/box[2])
			case h > 0:
				return roundSize(h*box[2]/box[3], h)
			}
			return roundSize(box[2], box[3])
		}
		return 0, 0, nil
	}
}

// svgLength reads a width or height in user units or px; other units
// (%, em, cm) give 0, as they say nothing about pixels.
func svgLength(s string) float64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) {
		return 0
	}
	return v
}

func roundSize(w, h float64) (int, int, error) {
	if w > 1e6 || h > 1e6 {
		return 0, 0, nil
	}
	return max(1, int(math.Round(w))), max(1, int(math.Round(h))), nil
}

// InspectBytes is Inspect over a byte slice.
func InspectBytes(name string, data []byte, widths []int) (*Info, error) {
	return Inspect(name, bytes.NewReader(data), widths)
}
