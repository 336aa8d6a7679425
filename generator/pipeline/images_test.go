package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/themes"
)

// pngOf makes a PNG of w x h pixels with a pattern to resample.
func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y * 7), uint8((x / 10) * 30), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// imageSite is a site whose images come from a bundle and from static/:
// kranen.png (1700 px wide: copies at 480, 800, 1200 and 1600) as the
// lead image and in the text of the haven bundle; kaart.png (1000 px:
// copies at 480, 800 and its own 1000, never upscaled to 1200) in a
// figuur of the haven page and in the text of the zorg page; an SVG.
// The images are thin, so that resizing them is quick under -race.
func imageSite(t testing.TB) fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Omslag\n---\nWelkom.\n")},
		"content/verhalen/haven/index.md": {Data: []byte(`---
title: Haven
weight: 1
image: kranen.png
image_alt: Tekening van drie kranen aan de kade
---
Tekst.

![Drie kranen aan de kade](kranen.png)

![Kaart van de regio](kaart.svg)

::: figuur src="/illustraties/kaart.png" alt="Kaart van de haven met de kades"
Een kaart.
:::
`)},
		"content/verhalen/haven/kranen.png": {Data: pngOf(t, 1700, 40)},
		"content/verhalen/haven/kaart.svg":  {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200"><rect width="400" height="200"/></svg>`)},
		"content/verhalen/zorg.md": {Data: []byte(`---
title: Zorg
weight: 2
---
![Kaart van de haven met de kades](/illustraties/kaart.png)
`)},
		"static/illustraties/kaart.png": {Data: pngOf(t, 1000, 30)},
	}
}

// countingTarget counts how often each file is created.
type countingTarget struct {
	*output.Memory
	mu      sync.Mutex
	created map[string]int
}

func (c *countingTarget) Create(name string) (io.WriteCloser, error) {
	c.mu.Lock()
	c.created[name]++
	c.mu.Unlock()
	return c.Memory.Create(name)
}

// buildImages builds imageSite with the e-zine's theme and the given
// image cache, and returns the files and how often each was created.
func buildImages(t *testing.T, fsys fstest.MapFS, cache string) (map[string][]byte, map[string]int, Result) {
	t.Helper()
	target := &countingTarget{Memory: output.NewMemory(), created: map[string]int{}}
	res, diags := Run(context.Background(), fsys, target, Config{Now: testNow, ThemeFS: themes.Ezine(), ImageCache: cache})
	if diags.HasErrors() {
		t.Fatalf("build: %v", diags)
	}
	files := map[string][]byte{}
	for _, n := range target.Names() {
		files[n], _ = target.Get(n)
	}
	return files, target.created, res
}

