package feed

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// ezine is the built-in theme's vocabulary, which the tests' sites use.
var ezine = testcorpus.Ezine()

// testSite models a small site, with the facts of its pages.
func testSite(t *testing.T, baseURL string) (*site.Site, site.Facts) {
	t.Helper()
	return testSiteWith(t, baseURL, "")
}

// testSiteWith is testSite with more front matter on the home page.
func testSiteWith(t *testing.T, baseURL, home string) (*site.Site, site.Facts) {
	t.Helper()
	fsys := fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Het <e-zine> & co\ndescription: Slot\n" + home + "---\n")},
		"content/a.md":      {Data: []byte("---\ntitle: \"A & <b>\"\nweight: 1\nlastmod: 2026-11-24\ndeelakkoord: zorg\n---\nEerste ]]> alinea & meer.\n")},
		"content/b.md":      {Data: []byte("---\ntitle: B\nweight: 2\ndate: 2019-02-05\n---\nTekst.\n")},
		"content/c.md":      {Data: []byte("---\ntitle: Buiten de editie\n---\n")},
		"content/d.md":      {Data: []byte("---\ntitle: Uit het archief\nweight: 3\npublished: 2020-10-25\nlastmod: 2026-11-24\n---\nOud bericht.\n")},
	}
	tree, diags := content.Load(context.Background(), fsys, "content", content.Options{Taxonomies: ezine.Names()})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	s, diags := site.Build(tree, site.Config{Vocabulary: ezine, BaseURL: baseURL, FS: fsys, Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	st, _ := facts.New(s, facts.Config{FS: fsys, Markdown: markdown.New(markdown.Options{})})
	s.SetFacts(st)
	return s, st
}

func TestAtom(t *testing.T) {
	s, st := testSite(t, "https://ezine.example.nl/")
	b, err := Atom(s, st, Articles(s))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Entries []struct {
			Title     string `xml:"title"`
			ID        string `xml:"id"`
			Updated   string `xml:"updated"`
			Published string `xml:"published"`
			Summary   string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, b)
	}
	if f.Title != "Het <e-zine> & co" || len(f.Entries) != 3 || f.Updated != "2026-11-24T00:00:00Z" {
		t.Fatalf("%+v", f)
	}
	e := f.Entries[0]
	if e.Title != "A & <b>" || e.ID != "https://ezine.example.nl/a/" || e.Summary != "Eerste ]]> alinea & meer." || e.Updated != "2026-11-24T00:00:00Z" {
		t.Errorf("entry %+v", e)
	}
	if f.Entries[1].Updated != "2019-02-05T00:00:00Z" || f.Entries[1].Published != "2019-02-05T00:00:00Z" {
		t.Errorf("entry b updated %q, published %q", f.Entries[1].Updated, f.Entries[1].Published)
	}
	// An archive piece: published on its original date, updated when
	// its text was revised; a page without either has no published.
	if d := f.Entries[2]; d.Published != "2020-10-25T00:00:00Z" || d.Updated != "2026-11-24T00:00:00Z" || e.Published != "" {
		t.Errorf("archive entry published %q, updated %q; entry a published %q", d.Published, d.Updated, e.Published)
	}
}

func TestAtomWithoutBaseURL(t *testing.T) {
	s, st := testSite(t, "")
	b, _ := Atom(s, st, Articles(s))
	if !strings.Contains(string(b), "<id>urn:ezine:/a/</id>") {
		t.Errorf("ids without a base URL:\n%s", b)
	}
}

func TestJSON(t *testing.T) {
	s, st := testSite(t, "https://ezine.example.nl/")
	b, err := JSON(s, st, Articles(s))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Version string `json:"version"`
		Items   []struct {
			ID, URL, Title string
			Tags           []string
			Published      string `json:"date_published"`
		} `json:"items"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if f.Version != "https://jsonfeed.org/version/1.1" || len(f.Items) != 3 || f.Items[2].Published != "2020-10-25T00:00:00Z" || f.Items[0].Published != "" || f.Items[0].Title != "A & <b>" || f.Items[0].URL != "https://ezine.example.nl/a/" || strings.Join(f.Items[0].Tags, ",") != "Zorg" {
		t.Errorf("%+v", f)
	}
}

// TestFeedLanguage: both feeds are in the site's language (its lang
// setting), Dutch by default.
func TestFeedLanguage(t *testing.T) {
	for _, tc := range []struct{ home, atom, json string }{
		{"", `xml:lang="nl"`, `"language": "nl"`},
		{"lang: en\n", `xml:lang="en"`, `"language": "en"`},
	} {
		s, st := testSiteWith(t, "https://ezine.example.nl/", tc.home)
		a, _ := Atom(s, st, Articles(s))
		j, _ := JSON(s, st, Articles(s))
		if !strings.Contains(string(a), tc.atom) || !strings.Contains(string(j), tc.json) {
			t.Errorf("home %q: atom %.120s, json %.300s", tc.home, a, j)
		}
	}
}
