package devsite

import (
	"context"
	"fmt"
	"hash/maphash"
	"html/template"
	"maps"
	"slices"

	"github.com/lwa-rotterdam/ezine/generator/pool"
	"github.com/lwa-rotterdam/ezine/generator/render"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// planned is one output of the plan with what it shows.
type planned struct {
	out    *render.Output
	shape  uint64         // layout, theme, and the shape of what its paths reach
	chunks [][]*site.Page // the pages whose facts it shows
	sig    uint64         // shape and those facts: equal signatures, equal bytes
	wide   bool
}

// evaluate computes the signature of every output of a new plan, on a
// pool of workers, and the index from each page to the outputs that show
// its facts.
func (d *Site) evaluate(outs []*render.Output) {
	d.imagesHash = d.hashImages()
	layouts := d.layoutsOf(outs)
	workers := min(pool.Workers(), max(1, len(outs)/256))
	if d.cfg.Workers > 0 {
		workers = min(workers, d.cfg.Workers)
	}
	shared := d.hashPages(workers)
	d.plan = make([]*planned, len(outs))
	hs := make([]*hashes, workers)
	pool.Run(context.Background(), workers, workers, func(w int) {
		hs[w] = d.newHashes()
		hs[w].shared = shared
		ev := newEvaluator(d.model, d.seed, hs[w].ident)
		for i := w; i < len(outs); i += workers {
			d.plan[i] = d.signature(ev, hs[w], outs[i], layouts[i])
		}
	})
	d.hashes = shared
	for _, h := range hs {
		maps.Copy(d.hashes.facts, h.facts)
		maps.Copy(d.hashes.idents, h.idents)
	}
	d.indexPages()
}

// layoutsOf finds the layout of every output and analyses it, one at a
// time: the analysis and its memo are not safe for concurrent use.
func (d *Site) layoutsOf(outs []*render.Output) []layout {
	layouts := make([]layout, len(outs))
	for i, o := range outs {
		var l layout
		switch o.Kind {
		case render.KindPage, render.KindList, render.Kind404:
			l.tmpl, l.name = d.sess.Layout(o.Page)
		case render.KindAlias:
			l.tmpl, l.name = d.sess.AliasLayout()
		}
		if l.tmpl != nil {
			l.acc = d.accessOf(l.name, l.tmpl)
		}
		layouts[i] = l
	}
	return layouts
}

// hashPages hashes the facts and identities of the model's pages, split
// among the workers and then shared, so that no two workers hash a page
// twice.
func (d *Site) hashPages(workers int) *hashes {
	pages := append(slices.Clone(d.model.All()), d.model.Unpublished...)
	shared := d.newHashes()
	part := make([]*hashes, workers)
	pool.Run(context.Background(), workers, workers, func(w int) {
		part[w] = d.newHashes()
		for i := w; i < len(pages); i += workers {
			part[w].fact(pages[i])
			part[w].ident(pages[i])
		}
	})
	for _, h := range part {
		maps.Copy(shared.facts, h.facts)
		maps.Copy(shared.idents, h.idents)
	}
	return shared
}

// indexPages numbers the pages the plan's outputs show, then lists for
// each the outputs that show it (d.byPage, d.rev).
func (d *Site) indexPages() {
	d.byPage = map[*site.Page]int{}
	d.rev = d.rev[:0]
	var last []int32
	for i, pl := range d.plan {
		for _, chunk := range pl.chunks {
			for _, p := range chunk {
				n, ok := d.byPage[p]
				if !ok {
					n = len(d.byPage)
					d.byPage[p] = n
					last = append(last, -1)
					d.rev = append(d.rev, nil)
				}
				if last[n] != int32(i) {
					last[n] = int32(i)
					d.rev[n] = append(d.rev[n], int32(i))
				}
			}
		}
	}
}

// layout is the template that renders an output and what it can read.
type layout struct {
	tmpl *template.Template
	name string
	acc  *access
}

// reevaluate updates the signatures after the quick path gave pages new
// files: their facts changed, and with them the signatures of the outputs
// that show them. Nothing else did.
func (d *Site) reevaluate(swaps []swap) map[int32]bool {
	touched := map[int32]bool{}
	for _, s := range swaps {
		delete(d.hashes.facts, s.page)
		n, ok := d.byPage[s.page]
		if !ok {
			continue
		}
		for _, i := range d.rev[n] {
			touched[i] = true
		}
	}
	for i := range touched {
		pl := d.plan[i]
		pl.sig = d.hashes.sigOf(pl)
	}
	return touched
}

// signature works out what output o shows.
func (d *Site) signature(ev *evaluator, hs *hashes, o *render.Output, l layout) *planned {
	pl := &planned{out: o}
	h := ev.hasher()
	writeStr(h, o.Name)
	writeU64(h, uint64(o.Kind))
	switch o.Kind {
	case render.KindPage, render.KindList, render.Kind404:
		d.shows(ev, pl, h, o.Page, l)
	case render.KindAlias:
		writeStr(h, o.Alias.URL)
		d.shows(ev, pl, h, o.Alias.Target, l)
	case render.KindResource:
		writeStr(h, o.Resource.Source.Path)
		writeU64(h, d.version(o.Resource.Source.Path))
		writeU64(h, uint64(o.Resource.Source.Size))
	case render.KindCard:
		// A share card: its key names what it shows (texts, motif,
		// colours, the card code). The page's facts count too, so that
		// the quick path (a new body, the same front matter) draws it
		// again from the page as it is then: mostly from the cache.
		writeStr(h, o.Key)
		pl.chunks = append(pl.chunks, []*site.Page{o.Page})
	case render.KindImageCopy, render.KindStatic, render.KindThemeStatic:
		// Made from one file of the site alone: it changes only when that
		// file (or, for the theme's, the theme) does.
		writeStr(h, o.Source)
		writeU64(h, d.version(o.Source))
		if o.Kind == render.KindThemeStatic {
			writeU64(h, d.sessGen)
		}
	default:
		// Made by Go code from the whole model (feeds, sitemap, redirects,
		// the search index, and whatever comes next): it may show anything.
		all := ev.everything()
		writeU64(h, all.shape)
		pl.chunks = append(pl.chunks, all.pages)
		pl.wide = true
	}
	pl.shape = h.Sum64()
	pl.sig = hs.sigOf(pl)
	return pl
}

// shows follows the access paths of the layout that renders q.
func (d *Site) shows(ev *evaluator, pl *planned, h *maphash.Hash, q *site.Page, l layout) {
	hh := ev.hasher()
	writeU64(hh, d.sessGen)
	writeStr(hh, l.name)
	writeU64(hh, ev.ident(q))
	if l.tmpl == nil {
		writeStr(hh, "no layout")
		writeU64(h, hh.Sum64())
		return
	}
	pl.chunks = append(pl.chunks, []*site.Page{q})
	pt := ev.paths(q, l.acc.root)
	writeU64(hh, pt.shape)
	pl.chunks = append(pl.chunks, pt.pages)
	if l.acc.wide {
		all := ev.everything()
		writeU64(hh, all.shape)
		pl.chunks = append(pl.chunks, all.pages)
		pl.wide = true
	}
	writeU64(h, hh.Sum64())
}

// accessOf analyses a layout once per theme.
func (d *Site) accessOf(name string, tmpl *template.Template) *access {
	if acc, ok := d.access[name]; ok {
		return acc
	}
	funcs := d.sess.Funcs()
	acc := newAnalyzer(funcs, d.sess.Theme().Partials(), d.scfg.Vocabulary).layout(tmpl)
	d.access[name] = acc
	return acc
}

// hashes computes and keeps the hashes of pages for one rebuild; each
// worker has its own.
type hashes struct {
	d      *Site
	facts  map[*site.Page]uint64
	idents map[*site.Page]uint64
	shared *hashes // read-only hashes of the model's pages, or nil
}

func (d *Site) newHashes() *hashes {
	return &hashes{d: d, facts: map[*site.Page]uint64{}, idents: map[*site.Page]uint64{}}
}

// sigOf is the signature of a planned output: its shape and the facts of
// the pages it shows.
func (hs *hashes) sigOf(pl *planned) uint64 {
	h := newHash(hs.d.seed)
	writeU64(h, pl.shape)
	for _, chunk := range pl.chunks {
		for _, p := range chunk {
			writeU64(h, hs.fact(p))
		}
	}
	return h.Sum64()
}

// ident hashes which page p is: kind, URL and file.
func (hs *hashes) ident(p *site.Page) uint64 {
	if hs.shared != nil {
		if v, ok := hs.shared.idents[p]; ok {
			return v
		}
	}
	if v, ok := hs.idents[p]; ok {
		return v
	}
	h := newHash(hs.d.seed)
	writeStr(h, string(p.Kind))
	writeStr(h, p.URL)
	writeStr(h, p.File())
	v := h.Sum64()
	hs.idents[p] = v
	return v
}

// fact hashes everything a template can read of page p without going to
// another page: its own fields, its file's version (front matter and
// body), and how the links in its body resolved.
func (hs *hashes) fact(p *site.Page) uint64 {
	if hs.shared != nil {
		if v, ok := hs.shared.facts[p]; ok {
			return v
		}
	}
	if v, ok := hs.facts[p]; ok {
		return v
	}
	d := hs.d
	h := newHash(d.seed)
	writeStr(h, string(p.Kind))
	writeStr(h, string(p.Status))
	if p.Archived {
		writeStr(h, "archived") // expiry passed: the model changed, the file did not
	}
	writeStr(h, p.Title)
	writeStr(h, p.Description)
	writeU64(h, uint64(p.Date.UnixNano()))
	writeStr(h, p.Date.Location().String())
	writeU64(h, uint64(p.Weight))
	writeStr(h, p.Type)
	writeStr(h, p.Section)
	writeStr(h, p.URL)
	writeStr(h, p.Permalink)
	writeStr(h, p.Term)
	if p.Taxonomy != nil {
		writeStr(h, p.Taxonomy.Name)
	}
	if li := p.Image(); li != nil {
		// The front matter image, as the page shows it: its size and
		// copies come from the image file.
		writeStr(h, fmt.Sprintf("%#v", *li))
	}
	if src := p.Source; src != nil {
		writeStr(h, src.Path)
		writeU64(h, d.version(src.Path))
		// Images in the body are shown with their sizes and copies, read
		// from the image files: any change to them counts for every page.
		writeU64(h, d.imagesHash)
		for _, r := range d.store.Resolved(p) {
			writeStr(h, r.Dest)
			writeStr(h, r.URL)
			writeStr(h, r.Err)
		}
	}
	v := h.Sum64()
	hs.facts[p] = v
	return v
}

// hashImages hashes what the model knows of the site's images: where they
// are, their sizes and their copies.
func (d *Site) hashImages() uint64 {
	h := newHash(d.seed)
	for _, img := range d.store.Images() {
		writeStr(h, img.Path)
		writeStr(h, img.URL)
		writeStr(h, img.Output)
		if img.Info != nil {
			writeStr(h, fmt.Sprintf("%#v", *img.Info))
		}
		writeStr(h, fmt.Sprintf("%#v", img.Variants))
	}
	return h.Sum64()
}
