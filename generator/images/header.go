package images

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// maxHeader caps the bytes read before the pixel data (JPEG segments up to
// the first scan, PNG chunks up to the first IDAT): metadata and colour
// profiles are rarely more than a few hundred KB.
const maxHeader = 8 << 20

// header is what a raster image's header says, read without decoding any
// pixel: enough to know its size, how it is meant to be turned, and how
// much memory decoding it takes.
type header struct {
	format        Format
	width, height int    // as stored
	orientation   int    // Exif orientation, 1 to 8
	raw           []byte // the whole segments or chunks before the pixels
	config        []byte // what image.DecodeConfig reads: raw, and the head of the first IDAT

	// PNG: colour type, bit depth, interlacing, transparency chunk.
	pngColour, pngDepth byte
	pngInterlaced       bool
	pngTRNS             bool

	// JPEG: the components' sampling factors, and whether it is
	// progressive (the decoder then keeps every coefficient).
	jpegSampling [][2]int
	jpegProg     bool
	jpegRGB      bool // converted to RGBA at the end (no JFIF, Adobe transform 0 or R, G, B components)
}

// sniff tells PNG and JPEG apart by their first bytes.
func sniff(prefix []byte) Format {
	switch {
	case bytes.HasPrefix(prefix, []byte(pngSignature)):
		return PNG
	case bytes.HasPrefix(prefix, []byte{0xff, mSOI}):
		return JPEG
	}
	return ""
}

// readHeader reads the header of a PNG or JPEG from r, stopping before the
// pixel data.
func readHeader(r io.Reader) (*header, error) {
	br := bufio.NewReader(r)
	prefix, _ := br.Peek(8)
	h := &header{format: sniff(prefix), orientation: 1}
	var err error
	switch h.format {
	case PNG:
		h.raw, err = readPNGHeader(br)
	case JPEG:
		h.raw, err = readJPEGHeader(br)
	default:
		return h, nil
	}
	if err != nil {
		return nil, err
	}
	h.config = h.raw
	if h.format == PNG {
		if head, _ := br.Peek(8); len(head) == 8 {
			h.config = append(h.raw[:len(h.raw):len(h.raw)], head...)
		}
		err = h.parsePNG()
	} else {
		err = h.parseJPEG()
	}
	return h, err
}

// readJPEGHeader returns the bytes of a JPEG from SOI up to the end of its
// first SOS header (the start of the pixel data: image/jpeg's DecodeConfig
// reads that far when there is no JFIF segment).
func readJPEGHeader(br *bufio.Reader) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := io.CopyN(&buf, br, 2); err != nil {
		return nil, errTruncated
	}
	for buf.Len() <= maxHeader {
		b, err := br.ReadByte()
		if err != nil {
			return nil, errTruncated
		}
		if b != 0xff {
			return nil, i18n.Errorf("damaged JPEG: no marker at byte %d", buf.Len())
		}
		m, err := br.ReadByte()
		for err == nil && m == 0xff {
			m, err = br.ReadByte()
		}
		if err != nil {
			return nil, errTruncated
		}
		if m == mEOI {
			return buf.Bytes(), nil
		}
		buf.Write([]byte{0xff, m})
		if standalone(m) {
			continue
		}
		var l [2]byte
		if _, err := io.ReadFull(br, l[:]); err != nil {
			return nil, errTruncated
		}
		buf.Write(l[:])
		n := int64(binary.BigEndian.Uint16(l[:])) - 2
		if n < 0 {
			return nil, i18n.Errorf("damaged JPEG: a segment length below 2")
		}
		if _, err := io.CopyN(&buf, br, n); err != nil {
			return nil, errTruncated
		}
		if m == mSOS {
			return buf.Bytes(), nil
		}
	}
	return nil, i18n.Errorf("the image has more than %d MB of metadata before its pixels", maxHeader>>20)
}

// readPNGHeader returns the bytes of a PNG up to its first IDAT chunk
// (or up to its end, when it ends between chunks before any: what the
// header says is then read, and decoding will find the pixels missing).
func readPNGHeader(br *bufio.Reader) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := io.CopyN(&buf, br, int64(len(pngSignature))); err != nil {
		return nil, errTruncated
	}
	for buf.Len() <= maxHeader {
		head, err := br.Peek(8)
		if len(head) == 0 && err == io.EOF {
			return buf.Bytes(), nil
		}
		if err != nil {
			return nil, errTruncated
		}
		if string(head[4:8]) == "IDAT" || string(head[4:8]) == "IEND" {
			return buf.Bytes(), nil
		}
		n := int64(binary.BigEndian.Uint32(head))
		if _, err := io.CopyN(&buf, br, 12+n); err != nil {
			return nil, errTruncated
		}
	}
	return nil, i18n.Errorf("the image has more than %d MB of metadata before its pixels", maxHeader>>20)
}

