package devsite

import (
	"hash/maphash"
	"html/template"
	"strings"

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

// evaluate computes the signature of every output of a new plan, and the
// index from each page to the outputs that show its facts.
func (d *Site) evaluate(outs []*render.Output) {
	d.facts = map[*site.Page]uint64{}
	d.idents = map[*site.Page]uint64{}
	ev := newEvaluator(d.model, d.seed, d.identOf)
	d.plan = make([]*planned, len(outs))
	for i, o := range outs {
		d.plan[i] = d.signature(ev, o)
	}
	// Number the pages, then list for each the outputs that show it.
	d.byPage = map[*site.Page]int{}
	var last []int32
	for i, pl := range d.plan {
		for _, chunk := range pl.chunks {
			for _, p := range chunk {
				n, ok := d.byPage[p]
				if !ok {
					n = len(d.byPage)
					d.byPage[p] = n
					last = append(last, -1)
					d.rev = append(d.rev[:n], nil)
				}
				if last[n] != int32(i) {
					last[n] = int32(i)
					d.rev[n] = append(d.rev[n], int32(i))
				}
			}
		}
	}
	d.rev = d.rev[:len(d.byPage)]
}

// reevaluate updates the signatures after the quick path gave pages new
// files: their facts changed, and with them the signatures of the outputs
// that show them. Nothing else did.
func (d *Site) reevaluate(swaps []swap) map[int32]bool {
	touched := map[int32]bool{}
	for _, s := range swaps {
		delete(d.facts, s.page)
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
		pl.sig = d.sigOf(pl)
	}
	return touched
}

// signature works out what output o shows.
func (d *Site) signature(ev *evaluator, o *render.Output) *planned {
	pl := &planned{out: o}
	h := ev.hasher()
	writeStr(h, o.Name)
	switch {
	case o.Page != nil:
		writeStr(h, "page")
		tmpl, name := d.sess.Layout(o.Page)
		d.shows(ev, pl, h, o.Page, tmpl, name)
	case o.Alias != nil:
		writeStr(h, "alias")
		writeStr(h, o.Alias.URL)
		tmpl, name := d.sess.AliasLayout()
		d.shows(ev, pl, h, o.Alias.Target, tmpl, name)
	case o.Resource != nil:
		writeStr(h, "resource")
		writeStr(h, o.Resource.Source.Path)
		writeU64(h, d.version(o.Resource.Source.Path))
		writeU64(h, uint64(o.Resource.Source.Size))
	case isCopy(o):
		writeStr(h, "static")
		writeStr(h, o.Static)
		writeU64(h, d.version(o.Static))
		if strings.HasPrefix(o.Static, "themes/") {
			writeU64(h, d.sessGen)
		}
	default:
		// Made by Go code from the whole model (feeds, sitemap, redirects,
		// and whatever comes next): it may show anything.
		writeStr(h, "generated")
		writeStr(h, o.Static)
		all := ev.everything()
		writeU64(h, all.shape)
		pl.chunks = append(pl.chunks, all.pages)
		pl.wide = true
	}
	pl.shape = h.Sum64()
	pl.sig = d.sigOf(pl)
	return pl
}

// shows follows the access paths of the layout that renders q.
func (d *Site) shows(ev *evaluator, pl *planned, h *maphash.Hash, q *site.Page, tmpl *template.Template, name string) {
	hh := ev.hasher()
	writeU64(hh, d.sessGen)
	writeStr(hh, name)
	writeU64(hh, d.identOf(q))
	if tmpl == nil {
		writeStr(hh, "no layout")
		writeU64(h, hh.Sum64())
		return
	}
	acc := d.accessOf(name, tmpl)
	pl.chunks = append(pl.chunks, []*site.Page{q})
	pt := ev.paths(q, acc.root)
	writeU64(hh, pt.shape)
	pl.chunks = append(pl.chunks, pt.pages)
	if acc.wide {
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
	acc := newAnalyzer(funcs, d.sess.Theme().Partials()).layout(tmpl)
	d.access[name] = acc
	return acc
}

// sigOf is the signature of a planned output: its shape and the facts of
// the pages it shows.
func (d *Site) sigOf(pl *planned) uint64 {
	h := newHash(d.seed)
	writeU64(h, pl.shape)
	for _, chunk := range pl.chunks {
		for _, p := range chunk {
			writeU64(h, d.factOf(p))
		}
	}
	return h.Sum64()
}

// identOf hashes which page p is: kind, URL and file.
func (d *Site) identOf(p *site.Page) uint64 {
	if v, ok := d.idents[p]; ok {
		return v
	}
	h := newHash(d.seed)
	writeStr(h, string(p.Kind))
	writeStr(h, p.URL)
	writeStr(h, p.File())
	v := h.Sum64()
	d.idents[p] = v
	return v
}

// factOf hashes everything a template can read of page p without going to
// another page: its own fields, its file's version (front matter and
// body), and how the links in its body resolved.
func (d *Site) factOf(p *site.Page) uint64 {
	if v, ok := d.facts[p]; ok {
		return v
	}
	h := newHash(d.seed)
	writeStr(h, string(p.Kind))
	writeStr(h, string(p.Status))
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
	if src := p.Source; src != nil {
		writeStr(h, src.Path)
		writeU64(h, d.version(src.Path))
		if f := d.cache.Facts(src); f != nil {
			for _, r := range f.Resolved {
				writeStr(h, r.Dest)
				writeStr(h, r.URL)
				writeStr(h, r.Err)
			}
		}
	}
	v := h.Sum64()
	d.facts[p] = v
	return v
}

// isCopy reports whether o copies a static file, of the site or the theme.
func isCopy(o *render.Output) bool {
	return o.Page == nil && o.Alias == nil && o.Resource == nil &&
		(strings.HasPrefix(o.Static, "static/") || strings.HasPrefix(o.Static, themeDir+"/static/"))
}