func TestResponsiveImages(t *testing.T) {
	cache := t.TempDir()
	files, created, res := buildImages(t, imageSite(t), cache)

	want := map[string]int{ // copy -> its width
		"verhalen/haven/kranen-480w.png":  480,
		"verhalen/haven/kranen-800w.png":  800,
		"verhalen/haven/kranen-1200w.png": 1200,
		"verhalen/haven/kranen-1600w.png": 1600,
		"illustraties/kaart-480w.png":     480,
		"illustraties/kaart-800w.png":     800,
		"illustraties/kaart-1000w.png":    1000,
	}
	for name, w := range want {
		b, ok := files[name]
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
		if err != nil || format != "png" || cfg.Width != w {
			t.Errorf("%s: %s %dx%d (%v), want a PNG %d wide", name, format, cfg.Width, cfg.Height, err, w)
		}
		// Written once, though two pages show kaart.png.
		if created[name] != 1 {
			t.Errorf("%s was written %d times", name, created[name])
		}
	}
	for _, name := range []string{"illustraties/kaart-1200w.png", "illustraties/kaart-1600w.png", "verhalen/haven/kranen-1700w.png", "verhalen/haven/kaart-400w.svg"} {
		if _, ok := files[name]; ok {
			t.Errorf("%s was written: no copy is wider than its original, and SVG has no copies", name)
		}
	}
	for _, name := range []string{"verhalen/haven/kranen.png", "illustraties/kaart.png", "verhalen/haven/kaart.svg"} {
		if _, ok := files[name]; !ok {
			t.Errorf("the original %s is not published", name)
		}
	}

	haven := string(files["verhalen/haven/index.html"])
	imgs := regexp.MustCompile(`<img [^>]*>`).FindAllString(haven, -1)
	if len(imgs) != 4 {
		t.Fatalf("haven has %d images, want 4 (lead, text, svg, figuur):\n%s", len(imgs), strings.Join(imgs, "\n"))
	}
	kranenSet := "srcset=\"/verhalen/haven/kranen-480w.png 480w, /verhalen/haven/kranen-800w.png 800w, /verhalen/haven/kranen-1200w.png 1200w, /verhalen/haven/kranen-1600w.png 1600w\""
	kaartSet := "srcset=\"/illustraties/kaart-480w.png 480w, /illustraties/kaart-800w.png 800w, /illustraties/kaart-1000w.png 1000w\""
	checks := []struct {
		img       string
		has, lack []string
	}{
		{imgs[0], // the lead image: loaded at once
			[]string{"src=/verhalen/haven/kranen-1200w.png", kranenSet, "width=1700", "height=40", "fetchpriority=high", "sizes="},
			[]string{"loading=", "decoding="}},
		{imgs[1],
			[]string{"src=/verhalen/haven/kranen-1200w.png", kranenSet, "width=1700", "height=40", "loading=lazy", "decoding=async", "sizes="},
			[]string{"fetchpriority"}},
		{imgs[2], // SVG: its viewBox size, no copies
			[]string{"src=/verhalen/haven/kaart.svg", "width=400", "height=200", "loading=lazy"},
			[]string{"srcset", "sizes"}},
		{imgs[3], // the figuur: the static image
			[]string{"src=/illustraties/kaart-1000w.png", kaartSet, "width=1000", "height=30", "loading=lazy", "decoding=async"},
			nil},
	}
	for _, c := range checks {
		for _, s := range c.has {
			if !strings.Contains(c.img, s) {
				t.Errorf("%s\nlacks %s", c.img, s)
			}
		}
		for _, s := range c.lack {
			if strings.Contains(c.img, s) {
				t.Errorf("%s\nhas %s", c.img, s)
			}
		}
	}
	if zorg := string(files["verhalen/zorg/index.html"]); !strings.Contains(zorg, kaartSet) {
		t.Errorf("zorg shows kaart.png without its copies:\n%s", zorg)
	}
	cold := res.Images.Stats()
	if cold.Resized != 7 || cold.CacheHits != 0 || cold.Decoded != 2 {
		t.Errorf("first build: %+v, want 7 copies made from 2 decodes (one per image)", cold)
	}

	// Again with the same cache: nothing is resized, the bytes are equal.
	again, _, res2 := buildImages(t, imageSite(t), cache)
	if s := res2.Images.Stats(); s.Resized != 0 || s.CacheHits != 7 || s.Decoded != 0 {
		t.Errorf("second build: %+v, want all 7 copies from the cache, nothing decoded", s)
	}
	// And without any cache: the same bytes too.
	nocache, _, _ := buildImages(t, imageSite(t), "")
	for name, b := range files {
		if !bytes.Equal(again[name], b) || !bytes.Equal(nocache[name], b) {
			t.Errorf("%s differs between builds (cached, uncached)", name)
		}
	}
}

// TestImageBuildsConcurrently runs builds that share one image cache at
// the same time, as two terminals or CI jobs might: all give the same
// files.
func TestImageBuildsConcurrently(t *testing.T) {
	cache := t.TempDir()
	fsys := imageSite(t)
	results := make([]map[string][]byte, 3)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			mem := output.NewMemory()
			_, diags := Run(context.Background(), fsys, mem, Config{Now: testNow, ThemeFS: themes.Ezine(), ImageCache: cache})
			if diags.HasErrors() {
				t.Errorf("build %d: %v", i, diags)
				return
			}
			results[i] = map[string][]byte{}
			for _, n := range mem.Names() {
				results[i][n], _ = mem.Get(n)
			}
		})
	}
	wg.Wait()
	for i := 1; i < len(results); i++ {
		for name, b := range results[0] {
			if !bytes.Equal(results[i][name], b) {
				t.Errorf("build %d: %s differs", i, name)
			}
		}
	}
}

func TestImageErrors(t *testing.T) {
	page := func(front, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: A\n" + front + "---\n" + body)}
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string // each a problem, "path:line: text"
	}{
		{"missing image in the text", fstest.MapFS{
			"content/a.md": page("", "Tekst.\n\n![Tekening van een kraan](kraan.png)\n"),
		}, []string{`content/a.md:6: image "kraan.png": no file content/kraan.png`}},
		{"missing lead image", fstest.MapFS{
			"content/a.md": page("description: x\nimage: kraan.png\nimage_alt: Tekening van een kraan\n", ""),
		}, []string{`content/a.md:4: image "kraan.png": no file content/kraan.png`}},
		{"missing static lead image", fstest.MapFS{
			"content/a.md": page("image: /illustraties/kraan.png\nimage_alt: Tekening van een kraan\n", ""),
		}, []string{`content/a.md:3: image "/illustraties/kraan.png": no file static/illustraties/kraan.png or content/illustraties/kraan.png`}},
		{"lead image without alt", fstest.MapFS{
			"content/a.md":      page("weight: 1\nimage: kraan.png\n", ""),
			"content/kraan.png": {Data: pngOf(t, 10, 10)},
		}, []string{`content/a.md:4: image "kraan.png": image_alt is empty`}},
		{"lead image with a meaningless alt", fstest.MapFS{
			"content/a.md":         page("image: /img/kraan.png\nimage_alt: foto\n", ""),
			"static/img/kraan.png": {Data: pngOf(t, 10, 10)},
		}, []string{`content/a.md:3: image "/img/kraan.png": image_alt does not say what the image shows`}},
		{"lead image on another site", fstest.MapFS{
			"content/a.md": page("image: https://example.org/kraan.png\nimage_alt: Tekening van een kraan\n", ""),
		}, []string{`content/a.md:3: image "https://example.org/kraan.png": is on another site`}},
		{"an image that is not what its name says", fstest.MapFS{
			"content/a.md":         page("", "Tekst.\n"),
			"static/img/kapot.png": {Data: []byte("dit is geen plaatje")},
		}, []string{`static/img/kapot.png: cannot read the image`}},
		{"a copy's name taken by another file", fstest.MapFS{
			"content/a.md":              page("", "Tekst.\n"),
			"static/img/kraan.png":      {Data: pngOf(t, 600, 10)},
			"static/img/kraan-480w.png": {Data: pngOf(t, 10, 10)},
		}, []string{`static/img/kraan-480w.png: writes img/kraan-480w.png, which static/img/kraan.png also writes`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, diags := buildFS(t, tt.fsys, Config{})
			var got []string
			for _, e := range diags.Errors() {
				got = append(got, e.Error())
			}
			for _, w := range tt.want {
				if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
					t.Errorf("no problem %q in\n%s", w, strings.Join(got, "\n"))
				}
			}
			if len(got) == 0 {
				t.Error("the build succeeded")
			}
		})
	}
}

