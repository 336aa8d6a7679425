package render

import (
	"cmp"
	"errors"
	"html"
	"io/fs"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/cards"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/theme"
)

// cardPartial is the theme's partial that says what a page's share card
// shows; a theme without it gets no cards.
const cardPartial = "deelkaart.html"

// The theme files a share card is drawn from.
const (
	cardMotifs = "assets/art/motieven.svg"
	cardCSS    = "assets/css/main.css"
)

// loadCards makes the card maker from the theme's motifs and colours;
// nil when the theme has no cardPartial.
func (r *renderer) loadCards() diag.List {
	if !r.theme.HasPartial(cardPartial) {
		return nil
	}
	read := func(name string) []byte {
		b, err := fs.ReadFile(r.theme.FS(), name)
		if err != nil {
			return nil // drawn without motifs, or in the default colours
		}
		return b
	}
	m, err := cards.New(cards.Config{Motifs: read(cardMotifs), CSS: read(cardCSS), CacheDir: r.opts.CardCache})
	if err != nil {
		return diag.List{diag.Errorf(r.theme.Origin(cardMotifs), 0, "share cards: %v", err).
			WithHint("the motifs must be well-formed SVG: open the file in a drawing program and save it again")}
	}
	r.cards = m
	return nil
}

// cardOf runs the theme's card partial for p: four lines, the motif's
// id, the kicker, the title and the foot, as HTML text.
func (r *renderer) cardOf(p *site.Page) (cards.Card, error) {
	out, err := r.theme.Partial(cardPartial, p)
	if err != nil {
		return cards.Card{}, err
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for len(lines) < 4 {
		lines = append(lines, "")
	}
	get := func(i int) string { return strings.TrimSpace(html.UnescapeString(lines[i])) }
	return cards.Card{Motif: get(0), Kicker: get(1), Title: get(2), Footer: get(3)}, nil
}

// cardOutputs plans the share card of every page that shows one (see
// site.Page.ShareCard), with its cache key as the output's Key.
func (r *renderer) cardOutputs(s *site.Site, diags *diag.List) []*Output {
	if r.cards == nil {
		return nil
	}
	var out []*Output
	for _, p := range s.All() {
		sc := p.ShareCard()
		if sc == nil {
			continue
		}
		source := cmp.Or(p.File(), theme.Dir+"/layouts/partials/"+cardPartial)
		c, err := r.cardOf(p)
		if err != nil {
			diags.Add(r.theme.ExecError(err, "layouts/partials/"+cardPartial))
			continue
		}
		if !r.claim(sc.Output, source) {
			diags.Add(diag.Errorf(r.claimedBy(sc.Output), 0, "writes %s, where the share card of %s goes", sc.Output, p.URL).
				WithHint("rename the file: deelkaart.png beside a page is its share card"))
			continue
		}
		out = append(out, &Output{Name: sc.Output, Kind: KindCard, Page: p, Key: r.cards.Key(c), write: func() diag.List { return r.writeCard(p, sc.Output, source) }})
	}
	return out
}

// writeCard draws (or takes from the cache) and writes the card of p.
func (r *renderer) writeCard(p *site.Page, name, source string) diag.List {
	c, err := r.cardOf(p)
	if err != nil {
		return diag.List{r.theme.ExecError(err, "layouts/partials/"+cardPartial)}
	}
	b, err := r.cards.Make(c)
	if err != nil {
		return diag.List{diag.Errorf(source, 0, "%w", err)}
	}
	if err := r.w.Write(name, b); err != nil {
		var de *diag.Error
		if errors.As(err, &de) {
			return diag.List{de}
		}
		return diag.List{diag.Errorf(source, 0, "%w", err)}
	}
	return nil
}
