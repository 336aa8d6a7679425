package facts

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"sync/atomic"

	"github.com/lwa-rotterdam/ezine/generator/internal/diskcache"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// DiskFormat names the format of the on-disk facts. Bump it whenever
// diskEntry, or what a conversion records, changes: entries of another
// format are never read. (A new generator binary gets new keys anyway:
// see OpenDisk's generator argument.)
const DiskFormat = "EZFACTS2\n\x00"

// Disk keeps the facts of page conversions on disk between builds, with
// their HTML: a build takes a page's facts from it instead of converting
// the body again when the entry was made from the same body bytes, by the
// same generator with the same settings, and every link target and image
// the body asked for is answered the same by the new model and store. It
// is a speed-up only: an entry that is missing, damaged, of another
// format or no longer true is a miss, and the page is converted. A nil
// *Disk keeps nothing. It is safe for concurrent use.
type Disk struct {
	c    *diskcache.Cache
	salt []byte
	hits atomic.Int64 // conversions taken from disk
}

// Hits returns how many conversions were taken from disk so far.
func (d *Disk) Hits() int {
	if d == nil {
		return 0
	}
	return int(d.hits.Load())
}

// DiskHits returns how many of the store's pages had their facts taken
// from its Disk: the conversions a warm build saved.
func (st *Store) DiskHits() int { return st.cfg.Disk.Hits() }

// OpenDisk returns the on-disk facts in folder dir (made when first
// written; safe to delete). generator identifies the code that converts
// (a hash of the running executable, say), and settings every build
// setting that might change a conversion; both go into every key, so an
// entry made by another binary or with other settings is never found.
// An empty dir gives nil: no disk cache.
func OpenDisk(dir, generator string, settings ...string) *Disk {
	if dir == "" {
		return nil
	}
	h := sha256.New()
	for _, s := range append([]string{DiskFormat, generator}, settings...) {
		writeString(h, s)
	}
	return &Disk{c: diskcache.New(dir, DiskFormat), salt: h.Sum(nil)}
}

// writeString writes s with its length, so that no two lists of strings
// hash alike.
func writeString(h interface{ Write([]byte) (int, error) }, s string) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
	_, _ = h.Write(n[:])
	_, _ = h.Write([]byte(s))
}

// diskEntry is what Disk stores for one conversion, in the layout of
// encodeEntry.
type diskEntry struct {
	Result   markdown.Result
	Resolved []Resolved // the relative link targets asked for, in order, and their answers
	Images   []imageAnswer
}

// imageAnswer is one image target a body asked the store for, and the
// image set it got (encoded by encodeSet; "" for none).
type imageAnswer struct {
	Dest string
	Set  string
}

// key is the entry's name for a body: the salt, whether plain text is
// kept, the body's first line in its file (links and headings are at file
// lines) and the body's bytes.
func (d *Disk) key(body []byte, bodyLine int, text bool) string {
	h := sha256.New()
	_, _ = h.Write(d.salt)
	var b [9]byte
	binary.LittleEndian.PutUint64(b[:8], uint64(bodyLine))
	if text {
		b[8] = 1
	}
	_, _ = h.Write(b[:])
	_, _ = h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// get returns the entry stored under key, if there is a readable one.
func (d *Disk) get(key string) *diskEntry {
	if d == nil {
		return nil
	}
	b, ok := d.c.Get(key)
	if !ok {
		return nil
	}
	e, ok := decodeEntry(b)
	if !ok {
		return nil
	}
	return e
}

// put stores e under key. A write that fails costs the next build time,
// never correctness, so its error is dropped.
func (d *Disk) put(key string, e *diskEntry) {
	if d == nil {
		return
	}
	_ = d.c.Put(key, encodeEntry(e))
}

// holds reports whether entry e is true of page p in the store: every
// link target its body resolved resolves the same in the store's model,
// and every image it asked for is the same image set.
func (st *Store) holds(p *site.Page, e *diskEntry) bool {
	if !st.stillResolves(p, e.Resolved) {
		return false
	}
	for _, a := range e.Images {
		if encodeSet(st.ImageSet(p, a.Dest)) != a.Set {
			return false
		}
	}
	return true
}

// recordImages wraps an image lookup so that every answer is kept in rec,
// encoded as the converter got it (it fills in Sizes afterwards).
func recordImages(image func(string) (*markdown.ImageSet, error), rec *[]imageAnswer) func(string) (*markdown.ImageSet, error) {
	return func(dest string) (*markdown.ImageSet, error) {
		set, err := image(dest)
		*rec = append(*rec, imageAnswer{Dest: dest, Set: encodeSet(set)})
		return set, err
	}
}
