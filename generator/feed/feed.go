// Package feed writes the e-zine's articles as an Atom 1.0 feed and a JSON
// Feed 1.1, so readers can follow the archive in a feed reader.
//
// In: the site model, the facts of its pages (their leads and summaries)
// and the pages to list, in order. Out: the two
// documents as bytes. Every string goes through an encoder for its format
// (encoding/xml, encoding/json), so front matter can never break a feed.
package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/site"
)

// Paths of the feeds in the output.
const (
	AtomPath = "feed.xml"
	JSONPath = "feed.json"
)

// Articles returns the pages a feed lists: the edition, in reading order.
func Articles(s *site.Site) []*site.Page { return s.Edition }

// latest is the newest Page.Updated of pages, or the zero time.
func latest(pages []*site.Page) time.Time {
	var t time.Time
	for _, p := range pages {
		if u := p.Updated(); u.After(t) {
			t = u
		}
	}
	return t
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// id is an entry's or feed's permanent identifier: its absolute URL, or a
// URN built from the path when the site has no base URL.
func id(s *site.Site, rel string) string {
	if s.BaseURL != "" {
		return s.AbsURL(rel)
	}
	return "urn:ezine:" + rel
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// Atom renders the pages as an Atom 1.0 feed. The author is the site.
func Atom(s *site.Site, facts site.Facts, pages []*site.Page) ([]byte, error) {
	updated := latest(pages)
	f := atomFeed{
		Lang:    s.Lang(),
		Title:   s.Title,
		Sub:     s.Description,
		ID:      id(s, "/"),
		Updated: cmpStamp(updated),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.AbsURL("/" + AtomPath)},
			{Rel: "alternate", Type: "text/html", Href: s.AbsURL("/")},
		},
		Author: atomPerson{Name: s.Title},
	}
	for _, p := range pages {
		e := atomEntry{
			Title:   p.Title,
			ID:      id(s, p.RelPermalink()),
			Updated: cmpStamp(p.Updated(), updated),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: p.Permalink}},
		}
		if t := p.FirstPublished(); !t.IsZero() {
			e.Published = stamp(t)
		}
		if lead := facts.Lead(p); lead != "" {
			e.Summary = &atomText{Type: "text", Body: lead}
		}
		for _, t := range p.Terms(s.Vocabulary().Subject) {
			e.Categories = append(e.Categories, atomCategory{Term: t.Term, Label: t.Title})
		}
		f.Entries = append(f.Entries, e)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// cmpStamp formats the first non-zero time; Atom requires a date on the
// feed and on every entry, so when none is known the Unix epoch stands in
// and check reports the missing dates.
func cmpStamp(ts ...time.Time) string {
	for _, t := range ts {
		if !t.IsZero() {
			return stamp(t)
		}
	}
	return stamp(time.Unix(0, 0))
}

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description,omitempty"`
	Language    string     `json:"language"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	Summary       string   `json:"summary,omitempty"`
	ContentText   string   `json:"content_text"`
	DatePublished string   `json:"date_published,omitempty"`
	DateModified  string   `json:"date_modified,omitempty"`
	Tags          []string `json:"tags,omitempty"`
}

// JSON renders the pages as a JSON Feed 1.1.
func JSON(s *site.Site, facts site.Facts, pages []*site.Page) ([]byte, error) {
	f := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       s.Title,
		HomePageURL: s.AbsURL("/"),
		FeedURL:     s.AbsURL("/" + JSONPath),
		Description: s.Description,
		Language:    s.Lang(),
		Items:       []jsonItem{},
	}
	for _, p := range pages {
		it := jsonItem{
			ID:            id(s, p.RelPermalink()),
			URL:           p.Permalink,
			Title:         p.Title,
			Summary:       facts.Lead(p),
			ContentText:   facts.Summary(p),
			DatePublished: stamp(p.FirstPublished()),
			DateModified:  stamp(p.Updated()),
		}
		for _, t := range p.Terms(s.Vocabulary().Subject) {
			it.Tags = append(it.Tags, t.Title)
		}
		f.Items = append(f.Items, it)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
