package images

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"runtime"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/internal/diskcache"
)

// Config configures a Processor. The zero value publishes DefaultWidths at
// DefaultQuality within DefaultMemoryBudget and keeps no cache.
type Config struct {
	// Widths are the widths to publish images at; nil means DefaultWidths.
	Widths []int
	// Quality is the JPEG quality, 1 to 100; 0 means DefaultQuality.
	Quality int
	// CacheDir is the folder where resized images are kept between builds,
	// created when needed. It is safe to delete at any time. "" keeps no
	// cache: every build resizes again.
	CacheDir string
	// MemoryBudget bounds, in bytes, the memory that the images being
	// decoded and resized at one time may take together (see Info.Memory);
	// an image that needs more on its own is refused by Inspect. 0 means
	// DefaultMemoryBudget.
	MemoryBudget int64
}

// DefaultMemoryBudget is the memory images may take at once while they are
// decoded and resized: 1 GiB, a quarter of the smallest CI runner or
// laptop the e-zine is built on, whatever the number of cores. A
// 12-megapixel phone photo takes about 210 MB and a 48-megapixel one
// about 290 MB (its copies are made from a quarter-size image), so several
// are made at once; a 16-bit PNG of 49 megapixels takes about 475 MB.
const DefaultMemoryBudget = 1 << 30

// Processor makes the published files of images, through its cache. It is
// safe for concurrent use, also by several processes sharing one cache
// folder.
type Processor struct {
	cfg    Config
	cache  *diskcache.Cache // nil for none
	budget *semaphore.Weighted

	inUse     atomic.Int64 // memory (Info.Memory) of the images being made
	peakInUse atomic.Int64
	decoded   atomic.Int64
	resized   atomic.Int64
	hits      atomic.Int64
	resizeDur atomic.Int64 // nanoseconds spent decoding, resizing, encoding
}

// Stats counts what a Processor did.
type Stats struct {
	Decoded    int64         // images decoded (once per image, for all its copies)
	PeakMemory int64         // the most memory (by Info.Memory) images took at one time
	Resized    int64         // copies made (resized and encoded)
	CacheHits  int64         // copies taken from the cache
	ResizeTime time.Duration // time spent decoding and making copies, summed over goroutines
}

// New returns a Processor for cfg.
func New(cfg Config) *Processor {
	if cfg.Quality <= 0 || cfg.Quality > 100 {
		cfg.Quality = DefaultQuality
	}
	if cfg.MemoryBudget <= 0 {
		cfg.MemoryBudget = DefaultMemoryBudget
	}
	p := &Processor{cfg: cfg, budget: semaphore.NewWeighted(cfg.MemoryBudget)}
	if cfg.CacheDir != "" {
		p.cache = diskcache.New(cfg.CacheDir, cacheHeader)
	}
	return p
}

// Stats returns what the Processor did so far.
func (p *Processor) Stats() Stats {
	return Stats{Decoded: p.decoded.Load(), PeakMemory: p.peakInUse.Load(), Resized: p.resized.Load(), CacheHits: p.hits.Load(),
		ResizeTime: time.Duration(p.resizeDur.Load())}
}

// CacheDir returns the cache folder, or "" when there is none.
func (p *Processor) CacheDir() string { return p.cfg.CacheDir }

// MemoryBudget returns the memory budget in bytes.
func (p *Processor) MemoryBudget() int64 { return p.cfg.MemoryBudget }

// Inspect is the package's Inspect with the Processor's widths; it also
// refuses an image that needs more memory than the whole budget.
func (p *Processor) Inspect(name string, r io.Reader) (*Info, error) {
	info, err := Inspect(name, r, p.cfg.Widths)
	if err != nil {
		return nil, err
	}
	if info.Memory > p.cfg.MemoryBudget {
		return nil, overBudget(info, p.cfg.MemoryBudget)
	}
	return info, nil
}

// Published holds the files an image is published as.
type Published struct {
	// Original is the image without its metadata (see Strip); a PNG
	// with a non-1 orientation is re-encoded upright instead.
	Original []byte
	// Variants are the resized copies, in the order of Info.Variants.
	Variants [][]byte
}

