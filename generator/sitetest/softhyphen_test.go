package sitetest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestSoftHyphensOnlyInText checks where the generator's soft hyphens
// (U+00AD) may go: the text of headings, leads and labels, never an
// attribute value (URLs, ids, alt text), the <title>, JSON-LD, the feeds,
// the sitemap or the search index, where they would end up in links,
// search results and previews. It also checks that some page title has
// them, so that the rule is not met by placing none.
func TestSoftHyphensOnlyInText(t *testing.T) {
	const shy = "\u00ad"
	site := buildRepoSite(t)
	found := false
	for _, rel := range site.Pages {
		doc := parsePage(t, site, rel)
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, a := range n.Attr {
				if strings.Contains(a.Val, shy) {
					t.Errorf("%s: <%s %s=%q> holds a soft hyphen", rel, n.Data, a.Key, a.Val)
				}
			}
			if n.DataAtom == atom.H1 && strings.Contains(textOf(n), shy) {
				found = true
			}
			if (n.DataAtom == atom.Title || n.DataAtom == atom.Script) && strings.Contains(textOf(n), shy) {
				t.Errorf("%s: <%s> holds a soft hyphen", rel, n.Data)
			}
		}
	}
	for _, rel := range []string{"feed.xml", "feed.json", "sitemap.xml", "zoekindex.json"} {
		if strings.Contains(string(site.read(t, rel)), shy) {
			t.Errorf("%s holds a soft hyphen", rel)
		}
	}
	if !found {
		t.Error("no heading of the site has a soft hyphen: long words of titles are not hyphenated")
	}
}
