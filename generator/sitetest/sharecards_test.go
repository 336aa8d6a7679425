package sitetest

import (
	"bytes"
	"errors"
	"image/png"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

const cardBase = "https://ezine.example.nl/"

// copySite copies the repo's site (content, static, themes) to a
// temporary folder, so that a build there starts with an empty cache.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	// The image cache too, when there is one: resizing the illustrations
	// is not what these tests are about.
	repo := os.DirFS(root)
	for _, dir := range []string{"content", "static", "themes", ".cache/images"} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == ".cache/images" && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				return err
			}
			target := filepath.Join(dst, p)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			b, err := fs.ReadFile(repo, p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// readTree returns every file under dir by its slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// metas returns the page's <meta property|name=... content=...> values.
func metas(t *testing.T, page []byte) map[string]string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	walk(doc, func(n *html.Node) {
		if n.DataAtom != atom.Meta {
			return
		}
		key, ok := attr(n, "property")
		if !ok {
			key, _ = attr(n, "name")
		}
		if v, ok := attr(n, "content"); ok && key != "" {
			out[key] = v
		}
	})
	return out
}

// TestShareCards builds the e-zine with a base URL: every page's head has
// an og:image whose file exists and has the size the head gives (a share
// card: 1200x630 PNG, alt its title, a large Twitter card), a page with a
// lead image keeps it and gets no card, and a second build (warm cache)
// and a third (cache deleted) write the same bytes as the first.
func TestShareCards(t *testing.T) {
	src := copySite(t)
	var trees []map[string][]byte
	for i := range 3 {
		if i == 2 {
			if err := os.RemoveAll(filepath.Join(src, ".cache", "cards")); err != nil {
				t.Fatal(err)
			}
		}
		dest := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := runCLI(t, "build", "-source", src, "-destination", dest, "-baseURL", cardBase); code != exitOK {
			t.Fatal(stderr)
		}
		trees = append(trees, readTree(t, dest))
	}
	files := trees[0]
	cards := 0
	for name, page := range files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		m := metas(t, page)
		if m["robots"] == "noindex" {
			continue // a redirect from an alias
		}
		img := m["og:image"]
		rel, ok := strings.CutPrefix(img, cardBase)
		rel, err := url.PathUnescape(rel)
		if !ok || err != nil {
			t.Errorf("%s: og:image %q is not an absolute URL of the site", name, img)
			continue
		}
		b := files[rel]
		if b == nil {
			t.Errorf("%s: og:image %s: no such file", name, rel)
			continue
		}
		if m["twitter:card"] != "summary_large_image" || m["og:image:alt"] == "" {
			t.Errorf("%s: twitter:card %q, og:image:alt %q", name, m["twitter:card"], m["og:image:alt"])
		}
		if !strings.HasSuffix(rel, "deelkaart.png") {
			continue // a lead image: its size is tested with the images
		}
		cards++
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: card %s: %v, %dx%d", name, rel, err, cfg.Width, cfg.Height)
		}
		if m["og:image:width"] != "1200" || m["og:image:height"] != "630" || m["og:image:alt"] != m["og:title"] {
			t.Errorf("%s: card size %sx%s, alt %q (title %q)", name, m["og:image:width"], m["og:image:height"], m["og:image:alt"], m["og:title"])
		}
	}
	if cards < 100 {
		t.Errorf("%d pages with a share card; the e-zine has over 100 without a lead image", cards)
	}
	// A lead image wins.
	haven := metas(t, files["verhalen/haven/index.html"])
	if !strings.Contains(haven["og:image"], "/illustraties/haven") || files["verhalen/haven/deelkaart.png"] != nil {
		t.Errorf("verhalen/haven: og:image %q; card written: %v", haven["og:image"], files["verhalen/haven/deelkaart.png"] != nil)
	}
	for i, tree := range trees[1:] {
		if len(tree) != len(files) {
			t.Errorf("build %d: %d files, first build %d", i+2, len(tree), len(files))
		}
		for name, b := range files {
			if !bytes.Equal(tree[name], b) {
				t.Errorf("build %d: %s differs from the first build", i+2, name)
			}
		}
	}
}

// TestShareCardsWithoutBaseURL: without a base URL the heads have no
// og:image (it must be absolute) and no large Twitter card, but the cards
// are written all the same, so that the set of files does not depend on
// where the site will be served.
func TestShareCardsWithoutBaseURL(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "-source", root, "-destination", dest); code != exitOK {
		t.Fatal(stderr)
	}
	page, err := os.ReadFile(filepath.Join(dest, "interviews", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := metas(t, page)
	if _, ok := m["og:image"]; ok || m["twitter:card"] != "summary" {
		t.Errorf("og:image %q, twitter:card %q", m["og:image"], m["twitter:card"])
	}
	// Without a base URL no page can show a card: none is drawn.
	if _, err := os.Stat(filepath.Join(dest, "interviews", "deelkaart.png")); !os.IsNotExist(err) {
		t.Errorf("a share card was written without a base URL (%v)", err)
	}
}