// Publish returns the files image data (named name, described by info) is
// published as. The copies come from the cache when it holds them;
// otherwise the image is decoded once, within the memory budget (waiting
// for other images to finish when it is spent), and every missing copy is
// made from that one decoded image and stored. The bytes depend only on
// data, the widths, the quality and the package's code version.
func (p *Processor) Publish(ctx context.Context, name string, data []byte, info *Info) (*Published, error) {
	if info.Format != PNG && info.Format != JPEG {
		return nil, i18n.Errorf("%s images have no copies", info.Format)
	}
	upright := info.Format == PNG && info.Orientation != 1 // re-encoded upright
	o := info.Orientation
	if upright {
		o = 1
	}
	var clean []byte
	var addedEOI bool
	var err error
	if info.Format == JPEG {
		clean, addedEOI, err = stripJPEG(data, o)
	} else {
		clean, err = stripPNG(data, o)
	}
	if err != nil {
		return nil, damaged(err)
	}
	out := &Published{Original: clean, Variants: make([][]byte, len(info.Variants))}
	keys := make([]string, len(info.Variants))
	var missing []int
	for i, v := range info.Variants {
		keys[i] = cacheKey(data, info.Format, v, p.cfg.Quality)
		if b, ok := p.cached(keys[i]); ok {
			out.Variants[i] = b
		} else {
			missing = append(missing, i)
		}
	}
	origKey := cacheKey(data, info.Format, Variant{}, 0)
	if upright {
		if b, ok := p.cached(origKey); ok {
			out.Original, upright = b, false
		}
	}
	if len(missing) == 0 && !upright {
		return out, nil
	}
	release, err := p.acquire(ctx, info.Memory)
	if err != nil {
		return nil, err
	}
	defer release()
	start := time.Now()
	defer func() { p.resizeDur.Add(int64(time.Since(start))) }()
	err = p.make(out, clean, addedEOI, info, missing, upright)
	p.collect(info.Memory) // before the budget is given back
	if err != nil {
		return nil, err
	}
	for _, i := range missing {
		p.store(keys[i], out.Variants[i])
	}
	if upright {
		p.store(origKey, out.Original)
	}
	return out, nil
}

// acquire waits until n bytes of the budget are free and takes them.
func (p *Processor) acquire(ctx context.Context, n int64) (release func(), err error) {
	n = min(n, p.cfg.MemoryBudget)
	if err := p.budget.Acquire(ctx, n); err != nil {
		return nil, err
	}
	in := p.inUse.Add(n)
	for peak := p.peakInUse.Load(); in > peak && !p.peakInUse.CompareAndSwap(peak, in); peak = p.peakInUse.Load() {
	}
	return func() {
		p.inUse.Add(-n)
		p.budget.Release(n)
	}, nil
}

// cached returns an entry of the cache, if there is one.
func (p *Processor) cached(key string) ([]byte, bool) {
	b, ok := p.cache.Get(key)
	if ok {
		p.hits.Add(1)
	}
	return b, ok
}

// store puts an entry in the cache. A cache that cannot be written costs
// time on the next build, never correctness: the build goes on.
func (p *Processor) store(key string, b []byte) {
	_ = p.cache.Put(key, b)
}

// bigWork is the size of a decoded image or resampling buffer after which
// the garbage collector is asked to run when it is dropped: the collector
// otherwise lets the heap grow to twice what is live before it reclaims,
// so the next big buffer would be allocated beside the dead one, and the
// memory budget would bound only half of what the process takes. Smaller
// buffers are left to the collector's pace (a collection costs a few ms).
const bigWork = 128 << 20

