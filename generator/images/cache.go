package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// codeVersion is part of every cache key: change it whenever a change to
// this package changes the bytes of a variant (resampling, encoding,
// palette handling), so that old entries are never used.
const codeVersion = "3"

// entryMagic starts every cache entry; the SHA-256 of the payload follows,
// then the payload (the encoded image).
var entryMagic = []byte("EZIMG1\n\x00")

// cache is a folder of encoded variants, one file per key:
// <dir>/<first two hex digits>/<key>.<format>. Entries are written to a
// temporary file in the same folder and renamed into place, so a reader
// (another build running at the same time) sees a whole entry or none.
// Each entry carries the hash of its payload; an entry that does not match
// it (a disk error, a hand edit) is ignored and made again.
type cache struct {
	dir string
}

// cacheKey names a variant by everything its bytes depend on: the source
// bytes, the format, the size, the quality and the code version.
func cacheKey(data []byte, format Format, v Variant, quality int) string {
	src := sha256.Sum256(data)
	h := sha256.New()
	for _, part := range []string{"ezine-images", codeVersion, string(format),
		strconv.Itoa(v.Width), strconv.Itoa(v.Height), strconv.Itoa(quality), hex.EncodeToString(src[:])} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *cache) path(key string, format Format) string {
	return filepath.Join(c.dir, key[:2], key+"."+string(format))
}

// get returns the payload of an entry, if there is a whole, valid one.
func (c *cache) get(key string, format Format) ([]byte, bool) {
	b, err := os.ReadFile(c.path(key, format))
	if err != nil || len(b) < len(entryMagic)+sha256.Size || !bytes.HasPrefix(b, entryMagic) {
		return nil, false
	}
	sum := b[len(entryMagic) : len(entryMagic)+sha256.Size]
	payload := b[len(entryMagic)+sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	return payload, true
}

// put stores an entry: a temporary file beside it, renamed into place.
// Two builds storing the same key store the same bytes, so whichever
// rename comes last is as good as the first.
func (c *cache) put(key string, format Format, payload []byte) (err error) {
	dst := c.path(key, format)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(dst), ".tmp-"+key[:8]+"-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	sum := sha256.Sum256(payload)
	for _, part := range [][]byte{entryMagic, sum[:], payload} {
		if _, err := f.Write(part); err != nil {
			return i18n.Errorf("write image cache: %w", err)
		}
	}
	if err := f.Close(); err != nil {
		return i18n.Errorf("write image cache: %w", err)
	}
	return os.Rename(f.Name(), dst)
}
