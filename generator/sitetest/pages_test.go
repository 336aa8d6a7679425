package sitetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageBudget is the most an article page may weigh: its HTML and the CSS
// and JS files it loads, uncompressed, before images (issue 4).
const pageBudget = 50 * 1024

// budgetExempt lists pages that may exceed the budget, by file: the print
// edition holds the whole e-zine on one page, for printing (issue 7).
var budgetExempt = map[string]bool{"editie/index.html": true}

// parsePage parses a built HTML page.
func parsePage(t *testing.T, site *builtSite, rel string) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(site.read(t, rel)))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return doc
}

// walk calls fn for every element under n, in document order.
func walk(n *html.Node, fn func(*html.Node)) {
	for c := range n.Descendants() {
		if c.Type == html.ElementNode {
			fn(c)
		}
	}
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// isArticle reports whether a page is an article (a regular page of the
// site): the theme marks the body with soort-page.
func isArticle(doc *html.Node) bool {
	found := false
	walk(doc, func(n *html.Node) {
		if n.DataAtom == atom.Body {
			class, _ := attr(n, "class")
			found = slices.Contains(strings.Fields(class), "soort-page")
		}
	})
	return found
}

// TestPageBudget weighs every page: its HTML plus the stylesheets and
// scripts it loads from the site. Article pages must stay within
// pageBudget; the weights of all pages are logged.
func TestPageBudget(t *testing.T) {
	site := buildRepoSite(t)
	heaviest, heaviestPage, articles := 0, "", 0
	for _, rel := range site.Pages {
		doc := parsePage(t, site, rel)
		total := len(site.read(t, rel))
		var parts []string
		walk(doc, func(n *html.Node) {
			var ref string
			switch {
			case n.DataAtom == atom.Link:
				if relAttr, _ := attr(n, "rel"); relAttr == "stylesheet" {
					ref, _ = attr(n, "href")
				}
			case n.DataAtom == atom.Script:
				ref, _ = attr(n, "src")
			}
			if ref == "" {
				return
			}
			u, err := url.Parse(ref)
			if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") {
				t.Errorf("%s: %q is not a file of the site", rel, ref)
				return
			}
			size := len(site.read(t, strings.TrimPrefix(u.Path, "/")))
			total += size
			parts = append(parts, fmt.Sprintf("%s %d", path.Base(u.Path), size))
		})
		if !isArticle(doc) {
			continue
		}
		articles++
		if total > heaviest && !budgetExempt[rel] {
			heaviest, heaviestPage = total, rel
		}
		if total > pageBudget && !budgetExempt[rel] {
			t.Errorf("%s weighs %d bytes (HTML %d, %s), over the budget of %d", rel, total, len(site.read(t, rel)), strings.Join(parts, ", "), pageBudget)
		}
	}
	t.Logf("%d article pages; the heaviest is %s at %d bytes (budget %d)", articles, heaviestPage, heaviest, pageBudget)
}

