package images

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"reflect"
	"slices"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/internal/testphoto"
)

// jpegSegments lists the markers of a JPEG's segments, and the bytes of
// its scans (SOS to the next marker).
func jpegSegments(t *testing.T, data []byte) (markers []byte, scans []byte, eoi bool) {
	t.Helper()
	eoi, err := walkJPEG(data, func(seg jpegSegment) {
		markers = append(markers, seg.marker)
		if seg.marker == mSOS {
			scans = append(scans, data[seg.start:seg.end]...)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return markers, scans, eoi
}

// TestStripJPEG: the phone's metadata is gone, the picture's bytes (the
// tables, frame and every scan) are kept as they were, the ICC profile
// stays, and the orientation is the one Exif entry left.
func TestStripJPEG(t *testing.T) {
	profile := testphoto.Profile("RGB ", "Display P3")
	data := testphoto.JPEG(t, testphoto.Quadrants(64, 48), 6, profile)
	if found := testphoto.PrivateIn(data); len(found) < 8 {
		t.Fatalf("the test photo holds only %q", found)
	}
	out, err := Strip(JPEG, data, 6)
	if err != nil {
		t.Fatal(err)
	}
	if found := testphoto.PrivateIn(out); len(found) > 0 {
		t.Errorf("the stripped JPEG still holds %q", found)
	}
	_, scansIn, _ := jpegSegments(t, data)
	markers, scansOut, eoi := jpegSegments(t, out)
	if !bytes.Equal(scansIn, scansOut) || len(scansOut) == 0 {
		t.Error("the scans (the compressed pixels) changed")
	}
	if !eoi {
		t.Error("no EOI")
	}
	var apps []byte
	for _, m := range markers {
		if m >= 0xe0 && m <= 0xef || m == 0xfe {
			apps = append(apps, m)
		}
	}
	if want := []byte{mAPP0, mAPP1, mAPP2}; !bytes.Equal(apps, want) {
		t.Errorf("application segments %x, want JFIF, Exif, ICC (%x)", apps, want)
	}
	if got := jpegICC(out); !bytes.Equal(got, profile) {
		t.Error("the ICC profile was not kept")
	}
	if o := jpegOrientation(out); o != 6 {
		t.Errorf("orientation %d, want 6", o)
	}
	if !bytes.Contains(out, append([]byte("Exif\x00\x00"), tiffOrientation(6)...)) {
		t.Error("the Exif segment holds more than the orientation")
	}
	a, err1 := jpeg.Decode(bytes.NewReader(data))
	b, err2 := jpeg.Decode(bytes.NewReader(out))
	if err1 != nil || err2 != nil || !bytes.Equal(a.(*image.YCbCr).Y, b.(*image.YCbCr).Y) {
		t.Errorf("decoded pixels differ (%v, %v)", err1, err2)
	}

	// Orientation 1: no Exif at all.
	out1, _ := Strip(JPEG, data, 1)
	if bytes.Contains(out1, []byte("Exif")) {
		t.Error("orientation 1 kept an Exif segment")
	}
}

// TestStripJPEGWithoutEOI: a JPEG that ends after its last scan, as some
// cameras and cut-short copies do, gets its EOI and decodes.
func TestStripJPEGWithoutEOI(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testphoto.Quadrants(40, 30), nil); err != nil {
		t.Fatal(err)
	}
	cut := buf.Bytes()[:buf.Len()-2]
	if _, err := jpeg.Decode(bytes.NewReader(cut)); err == nil {
		t.Fatal("image/jpeg decodes a JPEG without EOI now; the repair is no longer needed")
	}
	out, err := Strip(JPEG, cut, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(out, []byte{0xff, mEOI}) {
		t.Error("no EOI added")
	}
	if _, err := jpeg.Decode(bytes.NewReader(out)); err != nil {
		t.Errorf("repaired JPEG: %v", err)
	}
	info, err := InspectBytes("a.jpg", cut, small)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{Widths: small}).Publish(context.Background(), "a.jpg", cut, info); err != nil {
		t.Errorf("publish a JPEG without EOI: %v", err)
	}
}

// TestPublishDamaged: a JPEG cut in half is one error that says so, with
// a hint.
func TestPublishDamaged(t *testing.T) {
	data := testJPEG(t, 130, 70)
	half := data[:len(data)/2]
	info, err := InspectBytes("a.jpg", half, small)
	if err != nil {
		t.Fatal(err) // the header is whole
	}
	_, err = New(Config{Widths: small}).Publish(context.Background(), "a.jpg", half, info)
	ie, ok := err.(*Error)
	if !ok || ie.Hint == "" || !bytes.Contains([]byte(ie.Msg), []byte("cannot decode the image")) {
		t.Errorf("error %#v, want an *Error with a hint", err)
	}
}

// pngChunks lists the chunk types of a PNG, and the bytes of its IDATs.
func pngChunks(t *testing.T, data []byte) (types []string, idat []byte) {
	t.Helper()
	if err := walkPNG(data, func(c pngChunk) {
		types = append(types, c.typ)
		if c.typ == "IDAT" {
			idat = append(idat, data[c.start:c.end]...)
		}
	}); err != nil {
		t.Fatal(err)
	}
	return types, idat
}

// TestStripPNG: text, Exif, time and private chunks go; the picture's
// chunks and the ICC profile stay, byte for byte.
func TestStripPNG(t *testing.T) {
	profile := testphoto.Profile("RGB ", "Adobe RGB (1998)")
	data := testphoto.PNG(t, testphoto.Quadrants(40, 30), 1, profile)
	out, err := Strip(PNG, data, 1)
	if err != nil {
		t.Fatal(err)
	}
	if found := testphoto.PrivateIn(out); len(found) > 0 {
		t.Errorf("the stripped PNG still holds %q", found)
	}
	types, idat := pngChunks(t, out)
	if want := []string{"IHDR", "iCCP", "IDAT", "IEND"}; !slices.Equal(types, want) {
		t.Errorf("chunks %v, want %v", types, want)
	}
	if _, idatIn := pngChunks(t, data); !bytes.Equal(idat, idatIn) {
		t.Error("the pixel data changed")
	}
	if _, err := png.Decode(bytes.NewReader(out)); err != nil {
		t.Errorf("stripped PNG: %v", err)
	}
	// Orientation kept as the only entry of a new eXIf, for files that are
	// only copied.
	out6, _ := Strip(PNG, testphoto.PNG(t, testphoto.Quadrants(40, 30), 6, nil), 6)
	if types, _ := pngChunks(t, out6); !slices.Equal(types, []string{"IHDR", "eXIf", "IDAT", "IEND"}) || pngOrientation(out6) != 6 {
		t.Errorf("orientation 6: chunks %v, orientation %d", types, pngOrientation(out6))
	}
	if found := testphoto.PrivateIn(out6); len(found) > 0 {
		t.Errorf("the stripped PNG still holds %q", found)
	}
}

// TestOrientPoint checks orientPoint against the Exif definition of each
// orientation: where the stored first row and first column are shown.
func TestOrientPoint(t *testing.T) {
	const sw, sh = 5, 3
	// The two sides fix the transform: each of the 8 pairs is one.
	tests := []struct {
		o          int
		row0, col0 string // where stored row 0 and column 0 are shown
	}{
		{1, "top", "left"},
		{2, "top", "right"},
		{3, "bottom", "right"},
		{4, "bottom", "left"},
		{5, "left", "top"},
		{6, "right", "top"},
		{7, "right", "bottom"},
		{8, "left", "bottom"},
	}
	for _, tt := range tests {
		w, h := sw, sh
		if swapsAxes(tt.o) {
			w, h = sh, sw
		}
		side := func(pts [][2]int) string {
			all := func(f func(p [2]int) bool) bool {
				for _, p := range pts {
					if !f(p) {
						return false
					}
				}
				return true
			}
			switch {
			case all(func(p [2]int) bool { return p[1] == 0 }):
				return "top"
			case all(func(p [2]int) bool { return p[1] == h-1 }):
				return "bottom"
			case all(func(p [2]int) bool { return p[0] == 0 }):
				return "left"
			case all(func(p [2]int) bool { return p[0] == w-1 }):
				return "right"
			}
			return "?"
		}
		var row, col [][2]int
		for x := range sw {
			dx, dy := orientPoint(tt.o, x, 0, sw, sh)
			row = append(row, [2]int{dx, dy})
		}
		for y := range sh {
			dx, dy := orientPoint(tt.o, 0, y, sw, sh)
			col = append(col, [2]int{dx, dy})
		}
		if got := side(row); got != tt.row0 {
			t.Errorf("orientation %d: row 0 shown at the %s, want %s", tt.o, got, tt.row0)
		}
		if got := side(col); got != tt.col0 {
			t.Errorf("orientation %d: column 0 shown at the %s, want %s", tt.o, got, tt.col0)
		}
	}
}

// TestOrient turns each pixel type the decoders make, for every
// orientation, and compares with the picture as shown.
func TestOrient(t *testing.T) {
	shown := testphoto.Quadrants(6, 4)
	for o := 1; o <= 8; o++ {
		st := testphoto.Stored(shown, o).(*image.RGBA)
		for _, src := range []image.Image{st, toNRGBA64(st), toGray(st), toYCbCr(t, st)} {
			got := orient(src, o)
			if got.Bounds().Dx() != 6 || got.Bounds().Dy() != 4 {
				t.Errorf("orientation %d, %T: size %v", o, src, got.Bounds())
				continue
			}
			if _, isY := src.(*image.YCbCr); !isY && reflect.TypeOf(src) != reflect.TypeOf(got) {
				t.Errorf("orientation %d: %T became %T", o, src, got)
			}
			for y := range 4 {
				for x := range 6 {
					want := src.ColorModel().Convert(shown.At(x, y))
					if _, isY := src.(*image.YCbCr); isY {
						continue // checked by colour below
					}
					if g := got.At(x, y); !sameColour(g, want) {
						t.Fatalf("orientation %d, %T: (%d,%d) is %v, want %v", o, src, x, y, g, want)
					}
				}
			}
			if _, isY := src.(*image.YCbCr); isY {
				checkQuadrants(t, "YCbCr", got)
			}
		}
	}
}

// checkQuadrants fails the test when img is not testphoto.Quadrants
// upright.
func checkQuadrants(t *testing.T, what string, img image.Image) {
	t.Helper()
	if err := testphoto.Upright(img); err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

func sameColour(a, b interface{ RGBA() (r, g, b, a uint32) }) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

func toNRGBA64(src image.Image) *image.NRGBA64 {
	m := image.NewNRGBA64(src.Bounds())
	for y := src.Bounds().Min.Y; y < src.Bounds().Max.Y; y++ {
		for x := src.Bounds().Min.X; x < src.Bounds().Max.X; x++ {
			m.Set(x, y, src.At(x, y))
		}
	}
	return m
}

func toGray(src image.Image) *image.Gray {
	m := image.NewGray(src.Bounds())
	for y := src.Bounds().Min.Y; y < src.Bounds().Max.Y; y++ {
		for x := src.Bounds().Min.X; x < src.Bounds().Max.X; x++ {
			m.Set(x, y, src.At(x, y))
		}
	}
	return m
}

func toYCbCr(t *testing.T, src image.Image) image.Image {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	m, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// FuzzStrip: on any bytes, reading the header and stripping never panic,
// and what Strip returns holds no metadata segment or chunk.
func FuzzStrip(f *testing.F) {
	f.Add(testphoto.JPEG(f, testphoto.Quadrants(16, 8), 6, testphoto.Profile("RGB ", "Display P3")))
	f.Add(testphoto.PNG(f, testphoto.Quadrants(16, 8), 6, nil))
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*\x00\x00\x00\x08"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Inspect("a.jpg", bytes.NewReader(data), small)
		_, _ = Inspect("a.png", bytes.NewReader(data), small)
		_ = jpegICC(data)
		_ = iccDescription(data)
		if out, err := Strip(JPEG, data, 6); err == nil {
			_, _ = walkJPEG(out, func(seg jpegSegment) {
				if !keepJPEG(seg) && !(seg.marker == mAPP1 && bytes.Equal(seg.payload[6:], tiffOrientation(6))) {
					t.Errorf("segment %x kept", seg.marker)
				}
			})
		}
		if out, err := Strip(PNG, data, 1); err == nil {
			_ = walkPNG(out, func(c pngChunk) {
				if !pngKeep[c.typ] {
					t.Errorf("chunk %q kept", c.typ)
				}
			})
		}
	})
}
