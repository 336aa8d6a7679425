package markdown

import "testing"

func TestSplitTarget(t *testing.T) {
	for _, c := range []struct {
		dest, p, query, frag string
		ok                   bool
	}{
		{"plan%20b.md?x=1#kop", "plan b.md", "x=1", "kop", true},
		{"#kop", "", "", "kop", true},
		{"?x", "", "x", "", true},
		{"/verhalen/haven/", "/verhalen/haven/", "", "", true},
		{"a.md#k%C3%A9", "a.md", "", "k%C3%A9", true}, // the fragment as written
		{"a%2.md", "", "", "", false},
		{"a.md#x?y", "a.md", "", "x?y", true},
	} {
		p, q, f, ok := SplitTarget(c.dest)
		if p != c.p || q != c.query || f != c.frag || ok != c.ok {
			t.Errorf("SplitTarget(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", c.dest, p, q, f, ok, c.p, c.query, c.frag, c.ok)
		}
	}
}
