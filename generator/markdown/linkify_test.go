package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var linkifySeeds = []string{
	"Zie https://www.rotterdam.nl/werken en www.lwa.nl.",
	"Mail naar info@lerenwerken.nl of bel.",
	"(http://example.org/a_(b)) *www.x.nl* _mail@a.b_ ~ftp://f.nl~",
	"geen links hier, alleen: een dubbele punt en @iemand",
	"| a | https://b.nl |\n|---|---|\n| c@d.nl | www.e.nl |\n",
	"regel een\nwww.twee.nl\n  drie@vier.nl\n",
	"https://a.nl/?q=1&amp;x;. en https:// leeg",
	"`www.code.nl` [tekst](https://x.nl) <https://y.nl>",
	"e-mail: a.b-c@d-e.nl. www.f.nl/g#h",
	"xhttp://geen.nl wwwx.nl a@b",
}

// TestLinkifyGate checks that the gate in front of linkify changes no
// output: every seed converts as with goldmark's Linkify alone.
func TestLinkifyGate(t *testing.T) {
	for _, s := range linkifySeeds {
		if got, want := linkified(t, gatedLinkify{}, s), linkified(t, extension.Linkify, s); got != want {
			t.Errorf("%q:\ngated %s\nplain %s", s, got, want)
		}
	}
}

func FuzzLinkifyGate(f *testing.F) {
	for _, s := range linkifySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := linkified(t, gatedLinkify{}, s), linkified(t, extension.Linkify, s); got != want {
			t.Errorf("%q:\ngated %s\nplain %s", s, got, want)
		}
	})
}

func linkified(t *testing.T, ext goldmark.Extender, s string) string {
	t.Helper()
	var b bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(ext, extension.Table, extension.Strikethrough))
	if err := md.Convert([]byte(s), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
