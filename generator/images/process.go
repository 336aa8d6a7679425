package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"sync/atomic"
	"time"

	"golang.org/x/image/draw"
)

// Config configures a Processor. The zero value publishes DefaultWidths at
// DefaultQuality and keeps no cache.
type Config struct {
	// Widths are the widths to publish images at; nil means DefaultWidths.
	Widths []int
	// Quality is the JPEG quality, 1 to 100; 0 means DefaultQuality.
	Quality int
	// CacheDir is the folder where resized images are kept between builds,
	// created when needed. It is safe to delete at any time. "" keeps no
	// cache: every build resizes again.
	CacheDir string
}

// Processor makes the variants of images, through its cache. It is safe
// for concurrent use, also by several processes sharing one cache folder.
type Processor struct {
	cfg   Config
	cache *cache

	resized   atomic.Int64
	hits      atomic.Int64
	resizeDur atomic.Int64 // nanoseconds spent decoding, resizing, encoding
}

// Stats counts what a Processor did.
type Stats struct {
	Resized    int64         // variants made (decoded, resized, encoded)
	CacheHits  int64         // variants taken from the cache
	ResizeTime time.Duration // time spent making variants, summed over goroutines
}

// New returns a Processor for cfg.
func New(cfg Config) *Processor {
	if cfg.Quality <= 0 || cfg.Quality > 100 {
		cfg.Quality = DefaultQuality
	}
	p := &Processor{cfg: cfg}
	if cfg.CacheDir != "" {
		p.cache = &cache{dir: cfg.CacheDir}
	}
	return p
}

// Stats returns what the Processor did so far.
func (p *Processor) Stats() Stats {
	return Stats{Resized: p.resized.Load(), CacheHits: p.hits.Load(), ResizeTime: time.Duration(p.resizeDur.Load())}
}

// CacheDir returns the cache folder, or "" when there is none.
func (p *Processor) CacheDir() string { return p.cfg.CacheDir }

// Inspect is the package's Inspect with the Processor's widths.
func (p *Processor) Inspect(name string, r io.Reader) (*Info, error) {
	return Inspect(name, r, p.cfg.Widths)
}

// Variant returns the encoded bytes of variant v of the image data (named
// name, described by info): from the cache when it holds them, else made
// and stored. The bytes depend only on data, v, the quality and the
// package's code version.
func (p *Processor) Variant(name string, data []byte, info *Info, v Variant) ([]byte, error) {
	if info.Format != PNG && info.Format != JPEG {
		return nil, fmt.Errorf("%s images have no variants", info.Format)
	}
	key := cacheKey(data, info.Format, v, p.cfg.Quality)
	if p.cache != nil {
		if out, ok := p.cache.get(key, info.Format); ok {
			p.hits.Add(1)
			return out, nil
		}
	}
	start := time.Now()
	out, err := makeVariant(data, info.Format, v, p.cfg.Quality)
	p.resizeDur.Add(int64(time.Since(start)))
	if err != nil {
		return nil, err
	}
	p.resized.Add(1)
	if v.Width == info.Width && v.Height == info.Height && len(out) > len(data) {
		// A copy at the original size that came out bigger (the source
		// was already well compressed): the original is the better copy.
		out = data
	}
	if p.cache != nil {
		// A cache that cannot be written costs time on the next build,
		// never correctness: the build goes on.
		_ = p.cache.put(key, info.Format, out)
	}
	return out, nil
}

// makeVariant decodes data, scales it to v and encodes it in format.
func makeVariant(data []byte, format Format, v Variant, quality int) ([]byte, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cannot decode the image: %v", err)
	}
	dst := scale(src, v)
	var buf bytes.Buffer
	switch format {
	case JPEG:
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: quality})
	default:
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		err = enc.Encode(&buf, dst)
	}
	if err != nil {
		return nil, fmt.Errorf("encode %s: %v", format, err)
	}
	return buf.Bytes(), nil
}

// scale resamples src to v's size with Catmull-Rom. x/image/draw widens a
// kernel's support by the scale factor when shrinking, so Catmull-Rom
// averages every source pixel under the target pixel (no aliasing, no
// moiré on fine lines), and its negative lobes keep edges crisp where
// bilinear softens them. ApproxBiLinear is several times faster but
// samples only the nearest 2x2 pixels, which aliases badly at the 2-3x
// reductions a 1600 px image gets for phones; with the cache, speed
// matters once per image, and quality on every page view.
//
// An image at its own size is only re-encoded. A paletted source (a flat
// illustration saved with at most 256 colours) is mapped back onto its
// palette, nearest colour, no dithering: the copy stays an 8-bit PNG,
// several times smaller than the 24-bit one resampling makes.
func scale(src image.Image, v Variant) image.Image {
	b := src.Bounds()
	if b.Dx() == v.Width && b.Dy() == v.Height {
		return src
	}
	rect := image.Rect(0, 0, v.Width, v.Height)
	// Premultiplied RGBA: the colour of transparent pixels does not bleed
	// into the edges; the PNG encoder writes it back unpremultiplied, and
	// as RGB when every pixel is opaque.
	dst := image.NewRGBA(rect)
	draw.CatmullRom.Scale(dst, rect, src, b, draw.Src, nil)
	if p, ok := src.(*image.Paletted); ok {
		out := image.NewPaletted(rect, p.Palette)
		draw.Draw(out, rect, dst, image.Point{}, draw.Src)
		return out
	}
	return dst
}