// parsePNG reads IHDR, tRNS and eXIf from the header.
func (h *header) parsePNG() error {
	err := walkPNG(h.raw, func(c pngChunk) {
		switch c.typ {
		case "IHDR":
			if len(c.body) == 13 {
				h.width = int(int32(binary.BigEndian.Uint32(c.body)))
				h.height = int(int32(binary.BigEndian.Uint32(c.body[4:])))
				h.pngDepth, h.pngColour, h.pngInterlaced = c.body[8], c.body[9], c.body[12] == 1
			}
		case "tRNS":
			h.pngTRNS = true
		}
	})
	h.orientation = pngOrientation(h.raw)
	return err
}

// parseJPEG reads the frame header (SOFn) and the Exif orientation.
func (h *header) parseJPEG() error {
	jfif, adobeRGB, idsRGB := false, false, false
	_, err := walkJPEG(h.raw, func(seg jpegSegment) {
		m, p := seg.marker, seg.payload
		switch {
		case m == mAPP0 && bytes.HasPrefix(p, []byte("JFIF\x00")):
			jfif = true
		case m == mAPPE && bytes.HasPrefix(p, []byte("Adobe")) && len(p) >= 12:
			adobeRGB = p[11] == 0
		case m < 0xc0 || m > 0xcf || m == 0xc4 || m == 0xc8 || m == 0xcc || len(p) < 6:
			// not a frame header
		default:
			h.jpegProg = m == 0xc2 || m == 0xc6 || m == 0xca || m == 0xce
			h.height, h.width = int(binary.BigEndian.Uint16(p[1:])), int(binary.BigEndian.Uint16(p[3:]))
			h.jpegSampling = nil
			for i := range int(p[5]) {
				if 6+3*i+3 > len(p) {
					break
				}
				f := p[6+3*i+1]
				h.jpegSampling = append(h.jpegSampling, [2]int{max(1, int(f>>4)), max(1, int(f&15))})
			}
			idsRGB = len(p) >= 15 && p[5] == 3 && p[6] == 'R' && p[9] == 'G' && p[12] == 'B'
		}
	})
	h.jpegRGB = len(h.jpegSampling) == 3 && !jfif && (adobeRGB || idsRGB)
	h.orientation = jpegOrientation(h.raw)
	return err
}

// decodedBytes is the memory Go's decoder holds at most while it decodes
// the image: the image it returns (in its type: 8 bytes a pixel for 16-bit
// PNG, 1 for gray, chroma subsampled for JPEG) and what it keeps beside
// it (the passes of an interlaced PNG; every coefficient of a progressive
// JPEG, 4 bytes a sample; the black plane of a CMYK JPEG).
func (h *header) decodedBytes() int64 {
	px := int64(h.width) * int64(h.height)
	if h.format == PNG {
		n := px * pngBytesPerPixel(h.pngColour, h.pngDepth, h.pngTRNS)
		if h.pngInterlaced {
			n *= 2
		}
		return n
	}
	hmax, vmax := 1, 1
	for _, s := range h.jpegSampling {
		hmax, vmax = max(hmax, s[0]), max(vmax, s[1])
	}
	// Planes are padded to whole MCUs (up to 32 pixels with subsampling).
	w, ht := int64(h.width+32), int64(h.height+32)
	var samples int64
	for _, s := range h.jpegSampling {
		samples += w * int64(s[0]) / int64(hmax) * (ht * int64(s[1]) / int64(vmax))
	}
	n := samples
	if len(h.jpegSampling) == 4 || h.jpegRGB {
		n += 4 * px // converted to CMYK or RGBA at the end
	}
	if h.jpegProg {
		n += 4 * samples
	}
	return n
}

// pngBytesPerPixel is the size of a pixel in the image Go's PNG decoder
// returns for a colour type and bit depth.
func pngBytesPerPixel(colour, depth byte, trns bool) int64 {
	wide := int64(1)
	if depth == 16 {
		wide = 2
	}
	switch colour {
	case 0: // gray: Gray or Gray16, NRGBA(64) with a transparent colour
		if trns {
			return 4 * wide
		}
		return wide
	case 3: // paletted
		return 1
	}
	return 4 * wide // RGBA, NRGBA, RGBA64, NRGBA64
}