// TestNoInlineCodeOrThirdParty keeps the site ready for a strict
// Content-Security-Policy and free of requests to other hosts: no inline
// script, no <style> element, no style or on* attribute, no javascript:
// URL, and every script, stylesheet, image, frame and media file from the
// site itself. Stylesheets may not import or point at other hosts either.
func TestNoInlineCodeOrThirdParty(t *testing.T) {
	site := buildRepoSite(t)
	for _, rel := range site.Pages {
		doc := parsePage(t, site, rel)
		walk(doc, func(n *html.Node) {
			for _, a := range n.Attr {
				switch {
				case a.Key == "style":
					t.Errorf("%s: <%s> has a style attribute", rel, n.Data)
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: <%s> has an event handler attribute %s", rel, n.Data, a.Key)
				case (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
					t.Errorf("%s: <%s %s=%q>", rel, n.Data, a.Key, a.Val)
				}
			}
			switch n.DataAtom {
			case atom.Script:
				if typ, _ := attr(n, "type"); typ == "application/ld+json" {
					// A data block, never run (CSP does not apply); it must
					// be valid JSON for search engines.
					if n.FirstChild == nil || !json.Valid([]byte(n.FirstChild.Data)) {
						t.Errorf("%s: JSON-LD that does not parse", rel)
					}
					return
				}
				if _, ok := attr(n, "src"); !ok || n.FirstChild != nil {
					t.Errorf("%s: inline <script>", rel)
				}
			case atom.Style:
				t.Errorf("%s: <style> element", rel)
			}
			if n.DataAtom == atom.A || n.DataAtom == atom.Form || n.DataAtom == atom.Meta {
				return // links the reader follows are not requests of the page
			}
			if n.DataAtom == atom.Link {
				if r, _ := attr(n, "rel"); r == "canonical" || r == "alternate" {
					return
				}
			}
			for _, key := range []string{"src", "href", "srcset", "poster", "data"} {
				v, ok := attr(n, key)
				if !ok {
					continue
				}
				for _, ref := range strings.Split(v, ",") {
					ref = strings.TrimSpace(ref)
					if f := strings.Fields(ref); len(f) > 0 {
						ref = f[0]
					}
					if isOtherHost(ref) {
						t.Errorf("%s: <%s %s=%q> loads from another host", rel, n.Data, key, v)
					}
				}
			}
		})
	}
	cssURL := regexp.MustCompile(`(?i)url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)`)
	for _, rel := range siteFiles(t, site, ".css") {
		for _, m := range cssURL.FindAllStringSubmatch(string(site.read(t, rel)), -1) {
			if ref := m[1] + m[2]; isOtherHost(ref) {
				t.Errorf("%s: %q loads from another host", rel, ref)
			}
		}
	}
}

// isOtherHost reports whether a reference leaves the site: an absolute or
// scheme-relative URL (data: URLs stay in the page).
func isOtherHost(ref string) bool {
	u, err := url.Parse(ref)
	if err != nil {
		return true
	}
	return u.Host != "" || (u.Scheme != "" && u.Scheme != "data")
}

// TestPageOutline checks what every page needs for screen readers and
// keyboards, whatever the content: lang="nl", a skip link to the main
// landmark, header/nav/main/footer, exactly one h1, headings that never
// skip a level, alt text on every image and a text for every link.
func TestPageOutline(t *testing.T) {
	site := buildRepoSite(t)
	for _, rel := range site.Pages {
		doc := parsePage(t, site, rel)
		if isRedirect(doc) {
			continue
		}
		var (
			levels    []int
			landmarks = map[string]int{}
			mainID    string
			firstLink string
			lang      string
		)
		walk(doc, func(n *html.Node) {
			switch n.DataAtom {
			case atom.Html:
				lang, _ = attr(n, "lang")
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				levels = append(levels, int(n.Data[1]-'0'))
			case atom.Header, atom.Nav, atom.Footer:
				if !inside(n, atom.Main) && !inside(n, atom.Article) {
					landmarks[n.Data]++
				}
			case atom.Main:
				landmarks["main"]++
				mainID, _ = attr(n, "id")
			case atom.A:
				href, _ := attr(n, "href")
				if firstLink == "" {
					firstLink = href
				}
				if strings.TrimSpace(textOf(n)) == "" && !hasLabel(n) {
					t.Errorf("%s: link to %q has no text", rel, href)
				}
			case atom.Img:
				if _, ok := attr(n, "alt"); !ok {
					src, _ := attr(n, "src")
					t.Errorf("%s: image %q has no alt attribute", rel, src)
				}
			}
		})
		if lang != "nl" {
			t.Errorf("%s: <html lang=%q>, want nl", rel, lang)
		}
		for _, l := range []string{"header", "nav", "main", "footer"} {
			if landmarks[l] == 0 {
				t.Errorf("%s: no <%s> landmark", rel, l)
			}
		}
		if landmarks["main"] > 1 {
			t.Errorf("%s: %d <main> elements", rel, landmarks["main"])
		}
		if mainID == "" || firstLink != "#"+mainID {
			t.Errorf("%s: the first link is %q; want a skip link to the main landmark (id %q)", rel, firstLink, mainID)
		}
		h1 := 0
		for i, l := range levels {
			if l == 1 {
				h1++
			}
			if i == 0 && l != 1 {
				t.Errorf("%s: the first heading is h%d, want h1", rel, l)
			}
			if i > 0 && l > levels[i-1]+1 {
				t.Errorf("%s: heading h%d follows h%d (skips a level); outline %v", rel, l, levels[i-1], levels)
			}
		}
		if h1 != 1 {
			t.Errorf("%s: %d h1 headings, want exactly 1", rel, h1)
		}
	}
}

// isRedirect reports whether a page only sends the reader on (an alias).
func isRedirect(doc *html.Node) bool {
	found := false
	walk(doc, func(n *html.Node) {
		if v, _ := attr(n, "http-equiv"); n.DataAtom == atom.Meta && strings.EqualFold(v, "refresh") {
			found = true
		}
	})
	return found
}

func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		if c.DataAtom == atom.Img {
			alt, _ := attr(c, "alt")
			b.WriteString(alt)
		}
	}
	return b.String()
}

func hasLabel(n *html.Node) bool {
	for _, k := range []string{"aria-label", "aria-labelledby", "title"} {
		if v, ok := attr(n, k); ok && strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// siteFiles lists the built files with the given extension.
func siteFiles(t *testing.T, site *builtSite, ext string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(site.Dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
			rel, _ := filepath.Rel(site.Dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
