package blocks

import (
	"strings"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// TestFiguurImageSet: a figuur whose src the page resizes gets srcset,
// sizes, width and height, lazily loaded.
func TestFiguurImageSet(t *testing.T) {
	image := func(dest string) (*markdown.ImageSet, error) {
		if dest != "kranen.png" {
			return nil, nil
		}
		return &markdown.ImageSet{Src: "/interviews/kranen-800w.png", Width: 1000, Height: 500,
			Candidates: []markdown.ImageCandidate{{URL: "/interviews/kranen-480w.png", Width: 480}, {URL: "/interviews/kranen-800w.png", Width: 800}, {URL: "/interviews/kranen-1000w.png", Width: 1000}}}, nil
	}
	src := "::: figuur src=\"kranen.png\" alt=\"Drie kranen & een schip\" credit=\"Illustratie: redactie\"\nDe kade.\n:::\n"
	res, problems := converter.Convert(markdown.Input{Source: []byte(src), Resolve: resolveForTest, Image: image})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	want := `<img src="/interviews/kranen-800w.png" alt="Drie kranen &amp; een schip" srcset="/interviews/kranen-480w.png 480w, /interviews/kranen-800w.png 800w, /interviews/kranen-1000w.png 1000w" sizes="` +
		markdown.ProseSizes + `" width="1000" height="500" loading="lazy" decoding="async">`
	if !strings.Contains(string(res.HTML), want) {
		t.Errorf("got\n%s\nwant\n%s", res.HTML, want)
	}
	// Without a set: as before.
	res, _ = converter.Convert(markdown.Input{Source: []byte(strings.Replace(src, "kranen.png", "kaart.gif", 1)), Resolve: resolveForTest, Image: image})
	if !strings.Contains(string(res.HTML), `<img src="/interviews/kaart.gif" alt="Drie kranen &amp; een schip" loading="lazy" decoding="async">`) {
		t.Errorf("without a set:\n%s", res.HTML)
	}
}
