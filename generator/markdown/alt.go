package markdown

import (
	"net/url"
	"path"
	"strings"
)

// imageExts are the endings that make an alt text look like a file name.
var imageExts = map[string]bool{
	".svg": true, ".png": true, ".jpg": true, ".jpeg": true, ".gif": true,
	".webp": true, ".avif": true, ".tif": true, ".tiff": true, ".bmp": true,
}

// emptyAlts are alt texts that say nothing about what an image shows.
var emptyAlts = map[string]bool{
	"afbeelding": true, "foto": true, "plaatje": true, "illustratie": true,
	"tekening": true, "figuur": true, "beeld": true, "grafiek": true, "logo": true,
	"image": true, "img": true, "picture": true, "photo": true, "alt": true,
}

// AltProblem says why alt does not describe the image src, or "" when it
// may: it must not be empty, a file name, or a word like "foto". The
// reason is a key of the catalogue (package i18n): print it through
// i18n.New.
func AltProblem(alt, src string) string {
	if alt == "" {
		return "is empty"
	}
	lower := strings.ToLower(alt)
	if u, err := url.Parse(src); err == nil {
		src = u.Path
	}
	base := strings.ToLower(path.Base(src))
	stem := strings.TrimSuffix(base, path.Ext(base))
	if lower == base || lower == stem || imageExts[path.Ext(lower)] {
		return "is a file name"
	}
	if emptyAlts[strings.Trim(lower, ".!: ")] {
		return "does not say what the image shows"
	}
	return ""
}