// make decodes clean once and makes the copies listed in missing (and the
// upright original) from it: the original first, from the full image;
// then, for a source more than twice as large as its widest copy, a
// box-reduced working image (see reduction), and the full image is let
// go; then every copy, from the working image.
func (p *Processor) make(out *Published, clean []byte, addedEOI bool, info *Info, missing []int, upright bool) error {
	img, err := p.decode(clean, addedEOI, info)
	if err != nil {
		return err
	}
	colour := colourOf(info.Format, clean)
	if upright {
		b, err := encode(orient(img, info.Orientation), PNG, p.cfg.Quality, colour)
		if err != nil {
			return err
		}
		out.Original = b
		p.collect(info.Memory)
	}
	if len(missing) == 0 {
		return nil
	}
	pal := paletteOf(img)
	sw, sh := img.Bounds().Dx(), img.Bounds().Dy()
	w, h := storedSize(info.Variants[len(info.Variants)-1], info.Orientation)
	if k := reduction(sw, sh, w, h); k > 1 {
		img = boxReduce(img, k)
		p.collect(int64(sw) * int64(sh) * 4)
	}
	for _, i := range missing {
		v := info.Variants[i]
		w, h := storedSize(v, info.Orientation)
		b, err := encode(orient(scale(img, w, h, pal), info.Orientation), info.Format, p.cfg.Quality, colour)
		if err != nil {
			return err
		}
		if v.Width == info.Width && v.Height == info.Height && info.Orientation == 1 && len(b) > len(clean) {
			// A copy at the original size that came out bigger (the
			// source was already well compressed): the original is the
			// better copy, and holds no more than the copy.
			b = clean
		}
		out.Variants[i] = b
		p.resized.Add(1)
		p.collect(int64(w) * int64(img.Bounds().Dy()) * scaleBytesPerPixel)
	}
	return nil
}

// decode decodes clean. A JPEG whose EOI was added by stripJPEG is first
// decoded without it: image/jpeg then stops with io.ErrUnexpectedEOF
// where it looks for the marker after the last scan, which means only the
// EOI was missing (browsers show such a file whole), and it is decoded
// again with it. Any other error means the file ends inside a scan: with
// an EOI added, image/jpeg would fill the rest in grey, and so would a
// browser; the editor is told instead. Such files are decoded twice;
// every other file once.
func (p *Processor) decode(clean []byte, addedEOI bool, info *Info) (image.Image, error) {
	if addedEOI {
		p.decoded.Add(1)
		_, _, err := image.Decode(bytes.NewReader(clean[:len(clean)-2]))
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			if err == nil {
				err = i18n.Errorf("the image ends without an end marker")
			}
			return nil, damaged(i18n.Errorf("%w (%v)", errTruncated, err))
		}
		p.collect(info.Memory)
	}
	img, _, err := image.Decode(bytes.NewReader(clean))
	if err != nil {
		return nil, damaged(err)
	}
	p.decoded.Add(1)
	return img, nil
}

// collect runs the garbage collector when n bytes (just dropped) are
// worth it (see bigWork).
func (p *Processor) collect(n int64) {
	if n >= bigWork {
		runtime.GC()
	}
}

// storedSize is the size of variant v before it is turned by orientation
// o: what the stored pixels are resampled to.
func storedSize(v Variant, o int) (int, int) {
	if swapsAxes(o) {
		return v.Height, v.Width
	}
	return v.Width, v.Height
}

// colourInfo is what a copy carries over of its source's colour space.
type colourInfo struct {
	jpegICC []byte // the source's ICC profile, when it is not sRGB
	png     []byte // the source's PNG colour chunks, for colour and gray copies
	pngGray []byte
}

func colourOf(format Format, clean []byte) colourInfo {
	if format == JPEG {
		icc := jpegICC(clean)
		if iccIsSRGB(icc) {
			icc = nil
		}
		return colourInfo{jpegICC: icc}
	}
	return colourInfo{png: pngColourChunks(clean, false), pngGray: pngColourChunks(clean, true)}
}

// encode writes img in format with the colour information of its source.
func encode(img image.Image, format Format, quality int, c colourInfo) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	_, gray := img.(*image.Gray)
	switch format {
	case JPEG:
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality})
	default:
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		err = enc.Encode(&buf, img)
	}
	if err != nil {
		return nil, i18n.Errorf("encode %s: %v", format, err)
	}
	if format == JPEG {
		// image/jpeg writes one component for Gray, three for the rest.
		if len(c.jpegICC) > 0 && iccIsGray(c.jpegICC) == gray && iccColourSpace(c.jpegICC) != "CMYK" {
			return withJPEGProfile(buf.Bytes(), c.jpegICC), nil
		}
		return buf.Bytes(), nil
	}
	if _, g16 := img.(*image.Gray16); gray || g16 {
		return withPNGChunks(buf.Bytes(), c.pngGray), nil
	}
	return withPNGChunks(buf.Bytes(), c.png), nil
}
