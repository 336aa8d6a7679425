package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/internal/testphoto"
)

// TestPublishPhoto publishes phone photos (JPEG and PNG) in every
// orientation: the size, the widths and every copy are upright, and no
// published file carries the photo's metadata.
func TestPublishPhoto(t *testing.T) {
	const w, h = 60, 100 // as shown: portrait
	shown := testphoto.Quadrants(w, h)
	p := New(Config{Widths: []int{48, 80}})
	for _, format := range []Format{JPEG, PNG} {
		for o := 1; o <= 8; o++ {
			name := fmt.Sprintf("foto-%d.%s", o, format)
			var data []byte
			if format == JPEG {
				data = testphoto.JPEG(t, shown, o, nil)
			} else {
				data = testphoto.PNG(t, shown, o, nil)
			}
			info, err := p.Inspect(name, bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			// 80 is wider than the upright 60: copies at 48 and 60.
			want := []Variant{{48, 80}, {60, 100}}
			if info.Width != w || info.Height != h || info.Orientation != o || !reflect.DeepEqual(info.Variants, want) {
				t.Errorf("%s: %dx%d orientation %d, variants %v; want %dx%d, %v", name, info.Width, info.Height, info.Orientation, info.Variants, w, h, want)
				continue
			}
			out := publish(t, p, name, data, info)
			for i, b := range out.Variants {
				what := fmt.Sprintf("%s copy %d", name, want[i].Width)
				img, f, err := image.Decode(bytes.NewReader(b))
				if err != nil || Format(f) != format || img.Bounds().Dx() != want[i].Width || img.Bounds().Dy() != want[i].Height {
					t.Errorf("%s: %s %v (%v)", what, f, img.Bounds(), err)
					continue
				}
				checkQuadrants(t, what, img)
				if found := testphoto.PrivateIn(b); len(found) > 0 {
					t.Errorf("%s holds %q", what, found)
				}
				if bytes.Contains(b, []byte("Exif")) || bytes.Contains(b, []byte("eXIf")) {
					t.Errorf("%s has an orientation tag: it is upright already", what)
				}
			}
			if found := testphoto.PrivateIn(out.Original); len(found) > 0 {
				t.Errorf("%s original holds %q", name, found)
			}
			checkOriginal(t, name, format, o, out.Original)
		}
	}
}

// checkOriginal: a JPEG original keeps the orientation as its one tag; a
// PNG one is upright, without tag, pixel for pixel the picture.
func checkOriginal(t *testing.T, name string, format Format, o int, b []byte) {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Errorf("%s original: %v", name, err)
		return
	}
	if format == JPEG {
		if got := jpegOrientation(b); got != o {
			t.Errorf("%s original: orientation %d, want %d", name, got, o)
		}
		checkQuadrants(t, name+" original turned as tagged", orient(img, o))
		return
	}
	if pngOrientation(b) != 1 || bytes.Contains(b, []byte("eXIf")) {
		t.Errorf("%s original: still has an orientation", name)
	}
	if img.Bounds().Dx() != 60 || img.Bounds().Dy() != 100 {
		t.Errorf("%s original: %v, want upright 60x100", name, img.Bounds())
	}
	want := testphoto.Quadrants(60, 100)
	for y := range 100 {
		for x := range 60 {
			if !sameColour(img.At(x, y), want.At(x, y)) {
				t.Fatalf("%s original: pixel (%d,%d) is %v, want %v (a lossless turn)", name, x, y, img.At(x, y), want.At(x, y))
			}
		}
	}
}

