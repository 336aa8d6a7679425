package site

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
)

var now = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// ezine is the built-in theme's vocabulary, which the tests' sites use.
var ezine = testcorpus.Ezine()

func build(t *testing.T, files map[string]string, cfg Config) (*Site, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	if cfg.Vocabulary.Taxonomies == nil {
		cfg.Vocabulary = ezine
	}
	tree, diags := content.Load(context.Background(), fsys, "content", content.Options{Taxonomies: cfg.Vocabulary.Names()})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cfg.FS, cfg.Now = fsys, now
	return Build(tree, cfg)
}

func urls(pages []*Page) string {
	var s []string
	for _, p := range pages {
		s = append(s, p.URL)
	}
	return strings.Join(s, " ")
}

func TestOrder(t *testing.T) {
	s, diags := build(t, map[string]string{
		"content/s/a.md": "---\ntitle: A\nweight: 2\n---\n",
		"content/s/b.md": "---\ntitle: B\nweight: 1\n---\n",
		"content/s/c.md": "---\ntitle: C\ndate: 2020-01-01\n---\n",
		"content/s/d.md": "---\ntitle: D\ndate: 2021-01-01\n---\n",
		"content/s/e.md": "---\ntitle: E\ndate: 2021-01-01\n---\n",
		"content/s/f.md": "---\ntitle: F\nweight: 1\n---\n",
	}, Config{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	// weight (0 last), then newest first, then title
	if got, want := urls(s.Pages), "/s/b/ /s/f/ /s/a/ /s/d/ /s/e/ /s/c/"; got != want {
		t.Errorf("order %s, want %s", got, want)
	}
	if got := urls(s.Edition); got != "/s/b/ /s/f/ /s/a/" {
		t.Errorf("edition %s", got)
	}
	if s.Pages[0].Next != s.Pages[1] || s.Pages[1].Prev != s.Pages[0] || s.Pages[2].Next != nil || s.Pages[3].Prev != nil {
		t.Error("prev/next do not follow the edition")
	}
	if s.Pages[3].PrevInSection != s.Pages[2] || s.Pages[3].NextInSection != s.Pages[4] {
		t.Error("prev/next in section")
	}
}

func TestURLs(t *testing.T) {
	s, diags := build(t, map[string]string{
		"content/_index.md":                   "---\ntitle: Thuis\n---\n",
		"content/Mijn Sectie/_index.md":       "---\ntitle: Sectie\n---\n",
		"content/Mijn Sectie/Een Pagina.md":   "---\ntitle: P\n---\n",
		"content/Mijn Sectie/sub/diep.md":     "---\ntitle: Diep\n---\n",
		"content/Mijn Sectie/bundel/index.md": "---\ntitle: Bundel\n---\n",
		"content/Mijn Sectie/bundel/a b.png":  "x",
		"content/los.md":                      "---\ntitle: Los\nslug: anders\n---\n",
		"content/vast.md":                     "---\ntitle: Vast\nurl: /ergens/anders/\n---\n",
		"content/bestand.pdf":                 "x",
	}, Config{BaseURL: "https://example.org"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for ref, want := range map[string]string{
		"_index.md":                   "/",
		"Mijn Sectie/_index.md":       "/mijn-sectie/",
		"Mijn Sectie/Een Pagina.md":   "/mijn-sectie/een-pagina/",
		"Mijn Sectie/sub/diep.md":     "/mijn-sectie/sub/diep/",
		"Mijn Sectie/bundel/index.md": "/mijn-sectie/bundel/",
		"los.md":                      "/anders/",
		"vast.md":                     "/ergens/anders/",
	} {
		p := s.GetPage(ref)
		if p == nil || p.URL != want {
			t.Errorf("%s: %v, want %s", ref, p, want)
		}
	}
	if p := s.GetPage("/mijn-sectie/een-pagina/"); p == nil || p.Permalink != "https://example.org/mijn-sectie/een-pagina/" {
		t.Errorf("permalink %v", p)
	}
	var res []string
	for _, r := range s.Resources {
		res = append(res, r.URL+"="+r.Output)
	}
	if got := strings.Join(res, " "); got != "/mijn-sectie/bundel/a%20b.png=mijn-sectie/bundel/a b.png /bestand.pdf=bestand.pdf" {
		t.Errorf("resources %s", got)
	}
	if d := s.GetPage("Mijn Sectie/sub/diep.md"); d.Parent.URL != "/mijn-sectie/" || d.Section != "Mijn Sectie" {
		t.Errorf("parent %s section %q", d.Parent.URL, d.Section)
	}
}

func TestTaxonomiesAndRelated(t *testing.T) {
	s, _ := build(t, map[string]string{
		"content/a.md": "---\ntitle: A\ndeelakkoord: [Zorg, haven]\nthema: statushouders\n---\n",
		"content/b.md": "---\ntitle: B\ndeelakkoord: zorg\nthema: statushouders\n---\n",
		"content/c.md": "---\ntitle: C\ndeelakkoord: haven\n---\n",
		"content/d.md": "---\ntitle: D\n---\n",
	}, Config{})
	tax := s.Taxonomy("deelakkoord")
	var terms []string
	for _, term := range tax.Terms {
		terms = append(terms, term.Title+"="+urls(term.Pages))
	}
	if got := strings.Join(terms, "; "); got != "Haven=/a/ /c/; Zorg=/a/ /b/" {
		t.Errorf("terms %s", got)
	}
	a := s.GetPage("a.md")
	if got := urls(a.Related(5)); got != "/b/ /c/" {
		t.Errorf("related %s", got)
	}
	if got := urls(a.Terms("thema")); got != "/thema/statushouders/" {
		t.Errorf("terms of a: %s", got)
	}
}

func TestPublishing(t *testing.T) {
	files := map[string]string{
		"content/draft.md":   "---\ntitle: D\ndraft: true\n---\n",
		"content/future.md":  "---\ntitle: F\npublishDate: 2030-01-01\n---\n",
		"content/future2.md": "---\ntitle: F2\ndate: 2030-01-01\n---\n",
		"content/expired.md": "---\ntitle: E\nexpiryDate: 2023-01-01\n---\n",
		"content/ok.md":      "---\ntitle: OK\nexpiryDate: 2030-01-01\n---\n",
	}
	s, _ := build(t, files, Config{})
	if got := urls(s.Pages); got != "/ok/" {
		t.Errorf("plain build publishes %s", got)
	}
	if len(s.Unpublished) != 4 {
		t.Errorf("unpublished %d", len(s.Unpublished))
	}
	s, _ = build(t, files, Config{Drafts: true})
	if got := urls(s.Pages); got != "/future/ /future2/ /draft/ /ok/" {
		t.Errorf("drafts build publishes %s", got)
	}
	if !s.GetPage("draft.md").IsDraft() || !s.GetPage("future.md").IsFuture() {
		t.Error("status not set")
	}
}

func TestSpecialPage(t *testing.T) {
	s, _ := build(t, map[string]string{"content/a.md": "---\ntitle: A\n---\n"}, Config{BaseURL: "https://x.nl/"})
	p := s.Special(Kind404, "Niet gevonden", "/404.html")
	if p.Permalink != "https://x.nl/404.html" || p.Site() != s {
		t.Errorf("%+v", p)
	}
}
