package site

import (
	"path"
	"strings"
)

// ShareCard is the picture of a page in link previews when it has no lead
// image: drawn by the renderer (generator/cards) and published beside the
// page, at <page URL>deelkaart.png ("/interviews/zorg/deelkaart.png";
// "/x.deelkaart.png" for a page at "/x.html").
type ShareCard struct {
	URL    string // root-relative, path-escaped
	Output string // output file, such as "interviews/zorg/deelkaart.png"
	Width  int
	Height int
	Alt    string // what the card says: the page's title
}

// ShareCardName is the file name of a page's share card.
const ShareCardName = "deelkaart.png"

// The size of every share card: the 1.91:1 of Open Graph (see cards).
const (
	shareCardWidth  = 1200
	shareCardHeight = 630
)

// ShareCard returns the page's share card, or nil when its lead image
// (front matter image) is its picture in link previews (a page's own
// image wins), or when the site has no base URL: og:image must be an
// absolute address, so without one no page can show a card, and drawing
// them (some 45 ms each, most of it PNG compression) would only slow the
// local and benchmark builds down.
func (p *Page) ShareCard() *ShareCard {
	if p.Meta().Image != "" || p.Kind == Kind404 || p.site == nil || p.site.BaseURL == "" {
		return nil
	}
	u := p.URL
	if strings.HasSuffix(u, "/") {
		u += ShareCardName
	} else {
		u = strings.TrimSuffix(u, path.Ext(u)) + "." + ShareCardName
	}
	return &ShareCard{
		URL:    escapeURL(u),
		Output: strings.TrimPrefix(u, "/"),
		Width:  shareCardWidth,
		Height: shareCardHeight,
		Alt:    strings.TrimSpace(p.Title),
	}
}
