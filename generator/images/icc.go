package images

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"
)

// An ICC profile says which colours an image's numbers mean. Go's decoders
// ignore it and the copies keep the source's numbers, so a copy carries
// the source's profile: a photo from a phone in Display P3 would look dull
// and shifted without it. The original keeps its profile as it is.

// iccColourSpace returns the data colour space of a profile ("RGB ",
// "GRAY", "CMYK", ...), "" when the profile is too short.
func iccColourSpace(p []byte) string {
	if len(p) < 128 {
		return ""
	}
	return string(p[16:20])
}

func iccIsGray(p []byte) bool { return iccColourSpace(p) == "GRAY" }

// iccIsSRGB reports whether a profile describes itself as sRGB (and not a
// linear variant): the colour space a browser assumes for an image with no
// profile, so a copy does not need it.
func iccIsSRGB(p []byte) bool {
	d := bytes.ToLower([]byte(iccDescription(p)))
	return bytes.Contains(d, []byte("srgb")) && !bytes.Contains(d, []byte("linear"))
}

// iccDescription returns the text of a profile's 'desc' tag (ICC v2
// textDescriptionType or v4 multiLocalizedUnicodeType, first record);
// "" when there is none or it is damaged.
func iccDescription(p []byte) string {
	if len(p) < 132 {
		return ""
	}
	n := int(binary.BigEndian.Uint32(p[128:]))
	for i := range min(n, 1000) {
		e := 132 + 12*i
		if e+12 > len(p) {
			return ""
		}
		if string(p[e:e+4]) != "desc" {
			continue
		}
		off, size := int64(binary.BigEndian.Uint32(p[e+4:])), int64(binary.BigEndian.Uint32(p[e+8:]))
		if off+size > int64(len(p)) || size < 12 {
			return ""
		}
		return descText(p[off : off+size])
	}
	return ""
}

// descText decodes the body of a 'desc' tag.
func descText(t []byte) string {
	switch string(t[:4]) {
	case "desc": // v2: count, then ASCII with a NUL
		n := int64(binary.BigEndian.Uint32(t[8:]))
		if 12+n > int64(len(t)) {
			return ""
		}
		return string(bytes.TrimRight(t[12:12+n], "\x00"))
	case "mluc": // v4: records of language, country, length, offset (UTF-16BE)
		if len(t) < 28 || binary.BigEndian.Uint32(t[8:]) < 1 {
			return ""
		}
		n, off := int64(binary.BigEndian.Uint32(t[20:])), int64(binary.BigEndian.Uint32(t[24:]))
		if off+n > int64(len(t)) || n%2 != 0 {
			return ""
		}
		u := make([]uint16, n/2)
		for i := range u {
			u[i] = binary.BigEndian.Uint16(t[off+int64(2*i):])
		}
		return string(utf16.Decode(u))
	}
	return ""
}
