package site

import (
	"net/url"
	"strings"
	"testing"
)

// TestEscapeURL checks the fast path for plain URLs against escaping
// every segment.
func TestEscapeURL(t *testing.T) {
	for _, p := range []string{
		"/", "/verhalen/zorg-en-welzijn/", "/a.b_c~d/", "/zoek/", "/interviews/één/", "/a b/", "/a?b/", "/a%20b/",
		"/a;b,c/", "/a+b/", "/a:b@c/", "/ü/", "",
	} {
		segs := strings.Split(p, "/")
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		if got, want := escapeURL(p), strings.Join(segs, "/"); got != want {
			t.Errorf("escapeURL(%q) = %q, want %q", p, got, want)
		}
	}
}
