// Package sitemap writes sitemap.xml (every published page, with the date
// it last changed) and robots.txt, which points to it when the site has a
// base URL.
//
// In: the site model. Out: the two files as bytes, in site order.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/lwa-rotterdam/ezine/generator/site"
)

// Paths of the files in the output.
const (
	Path       = "sitemap.xml"
	RobotsPath = "robots.txt"
)

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []entry  `xml:"url"`
}

type entry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// Pages returns the pages a sitemap lists: every page written, home first.
func Pages(s *site.Site) []*site.Page { return s.All() }

// Sitemap renders the sitemap of s. A page's lastmod is its own date, or
// for list pages the newest date of the pages they list.
func Sitemap(s *site.Site) ([]byte, error) {
	var set urlset
	for _, p := range Pages(s) {
		t := p.Updated()
		for _, q := range p.Pages {
			if u := q.Updated(); u.After(t) {
				t = u
			}
		}
		e := entry{Loc: p.Permalink}
		if !t.IsZero() {
			e.Lastmod = t.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, e)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(set); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Robots renders robots.txt: everything may be crawled. With a base URL
// the sitemap is named; without one there is no Sitemap line: the sitemaps
// protocol (sitemaps.org) asks for the complete URL there, and crawlers
// ignore or report a relative one.
func Robots(s *site.Site) []byte {
	const rules = "User-agent: *\nAllow: /\n"
	if s.BaseURL == "" {
		return []byte(rules)
	}
	return fmt.Appendf(nil, "%s\nSitemap: %s\n", rules, s.AbsURL("/"+Path))
}
