package images

import "encoding/binary"

// tagOrientation is the Exif (TIFF) tag of the orientation in IFD0.
const tagOrientation = 0x0112

// tiffOrientation is a big-endian TIFF structure whose IFD0 holds only the
// orientation o: 26 bytes, no other tag, no pointer to an Exif, GPS or
// thumbnail IFD.
func tiffOrientation(o int) []byte {
	return []byte{
		'M', 'M', 0, 42, 0, 0, 0, 8, // byte order, magic, offset of IFD0
		0, 1, // one entry
		byte(tagOrientation >> 8), byte(tagOrientation & 0xff), 0, 3, 0, 0, 0, 1, 0, byte(o), 0, 0, // SHORT, count 1, value
		0, 0, 0, 0, // no next IFD
	}
}

// tiffOrientationOf reads the orientation from IFD0 of a TIFF structure
// (the body of an Exif segment or a PNG eXIf chunk): 1 to 8, or 1 when
// there is none, or it is not a valid value. Every offset is checked
// against the data, which may be anything.
func tiffOrientationOf(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(t[2:]) != 42 {
		return 1
	}
	ifd := int64(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > int64(len(t)) {
		return 1
	}
	n := int64(bo.Uint16(t[ifd:]))
	for i := range n {
		e := ifd + 2 + 12*i
		if e+12 > int64(len(t)) {
			return 1
		}
		if bo.Uint16(t[e:]) != tagOrientation {
			continue
		}
		if bo.Uint16(t[e+2:]) != 3 || bo.Uint32(t[e+4:]) < 1 { // SHORT, at least one
			return 1
		}
		if o := int(bo.Uint16(t[e+8:])); o >= 1 && o <= 8 {
			return o
		}
		return 1
	}
	return 1
}

// swapsAxes reports whether orientation o turns the picture by a quarter
// (5 to 8): the stored width is then the shown height.
func swapsAxes(o int) bool { return o >= 5 && o <= 8 }
