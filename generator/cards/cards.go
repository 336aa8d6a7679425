// Package cards draws the share card of a page: the picture a chat app or
// LinkedIn shows with a link (og:image), 1200 x 630 pixels, with the page's
// title, its chapter, the site's name and one of the theme's line-art
// motifs, in the theme's colours.
//
// In: a Card (the texts and the motif's id), the theme's motif sprite
// (assets/art/motieven.svg) and stylesheet (assets/css/main.css, for the
// colours of :root). Out: a PNG, the same bytes for the same input on
// every build. Titles wrap and shrink to fit; words too long for a line
// break where Dutch allows it (generator/hyphen). The fonts are the Go
// fonts (golang.org/x/image/font/gofont, BSD licence), embedded in the
// binary. Cards are kept in a cache folder, keyed by everything that
// changes the picture (see Maker.Key), so a rebuild draws only new ones.
package cards

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/internal/diskcache"
)

// Width and Height are the size of every card in pixels: the 1.91:1 that
// Open Graph consumers (Facebook, LinkedIn, Slack, WhatsApp) show whole.
const (
	Width  = 1200
	Height = 630
)

// codeVersion is part of every cache key: change it whenever a change to
// this package changes the pixels or the encoding of a card, so that old
// cards are never served from the cache.
const codeVersion = "2"

// Card is what one share card shows.
type Card struct {
	Title  string // large, wrapped and shrunk to fit
	Kicker string // the chapter, above the title; may be empty
	Footer string // the site's name, at the foot; may be empty
	Motif  string // id of a symbol in the motif sprite; unknown ids draw none
}

// Config configures New. The zero value draws cards without motifs, in the
// default colours, and caches nothing.
type Config struct {
	// Motifs is the theme's SVG sprite of motif symbols.
	Motifs []byte
	// CSS is the theme's stylesheet; the custom properties of its first
	// :root rule give the colours (see Style). Missing ones keep their
	// defaults.
	CSS []byte
	// CacheDir is the folder cards are kept in; "" keeps none.
	CacheDir string
}

// Maker draws cards. It is safe for concurrent use.
type Maker struct {
	motifs map[string]*Motif
	style  Style
	cache  *diskcache.Cache // nil for none
	fonts  *fonts
}

// New reads the motifs and colours. A sprite that is not well-formed SVG
// is an error.
func New(cfg Config) (*Maker, error) {
	m := &Maker{motifs: map[string]*Motif{}, style: ParseStyle(cfg.CSS)}
	if len(cfg.Motifs) > 0 {
		motifs, err := ParseMotifs(cfg.Motifs)
		if err != nil {
			return nil, err
		}
		m.motifs = motifs
	}
	if cfg.CacheDir != "" {
		m.cache = diskcache.New(cfg.CacheDir, cacheHeader)
	}
	f, err := loadFonts()
	if err != nil {
		return nil, err
	}
	m.fonts = f
	return m, nil
}

// Key names the picture of c: the hex SHA-256 of the card's texts, the
// motif's SVG source, the colours, and the package's code version (which
// covers the fonts and the layout). Equal keys, equal bytes.
func (m *Maker) Key(c Card) string {
	h := sha256.New()
	motif := ""
	if mo := m.motifs[c.Motif]; mo != nil {
		motif = mo.Source
	}
	for _, part := range []string{"ezine-cards", codeVersion, clean(c.Title), clean(c.Kicker), clean(c.Footer), motif, m.style.String()} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Make returns the PNG of c, from the cache when it holds it. A card that
// could not be stored in the cache is still returned.
func (m *Maker) Make(c Card) ([]byte, error) {
	entry := cacheFile(m.Key(c))
	if b, ok := m.cache.Get(entry); ok {
		return b, nil
	}
	b, err := m.encode(paletted(m.Draw(c), m.style.palette()))
	if err != nil {
		return nil, err
	}
	_ = m.cache.Put(entry, b) // a cache that cannot be written only costs time
	return b, nil
}

// encode writes img as a PNG: image/png is deterministic, so the same
// pixels give the same bytes. The card is paletted first (see paletted)
// and compressed at the default level: measured on a long title (2-core
// VM), best compression of the RGBA picture took 300 ms a card (88 KB),
// of the paletted one 170 ms (31 KB), the default level 44 ms (34 KB).
func (m *Maker) encode(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode share card: %w", err)
	}
	return buf.Bytes(), nil
}

// clean makes a text fit for one line of a card: soft hyphens (the
// templates' break points) and control characters out, runs of white
// space one space.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u00ad':
			return -1
		case r < ' ' || r >= 0x7f && r < 0xa0:
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
