package images

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// codeVersion is part of every cache key: change it whenever a change to
// this package changes the bytes of a variant (resampling, encoding,
// palette handling), so that old entries are never used.
const codeVersion = "3"

// cacheHeader starts every entry of the image cache (a diskcache of
// encoded variants, one file per variant: <key>.<format>).
const cacheHeader = "EZIMG1\n\x00"

// cacheKey names a variant by everything its bytes depend on: the source
// bytes, the format, the size, the quality and the code version; the
// format is also the entry's extension.
func cacheKey(data []byte, format Format, v Variant, quality int) string {
	src := sha256.Sum256(data)
	h := sha256.New()
	for _, part := range []string{"ezine-images", codeVersion, string(format),
		strconv.Itoa(v.Width), strconv.Itoa(v.Height), strconv.Itoa(quality), hex.EncodeToString(src[:])} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)) + "." + string(format)
}
