package devsite

import (
	"context"
	"slices"

	"github.com/lwa-rotterdam/ezine/generator/check"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/pool"
	"github.com/lwa-rotterdam/ezine/generator/render"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// checkLinks applies build's link check (check.Links) to the rebuild's
// pages: a link into the site must reach an output that the rebuild's plan
// publishes, or one of the theme's assets, and an anchor must name a
// heading. As in a build, it runs only when every page converted: else
// the errors reported are the conversion's. (A first build that fails has
// converted nothing.) Its errors fail a build, not a preview: the pages
// are shown with them, and reported, as the content checks' are.
//
// Checking every page takes 3 ms for 1,000 pages, so after the quick path
// only the pages whose findings can differ are checked again (see
// linksToRedo); the property test holds that to the full check of a build.
func (d *Site) checkLinks(p *pass) {
	if p.convErr.HasErrors() || p.first && p.fatal.HasErrors() {
		return
	}
	targets := d.targets
	if p.replan {
		targets = publishedNames(p.outs, p.sess.AssetFiles())
	}
	redo, all := d.linksToRedo(p, targets)
	if all {
		redo = nil
		for _, pg := range p.model.All() {
			if pg.Source != nil {
				redo = append(redo, pg)
			}
		}
	}
	found := make([]*pageLinks, len(redo))
	pool.Run(context.Background(), len(redo), d.cfg.Workers, func(i int) {
		found[i] = checkPageLinks(p.model, p.store, redo[i], targets)
	})
	if !all {
		again := make(map[*site.Page]bool, len(redo))
		for _, pg := range redo {
			again[pg] = true
		}
		for pg, l := range d.links {
			if !again[pg] {
				p.found = append(p.found, l.problems...)
			}
		}
	}
	for _, l := range found {
		p.found = append(p.found, l.problems...)
	}
	if !p.fatal.HasErrors() { // the rebuild's model and plan are the site's
		d.keepLinks(redo, found, targets, all)
	}
}

// linksToRedo returns the pages of the site's model whose link findings
// can differ in the rebuild: those that read the facts of a page given a
// new file (their own, or a linked page's headings), and those that asked
// about an output the plan publishes now and did not, or the reverse.
// all says every page is checked again: the model is new.
func (d *Site) linksToRedo(p *pass, targets map[string]bool) (redo []*site.Page, all bool) {
	if p.full || d.links == nil {
		return nil, true
	}
	swapped := map[*site.Page]bool{}
	for _, s := range p.swaps {
		swapped[s.page] = true
	}
	var moved map[string]bool
	if p.replan {
		moved = changedNames(d.targets, targets)
	}
	for pg, l := range d.links {
		if slices.ContainsFunc(l.read, func(q *site.Page) bool { return swapped[q] }) ||
			slices.ContainsFunc(l.asked, func(name string) bool { return moved[name] }) {
			redo = append(redo, pg)
		}
	}
	return redo, false
}

// keepLinks makes the findings of a rebuild that succeeded the site's.
func (d *Site) keepLinks(pages []*site.Page, found []*pageLinks, targets map[string]bool, all bool) {
	if all {
		d.links = make(map[*site.Page]*pageLinks, len(pages))
	}
	for i, pg := range pages {
		d.links[pg] = found[i]
	}
	d.targets = targets
}

// pageLinks is what check.PageLinks found on one page, and what its
// findings depend on: the pages whose facts it read (the page itself and
// those its anchors point to) and the output names it asked about.
type pageLinks struct {
	problems diag.List
	read     []*site.Page
	asked    []string
}

// checkPageLinks runs check.PageLinks on page pg of s, whose outputs are
// targets, and records what it read.
func checkPageLinks(s *site.Site, f site.Facts, pg *site.Page, targets map[string]bool) *pageLinks {
	l := &pageLinks{}
	l.problems = check.PageLinks(s, readingFacts{Facts: f, read: &l.read}, pg, func(name string) bool {
		l.asked = append(l.asked, name)
		return targets[name]
	})
	return l
}

// readingFacts are facts that record the pages whose Result is read.
type readingFacts struct {
	site.Facts
	read *[]*site.Page
}

func (f readingFacts) Result(p *site.Page) *markdown.Result {
	*f.read = append(*f.read, p)
	return f.Facts.Result(p)
}

// publishedNames returns the names of the outputs of a plan that are
// published (render.Output.Published) and of the theme's assets: the
// files a build of that plan writes.
func publishedNames(outs []*render.Output, assets []string) map[string]bool {
	names := make(map[string]bool, len(outs)+len(assets))
	for _, o := range outs {
		if o.Published() {
			names[o.Name] = true
		}
	}
	for _, a := range assets {
		names[a] = true
	}
	return names
}

// changedNames returns the names in one of a and b and not in the other.
func changedNames(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for name := range a {
		if !b[name] {
			out[name] = true
		}
	}
	for name := range b {
		if !a[name] {
			out[name] = true
		}
	}
	return out
}
