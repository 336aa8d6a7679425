package images

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"io"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// pngSignature starts every PNG file.
const pngSignature = "\x89PNG\r\n\x1a\n"

// pngChunk is one chunk of a PNG file: data[start:end] is the whole chunk,
// length, type and CRC included.
type pngChunk struct {
	typ        string
	start, end int
	body       []byte
}

// walkPNG calls yield for every chunk of data from IHDR to IEND (or to
// the end of the data), in order. Anything after IEND is not part of the
// image. A chunk that runs past the end of the data is an error.
func walkPNG(data []byte, yield func(pngChunk)) error {
	if !bytes.HasPrefix(data, []byte(pngSignature)) {
		return i18n.Errorf("not a PNG file")
	}
	i := len(pngSignature)
	for i < len(data) {
		if i+8 > len(data) {
			return errTruncated
		}
		n := int64(binary.BigEndian.Uint32(data[i:]))
		end := int64(i) + 12 + n
		if end > int64(len(data)) {
			return errTruncated
		}
		c := pngChunk{typ: string(data[i+4 : i+8]), start: i, end: int(end), body: data[i+8 : int(end)-4]}
		yield(c)
		i = int(end)
		if c.typ == "IEND" {
			break
		}
	}
	return nil
}

// pngKeep lists the chunks that are part of the picture: the critical
// ones, transparency, the colour space (iCCP, sRGB, gAMA, cHRM, cICP and
// HDR's mDCv and cLLi: without them the colours mean something else),
// significant bits, the background, the pixel size and APNG's animation.
// Everything else goes: text (tEXt, zTXt, iTXt: comments, authors, XMP
// with GPS), Exif (eXIf), the time (tIME), and private chunks.
var pngKeep = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "iCCP": true, "sRGB": true, "gAMA": true, "cHRM": true, "cICP": true, "mDCv": true, "cLLi": true,
	"sBIT": true, "bKGD": true, "pHYs": true, "acTL": true, "fcTL": true, "fdAT": true,
}

// pngColour are the chunks a resized copy carries over from its source:
// its pixels are still in the source's colour space.
var pngColour = map[string]bool{"iCCP": true, "sRGB": true, "gAMA": true, "cHRM": true, "cICP": true}

// stripPNG returns data without its metadata chunks (see pngKeep); every
// byte of the picture is kept as it was. A non-1 orientation is kept as
// the only entry of a new eXIf chunk after IHDR (the build re-encodes
// such images upright instead; this is for files it only copies).
func stripPNG(data []byte, orientation int) ([]byte, error) {
	out := append(make([]byte, 0, len(data)), pngSignature...)
	err := walkPNG(data, func(c pngChunk) {
		if !pngKeep[c.typ] {
			return
		}
		out = append(out, data[c.start:c.end]...)
		if c.typ == "IHDR" && orientation > 1 {
			out = append(out, makeChunk("eXIf", tiffOrientation(orientation))...)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// makeChunk encodes one PNG chunk.
func makeChunk(typ string, body []byte) []byte {
	c := make([]byte, 8, 12+len(body))
	binary.BigEndian.PutUint32(c, uint32(len(body)))
	copy(c[4:], typ)
	c = append(c, body...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// pngOrientation returns the orientation of an eXIf chunk before the
// first IDAT: browsers that turn PNGs (Chromium, WebKit) read it only
// there, as the PNG specification (third edition) requires.
func pngOrientation(data []byte) int {
	o, done := 1, false
	_ = walkPNG(data, func(c pngChunk) {
		switch {
		case done:
		case c.typ == "IDAT":
			done = true
		case c.typ == "eXIf":
			o, done = tiffOrientationOf(c.body), true
		}
	})
	return o
}

// pngColourChunks returns the colour chunks of a PNG (see pngColour) as
// they are, for a copy of colour (or, when gray, grayscale) pixels: an
// ICC profile for the other kind is left out, as the PNG specification
// requires. An sRGB profile is left out too: it says what a browser
// assumes anyway, in up to 3 KB per copy.
func pngColourChunks(data []byte, gray bool) []byte {
	var out []byte
	_ = walkPNG(data, func(c pngChunk) {
		if !pngColour[c.typ] {
			return
		}
		if c.typ == "iCCP" {
			profile := inflateICCP(c.body)
			if profile == nil || iccIsGray(profile) != gray || iccIsSRGB(profile) {
				return
			}
		}
		out = append(out, data[c.start:c.end]...)
	})
	return out
}

// maxICC caps the ICC profile inflated from an iCCP chunk: real profiles
// are a few KB, and a zlib stream can unpack to a thousand times its size.
const maxICC = 4 << 20

// inflateICCP returns the profile of an iCCP chunk body (name, NUL,
// method 0, zlib data); nil when it is damaged or too large.
func inflateICCP(body []byte) []byte {
	i := bytes.IndexByte(body, 0)
	if i < 0 || i+2 > len(body) || body[i+1] != 0 {
		return nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(body[i+2:]))
	if err != nil {
		return nil
	}
	defer zr.Close()
	p, err := io.ReadAll(io.LimitReader(zr, maxICC+1))
	if err != nil || len(p) > maxICC {
		return nil
	}
	return p
}

// withPNGChunks puts chunks right after the IHDR of an encoded PNG.
func withPNGChunks(enc, chunks []byte) []byte {
	const ihdrEnd = len(pngSignature) + 12 + 13
	if len(chunks) == 0 || len(enc) < ihdrEnd {
		return enc
	}
	out := make([]byte, 0, len(enc)+len(chunks))
	out = append(out, enc[:ihdrEnd]...)
	out = append(out, chunks...)
	return append(out, enc[ihdrEnd:]...)
}
