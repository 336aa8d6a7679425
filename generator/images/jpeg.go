package images

import (
	"bytes"
	"encoding/binary"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// JPEG markers this package reads or writes.
const (
	mSOI  = 0xd8
	mEOI  = 0xd9
	mSOS  = 0xda
	mAPP0 = 0xe0
	mAPP1 = 0xe1
	mAPP2 = 0xe2
	mAPPE = 0xee // Adobe: how the decoder turns components into colours
)

// errTruncated says a file ends inside a segment or chunk.
var errTruncated = i18n.Errorf("the file is cut short")

// jpegSegment is one marker segment of a JPEG file: data[start:end] holds
// the whole segment, marker included; for SOS the entropy-coded data that
// follows it too. payload is what follows the length field.
type jpegSegment struct {
	marker     byte
	start, end int
	payload    []byte
}

// standalone reports whether a marker has no length field.
func standalone(m byte) bool {
	return m == mSOI || m == mEOI || m == 0x01 || (m >= 0xd0 && m <= 0xd7)
}

// walkJPEG calls yield for every segment of data from SOI to EOI (or to
// the end of the data, when EOI is missing), in order. It returns whether
// an EOI ended the image; anything after EOI is not part of the image
// (phones append videos and maker data there). A segment that runs past
// the end of the data is an error, as is data that does not start with
// SOI.
func walkJPEG(data []byte, yield func(jpegSegment)) (eoi bool, err error) {
	if len(data) < 2 || data[0] != 0xff || data[1] != mSOI {
		return false, i18n.Errorf("not a JPEG file")
	}
	yield(jpegSegment{marker: mSOI, start: 0, end: 2})
	i := 2
	for i < len(data) {
		if data[i] != 0xff {
			return false, i18n.Errorf("damaged JPEG: no marker at byte %d", i)
		}
		start := i
		for i < len(data) && data[i] == 0xff { // fill bytes
			i++
		}
		if i == len(data) {
			return false, nil
		}
		m := data[i]
		i++
		if standalone(m) {
			yield(jpegSegment{marker: m, start: start, end: i})
			if m == mEOI {
				return true, nil
			}
			continue
		}
		if i+2 > len(data) {
			return false, errTruncated
		}
		n := int(binary.BigEndian.Uint16(data[i:]))
		if n < 2 || i+n > len(data) {
			return false, errTruncated
		}
		seg := jpegSegment{marker: m, start: start, end: i + n, payload: data[i+2 : i+n]}
		i += n
		if m == mSOS {
			i = entropyEnd(data, i)
			seg.end = i
		}
		yield(seg)
	}
	return false, nil
}

// entropyEnd returns the offset of the first marker at or after i that
// ends entropy-coded data: 0xff followed by a byte that is not a stuffed
// zero, a restart marker or another fill byte. len(data) when the data
// ends first.
func entropyEnd(data []byte, i int) int {
	for {
		j := bytes.IndexByte(data[i:], 0xff)
		if j < 0 {
			return len(data)
		}
		i += j
		k := i + 1
		for k < len(data) && data[k] == 0xff {
			k++
		}
		if k == len(data) {
			return len(data)
		}
		if b := data[k]; b != 0 && (b < 0xd0 || b > 0xd7) {
			return k - 1 // the last fill byte starts the marker
		}
		i = k + 1
	}
}

// keepJPEG reports whether a segment is part of the picture rather than
// about it: the frame, tables, scans and restart markers; JFIF's APP0 (the
// pixel aspect, not its thumbnail extension JFXX); the ICC colour profile
// in APP2 (the colours mean something else without it); Adobe's APP14 (it
// says whether the components are YCbCr or RGB, CMYK or YCCK). Everything
// else goes: Exif and XMP (APP1: GPS, serial numbers, names, thumbnails),
// Photoshop's IPTC (APP13), comments (COM), MPF's extra pictures (APP2)
// and every other application segment.
func keepJPEG(seg jpegSegment) bool {
	m := seg.marker
	switch {
	case m == mAPP0:
		return bytes.HasPrefix(seg.payload, []byte("JFIF\x00"))
	case m == mAPP2:
		return bytes.HasPrefix(seg.payload, iccPrefix)
	case m == mAPPE:
		return bytes.HasPrefix(seg.payload, []byte("Adobe"))
	case m >= 0xc0 && m <= 0xcf && m != 0xc8: // SOFn, DHT, DAC (0xc8 is reserved)
		return true
	case m >= 0xd0 && m <= 0xdf: // RSTn, SOI, EOI, SOS, DQT, DNL, DRI, DHP, EXP
		return true
	}
	return false
}

// iccPrefix starts an APP2 segment that holds (a chunk of) an ICC profile.
var iccPrefix = []byte("ICC_PROFILE\x00")

// stripJPEG returns data without its metadata segments (see keepJPEG):
// every byte of the picture is kept as it was. A non-1 orientation is
// kept as the only entry of a new Exif segment, so that the picture
// still shows upright. A missing EOI is added (see Processor.decode for
// when that is a repair), and reported.
func stripJPEG(data []byte, orientation int) (out []byte, addedEOI bool, err error) {
	out = make([]byte, 0, len(data)+2)
	eoi, err := walkJPEG(data, func(seg jpegSegment) {
		if !keepJPEG(seg) {
			return
		}
		out = append(out, data[seg.start:seg.end]...)
		if orientation > 1 && (seg.marker == mSOI && !isJFIFNext(data, seg.end) || seg.marker == mAPP0) {
			// Right after SOI, or after JFIF's APP0, which must come first.
			out = append(out, exifOrientationSegment(orientation)...)
			orientation = 0
		}
	})
	if err != nil {
		return nil, false, err
	}
	if !eoi {
		out = append(out, 0xff, mEOI)
	}
	return out, !eoi, nil
}

// isJFIFNext reports whether a JFIF APP0 segment starts at data[i:].
func isJFIFNext(data []byte, i int) bool {
	return len(data) >= i+11 && data[i] == 0xff && data[i+1] == mAPP0 && bytes.Equal(data[i+4:i+9], []byte("JFIF\x00"))
}

// exifOrientationSegment is an APP1 Exif segment whose only entry is the
// orientation: what a browser needs to turn the picture upright.
func exifOrientationSegment(o int) []byte {
	tiff := tiffOrientation(o)
	seg := []byte{0xff, mAPP1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(2+6+len(tiff)))
	seg = append(seg, "Exif\x00\x00"...)
	return append(seg, tiff...)
}

// jpegOrientation returns the Exif orientation (1 to 8) of the first
// Exif APP1 segment among segs; 1 when there is none or it is not valid.
func jpegOrientation(data []byte) int {
	o := 1
	found := false
	_, _ = walkJPEG(data, func(seg jpegSegment) {
		if !found && seg.marker == mAPP1 && bytes.HasPrefix(seg.payload, []byte("Exif\x00\x00")) {
			found = true
			o = tiffOrientationOf(seg.payload[6:])
		}
	})
	return o
}

// jpegICC returns the ICC profile of a JPEG, its APP2 chunks joined in
// their sequence order; nil when there is none or its chunks do not add
// up.
func jpegICC(data []byte) []byte {
	var chunks [][]byte
	_, _ = walkJPEG(data, func(seg jpegSegment) {
		if seg.marker == mAPP2 && bytes.HasPrefix(seg.payload, iccPrefix) && len(seg.payload) >= len(iccPrefix)+2 {
			chunks = append(chunks, seg.payload[len(iccPrefix):])
		}
	})
	if len(chunks) == 0 || len(chunks) > 255 {
		return nil
	}
	ordered := make([][]byte, len(chunks))
	for _, c := range chunks {
		seq, count := int(c[0]), int(c[1])
		if count != len(chunks) || seq < 1 || seq > count || ordered[seq-1] != nil {
			return nil
		}
		ordered[seq-1] = c[2:]
	}
	return bytes.Join(ordered, nil)
}

// iccSegments splits an ICC profile into APP2 segments (at most 65,519
// bytes of profile each).
func iccSegments(profile []byte) []byte {
	const max = 65535 - 2 - 12 - 2
	n := (len(profile) + max - 1) / max
	var out []byte
	for i := range n {
		part := profile[i*max : min(len(profile), (i+1)*max)]
		seg := []byte{0xff, mAPP2, 0, 0}
		binary.BigEndian.PutUint16(seg[2:], uint16(2+len(iccPrefix)+2+len(part)))
		seg = append(seg, iccPrefix...)
		seg = append(seg, byte(i+1), byte(n))
		out = append(append(out, seg...), part...)
	}
	return out
}

// withJPEGProfile puts an ICC profile's APP2 segments right after the SOI
// of an encoded JPEG (image/jpeg writes no APP segments of its own).
func withJPEGProfile(enc, profile []byte) []byte {
	if len(profile) == 0 || len(enc) < 2 {
		return enc
	}
	segs := iccSegments(profile)
	out := make([]byte, 0, len(enc)+len(segs))
	out = append(out, enc[:2]...)
	out = append(out, segs...)
	return append(out, enc[2:]...)
}
