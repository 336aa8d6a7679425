package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// testPNG makes a w x h PNG with a gradient and a diagonal line, so that
// resampling has something to do.
func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 90, 255})
		}
	}
	for i := range min(w, h) {
		img.Set(i, i, color.White)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngHeader returns the start of a PNG of w x h pixels: enough for
// Inspect, which reads only the header.
func pngHeader(t testing.TB, w, h int) []byte {
	t.Helper()
	b := testPNG(t, 1, 1)
	binary.BigEndian.PutUint32(b[16:], uint32(w))
	binary.BigEndian.PutUint32(b[20:], uint32(h))
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b[:33]
}

// publish runs Publish and fails the test on an error.
func publish(t testing.TB, p *Processor, name string, data []byte, info *Info) *Published {
	t.Helper()
	out, err := p.Publish(context.Background(), name, data, info)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// small are the widths the tests resize to: the code paths of the real
// widths at a fraction of the work (the race detector slows pixel loops).
var small = []int{48, 80, 120, 160}

func testJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	src, err := png.Decode(bytes.NewReader(testPNG(t, w, h)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestInspectWidths(t *testing.T) {
	tests := []struct {
		w, h int
		want []Variant
	}{
		// Wider than the widest width: the four widths, heights to scale.
		{3200, 1800, []Variant{{480, 270}, {800, 450}, {1200, 675}, {1600, 900}}},
		{1600, 900, []Variant{{480, 270}, {800, 450}, {1200, 675}, {1600, 900}}},
		// Between widths: the smaller widths, then its own width (never
		// upscaled to 1200).
		{1000, 500, []Variant{{480, 240}, {800, 400}, {1000, 500}}},
		// Narrower than every width: only its own size.
		{300, 200, []Variant{{300, 200}}},
		{480, 100, []Variant{{480, 100}}},
		// Rounding: 333 * 480 / 1000 = 159.84.
		{1000, 333, []Variant{{480, 160}, {800, 266}, {1000, 333}}},
	}
	for _, tt := range tests {
		info, err := InspectBytes("a.png", pngHeader(t, tt.w, tt.h), nil)
		if err != nil {
			t.Fatal(err)
		}
		if info.Format != PNG || info.Width != tt.w || info.Height != tt.h {
			t.Errorf("%dx%d: info %+v", tt.w, tt.h, info)
		}
		if !reflect.DeepEqual(info.Variants, tt.want) {
			t.Errorf("%dx%d: variants %v, want %v", tt.w, tt.h, info.Variants, tt.want)
		}
	}
	info, err := InspectBytes("b.jpg", testJPEG(t, 90, 60), []int{80, 30, 30})
	if err != nil {
		t.Fatal(err)
	}
	if want := []Variant{{30, 20}, {80, 53}}; info.Format != JPEG || !reflect.DeepEqual(info.Variants, want) {
		t.Errorf("jpeg with widths 800, 300: %+v, want %v", info, want)
	}
}

func TestInspectErrors(t *testing.T) {
	huge := pngHeader(t, 10000, 10000)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"a.png", testJPEG(t, 10, 10), "is a JPEG image but its name ends in .png"},
		{"a.jpg", []byte("not an image"), "cannot read the image"},
		{"a.png", huge, "10000 x 10000 pixels"},
		{"a.gif", []byte("GIF89a"), "not an image this generator resizes"},
		{"a.svg", []byte("<html></html>"), "root element is <html>"},
		{"a.svg", []byte("nothing"), "no <svg> element"},
	}
	for _, tt := range tests {
		_, err := InspectBytes(tt.name, tt.data, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestSVGSize(t *testing.T) {
	tests := []struct {
		svg  string
		w, h int
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200"></svg>`, 400, 200},
		{`<?xml version="1.0"?><!-- x --><svg viewBox="0,0,40.4,20.6"/>`, 40, 21},
		{`<svg width="120" height="60px" viewBox="0 0 400 200"/>`, 120, 60},
		{`<svg width="100%" viewBox="0 0 400 200"/>`, 400, 200},
		{`<svg width="200" viewBox="0 0 400 100"/>`, 200, 50},
		{`<svg/>`, 0, 0},
		{`<svg viewBox="0 0 0 10"/>`, 0, 0},
	}
	for _, tt := range tests {
		info, err := InspectBytes("x.svg", []byte(tt.svg), nil)
		if err != nil {
			t.Errorf("%s: %v", tt.svg, err)
			continue
		}
		if info.Format != SVG || info.Width != tt.w || info.Height != tt.h || info.Variants != nil {
			t.Errorf("%s: %+v, want %dx%d and no variants", tt.svg, info, tt.w, tt.h)
		}
	}
}

func TestVariantName(t *testing.T) {
	if got := VariantName("a.b/kranen.PNG", Variant{800, 450}); got != "a.b/kranen-800w.PNG" {
		t.Errorf("got %q", got)
	}
}

// TestVariantBytes checks that every variant decodes to its size, keeps
// its format, is deterministic, and that a paletted PNG stays paletted.
func TestVariantBytes(t *testing.T) {
	p := New(Config{Widths: small})
	for _, tc := range []struct {
		name string
		data []byte
	}{{"a.png", testPNG(t, 130, 70)}, {"a.jpeg", testJPEG(t, 130, 70)}} {
		info, err := p.Inspect(tc.name, bytes.NewReader(tc.data))
		if err != nil {
			t.Fatal(err)
		}
		out := publish(t, p, tc.name, tc.data, info)
		again := publish(t, p, tc.name, tc.data, info)
		for i, v := range info.Variants {
			cfg, format, err := image.DecodeConfig(bytes.NewReader(out.Variants[i]))
			if err != nil || Format(format) != info.Format || cfg.Width != v.Width || cfg.Height != v.Height {
				t.Errorf("%s %v: decoded %s %dx%d (%v)", tc.name, v, format, cfg.Width, cfg.Height, err)
			}
			if !bytes.Equal(out.Variants[i], again.Variants[i]) {
				t.Errorf("%s %v: two runs gave different bytes", tc.name, v)
			}
		}
	}
	if s := p.Stats(); s.Resized != 16 || s.CacheHits != 0 || s.Decoded != 4 {
		t.Errorf("without a cache: %+v, want 16 copies (4 variants x 2 images x 2 runs) from 4 decodes, no cache", s)
	}

	// A paletted illustration.
	pal := image.NewPaletted(image.Rect(0, 0, 200, 120), palette.Plan9[:64])
	for y := range 120 {
		for x := range 200 {
			pal.SetColorIndex(x, y, uint8((x/10+y/10)%64))
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, pal); err != nil {
		t.Fatal(err)
	}
	info, err := p.Inspect("p.png", bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	out := publish(t, p, "p.png", buf.Bytes(), info)
	img, err := png.Decode(bytes.NewReader(out.Variants[0]))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := img.(*image.Paletted); !ok {
		t.Errorf("a paletted PNG became %T", img)
	}
}

// TestCache: a second Processor over the same folder makes nothing again;
// a corrupt or truncated entry is made again; the bytes are the same
// with and without the cache.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	data := testPNG(t, 170, 40)
	info, err := InspectBytes("a.png", data, small)
	if err != nil {
		t.Fatal(err)
	}
	all := func(p *Processor) [][]byte {
		return publish(t, p, "a.png", data, info).Variants
	}
	cold := New(Config{CacheDir: dir, Widths: small})
	first := all(cold)
	if s := cold.Stats(); s.Resized != 4 || s.CacheHits != 0 {
		t.Fatalf("cold: %+v", s)
	}
	warm := New(Config{CacheDir: dir, Widths: small})
	if second := all(warm); !reflect.DeepEqual(first, second) {
		t.Error("the cache returned other bytes")
	}
	if s := warm.Stats(); s.Resized != 0 || s.CacheHits != 4 {
		t.Errorf("warm: %+v, want 4 hits and nothing resized", s)
	}
	if nocache := all(New(Config{Widths: small})); !reflect.DeepEqual(first, nocache) {
		t.Error("with and without a cache the bytes differ")
	}

	// Damage two entries: garbage in one, the other cut short.
	var entries []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries = append(entries, p)
		}
		return err
	})
	if len(entries) != 4 {
		t.Fatalf("%d cache entries, want 4: %v", len(entries), entries)
	}
	if err := os.WriteFile(entries[0], []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(entries[1])
	if err := os.WriteFile(entries[1], b[:len(b)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	repaired := New(Config{CacheDir: dir, Widths: small})
	if got := all(repaired); !reflect.DeepEqual(first, got) {
		t.Error("after damage, other bytes")
	}
	if s := repaired.Stats(); s.Resized != 2 || s.CacheHits != 2 {
		t.Errorf("after damaging 2 entries: %+v, want 2 made again and 2 hits", s)
	}
	if again := New(Config{CacheDir: dir, Widths: small}); len(all(again)) != 4 || again.Stats().CacheHits != 4 {
		t.Errorf("the damaged entries were not replaced: %+v", again.Stats())
	}

	// Another quality is another key.
	q := New(Config{CacheDir: dir, Widths: small, Quality: 50})
	all(q)
	if s := q.Stats(); s.CacheHits != 0 {
		// PNG ignores quality, but the key includes it so that one cache
		// can serve builds with different settings.
		t.Errorf("quality 50 used entries of quality 80: %+v", s)
	}
}

// TestCacheConcurrent runs several processors (as separate builds would)
// on one cache folder at once: every result is whole, and no temporary
// file is left behind.
func TestCacheConcurrent(t *testing.T) {
	dir := t.TempDir()
	data := testJPEG(t, 125, 60)
	info, err := InspectBytes("a.jpg", data, small)
	if err != nil {
		t.Fatal(err)
	}
	want := publish(t, New(Config{Widths: small}), "a.jpg", data, info).Variants[1]
	var wg sync.WaitGroup
	errs := make(chan string, 32)
	for range 8 {
		wg.Go(func() {
			p := New(Config{CacheDir: dir, Widths: small})
			for range 3 {
				out, err := p.Publish(context.Background(), "a.jpg", data, info)
				if err != nil {
					errs <- err.Error()
					return
				}
				if !bytes.Equal(out.Variants[1], want) {
					errs <- "wrong bytes"
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return err
	})
}

// TestVariantNeverBiggerAtOwnSize: the copy at the original's size is
// the original itself when re-encoding would make it bigger.
func TestVariantNeverBiggerAtOwnSize(t *testing.T) {
	data := testPNG(t, 60, 20)
	var small bytes.Buffer
	img, _ := png.Decode(bytes.NewReader(data))
	if err := (&png.Encoder{CompressionLevel: png.NoCompression}).Encode(&small, img); err != nil {
		t.Fatal(err)
	}
	big := small.Bytes() // uncompressed: re-encoding makes it smaller
	for _, src := range [][]byte{data, big} {
		info, err := InspectBytes("a.png", src, nil)
		if err != nil {
			t.Fatal(err)
		}
		out := publish(t, New(Config{}), "a.png", src, info).Variants[0]
		if len(out) > len(src) {
			t.Errorf("copy of %d bytes from an original of %d", len(out), len(src))
		}
	}
}

// BenchmarkPublish makes the four copies of a 1600 x 900 PNG from one
// decode, without a cache.
func BenchmarkPublish(b *testing.B) {
	data := testPNG(b, 1600, 900)
	info, err := InspectBytes("a.png", data, nil)
	if err != nil {
		b.Fatal(err)
	}
	p := New(Config{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Publish(context.Background(), "a.png", data, info); err != nil {
			b.Fatal(err)
		}
	}
}