// TestImageAltWithoutImage: image_alt alone is a warning at its line.
func TestImageAltWithoutImage(t *testing.T) {
	fsys := fstest.MapFS{"content/a.md": {Data: []byte("---\ntitle: A\nimage_alt: Tekening van een kraan\n---\nTekst.\n")}}
	_, _, diags := buildFS(t, fsys, Config{})
	if diags.HasErrors() || len(diags.Warnings()) != 1 || !strings.HasPrefix(diags.Warnings()[0].Error(), "content/a.md:3: warning: image_alt without image") {
		t.Errorf("problems %v", fmt.Sprint(diags))
	}
}

// TestUnusedImagesNotPublished: an image of the content folder that no
// published page shows (an outtake beside the article, a draft's photo) is
// not published, neither the original nor its resized copies; the static
// folder's images are published as they are, used or not.
func TestUnusedImagesNotPublished(t *testing.T) {
	fsys := fstest.MapFS{
		"content/verhalen/haven/index.md":   {Data: []byte("---\ntitle: Haven\n---\n![Drie kranen aan de kade](kranen.png)\n")},
		"content/verhalen/haven/kranen.png": {Data: pngOf(t, 500, 10)},
		"content/verhalen/haven/uitval.png": {Data: pngOf(t, 500, 10)},
		"content/concept/index.md":          {Data: []byte("---\ntitle: Concept\ndraft: true\n---\n![Een foto van de kade](foto.png)\n")},
		"content/concept/foto.png":          {Data: pngOf(t, 500, 10)},
		"static/illustraties/reserve.png":   {Data: pngOf(t, 500, 10)},
	}
	files, created, _ := buildImages(t, fsys, "")
	for _, name := range []string{"verhalen/haven/uitval.png", "verhalen/haven/uitval-480w.png", "concept/foto.png", "concept/foto-480w.png"} {
		if _, ok := files[name]; ok || created[name] > 0 {
			t.Errorf("%s published", name)
		}
	}
	for _, name := range []string{"verhalen/haven/kranen.png", "verhalen/haven/kranen-480w.png", "illustraties/reserve.png", "illustraties/reserve-480w.png"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s not published", name)
		}
	}
}

// A file the static folder leaves out (hidden, in a hidden folder, an
// editor's backup) is left out with all its resized copies; the renderer
// and the site model read one list of static files.
func TestIgnoredStaticImagesNotPublished(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":            {Data: []byte("---\ntitle: Voorpagina\n---\nTekst.\n")},
		"static/.verborgen/foto.png":   {Data: pngOf(t, 500, 10)},
		"static/beeld/.schets.png":     {Data: pngOf(t, 500, 10)},
		"static/beeld/kade.png.bak":    {Data: pngOf(t, 500, 10)},
		"static/beeld/kade.png":        {Data: pngOf(t, 500, 10)},
		"static/Thumbs.db":             {Data: []byte("x")},
		"static/beeld/.git/config.png": {Data: pngOf(t, 500, 10)},
	}
	files, created, _ := buildImages(t, fsys, "")
	for name := range files {
		if strings.Contains(name, "verborgen") || strings.Contains(name, "schets") || strings.Contains(name, ".bak") || strings.Contains(name, ".git") || strings.Contains(name, "Thumbs") {
			t.Errorf("%s published", name)
		}
	}
	for name := range created {
		if strings.Contains(name, "verborgen") || strings.Contains(name, "schets") {
			t.Errorf("%s created", name)
		}
	}
	for _, name := range []string{"beeld/kade.png", "beeld/kade-480w.png"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s not published", name)
		}
	}
}
