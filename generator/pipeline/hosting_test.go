package pipeline

import (
	"encoding/json"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/generator/content"
)

// The feeds and the sitemap parse, list exactly the published pages, and
// every URL in the sitemap is a file of the output.
func TestHostingFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":    {Data: []byte("---\ntitle: Thuis\n---\n")},
		"content/v/a.md":       {Data: []byte("---\ntitle: A & B\nweight: 1\nlastmod: 2026-11-24\naliases: [/oud a/]\n---\nTekst <b>vet</b>.\n")},
		"content/v/b.md":       {Data: []byte("---\ntitle: B\nweight: 2\ndate: 2019-02-05\n---\n")},
		"content/v/concept.md": {Data: []byte("---\ntitle: Concept\nweight: 3\ndraft: true\n---\n")},
		"content/v/zonder.md":  {Data: []byte("---\ntitle: Zonder gewicht\n---\n")},
	}
	const base = "https://ezine.example.nl/"
	files, res, diags := buildFS(t, fsys, Config{BaseURL: base})
	if diags.HasErrors() {
		t.Fatal(diags)
	}

	var atom struct {
		Entries []struct {
			ID string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(files["feed.xml"]), &atom); err != nil {
		t.Fatalf("Atom feed: %v", err)
	}
	var jf struct {
		Items []struct {
			URL string `json:"url"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(files["feed.json"]), &jf); err != nil {
		t.Fatalf("JSON feed: %v", err)
	}
	var ids, urls []string
	for _, e := range atom.Entries {
		ids = append(ids, e.ID)
	}
	for _, it := range jf.Items {
		urls = append(urls, it.URL)
	}
	want := []string{base + "v/a/", base + "v/b/"} // the edition: published pages with a weight
	if !slices.Equal(ids, want) || !slices.Equal(urls, want) {
		t.Errorf("feeds list %v and %v, want %v", ids, urls, want)
	}

	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(files["sitemap.xml"]), &sm); err != nil {
		t.Fatalf("sitemap: %v", err)
	}
	if len(sm.URLs) != len(res.Site.All()) {
		t.Errorf("sitemap lists %d URLs for %d pages", len(sm.URLs), len(res.Site.All()))
	}
	for _, u := range sm.URLs {
		p, ok := strings.CutPrefix(u.Loc, base)
		if !ok {
			t.Errorf("sitemap URL %s is not absolute on the base", u.Loc)
			continue
		}
		if _, ok := files[content.OutputFile("/"+p)]; !ok {
			t.Errorf("sitemap URL %s has no file", u.Loc)
		}
		if strings.Contains(u.Loc, "concept") {
			t.Errorf("draft in sitemap: %s", u.Loc)
		}
	}
	if !strings.Contains(files["robots.txt"], "Sitemap: "+base+"sitemap.xml") {
		t.Errorf("robots.txt: %q", files["robots.txt"])
	}
	if got := files["_redirects"]; !strings.Contains(got, "/oud%20a/ /v/a/ 301\n") {
		t.Errorf("_redirects: %q", got)
	}
	if _, ok := files["oud a/index.html"]; !ok {
		t.Error("no HTML redirect page at the alias")
	}
}