// TestPublishColourProfile: copies carry the source's profile unless it
// is sRGB; a profile for the other kind of pixels (gray) is left out.
func TestPublishColourProfile(t *testing.T) {
	p3 := testphoto.Profile("RGB ", "Display P3")
	srgb := testphoto.Profile("RGB ", "sRGB IEC61966-2.1")
	gray := testphoto.Profile("GRAY", "Gray Gamma 2.2")
	p := New(Config{Widths: small})
	for _, tc := range []struct {
		format  Format
		profile []byte
		want    bool
	}{{JPEG, p3, true}, {JPEG, srgb, false}, {JPEG, gray, false}, {PNG, p3, true}, {PNG, srgb, false}, {PNG, gray, false}} {
		var data []byte
		if tc.format == JPEG {
			data = testphoto.JPEG(t, testphoto.Quadrants(130, 70), 1, tc.profile)
		} else {
			data = testphoto.PNG(t, testphoto.Quadrants(130, 70), 1, tc.profile)
		}
		name := "a." + string(tc.format)
		info, err := p.Inspect(name, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		out := publish(t, p, name, data, info)
		var got []byte
		if tc.format == JPEG {
			got = jpegICC(out.Variants[0])
		} else {
			_ = walkPNG(out.Variants[0], func(c pngChunk) {
				if c.typ == "iCCP" {
					got = inflateICCP(c.body)
				}
			})
		}
		if has := bytes.Equal(got, tc.profile); has != tc.want {
			t.Errorf("%s with %q: profile in the copy %v, want %v", tc.format, iccDescription(tc.profile), has, tc.want)
		}
		if icc := jpegICC(out.Original); tc.format == JPEG && !bytes.Equal(icc, tc.profile) {
			t.Errorf("%s original lost its profile", tc.format)
		}
	}
}

// TestPublishDecodesOnce: an image is decoded once for its original and
// all its copies, and not at all when the cache has them.
func TestPublishDecodesOnce(t *testing.T) {
	dir := t.TempDir()
	data := testJPEG(t, 170, 90)
	info, err := InspectBytes("a.jpg", data, small)
	if err != nil {
		t.Fatal(err)
	}
	p := New(Config{Widths: small, CacheDir: dir})
	publish(t, p, "a.jpg", data, info)
	if s := p.Stats(); s.Decoded != 1 || s.Resized != 4 {
		t.Errorf("cold: %+v, want 1 decode for 4 copies", s)
	}
	warm := New(Config{Widths: small, CacheDir: dir})
	publish(t, warm, "a.jpg", data, info)
	if s := warm.Stats(); s.Decoded != 0 || s.CacheHits != 4 {
		t.Errorf("warm: %+v, want no decode, 4 cache hits", s)
	}
}

// bombHeader is the header of a 7000 x 7000 16-bit RGBA PNG: 49
// megapixels, just under the cap, a few hundred KB on disk, 392 MB decoded.
func bombHeader(t testing.TB) []byte {
	b := pngHeader(t, 7000, 7000)
	b[24], b[25] = 16, 6 // bit depth 16, colour type RGBA
	copy(b[29:33], crcOf(b[12:29]))
	return b
}

func crcOf(b []byte) []byte { return binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b)) }

// TestMemoryOfBomb: the 16-bit PNG just under the pixel cap is known,
// from its header, to take about half a GB (392 MB decoded, 98 MB
// working image): made within the default budget, refused by a smaller
// one with the size that would fit.
func TestMemoryOfBomb(t *testing.T) {
	hdr := bombHeader(t)
	info, err := New(Config{}).Inspect("bom.png", bytes.NewReader(hdr))
	if err != nil {
		t.Fatalf("default budget: %v", err)
	}
	if info.Memory < 470<<20 || info.Memory > 480<<20 {
		t.Errorf("memory %d MiB, want about 475 (374 decoded + 93 working image + 8)", info.Memory>>20)
	}
	_, err = New(Config{MemoryBudget: 256 << 20}).Inspect("bom.png", bytes.NewReader(hdr))
	ie, ok := err.(*Error)
	if !ok || !strings.Contains(ie.Msg, "takes about 475 MB, more than the 256 MB") || !strings.Contains(ie.Hint, "8-bit PNG") || !strings.Contains(ie.Hint, "x 4") {
		t.Errorf("256 MB budget: %#v", err)
	}
	// 8-bit gray of the same size decodes to an eighth.
	gray := pngHeader(t, 7000, 7000)
	gray[24], gray[25] = 8, 0
	copy(gray[29:33], crcOf(gray[12:29]))
	h16, _ := readHeader(bytes.NewReader(hdr))
	h8, err := readHeader(bytes.NewReader(gray))
	if err != nil || h16.decodedBytes() != 392_000_000 || h8.decodedBytes() != 49_000_000 {
		t.Errorf("decoded bytes: 16-bit RGBA %d, 8-bit gray %d (%v)", h16.decodedBytes(), h8.decodedBytes(), err)
	}
}

