package cards

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
)

// entryMagic starts every cache entry; the SHA-256 of the PNG follows,
// then the PNG.
var entryMagic = []byte("EZCARD1\n")

// cache is a folder of cards, one file per key:
// <dir>/<first two hex digits>/<key>.png, written to a temporary file
// beside it and renamed into place, so that a build running at the same
// time reads a whole entry or none. An entry whose hash does not match
// its PNG (a disk error, a hand edit) is ignored and drawn again.
type cache struct {
	dir string
}

func (c *cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".png")
}

func (c *cache) get(key string) ([]byte, bool) {
	b, err := os.ReadFile(c.path(key))
	if err != nil || len(b) < len(entryMagic)+sha256.Size || !bytes.HasPrefix(b, entryMagic) {
		return nil, false
	}
	sum, payload := b[len(entryMagic):len(entryMagic)+sha256.Size], b[len(entryMagic)+sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	return payload, true
}

func (c *cache) put(key string, payload []byte) (err error) {
	dst := c.path(key)
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
			return err
		}
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), dst)
}
