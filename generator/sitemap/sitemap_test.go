package sitemap

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

func TestSitemapAndRobots(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":       {Data: []byte("---\ntitle: A\nlastmod: 2026-11-24\n---\n")},
		"content/s/b.md":     {Data: []byte("---\ntitle: B\ndate: 2019-02-05\n---\n")},
		"content/s/c & d.md": {Data: []byte("---\ntitle: C\ndraft: true\n---\n")},
	}
	tree, _ := content.Load(context.Background(), fsys, "content", content.Options{})
	s, _ := site.Build(tree, site.Config{BaseURL: "https://x.nl", FS: fsys, Now: time.Now()})
	b, err := Sitemap(s)
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range set.URLs {
		got[u.Loc] = u.Lastmod
	}
	if len(got) != len(s.All()) {
		t.Errorf("%d URLs for %d pages", len(got), len(s.All()))
	}
	for loc, want := range map[string]string{"https://x.nl/": "2026-11-24", "https://x.nl/a/": "2026-11-24", "https://x.nl/s/b/": "2019-02-05", "https://x.nl/s/": "2019-02-05"} {
		if lm, ok := got[loc]; !ok || lm != want {
			t.Errorf("%s: lastmod %q (listed %v), want %s", loc, lm, ok, want)
		}
	}
	if _, ok := got["https://x.nl/s/c-d/"]; ok {
		t.Error("draft listed")
	}
	if r := string(Robots(s)); !strings.Contains(r, "Sitemap: https://x.nl/sitemap.xml\n") {
		t.Errorf("robots: %q", r)
	}
}

// TestRobotsSitemapLine: robots.txt names the sitemap only by an absolute
// URL, as the sitemaps protocol (sitemaps.org) requires; a
// site built without a base URL has no Sitemap line rather than a relative
// one that crawlers reject.
func TestRobotsSitemapLine(t *testing.T) {
	fsys := fstest.MapFS{"content/a.md": {Data: []byte("---\ntitle: A\n---\n")}}
	tree, _ := content.Load(context.Background(), fsys, "content", content.Options{})
	for _, tt := range []struct{ base, want string }{
		{"https://x.nl/ezine/", "User-agent: *\nAllow: /\n\nSitemap: https://x.nl/ezine/sitemap.xml\n"},
		{"http://localhost:8080", "User-agent: *\nAllow: /\n\nSitemap: http://localhost:8080/sitemap.xml\n"},
		{"", "User-agent: *\nAllow: /\n"},
	} {
		s, _ := site.Build(tree, site.Config{BaseURL: tt.base, FS: fsys, Now: time.Now()})
		if got := string(Robots(s)); got != tt.want {
			t.Errorf("base %q: robots.txt\n%q\nwant\n%q", tt.base, got, tt.want)
		}
	}
}
