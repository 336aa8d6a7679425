package facts

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/images"
	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

var now = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// countingFS counts the opens of each file, to see when a body is read
// (converted).
type countingFS struct {
	fstest.MapFS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.MapFS.Open(name)
}

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.MapFS.ReadFile(name)
}

func (c *countingFS) count(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opens[name]
}

func (c *countingFS) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.opens)
}

func newFS(files map[string]string) *countingFS {
	fsys := &countingFS{MapFS: fstest.MapFS{}, opens: map[string]int{}}
	for k, v := range files {
		fsys.MapFS[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

// model loads and models the site in fsys.
func model(t *testing.T, fsys fs.FS) *site.Site {
	t.Helper()
	tree, diags := content.Load(context.Background(), fsys, "content", content.Options{Taxonomies: ezine.Names()})
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	s, diags := site.Build(tree, site.Config{Vocabulary: ezine, FS: fsys, Now: now})
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	return s
}

var converter = markdown.New(markdown.Options{})

// ezine is the built-in theme's vocabulary, which the tests' sites use.
var ezine = testcorpus.Ezine()

// store makes the store of a new model of fsys, attached to it.
func store(t *testing.T, fsys fs.FS, cfg Config) (*Store, *site.Site) {
	t.Helper()
	s := model(t, fsys)
	cfg.FS, cfg.Markdown = fsys, converter
	st, problems := New(s, cfg)
	if len(problems.Errors()) > 0 {
		t.Fatal(problems)
	}
	s.SetFacts(st)
	return st, s
}

func TestConvertedOnceAndReleased(t *testing.T) {
	fsys := newFS(map[string]string{
		"content/a.md": "---\ntitle: A\n---\nEerste alinea met vijf woorden.\n\n## Kop\n",
	})
	st, s := store(t, fsys, Config{})
	p := s.GetPage("a.md")
	fsys.reset()
	if p.Summary() != "Eerste alinea met vijf woorden." || p.WordCount() != 6 || p.ReadingTime() != 1 || len(p.TOC()) != 1 {
		t.Errorf("facts: %q %d %d %v", p.Summary(), p.WordCount(), p.ReadingTime(), p.TOC())
	}
	html := p.Content()
	if n := fsys.count("content/a.md"); n != 1 {
		t.Errorf("the body was read %d times for its facts and HTML, want once", n)
	}
	if string(html) != st.HTML(p) || !strings.Contains(string(html), "<h2") {
		t.Errorf("Content %q, store's HTML %q", html, st.HTML(p))
	}
	st.Release(p)
	if p.Summary() == "" || p.WordCount() != 6 {
		t.Error("facts lost after Release")
	}
	if n := fsys.count("content/a.md"); n != 1 {
		t.Errorf("facts after Release read the body again (%d reads)", n)
	}
	if p.Content() != html {
		t.Error("HTML after Release differs")
	}
	if n := fsys.count("content/a.md"); n != 2 {
		t.Errorf("HTML after Release: %d reads of the body, want 2", n)
	}
}

func TestLeadAndSummary(t *testing.T) {
	fsys := newFS(map[string]string{
		"content/a.md": "---\ntitle: A\ndescription: De beschrijving.\n---\nDe eerste alinea.\n",
		"content/b.md": "---\ntitle: B\nsummary: De samenvatting.\n---\nDe eerste alinea.\n",
		"content/c.md": "---\ntitle: C\n---\nDe eerste alinea.\n",
	})
	st, s := store(t, fsys, Config{})
	for _, tt := range []struct{ page, summary, lead string }{
		{"a.md", "De eerste alinea.", "De beschrijving."},
		{"b.md", "De samenvatting.", "De samenvatting."},
		{"c.md", "De eerste alinea.", "De eerste alinea."},
	} {
		p := s.GetPage(tt.page)
		if st.Summary(p) != tt.summary || st.Lead(p) != tt.lead || p.Summary() != tt.summary || p.Lead() != tt.lead {
			t.Errorf("%s: summary %q, lead %q; want %q, %q", tt.page, st.Summary(p), st.Lead(p), tt.summary, tt.lead)
		}
	}
}

func TestProblemsAndLinksAtFileLines(t *testing.T) {
	fsys := newFS(map[string]string{
		"content/a.md":     "---\ntitle: A\n---\n\n## Kop\n\nZie [b](b.md).\n",
		"content/b.md":     "---\ntitle: B\n---\nB.\n",
		"content/kapot.md": "---\ntitle: Kapot\n---\n\nZie [weg](weg.md).\n",
	})
	st, s := store(t, fsys, Config{})
	k := s.GetPage("kapot.md")
	problems := st.Problems(k)
	if len(problems) != 1 || problems[0].Path != "content/kapot.md" || problems[0].Line != 5 || !strings.Contains(problems[0].Error(), "weg.md") {
		t.Fatalf("problems %v, want one at content/kapot.md:5 about weg.md", problems)
	}
	if st.HTML(k) != "" || len(st.Links(k)) != 0 {
		t.Error("a body with errors has HTML or links")
	}
	p := s.GetPage("a.md")
	if problems := st.Problems(p); problems != nil {
		t.Errorf("problems %v", problems)
	}
	links := st.Links(p)
	if len(links) != 1 || links[0].Dest != "/b/" || links[0].Line != 7 {
		t.Errorf("links %+v, want /b/ at line 7", links)
	}
	if h := st.Headings(p); len(h) != 1 || h[0].Line != 5 {
		t.Errorf("headings %+v, want one at line 5", h)
	}
}

func TestEmbedded(t *testing.T) {
	fsys := newFS(map[string]string{
		"content/_index.md":   "---\ntitle: Home\n---\n",
		"content/v/haven.md":  "---\ntitle: Haven\n---\n## Kop\n\nNaar [b](b.md).\n",
		"content/v/b.md":      "---\ntitle: B\n---\nB.\n",
		"content/v/kapot.md":  "---\ntitle: Kapot\n---\nNaar [weg](weg.md).\n",
		"content/v/_index.md": "---\ntitle: V\n---\n",
	})
	tree, _ := content.Load(context.Background(), fsys, "content", content.Options{Taxonomies: ezine.Names()})
	s, _ := site.Build(tree, site.Config{Vocabulary: ezine, FS: fsys, Now: now, BaseURL: "https://x.nl/"})
	st, _ := New(s, Config{FS: fsys, Markdown: converter})
	s.SetFacts(st)
	p := s.GetPage("v/haven.md")
	html := string(p.ContentEmbedded(1))
	if !strings.Contains(html, `<h3 id="v-haven-kop"`) || !strings.Contains(html, `href="https://x.nl/v/b/"`) {
		t.Errorf("embedded: %s", html)
	}
	if got := st.Embedded(s.GetPage("v/kapot.md"), 1); got != "" {
		t.Errorf("a body with errors embeds as %q, want nothing", got)
	}
}

func TestPlainTextOnlyForSearch(t *testing.T) {
	files := map[string]string{"content/a.md": "---\ntitle: A\n---\nWoorden om te zoeken.\n"}
	st, s := store(t, newFS(files), Config{TextLayout: "search"})
	if got := st.PlainText(s.GetPage("a.md")); got != "" {
		t.Errorf("without a search page the text is kept: %q", got)
	}
	files["content/zoeken.md"] = "---\ntitle: Zoeken\nlayout: search\n---\n"
	st, s = store(t, newFS(files), Config{TextLayout: "search"})
	if got := st.PlainText(s.GetPage("a.md")); !strings.Contains(got, "Woorden om te zoeken.") {
		t.Errorf("with a search page the text is %q", got)
	}
}

// TestStoresAreIndependent: a store changes nothing in the model, so two
// stores over one model each have their own facts, and Replace gives a
// page new facts without touching the model.
func TestStoresAreIndependent(t *testing.T) {
	fsys := newFS(map[string]string{"content/a.md": "---\ntitle: A\n---\nOud.\n"})
	s := model(t, fsys)
	p := s.GetPage("a.md")
	src := p.Source
	one, _ := New(s, Config{FS: fsys, Markdown: converter})
	if one.Summary(p) != "Oud." {
		t.Fatalf("summary %q", one.Summary(p))
	}
	fsys.MapFS["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nNieuw en langer.\n")}
	tree, _ := content.Load(context.Background(), fsys, "content", content.Options{Taxonomies: ezine.Names()})
	two, _ := New(s, Config{FS: fsys, Markdown: converter})
	two.Replace(p, tree.Pages[0])
	if got := two.Summary(p); got != "Nieuw en langer." {
		t.Errorf("replaced: %q", got)
	}
	if got := one.Summary(p); got != "Oud." {
		t.Errorf("the other store's facts changed: %q", got)
	}
	if p.Source != src || two.Source(p) != tree.Pages[0] || one.Source(p) != src {
		t.Error("Replace changed the model, or the store does not convert the new version")
	}
}

// TestCacheAcrossModels: a store over a new model of the same files takes
// the facts of unchanged files from the cache, unless a link target of
// the body resolves differently now.
func TestCacheAcrossModels(t *testing.T) {
	fsys := newFS(map[string]string{
		"content/a.md": "---\ntitle: A\n---\nNaar [b](b.md).\n",
		"content/b.md": "---\ntitle: B\n---\nB.\n",
		"content/c.md": "---\ntitle: C\n---\nC.\n",
	})
	cache := NewCache()
	st, s := store(t, fsys, Config{Cache: cache})
	tree := func(s *site.Site) map[string]*site.Page {
		return map[string]*site.Page{"a": s.GetPage("a.md"), "c": s.GetPage("c.md")}
	}
	for _, p := range tree(s) {
		st.Problems(p)
	}
	// The same loaded files in a new model: nothing is read again, and
	// HTML (not cached) is converted when asked.
	next, _ := site.Build(&content.Tree{Pages: []*content.Page{s.GetPage("a.md").Source, s.GetPage("b.md").Source, s.GetPage("c.md").Source}}, site.Config{Vocabulary: ezine, FS: fsys, Now: now})
	st2, _ := New(next, Config{FS: fsys, Markdown: converter, Cache: cache})
	fsys.reset()
	if l := st2.Links(next.GetPage("a.md")); len(l) != 1 || l[0].Dest != "/b/" {
		t.Errorf("links from the cache: %+v", l)
	}
	st2.Result(next.GetPage("c.md"))
	if n := fsys.count("content/a.md") + fsys.count("content/c.md"); n != 0 {
		t.Errorf("%d bodies read again", n)
	}
	if !strings.Contains(st2.HTML(next.GetPage("a.md")), `href="/b/"`) {
		t.Error("no HTML for a page taken from the cache")
	}
	if r := st2.Resolved(next.GetPage("a.md")); len(r) != 1 || r[0] != (Resolved{Dest: "b.md", URL: "/b/"}) {
		t.Errorf("resolved: %+v", r)
	}
	// b.md is gone from the next model: a.md's link no longer resolves the
	// same, so a.md is converted again and reports it.
	gone, _ := site.Build(&content.Tree{Pages: []*content.Page{s.GetPage("a.md").Source, s.GetPage("c.md").Source}}, site.Config{Vocabulary: ezine, FS: fsys, Now: now})
	st3, _ := New(gone, Config{FS: fsys, Markdown: converter, Cache: cache})
	fsys.reset()
	if problems := st3.Problems(gone.GetPage("a.md")); len(problems.Errors()) != 1 || fsys.count("content/a.md") != 1 {
		t.Errorf("after its link target went: problems %v, %d reads", problems, fsys.count("content/a.md"))
	}
	cache.Keep(map[string]*content.Page{"content/c.md": s.GetPage("c.md").Source})
	if _, ok := cache.Links(s.GetPage("a.md").Source); ok {
		t.Error("Keep kept a file that is not live")
	}
}

func pngFile(t *testing.T, w, h int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestImages(t *testing.T) {
	fsys := newFS(map[string]string{
		"content/reis/index.md":  "---\ntitle: Reis\nimage: /kaart.png\nimage_alt: Een kaart van de haven\n---\n![Een foto van de reis](foto.png)\n",
		"content/reis/foto.png":  pngFile(t, 1600, 900),
		"static/kaart.png":       pngFile(t, 500, 400),
		"static/kapot.png":       "geen png",
		"content/reis/kapot.jpg": "ook geen jpeg",
	})
	s := model(t, fsys)
	st, problems := New(s, Config{FS: fsys, Markdown: converter, Images: images.New(images.Config{})})
	s.SetFacts(st)
	var paths []string
	for _, e := range problems {
		paths = append(paths, e.Path)
		if e.Severity != diag.SevError {
			t.Errorf("not an error: %v", e)
		}
	}
	if strings.Join(paths, " ") != "content/reis/kapot.jpg static/kapot.png" {
		t.Errorf("problems %v, want one for each broken image", problems)
	}
	var got []string
	for _, img := range st.Images() {
		got = append(got, img.Path)
	}
	if strings.Join(got, " ") != "content/reis/foto.png static/kaart.png" {
		t.Errorf("images %v", got)
	}
	p := s.GetPage("reis/index.md")
	set := st.ImageSet(p, "foto.png")
	if set == nil || set.Width != 1600 || len(set.Candidates) == 0 || !strings.HasPrefix(set.Src, "/reis/foto-") {
		t.Fatalf("image set %+v", set)
	}
	if html := st.HTML(p); !strings.Contains(html, "srcset=") {
		t.Errorf("the body's image has no srcset: %s", html)
	}
	if li := p.Image(); li == nil || li.Width != 500 || li.Alt != "Een kaart van de haven" {
		t.Errorf("lead image %+v", li)
	}
	if st.ImageSet(p, "weg.png") != nil {
		t.Error("an image set for a file that is not there")
	}
}

func TestPagesWithoutFiles(t *testing.T) {
	st, s := store(t, newFS(map[string]string{"content/a.md": "---\ntitle: A\ntags: [x]\n---\nA.\n"}), Config{})
	for _, p := range []*site.Page{s.Taxonomy("tags").Page, s.Special(site.Kind404, "Weg", "/404.html"), nil} {
		if st.HTML(p) != "" || st.Result(p) == nil || st.Problems(p) != nil || st.Source(p) != nil {
			t.Errorf("%v: facts of a page without a file", p)
		}
		st.Release(p)
		st.Replace(p, nil)
	}
}
