package facts

import (
	"encoding/binary"

	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// The layout of a diskEntry on disk (DiskFormat EZFACTS2), field by field
// in the order of the types: an int is a signed varint
// (encoding/binary's zig-zag Varint), a count or a length an unsigned
// varint, a bool one byte 0 or 1, a string its length then its bytes, a
// list its count then its elements. Nothing is implied or optional, so an
// entry has one encoding only: decodeEntry accepts the bytes encodeEntry
// writes and nothing else (no trailing bytes, no varint longer than it
// needs to be), and anything else is a miss.
//
// It replaced encoding/gob, which compiled its decoder anew for every
// entry (gob sends type information per stream, and each entry is one
// stream): about 1 s of a warm build of 10,000 pages.

// encodeEntry returns the bytes of e.
func encodeEntry(e *diskEntry) []byte {
	w := &encoder{b: make([]byte, 0, 64+len(e.Result.HTML)+len(e.Result.Text))}
	w.result(&e.Result)
	w.count(len(e.Resolved))
	for _, r := range e.Resolved {
		w.str(r.Dest)
		w.str(r.URL)
		w.str(r.Err)
	}
	w.count(len(e.Images))
	for _, a := range e.Images {
		w.str(a.Dest)
		w.str(a.Set)
	}
	return w.b
}

// decodeEntry returns the entry whose bytes are b, or false when b is not
// exactly one entry's encoding.
func decodeEntry(b []byte) (*diskEntry, bool) {
	r := &decoder{b: b}
	e := &diskEntry{Result: r.result()}
	if n := r.count(); n > 0 {
		e.Resolved = make([]Resolved, n)
		for i := range e.Resolved {
			e.Resolved[i] = Resolved{Dest: r.str(), URL: r.str(), Err: r.str()}
		}
	}
	if n := r.count(); n > 0 {
		e.Images = make([]imageAnswer, n)
		for i := range e.Images {
			e.Images[i] = imageAnswer{Dest: r.str(), Set: r.str()}
		}
	}
	if r.bad || len(r.b) > 0 {
		return nil, false
	}
	return e, true
}

// result writes a converted body.
func (w *encoder) result(res *markdown.Result) {
	w.str(res.HTML)
	w.str(res.Summary)
	w.count(len(res.Headings))
	for _, h := range res.Headings {
		w.int(h.Level)
		w.str(h.ID)
		w.str(h.Text)
		w.int(h.Line)
	}
	w.int(res.Words)
	w.count(len(res.Links))
	for _, l := range res.Links {
		w.str(l.Dest)
		w.int(l.Line)
		w.bool(l.Image)
	}
	w.str(res.Text)
	w.count(len(res.Features))
	for _, f := range res.Features {
		w.str(f)
	}
}

// result reads what encoder.result wrote.
func (r *decoder) result() markdown.Result {
	res := markdown.Result{HTML: r.str(), Summary: r.str()}
	if n := r.count(); n > 0 {
		res.Headings = make([]markdown.Heading, n)
		for i := range res.Headings {
			res.Headings[i] = markdown.Heading{Level: r.int(), ID: r.str(), Text: r.str(), Line: r.int()}
		}
	}
	res.Words = r.int()
	if n := r.count(); n > 0 {
		res.Links = make([]markdown.Link, n)
		for i := range res.Links {
			res.Links[i] = markdown.Link{Dest: r.str(), Line: r.int(), Image: r.bool()}
		}
	}
	res.Text = r.str()
	if n := r.count(); n > 0 {
		res.Features = make([]string, n)
		for i := range res.Features {
			res.Features[i] = r.str()
		}
	}
	return res
}

// encodeSet writes an image set as a string that two sets share only when
// they are equal; "" for nil (a set's encoding is never empty).
func encodeSet(s *markdown.ImageSet) string {
	if s == nil {
		return ""
	}
	w := &encoder{}
	w.str(s.Src)
	w.int(s.Width)
	w.int(s.Height)
	w.count(len(s.Candidates))
	for _, c := range s.Candidates {
		w.str(c.URL)
		w.int(c.Width)
	}
	w.str(s.Sizes)
	return string(w.b)
}

// encoder appends the fields of an entry to b.
type encoder struct{ b []byte }

func (w *encoder) int(v int)   { w.b = binary.AppendVarint(w.b, int64(v)) }
func (w *encoder) count(n int) { w.b = binary.AppendUvarint(w.b, uint64(n)) }

func (w *encoder) str(s string) {
	w.count(len(s))
	w.b = append(w.b, s...)
}

func (w *encoder) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// decoder reads the fields of an entry from b. The first malformed field
// sets bad and empties b, so every later read yields a zero value: the
// caller checks bad once, at the end.
type decoder struct {
	b   []byte
	bad bool
}

// fail marks the entry malformed.
func (r *decoder) fail() {
	r.bad = true
	r.b = nil
}

// uvarint reads an unsigned varint of the shortest form.
func (r *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || n > 1 && r.b[n-1] == 0 { // cut short, too large, or padded
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *decoder) int() int {
	u := r.uvarint()
	v := int64(u>>1) ^ -int64(u&1) // encoding/binary's zig-zag
	if int64(int(v)) != v {
		r.fail()
		return 0
	}
	return int(v)
}

// count reads a length or a number of elements, which cannot exceed the
// bytes left (every element takes at least one), so a damaged count fails
// before anything is allocated for it.
func (r *decoder) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *decoder) str() string {
	n := r.count()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *decoder) bool() bool {
	if len(r.b) == 0 || r.b[0] > 1 {
		r.fail()
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}
