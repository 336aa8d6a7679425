package sitetest

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// laterDate matches a date of 2024-2026 as the theme writes one: Dutch
// ("24 november 2026") or ISO ("2026-11-24", in datetime attributes).
// The e-zine was made for the closing edition of 2023; a later date is
// the editors' revision date (lastmod), never a publication date.
var laterDate = regexp.MustCompile(`\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) 202[4-6]\b|\b202[4-6]-\d\d-\d\d\b`)

// TestDatesTellTheTruth checks every built page outside its body text
// (.prose, where a date is part of the story): a 2024-2026 date appears
// only inside an element labelled as a revision (class bijgewerkt,
// "Bijgewerkt op …"), and JSON-LD gives no such date as datePublished
// (dateModified may carry it).
func TestDatesTellTheTruth(t *testing.T) {
	site := buildRepoSite(t)
	revisions := 0
	for _, rel := range site.Pages {
		doc := parsePage(t, site, rel)
		for n := range doc.Descendants() {
			switch {
			case n.Type == html.ElementNode && n.DataAtom == atom.Script:
				if typ, _ := attr(n, "type"); typ == "application/ld+json" && n.FirstChild != nil {
					if d := jsonLDDatePublished(t, rel, n.FirstChild.Data); laterDate.MatchString(d) {
						t.Errorf("%s: JSON-LD datePublished %s: a revision date given as the publication date", rel, d)
					}
				}
			case n.Type == html.ElementNode && hasClass(n, "bijgewerkt"):
				if !strings.HasPrefix(strings.TrimSpace(textOf(n)), "Bijgewerkt op ") {
					t.Errorf("%s: revision element reads %q; want \"Bijgewerkt op …\"", rel, textOf(n))
				}
				revisions++
			case inHead(n) || insideClass(n, "prose") || insideClass(n, "bijgewerkt"):
			case n.Type == html.TextNode && laterDate.MatchString(n.Data):
				t.Errorf("%s: shows %q outside a revision label", rel, laterDate.FindString(n.Data))
			case n.Type == html.ElementNode:
				if dt, _ := attr(n, "datetime"); laterDate.MatchString(dt) {
					t.Errorf("%s: <%s datetime=%q> outside a revision label", rel, n.Data, dt)
				}
			}
		}
	}
	if revisions == 0 {
		t.Error("no page shows its revision date (Bijgewerkt op …); the e-zine's pages have lastmod")
	}
}

// jsonLDDatePublished returns every datePublished of a JSON-LD graph,
// joined by spaces.
func jsonLDDatePublished(t *testing.T, rel, data string) string {
	t.Helper()
	var ld struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(data), &ld); err != nil {
		t.Errorf("%s: JSON-LD: %v", rel, err)
		return ""
	}
	var out []string
	for _, node := range ld.Graph {
		if d, ok := node["datePublished"].(string); ok {
			out = append(out, d)
		}
	}
	return strings.Join(out, " ")
}

func hasClass(n *html.Node, class string) bool {
	c, _ := attr(n, "class")
	return slices.Contains(strings.Fields(c), class)
}

// insideClass reports whether an ancestor of n has the class.
func insideClass(n *html.Node, class string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && hasClass(p, class) {
			return true
		}
	}
	return false
}

func inHead(n *html.Node) bool {
	return n.DataAtom == atom.Head || inside(n, atom.Head)
}
