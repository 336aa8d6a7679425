package content

import (
	"net/url"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Slugify turns a file name or title into a URL path segment: Unicode NFC,
// lower case, letters and digits kept, every run of other characters (spaces,
// URL-special characters, slashes) turned into one "-". It never returns a
// segment that starts with a dot, so "." and ".." cannot come out of it.
func Slugify(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case r == '_' || (r == '.' && b.Len() > 0 && !dash):
			b.WriteRune(r)
			dash = false
		default:
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimRight(b.String(), "-.")
}

// CleanURLPath checks and normalises a site path from front matter (url,
// aliases) so that no output can land outside the destination: it decodes
// percent-escapes, turns backslashes into slashes, refuses "..", schemes,
// drive letters, control characters, "?" and "#", and returns a rooted path.
// A path whose last segment has no extension is a folder and ends in "/".
func CleanURLPath(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", i18n.Errorf("empty path")
	}
	for range 3 { // %252e%252e decodes twice
		d, err := url.PathUnescape(s)
		if err != nil {
			return "", i18n.Errorf("%q has a broken %%-escape", raw)
		}
		if d == s {
			break
		}
		s = d
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return "", i18n.Errorf("%q contains a control character", raw)
		}
	}
	if strings.ContainsAny(s, "?#") {
		return "", i18n.Errorf("%q contains ? or #; give a plain path such as /archief/start/", raw)
	}
	s = strings.ReplaceAll(s, `\`, "/")
	if i := strings.IndexByte(s, ':'); i >= 0 && !strings.Contains(s[:i], "/") {
		return "", i18n.Errorf("%q is not a path on this site; give a path such as /archief/start/", raw)
	}
	for seg := range strings.SplitSeq(s, "/") {
		if seg == ".." {
			return "", i18n.Errorf("%q contains \"..\"; give the path from the site root", raw)
		}
	}
	folder := strings.HasSuffix(s, "/")
	s = path.Clean("/" + s)
	s = norm.NFC.String(s)
	if s != "/" && (folder || !hasExtension(s)) {
		s += "/"
	}
	return s, nil
}

// ReservedPrefix is the URL path the dev server keeps for itself (its
// reload script and its event stream): no page, alias or file of a site
// may lie under it, or the preview would hide it behind the server's own.
const ReservedPrefix = "/__ezine/"

// Reserved reports whether the clean URL path p is ReservedPrefix or lies
// under it, in any case (a host that folds case would serve it there).
func Reserved(p string) bool {
	dir := strings.TrimSuffix(ReservedPrefix, "/")
	return len(p) >= len(dir) && strings.EqualFold(p[:len(dir)], dir) && (len(p) == len(dir) || p[len(dir)] == '/')
}

// OutputFile maps a clean URL path to the file that serves it: "/a/b/" is
// "a/b/index.html", "/a/feed.xml" is "a/feed.xml".
func OutputFile(urlPath string) string {
	p := strings.TrimPrefix(urlPath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// hasExtension reports whether the last segment of p ends in a file
// extension of letters and digits (".html", ".xml"), which makes p a file
// rather than a folder.
func hasExtension(p string) bool {
	ext := strings.TrimPrefix(path.Ext(p), ".")
	if ext == "" || len(ext) > 10 {
		return false
	}
	for _, r := range ext {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
