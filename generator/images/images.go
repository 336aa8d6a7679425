// Package images makes the responsive copies of a site's images: it reads
// an image's format and size, chooses the widths to publish it at (never
// wider than the original), resizes and re-encodes raster images, and
// keeps the results in a cache folder between builds.
//
// In: an image's name and bytes. Out: an Info (format, intrinsic size, the
// variants to publish, smallest first) from Inspect, which reads only the
// header; and, from Processor.Variant, the encoded bytes of one variant.
// PNG stays PNG and JPEG stays JPEG (encoded with the standard library:
// WebP and AVIF encoders need cgo). SVG is vector: it is published as it
// is, with the size its width and height or viewBox give, and has no
// variants. Other formats (GIF, WebP) are not images this package handles.
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
	"fmt"
	"image"
	_ "image/jpeg" // decoders for image.DecodeConfig and image.Decode
	_ "image/png"
	"io"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
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
// 50 megapixels is more than any camera an editor is likely to use.
const maxPixels = 50_000_000

// maxSVG caps the size of an SVG read to find its size.
const maxSVG = 4 << 20

// Variant is one published copy of an image.
type Variant struct {
	Width, Height int
}

// Info is what Inspect learns about an image.
type Info struct {
	Format        Format
	Width, Height int // intrinsic size in CSS pixels; 0 when an SVG gives none
	// Variants are the copies to publish, narrowest first; the last is as
	// wide as the original or as the widest of the configured widths.
	// Empty for SVG.
	Variants []Variant
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

// Inspect reads the format and size of the image name from r (only the
// header of a raster image is read) and chooses its variants for widths
// (nil means DefaultWidths). An image whose content does not match its
// extension, that cannot be decoded, or that is too large is an error.
func Inspect(name string, r io.Reader, widths []int) (*Info, error) {
	want := formatOf(name)
	if want == "" {
		return nil, fmt.Errorf("not an image this generator resizes (png, jpg or svg)")
	}
	if want == SVG {
		w, h, err := svgSize(io.LimitReader(r, maxSVG))
		if err != nil {
			return nil, err
		}
		return &Info{Format: SVG, Width: w, Height: h}, nil
	}
	cfg, got, err := image.DecodeConfig(r)
	if err != nil {
		return nil, fmt.Errorf("cannot read the image: %v", err)
	}
	if Format(got) != want {
		return nil, fmt.Errorf("the file is a %s image but its name ends in %s", strings.ToUpper(got), path.Ext(name))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, errors.New("the image is empty (0 pixels wide or high)")
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, fmt.Errorf("the image is %d x %d pixels, more than %d megapixels", cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	return &Info{Format: want, Width: cfg.Width, Height: cfg.Height, Variants: variants(cfg.Width, cfg.Height, widths)}, nil
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
			return 0, 0, fmt.Errorf("cannot read the SVG: no <svg> element (%v)", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "svg" {
			return 0, 0, fmt.Errorf("cannot read the SVG: the root element is <%s>", se.Name.Local)
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
