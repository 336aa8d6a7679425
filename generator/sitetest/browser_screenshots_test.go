package sitetest

import (
	"bytes"
	"cmp"
	"image"
	"image/color"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// screenshotWidths are the phone and laptop widths of the screenshots.
var screenshotWidths = []viewport{{Name: "390", Width: 390, Height: 844}, {Name: "1280", Width: 1280, Height: 800}}

// TestScreenshots writes full-page PNG screenshots of the cover and of one
// page of each type (see pageKinds) at phone and laptop width into the
// folder EZINE_SCREENSHOTS, and the cover in dark mode at phone width:
//
//	EZINE_SCREENSHOTS=docs/schermafbeeldingen go test -run TestScreenshots .
//
// docs/schermafbeeldingen/ holds them in the repository, so that anyone can
// see the site without building it. It does nothing without the variable.
// EZINE_SCREENSHOT_PAGES takes other pages instead
// ("index.html,verhalen/haven/index.html"). The PNGs are written again
// with the best compression, to keep the folder small.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("EZINE_SCREENSHOTS")
	if out == "" {
		t.Skip("set EZINE_SCREENSHOTS=DIR to write screenshots of the built site")
	}
	out = fromRoot(out)
	chromiumPath(t)
	site := buildRepoSite(t)
	srv := serveSite(t, site)
	browser := startBrowser(t)
	shots := pageKinds(t, site)
	if only := os.Getenv("EZINE_SCREENSHOT_PAGES"); only != "" {
		shots = map[string]string{}
		for _, rel := range strings.Split(only, ",") {
			shots[strings.NewReplacer("/index.html", "", "/", "_", ".html", "").Replace(rel)] = rel
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	tb, err := newTab(browser, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer tb.cancel()
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range shots {
			if !yield(k) {
				return
			}
		}
	}) {
		rel := shots[name]
		for _, vp := range screenshotWidths {
			// The print edition holds every article: its first screen only.
			shoot(t, tb, srv.URL+URLPath(rel), vp, false, name != "editie", filepath.Join(out, name+"@"+vp.Name+".png"))
		}
	}
	shoot(t, tb, srv.URL+"/", screenshotWidths[0], true, true, filepath.Join(out, "omslag@390-donker.png"))
}

// shoot writes one screenshot, of the full page or its first screen, with
// at most 256 colours (see paletted).
func shoot(t *testing.T, tb *tab, u string, vp viewport, dark, full bool, file string) {
	t.Helper()
	ctx, done, err := tb.open(u, vp)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	err = chromedp.Do(ctx, setColorScheme(dark))
	var shot []byte
	if err == nil && full {
		shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	} else if err == nil {
		shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	}
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, paletted(img)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// paletted returns img with its 256 most frequent colours, every pixel
// the nearest of them: a page has few colours (paper, ink, accent and the
// shades of their anti-aliased edges), so this looks the same and makes
// the PNG about a third of the size.
func paletted(img image.Image) *image.Paletted {
	b := img.Bounds()
	count := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			count[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colors := slices.SortedFunc(maps.Keys(count), func(a, b color.RGBA) int {
		if d := count[b] - count[a]; d != 0 {
			return d
		}
		return cmp.Compare(uint32(a.R)<<24|uint32(a.G)<<16|uint32(a.B)<<8|uint32(a.A), uint32(b.R)<<24|uint32(b.G)<<16|uint32(b.B)<<8|uint32(b.A))
	})
	pal := make(color.Palette, 0, 256)
	for _, c := range colors[:min(256, len(colors))] {
		pal = append(pal, c)
	}
	out := image.NewPaletted(b, pal)
	index := map[color.RGBA]uint8{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := index[c]
			if !ok {
				i = uint8(pal.Index(c))
				index[c] = i
			}
			out.Pix[out.PixOffset(x, y)] = i
		}
	}
	return out
}

// pageKinds picks the first built page of each type, by the names the
// screenshots get: the cover (omslag), each article type (verhaal,
// interview, archief, ...: the article's soort- class), the print edition
// (editie), the search page (zoeken), chapter and term lists, and 404.
func pageKinds(t *testing.T, site *builtSite) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, rel := range site.Pages {
		doc := parsePage(t, site, rel)
		if isRedirect(doc) {
			continue
		}
		kind := ""
		walk(doc, func(n *html.Node) {
			class, _ := attr(n, "class")
			switch {
			case n.DataAtom == atom.Body:
				kind = map[string]string{"soort-home": "omslag", "soort-section": "hoofdstuk", "soort-taxonomy": "onderwerpen",
					"soort-term": "onderwerp", "soort-404": "404", "soort-page": "pagina"}[class]
			case kind == "pagina" && n.DataAtom == atom.Article && hasClass(n, "artikel"):
				for _, c := range strings.Fields(class) {
					if s, ok := strings.CutPrefix(c, "soort-"); ok && s != "page" {
						kind = s
					}
				}

			case kind == "pagina" && hasClass(n, "editie"):
				kind = "editie"
			case kind == "pagina" && n.DataAtom == atom.Form && hasClass(n.Parent, "zoeken-app"):
				kind = "zoeken"
			}
		})
		if kind != "" && out[kind] == "" {
			out[kind] = rel
		}
	}
	return out
}
