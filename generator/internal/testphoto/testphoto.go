// Package testphoto makes the kind of image files a phone or a photo
// editor writes, for tests: Exif with an orientation, GPS, a serial number
// and an artist, XMP with GPS, IPTC, a comment, an ICC profile, PNG text
// chunks, and data after the end of the image; and checks whether a
// picture is shown upright. Its orientation mapping is written from the
// Exif definitions, apart from the generator's, so that each checks the
// other.
package testphoto

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// PrivateMarkers are strings the test photos carry in their metadata; no
// published file may contain any of them.
var PrivateMarkers = []string{
	"SN-123456",            // Exif BodySerialNumber
	"Jan Geheim",           // Exif Artist, XMP creator
	"WGS-84-GPSMARK",       // Exif GPSMapDatum
	"51,55.35N",            // XMP exif:GPSLatitude
	"IPTC-CITY-Rotterdam",  // IPTC city (APP13)
	"PRIVATE-COMMENT",      // JPEG COM, PNG tEXt
	"TRAILER-MOTION-PHOTO", // data after EOI / IEND
	"PNG-PRIVATE-ITXT",     // PNG iTXt
	"Straat 1",             // the comment's address
	"\x00\x00\x00\x33\x00\x00\x00\x01\x00\x00\x00\x37", // GPSLatitude 51/1, 55/1 as rationals
}

// PrivateIn returns the markers found in b.
func PrivateIn(b []byte) []string {
	var found []string
	for _, m := range PrivateMarkers {
		if bytes.Contains(b, []byte(m)) {
			found = append(found, m)
		}
	}
	return found
}

// ifdEntry is one TIFF entry: tag, type and the value's bytes (big endian).
type ifdEntry struct {
	tag, typ uint16
	count    uint32
	value    []byte
}

// ExifTIFF builds a big-endian TIFF with IFD0 (orientation, artist, and
// pointers to an Exif IFD with a serial number and a GPS IFD with a
// position and a datum).
func ExifTIFF(orientation int) []byte {
	ascii := func(s string) ([]byte, uint32) { return append([]byte(s), 0), uint32(len(s) + 1) }
	rationals := func(v ...uint32) []byte {
		var b []byte
		for _, x := range v {
			b = binary.BigEndian.AppendUint32(b, x)
		}
		return b
	}
	artist, na := ascii("Jan Geheim")
	serial, ns := ascii("SN-123456")
	datum, nd := ascii("WGS-84-GPSMARK")
	exifIFD := []ifdEntry{{0xa431, 2, ns, serial}}
	gpsIFD := []ifdEntry{
		{0x0001, 2, 2, []byte("N\x00")},
		{0x0002, 5, 3, rationals(51, 1, 55, 1, 2100, 100)},
		{0x0003, 2, 2, []byte("E\x00")},
		{0x0004, 5, 3, rationals(4, 1, 28, 1, 4501, 100)},
		{0x0012, 2, nd, datum},
	}
	// Layout: header, IFD0, Exif IFD, GPS IFD, then the values that do not
	// fit in 4 bytes.
	size := func(n int) int { return 2 + 12*n + 4 }
	ifd0Len := size(4)
	exifAt := 8 + ifd0Len
	gpsAt := exifAt + size(len(exifIFD))
	dataAt := gpsAt + size(len(gpsIFD))
	var extra []byte
	put := func(b []byte, entries []ifdEntry) []byte {
		b = binary.BigEndian.AppendUint16(b, uint16(len(entries)))
		for _, e := range entries {
			b = binary.BigEndian.AppendUint16(b, e.tag)
			b = binary.BigEndian.AppendUint16(b, e.typ)
			b = binary.BigEndian.AppendUint32(b, e.count)
			if len(e.value) <= 4 {
				v := make([]byte, 4)
				copy(v, e.value)
				b = append(b, v...)
			} else {
				b = binary.BigEndian.AppendUint32(b, uint32(dataAt+len(extra)))
				extra = append(extra, e.value...)
			}
		}
		return binary.BigEndian.AppendUint32(b, 0)
	}
	ifd0 := []ifdEntry{
		{0x0112, 3, 1, []byte{0, byte(orientation)}},
		{0x013b, 2, na, artist},
		{0x8769, 4, 1, binary.BigEndian.AppendUint32(nil, uint32(exifAt))},
		{0x8825, 4, 1, binary.BigEndian.AppendUint32(nil, uint32(gpsAt))},
	}
	t := []byte{'M', 'M', 0, 42, 0, 0, 0, 8}
	t = put(t, ifd0)
	t = put(t, exifIFD)
	t = put(t, gpsIFD)
	return append(t, extra...)
}