// heapPeak samples the heap (runtime/metrics, no stop-the-world) every
// 200 µs while f runs and returns the highest value above the heap before
// f. The collector runs at GOGC=10 meanwhile, so the heap is close to what
// is live: Info.Memory bounds what is live (big buffers are collected as
// they are dropped, smaller ones at the collector's pace).
func heapPeak(f func()) int64 {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() int64 { metrics.Read(sample); return int64(sample[0].Value.Uint64()) }
	runtime.GC()
	base := read()
	var peak atomic.Int64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			if v := read() - base; v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak.Load()
}

// sixteenBit is a w x h 16-bit RGBA PNG with a pattern.
func sixteenBit(t testing.TB, w, h, seed int) []byte {
	img := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := img.PixOffset(x, y)
			v := uint16(x*97 + y*31 + seed*1000)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+4], img.Pix[i+6] = byte(v>>8), byte(v), byte(y), byte(x), 0xff
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPublishWithinMemory: what Publish holds at its peak stays below the
// memory Inspect worked out for a 16-bit PNG (which the budget relies
// on). A box-reduced image is made from it too (it is over twice the
// widest copy), so both paths are measured.
func TestPublishWithinMemory(t *testing.T) {
	data := sixteenBit(t, 700, 480, 1)
	for _, widths := range [][]int{{100, 160, 320}, {80, 150}} {
		info, err := InspectBytes("a.png", data, widths)
		if err != nil {
			t.Fatal(err)
		}
		p := New(Config{Widths: widths})
		var perr error
		peak := heapPeak(func() { _, perr = p.Publish(context.Background(), "a.png", data, info) })
		if perr != nil {
			t.Fatal(perr)
		}
		t.Logf("widths %v: heap peak %.1f MB, estimate %.1f MB", widths, float64(peak)/(1<<20), float64(info.Memory)/(1<<20))
		if peak > info.Memory {
			t.Errorf("widths %v: heap peak %d bytes, over the estimate of %d", widths, peak, info.Memory)
		}
	}
}

// TestBudgetBoundsConcurrentDecodes: eight goroutines (as on eight
// cores) publish eight images with a budget that fits one: never more than
// one is made at a time, and the heap stays within the budget.
func TestBudgetBoundsConcurrentDecodes(t *testing.T) {
	var datas [][]byte
	var infos []*Info
	for i := range 8 {
		d := sixteenBit(t, 200, 150, i)
		info, err := InspectBytes("a.png", d, small)
		if err != nil {
			t.Fatal(err)
		}
		datas, infos = append(datas, d), append(infos, info)
	}
	budget := infos[0].Memory * 3 / 2
	p := New(Config{Widths: small, MemoryBudget: budget})
	peak := heapPeak(func() {
		var wg sync.WaitGroup
		for i := range datas {
			wg.Go(func() {
				if _, err := p.Publish(context.Background(), "a.png", datas[i], infos[i]); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	})
	s := p.Stats()
	if s.Decoded != 8 || s.PeakMemory != infos[0].Memory {
		t.Errorf("%+v: want 8 decodes, one at a time (peak %d)", s, infos[0].Memory)
	}
	t.Logf("heap peak %.1f MB for a budget of %.1f MB", float64(peak)/(1<<20), float64(budget)/(1<<20))
	if peak > budget {
		t.Errorf("heap peak %d over the budget %d", peak, budget)
	}
}
