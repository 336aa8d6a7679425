// Package diskcache keeps bytes on disk between builds, by key: the
// resized images, the share cards, and whatever else is slow to make and
// fully named by its inputs.
//
// A Cache is a folder. Each entry is one file, <dir>/<key[:2]>/<key>: a
// header that names the kind of entry and its format (so that entries of
// another kind or an older format are never read), the SHA-256 of the
// payload, then the payload. An entry is written to a temporary file in
// its folder and renamed into place, so a reader (a build running at the
// same time) sees a whole entry or none; two writers of one key write the
// same bytes, so whichever rename comes last is as good as the first. An
// entry whose header or hash does not match (a disk error, a hand edit, a
// write cut short) is a miss, made again by the caller.
//
// The cache is safe to delete: removing the folder, or any file in it, at
// any moment costs only the time to make the entries again.
//
// In: a folder, a header, keys and payloads. Out: the payloads, or a miss.
package diskcache

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Cache is a folder of entries of one kind. A nil *Cache is an empty
// cache that keeps nothing.
type Cache struct {
	dir    string
	header []byte
}

// New returns the cache in dir (created when first written to) whose
// entries start with header, such as "EZIMG1\n\x00": change the header
// when the payload's format changes. An empty dir gives nil, no cache.
func New(dir, header string) *Cache {
	if dir == "" {
		return nil
	}
	return &Cache{dir: dir, header: []byte(header)}
}

// ValidKey reports whether key can name an entry: at least three
// characters, each an ASCII letter, digit, '-', '_' or '.', the first two
// letters or digits (they name the entry's folder). A hex digest with an
// extension ("3fa9….png") is one.
func ValidKey(key string) bool {
	if len(key) < 3 || len(key) > 200 {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		alnum := '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !alnum && (i < 2 || c != '-' && c != '_' && c != '.') {
			return false
		}
	}
	return true
}

// Path returns the file that holds key's entry (which may not exist).
func (c *Cache) Path(key string) string {
	return filepath.Join(c.dir, key[:2], key)
}

// Get returns the payload stored for key, if there is a whole, valid
// entry. Any failure to read one is a miss.
func (c *Cache) Get(key string) ([]byte, bool) {
	if c == nil || !ValidKey(key) {
		return nil, false
	}
	b, err := os.ReadFile(c.Path(key))
	if err != nil || len(b) < len(c.header)+sha256.Size || !bytes.HasPrefix(b, c.header) {
		return nil, false
	}
	sum, payload := b[len(c.header):len(c.header)+sha256.Size], b[len(c.header)+sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	return payload, true
}

// ErrKey is the error of Put for a key that ValidKey refuses.
var ErrKey = errors.New("diskcache: invalid key")

// Put stores payload for key. A cache that cannot be written costs time
// on the next build, never correctness: callers may ignore the error.
func (c *Cache) Put(key string, payload []byte) (err error) {
	if c == nil {
		return nil
	}
	if !ValidKey(key) {
		return fmt.Errorf("%w %q", ErrKey, key)
	}
	dst := c.Path(key)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("diskcache: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(dst), ".tmp-"+key[:min(len(key), 8)]+"-*")
	if err != nil {
		return fmt.Errorf("diskcache: %w", err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	sum := sha256.Sum256(payload)
	for _, part := range [][]byte{c.header, sum[:], payload} {
		if _, err := f.Write(part); err != nil {
			return fmt.Errorf("diskcache: write %s: %w", key, err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("diskcache: write %s: %w", key, err)
	}
	if err := os.Rename(f.Name(), dst); err != nil {
		return fmt.Errorf("diskcache: %w", err)
	}
	return nil
}