// XMP is XMP as cameras and editors write it, with GPS and a name.
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
	`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
	`exif:GPSLatitude="51,55.35N" exif:GPSLongitude="4,28.75E"><dc:creator>Jan Geheim</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`

// Profile is a small ICC profile of colour space cs ("RGB " or
// "GRAY") whose description is desc.
func Profile(cs, desc string) []byte {
	p := make([]byte, 128)
	copy(p[12:], "mntr")
	copy(p[16:], cs)
	copy(p[36:], "acsp")
	p = binary.BigEndian.AppendUint32(p, 1) // one tag
	tag := []byte("desc")
	tag = append(tag, 0, 0, 0, 0)
	tag = binary.BigEndian.AppendUint32(tag, uint32(len(desc)+1))
	tag = append(append(tag, desc...), 0)
	p = append(p, "desc"...)
	p = binary.BigEndian.AppendUint32(p, uint32(128+4+12))
	p = binary.BigEndian.AppendUint32(p, uint32(len(tag)))
	p = append(p, tag...)
	binary.BigEndian.PutUint32(p, uint32(len(p)))
	return p
}

// segment encodes a JPEG marker segment.
func segment(marker byte, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	s := []byte{0xff, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(body)+2))
	return append(s, body...)
}

// JPEG encodes shown as a JPEG with the metadata a phone writes, stored
// as orientation says (img is what is shown), with an ICC profile.
func JPEG(t testing.TB, shown image.Image, orientation int, profile []byte) []byte {
	t.Helper()
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, Stored(shown, orientation), &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	body := enc.Bytes()[2:] // after SOI
	var b []byte
	b = append(b, 0xff, 0xd8)
	b = append(b, segment(0xe0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))...)
	b = append(b, segment(0xe1, []byte("Exif\x00\x00"), ExifTIFF(orientation))...)
	b = append(b, segment(0xe1, []byte("http://ns.adobe.com/xap/1.0/\x00"), []byte(XMP))...)
	if profile != nil {
		b = append(b, segment(0xe2, []byte("ICC_PROFILE\x00"), []byte{1, 1}, profile)...)
	}
	b = append(b, segment(0xed, []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x17\x1c\x02\x5a\x00\x13IPTC-CITY-Rotterdam"))...)
	b = append(b, segment(0xfe, []byte("PRIVATE-COMMENT home address Straat 1"))...)
	b = append(b, body...)
	return append(b, "TRAILER-MOTION-PHOTO"...)
}

// PNG encodes shown as a PNG stored as orientation says, with an
// eXIf chunk (orientation, GPS, serial), text chunks and a trailer.
func PNG(t testing.TB, shown image.Image, orientation int, profile []byte) []byte {
	t.Helper()
	var enc bytes.Buffer
	if err := png.Encode(&enc, Stored(shown, orientation)); err != nil {
		t.Fatal(err)
	}
	e := enc.Bytes()
	ihdrEnd := 8 + 25
	var b []byte
	b = append(b, e[:ihdrEnd]...)
	b = append(b, chunk("eXIf", ExifTIFF(orientation))...)
	if profile != nil {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		_, _ = zw.Write(profile)
		_ = zw.Close()
		b = append(b, chunk("iCCP", append([]byte("test\x00\x00"), z.Bytes()...))...)
	}
	b = append(b, chunk("tEXt", []byte("Comment\x00PRIVATE-COMMENT home address Straat 1"))...)
	b = append(b, chunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"+XMP+" PNG-PRIVATE-ITXT"))...)
	b = append(b, chunk("zTXt", []byte("Author\x00\x00x\x9c\x03\x00\x00\x00\x00\x01"))...)
	b = append(b, chunk("tIME", []byte{0x07, 0xe8, 1, 2, 3, 4, 5})...)
	b = append(b, chunk("prVt", []byte("SN-123456"))...)
	b = append(b, e[ihdrEnd:]...)
	return append(b, "TRAILER-MOTION-PHOTO"...)
}

// QuadrantColours are the colours of Quadrants' quarters: top left,
// top right, bottom left, bottom right.
var QuadrantColours = [4]color.RGBA{
	{220, 20, 20, 255},  // top left: red
	{20, 200, 20, 255},  // top right: green
	{20, 20, 220, 255},  // bottom left: blue
	{230, 230, 30, 255}, // bottom right: yellow
}

// Quadrants is a w x h picture of four solid quarters, so that where each
// corner went survives JPEG and resampling.
func Quadrants(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			q := 0
			if x >= w/2 {
				q++
			}
			if y >= h/2 {
				q += 2
			}
			img.SetRGBA(x, y, QuadrantColours[q])
		}
	}
	return img
}

// Upright returns nil when img shows Quadrants upright (the pixel at the
// middle of each quarter within 40 of its colour), else what is wrong.
func Upright(img image.Image) error {
	b := img.Bounds()
	for q, want := range QuadrantColours {
		x := b.Min.X + b.Dx()/4 + (q%2)*b.Dx()/2
		y := b.Min.Y + b.Dy()/4 + (q/2)*b.Dy()/2
		r, g, bl, _ := img.At(x, y).RGBA()
		got := [3]int{int(r >> 8), int(g >> 8), int(bl >> 8)}
		for i, w := range [3]int{int(want.R), int(want.G), int(want.B)} {
			if d := got[i] - w; d > 40 || d < -40 {
				return fmt.Errorf("quarter %d at (%d,%d) is %v, want %v: not upright", q, x, y, got, want)
			}
		}
	}
	return nil
}

// Stored returns the pixels a camera stores for a picture shown as shown
// under Exif orientation o. Written from the definitions (where the stored
// first row and first column are shown): a shown pixel (x, y) of a w x h
// picture is stored at the position returned.
func Stored(shown image.Image, o int) image.Image {
	b := shown.Bounds()
	w, h := b.Dx(), b.Dy()
	sw, sh := w, h
	if o >= 5 {
		sw, sh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := range h {
		for x := range w {
			var sx, sy int
			switch o {
			case 2: // row 0 at the top, column 0 at the right
				sx, sy = w-1-x, y
			case 3: // row 0 at the bottom, column 0 at the right
				sx, sy = w-1-x, h-1-y
			case 4: // row 0 at the bottom, column 0 at the left
				sx, sy = x, h-1-y
			case 5: // row 0 at the left, column 0 at the top
				sx, sy = y, x
			case 6: // row 0 at the right, column 0 at the top
				sx, sy = y, w-1-x
			case 7: // row 0 at the right, column 0 at the bottom
				sx, sy = h-1-y, w-1-x
			case 8: // row 0 at the left, column 0 at the bottom
				sx, sy = h-1-y, x
			default:
				sx, sy = x, y
			}
			out.Set(sx, sy, shown.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return out
}

// chunk encodes one PNG chunk.
func chunk(typ string, body []byte) []byte {
	c := make([]byte, 8, 12+len(body))
	binary.BigEndian.PutUint32(c, uint32(len(body)))
	copy(c[4:], typ)
	c = append(c, body...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}
