package facts

import (
	"bytes"
	"math"
	"math/rand"
	"reflect"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// randomEntry makes an entry with every field drawn from rng: strings
// with any bytes, ints of any size and sign, lists of none to a few
// elements (nil when empty, as decodeEntry makes them).
func randomEntry(rng *rand.Rand) *diskEntry {
	str := func() string {
		b := make([]byte, rng.Intn(4)*rng.Intn(40))
		rng.Read(b)
		return string(b)
	}
	num := func() int {
		switch rng.Intn(4) {
		case 0:
			return 0
		case 1:
			return rng.Intn(300) - 100
		case 2:
			return math.MaxInt - rng.Intn(2)
		}
		return math.MinInt + rng.Intn(2)
	}
	e := &diskEntry{Result: markdown.Result{HTML: str(), Summary: str(), Words: num(), Text: str()}}
	for range rng.Intn(4) {
		e.Result.Headings = append(e.Result.Headings, markdown.Heading{Level: num(), ID: str(), Text: str(), Line: num()})
	}
	for range rng.Intn(4) {
		e.Result.Links = append(e.Result.Links, markdown.Link{Dest: str(), Line: num(), Image: rng.Intn(2) == 1})
	}
	for range rng.Intn(3) {
		e.Result.Features = append(e.Result.Features, str())
	}
	for range rng.Intn(4) {
		e.Resolved = append(e.Resolved, Resolved{Dest: str(), URL: str(), Err: str()})
	}
	for range rng.Intn(3) {
		set := &markdown.ImageSet{Src: str(), Width: num(), Height: num(), Sizes: str()}
		for range rng.Intn(3) {
			set.Candidates = append(set.Candidates, markdown.ImageCandidate{URL: str(), Width: num()})
		}
		e.Images = append(e.Images, imageAnswer{Dest: str(), Set: encodeSet(set)})
	}
	return e
}

// FuzzDiskEntry checks the layout both ways: an entry made from the seed
// decodes to itself, and arbitrary bytes either fail to decode (without a
// panic) or are exactly the encoding of what they decode to.
func FuzzDiskEntry(f *testing.F) {
	for seed := range int64(8) {
		f.Add(encodeEntry(randomEntry(rand.New(rand.NewSource(seed)))), seed)
	}
	f.Add([]byte{}, int64(0))
	f.Add([]byte("geen entry"), int64(0))
	f.Fuzz(func(t *testing.T, b []byte, seed int64) {
		e := randomEntry(rand.New(rand.NewSource(seed)))
		if got, ok := decodeEntry(encodeEntry(e)); !ok || !reflect.DeepEqual(got, e) {
			t.Errorf("seed %d: decode(encode(e)) = %+v, %v; want %+v", seed, got, ok, e)
		}
		if d, ok := decodeEntry(b); ok {
			if again := encodeEntry(d); !bytes.Equal(again, b) {
				t.Errorf("%q decodes to an entry that encodes as %q", b, again)
			}
		} else if d != nil {
			t.Errorf("%q: a failed decode returned %+v", b, d)
		}
	})
}

// TestDamagedEntriesAreMisses stores damaged payloads (the checksum of
// the cache passes: the damage was written so) and reads them back
// through Disk.get: each is a miss.
func TestDamagedEntriesAreMisses(t *testing.T) {
	full := encodeEntry(randomEntry(rand.New(rand.NewSource(3))))
	// The empty entry is nine zero bytes: HTML, Summary, Headings, Words,
	// Links, Text, Features, Resolved, Images.
	empty := func(i int, b ...byte) []byte {
		e := make([]byte, 9)
		return append(e[:i], append(b, e[i+1:]...)...)
	}
	tests := []struct {
		name    string
		payload []byte
	}{
		{"nothing", nil},
		{"not an entry", []byte("geen entry")},
		{"cut short by one byte", full[:len(full)-1]},
		{"cut in half", full[:len(full)/2]},
		{"a byte too many", append(bytes.Clone(full), 0)},
		{"empty entry cut short", make([]byte, 8)},
		{"HTML longer than the entry", empty(0, 200)},
		{"HTML length of 2^63", empty(0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)},
		{"varint over 64 bits", empty(3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)},
		{"varint padded", empty(3, 0x80, 0x00)},
		{"more headings than bytes", empty(2, 100)},
		{"a heading cut short", empty(2, 1, 2)},
		{"link's image flag 2", empty(4, 1, 0, 0, 2)},
		{"link cut before its flag", empty(4, 1, 0, 0)},
		{"a million resolved", empty(7, 0xc0, 0x84, 0x3d)},
		{"image answer without its set", empty(8, 1, 0)},
	}
	d := OpenDisk(t.TempDir(), "g")
	key := d.key([]byte("x"), 1, false)
	if err := d.c.Put(key, make([]byte, 9)); err != nil {
		t.Fatal(err)
	}
	if d.get(key) == nil {
		t.Fatal("the empty entry was not read")
	}
	for _, tt := range tests {
		if err := d.c.Put(key, tt.payload); err != nil {
			t.Fatal(err)
		}
		if e := d.get(key); e != nil {
			t.Errorf("%s: read %+v", tt.name, e)
		}
	}
	for n := range len(full) {
		if e, ok := decodeEntry(full[:n]); ok || e != nil {
			t.Fatalf("the first %d of %d bytes decoded", n, len(full))
		}
	}
}

func TestEncodeSet(t *testing.T) {
	base := markdown.ImageSet{Src: "/a.png", Width: 800, Height: 600,
		Candidates: []markdown.ImageCandidate{{URL: "/a-480w.png", Width: 480}}, Sizes: "100vw"}
	variants := map[string]*markdown.ImageSet{"base": &base, "nil": nil, "zero": {}}
	for name, change := range map[string]func(*markdown.ImageSet){
		"src":              func(s *markdown.ImageSet) { s.Src = "/b.png" },
		"width":            func(s *markdown.ImageSet) { s.Width = 801 },
		"height":           func(s *markdown.ImageSet) { s.Height = 601 },
		"candidate url":    func(s *markdown.ImageSet) { s.Candidates = []markdown.ImageCandidate{{URL: "/b-480w.png", Width: 480}} },
		"candidate width":  func(s *markdown.ImageSet) { s.Candidates = []markdown.ImageCandidate{{URL: "/a-480w.png", Width: 481}} },
		"no candidates":    func(s *markdown.ImageSet) { s.Candidates = nil },
		"sizes":            func(s *markdown.ImageSet) { s.Sizes = "" },
		"src takes sizes":  func(s *markdown.ImageSet) { s.Src, s.Sizes = "/a.png100vw", "" },
		"a candidate more": func(s *markdown.ImageSet) { s.Candidates = append(s.Candidates, markdown.ImageCandidate{}) },
	} {
		v := base
		v.Candidates = append([]markdown.ImageCandidate(nil), base.Candidates...)
		change(&v)
		variants[name] = &v
	}
	seen := map[string]string{}
	for name, s := range variants {
		enc := encodeSet(s)
		if (enc == "") != (s == nil) {
			t.Errorf("%s: encoded as %q", name, enc)
		}
		if other, dup := seen[enc]; dup {
			t.Errorf("%s and %s encode alike", name, other)
		}
		seen[enc] = name
	}
}
