package devsite

import (
	"context"
	"maps"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/check"
	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
	"github.com/lwa-rotterdam/ezine/generator/pool"
	"github.com/lwa-rotterdam/ezine/generator/render"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// Report says what a rebuild did.
type Report struct {
	// Changed lists the changed site paths, cleaned; empty for Open.
	Changed []string
	// Problems are the problems of this rebuild, sorted: those a full
	// build reports. With Failed set they are why nothing changed;
	// otherwise they are warnings, errors of outputs that could not be
	// rendered (which keep their last good version), and errors of build's
	// content checks (placeholders, field rules) and link check (links and
	// anchors that lead nowhere), which fail a build but not a preview.
	Problems diag.List
	// Failed says the rebuild changed nothing: the last good site stays.
	Failed bool
	// Ignored says no changed path is part of the site.
	Ignored bool
	// Rendered counts the outputs rendered before Rebuild returned;
	// Queued those left to the background (or to the first request).
	Rendered, Queued, Removed int
	// Full says every output was looked at again: the theme, the static
	// files or the structure of the site changed, not only page bodies.
	Full bool
	// Stylesheets maps the URL of each stylesheet that changed to its new
	// URL (the same URL for a static file), so that a browser can swap it.
	Stylesheets map[string]string
	// Duration is the time Rebuild took.
	Duration time.Duration
}

// Rebuild brings the site up to date after the files at changed (site
// paths, slash-separated; a folder stands for everything in it) changed.
// Outputs named in open (the pages open in a browser) are rendered before
// it returns, with the pages whose files changed.
func (d *Site) Rebuild(ctx context.Context, changed []string, open []string) *Report {
	start := time.Now()
	d.stopBackground()
	d.mu.Lock()
	d.stage()
	rep := d.rebuild(ctx, cleanPaths(changed), open)
	if d.cfg.BeforeSwap != nil {
		d.cfg.BeforeSwap(changed)
	}
	d.swapIn(!rep.Failed)
	shown := slices.Clone(d.problems)
	d.shownProblems.Store(&shown)
	d.mu.Unlock()
	d.startBackground()
	rep.Duration = time.Since(start)
	return rep
}

// cleanPaths makes paths slash-separated and clean, drops duplicates and
// paths inside another one, and sorts them.
func cleanPaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		p = path.Clean(strings.ReplaceAll(p, `\`, "/"))
		p = strings.TrimPrefix(p, "/")
		if p == "." {
			p = ""
		}
		out = append(out, p)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	var kept []string
	for _, p := range out {
		if len(kept) > 0 && within(p, kept[len(kept)-1]) {
			continue
		}
		kept = append(kept, p)
	}
	return kept
}

// themeDir is the site's own theme folder.
const themeDir = "themes/" + pipeline.ThemeName

// swap is a page given a new version of its file by the quick path.
type swap struct {
	page      *site.Page
	old, new  *content.Page
	published bool // rendered; unpublished pages are never converted
}

// pass is one rebuild on its way: what each phase decides, for the next.
type pass struct {
	rep          *Report
	paths        []string // the changed paths, cleaned
	open         []string // the outputs open in a browser
	contentPaths []string // the content paths loaded again

	// fatal are the problems of the phases that must succeed for the site
	// to change: an error among them fails the rebuild. found are the
	// problems reported all the same: warnings, the errors of the content
	// checks and those of outputs that could not be rendered.
	fatal, found diag.List

	now       time.Time
	model     *site.Site
	store     *facts.Store
	swaps     []swap
	full      bool // the model was built again
	modelWarn diag.List
	sess      *render.Session
	newSess   bool
	themeWarn diag.List
	first     bool // nothing is rendered yet: the first build
	convErr   diag.List
	pageWarn  map[*site.Page]diag.List
	used      map[string]bool
	replan    bool
	outs      []*render.Output
	planWarn  diag.List
	oldAssets map[string]string // the session's assets before a new one
	dirty     []int             // plan indexes to render again
}

// rebuild runs the phases of a rebuild in order. Every phase that can run
// does, so that a failed rebuild reports what a full build would; only a
// rebuild whose phases all succeed changes the site.
func (d *Site) rebuild(ctx context.Context, paths []string, open []string) *Report {
	p := &pass{rep: &Report{}, paths: paths, open: open}
	if d.tree == nil {
		return p.rep
	}
	if d.load(ctx, p) && d.buildModel(p) {
		d.checkContent(p)
		if d.loadTheme(p) {
			d.convert(p)
			if d.makePlan(p) {
				if !p.fatal.HasErrors() {
					d.commit(p)
					d.renderChanged(p)
				}
				d.checkLinks(p)
			}
		}
	}
	return d.finish(p)
}

// load decides which changed paths matter and loads the content files
// among them again; false when there is nothing more to do.
func (d *Site) load(ctx context.Context, p *pass) bool {
	if err := ctx.Err(); err != nil {
		p.fatal = diag.List{{Err: err}}
		return false
	}
	if !d.sortChanges(p) {
		p.rep.Ignored = true
		return false
	}
	had := make([]bool, len(p.contentPaths))
	for i, cp := range p.contentPaths {
		had[i] = d.tree.has(cp)
	}
	// ctx stops only the load of many files: a rebuild, once past it, runs
	// to its end (milliseconds), so that the state it leaves is whole.
	if err := d.tree.reload(ctx, d.fsys, p.contentPaths); err != nil {
		// Stopped half way: the next rebuild loads everything again.
		d.reloadAll = true
		p.fatal = diag.List{{Err: err}}
		return false
	}
	d.reloadAll = false
	var gone []string
	for i, cp := range p.contentPaths {
		if had[i] || d.tree.has(cp) {
			d.pending[cp] = true
		} else {
			// A file that came and went within the batch (a tool's
			// temporary file): nothing to do.
			gone = append(gone, cp)
		}
	}
	if len(gone) > 0 {
		p.rep.Changed = slices.DeleteFunc(p.rep.Changed, func(c string) bool { return slices.Contains(gone, c) })
		if len(p.rep.Changed) == 0 && d.model != nil && !d.themeOld && !d.staticOld {
			p.rep.Ignored = true
			return false
		}
	}
	p.fatal = d.tree.problems()
	// As in a build, a page whose front matter has errors is loaded all
	// the same, to report the problems of the later phases with its own;
	// a file that could not be loaded at all stops here.
	return !d.tree.unloadable()
}

// sortChanges records the changed paths that are part of the site and
// marks what they make old (content, theme, static files); false when none
// is and a site is kept.
func (d *Site) sortChanges(p *pass) bool {
	relevant := false
	for _, c := range p.paths {
		if !d.relevant(c) {
			continue
		}
		p.rep.Changed = append(p.rep.Changed, c)
		d.bump(c)
		switch {
		case c == "":
			p.contentPaths = append(p.contentPaths, contentDir)
			d.themeOld, d.staticOld = true, true
		case within(c, contentDir):
			p.contentPaths = append(p.contentPaths, c)
		case c == "themes" || within(c, themeDir):
			d.themeOld = true
		case within(c, "static"):
			d.staticOld = true
		default:
			continue
		}
		relevant = true
	}
	if d.reloadAll {
		p.contentPaths = []string{contentDir}
	}
	return relevant || d.model == nil
}

// buildModel decides whether the model is kept (only page bodies changed:
// those pages get their new file in the facts store) or built again with
// a new store; false when the new model has errors.
func (d *Site) buildModel(p *pass) bool {
	p.model, p.store = d.model, d.store
	// The store knows the sizes of the static folder's images, so a
	// change there builds both again.
	if d.staticOld {
		p.model = nil
	}
	p.now = d.now()
	if p.model != nil && len(d.pending) > 0 {
		if p.swaps = d.quick(p.now); p.swaps != nil {
			for _, s := range p.swaps {
				p.store.Replace(s.page, s.new)
			}
		} else {
			p.model = nil
		}
	}
	p.full = p.model == nil
	if !p.full {
		p.modelWarn = d.modelWarn
		p.found = append(p.found, p.modelWarn...)
		return true
	}
	cfg := d.scfg
	cfg.Now = p.now
	model, mp := site.Build(d.tree.contentTree(), cfg)
	store, fp := facts.New(model, d.fcfg)
	model.SetFacts(store)
	mp = append(mp, fp...)
	p.fatal = append(p.fatal, mp.Errors()...)
	p.model, p.store, p.modelWarn = model, store, mp.Warnings()
	p.found = append(p.found, p.modelWarn...)
	return !mp.HasErrors()
}

// checkContent applies build's content checks to the model's pages: text
// that must not be published (check.PagePlaceholders), the archetypes'
// field rules (check.Fields) and the site settings pages need
// (check.Settings, warnings). Their errors fail a build, not a preview:
// the pages are shown with them, and reported. Each runs again only on
// what it reads that changed, as on every page they take 5 ms for 1,000.
func (d *Site) checkContent(p *pass) {
	if d.themeOld || d.placeholders == nil { // the types are not the theme's
		types, tp := pipeline.ContentTypes(d.fsys, d.bcfg)
		p.found = append(p.found, tp...)
		d.types, d.placeholders, d.fieldsOf = types, nil, nil
	}
	p.found = append(p.found, d.checkPlaceholders(p)...)
	// The field rules and the settings read front matter and the model's
	// terms: on the quick path, neither changed.
	if d.fieldsOf != p.model {
		d.fields, d.fieldsOf = check.Fields(p.model, d.types).Errors(), p.model
		d.settings = check.Settings(p.model)
	}
	p.found = append(p.found, d.fields...)
	p.found = append(p.found, d.settings...)
}

// checkPlaceholders returns check.PagePlaceholders of the model's pages,
// taken again only for the files loaded since it last ran.
func (d *Site) checkPlaceholders(p *pass) diag.List {
	var out diag.List
	found := make(map[*content.Page]diag.List, len(d.placeholders))
	for _, pg := range p.model.All() {
		if pg.Source == nil {
			continue
		}
		src := p.store.Source(pg)
		l, ok := d.placeholders[src]
		if !ok {
			l = check.PagePlaceholders(pg, d.fsys, d.types)
		}
		found[src] = l
		out = append(out, l...)
	}
	d.placeholders = found
	return out
}

// loadTheme decides whether the theme is loaded again (it changed) and
// does so; false when it has errors. The new theme's assets are written at
// once: their names hold their content's hash, so nothing served refers to
// them until the new pages are.
func (d *Site) loadTheme(p *pass) bool {
	p.sess, p.themeWarn = d.sess, d.themeWarn
	p.newSess = p.sess == nil || d.themeOld
	if !p.newSess {
		p.found = append(p.found, p.themeWarn...)
		return true
	}
	d.writeGen = d.gen + 1
	sess, tp := render.NewSession(pipeline.ThemeLayers(d.fsys, d.bcfg), d.fsys, d.w, pipeline.RenderOptions(d.bcfg, d.fcfg.Images))
	p.fatal = append(p.fatal, tp.Errors()...)
	p.sess, p.themeWarn = sess, tp.Warnings()
	p.found = append(p.found, p.themeWarn...)
	return !tp.HasErrors()
}

// convert decides which pages' Markdown is converted now (only where the
// cache has nothing that holds) and converts it. The first build has
// nothing to keep: it converts as it renders, as a build does (converting
// first would hold every page's HTML at once).
func (d *Site) convert(p *pass) {
	p.first = d.gen == 0
	var pages []*site.Page
	switch {
	case p.first:
	case p.full:
		for _, pg := range p.model.All() {
			if pg.Source != nil {
				pages = append(pages, pg)
			}
		}
	default:
		for _, s := range p.swaps {
			if s.published {
				pages = append(pages, s.page)
			}
		}
	}
	found := make([]diag.List, len(pages))
	pool.Run(context.Background(), len(pages), d.cfg.Workers, func(i int) { found[i] = p.store.Problems(pages[i]) })
	if p.full {
		p.pageWarn = map[*site.Page]diag.List{}
	} else {
		p.pageWarn = maps.Clone(d.pageWarn)
	}
	for i, pg := range pages {
		p.convErr = append(p.convErr, found[i].Errors()...)
		if w := found[i].Warnings(); len(w) > 0 {
			p.pageWarn[pg] = w
		} else {
			delete(p.pageWarn, pg)
		}
	}
}

// makePlan decides whether the plan (every output a full render writes) is
// made again, and makes it; false when it has errors. Which files of the
// content folder are published depends on the pages' links (converted
// before): when that set changed, the plan changes too.
func (d *Site) makePlan(p *pass) bool {
	p.used = d.used
	if !p.first && (p.full || d.swapsLinkFiles(p.swaps)) {
		p.used = p.model.UsedFiles(p.store)
	}
	p.replan = p.full || p.newSess || d.staticOld || d.plan == nil || !maps.Equal(p.used, d.used)
	p.planWarn = d.planWarn
	if p.replan {
		outs, pp := p.sess.Plan(p.model, p.store)
		if pp.HasErrors() {
			// As in a build, a plan that fails is rendered from nothing:
			// its errors are the ones reported, not the pages'.
			p.fatal = append(p.fatal, pp...)
			return false
		}
		p.outs, p.planWarn = outs, pp
		if !p.first {
			p.outs, _ = published(p.outs, nil, p.used)
		}
	}
	p.fatal = append(p.fatal, p.convErr...)
	return true
}

// commit makes the rebuild's model, theme, plan and warnings the site's:
// from here on the rebuild succeeds.
func (d *Site) commit(p *pass) {
	d.gen++
	d.writeGen = d.gen
	// Partials cached by page (partialCached) were made from the old
	// facts; pages keep their identity across the quick path.
	p.sess.Theme().ResetCache()
	if p.newSess {
		if d.sess != nil {
			p.oldAssets = d.sess.Assets()
		}
		d.sess, d.themeWarn = p.sess, p.themeWarn
		d.sessGen++
		d.access = map[string]*access{}
		d.themeOld = false
	}
	if p.full {
		d.commitModel(p)
	} else {
		for _, s := range p.swaps {
			d.cache.Forget(s.old)
		}
	}
	d.pageWarn = p.pageWarn
	d.planWarn = p.planWarn
	d.used = p.used
	clear(d.pending)
}

// commitModel makes a model built again the site's, with the indexes kept
// of its pages.
func (d *Site) commitModel(p *pass) {
	d.model, d.store, d.modelWarn = p.model, p.store, p.modelWarn
	d.byFile = map[string]*site.Page{}
	d.published = map[*site.Page]bool{}
	for i, list := range [][]*site.Page{p.model.All(), p.model.Unpublished} {
		for _, pg := range list {
			if pg.Source != nil {
				d.byFile[pg.Source.Path] = pg
				d.published[pg] = i == 0
			}
		}
	}
	d.boundary = nextDate(d.tree, p.now)
	d.cache.Keep(d.tree.pages)
}

// renderChanged renders what the committed rebuild changed: everything on
// the first build, else the outputs whose signature moved.
func (d *Site) renderChanged(p *pass) {
	if p.first {
		d.firstBuild(p)
	} else {
		d.pickOutputs(p)
		d.renderOpen(p)
		d.swappableStylesheets(p)
	}
	for _, l := range d.pageWarn {
		p.found = append(p.found, l...)
	}
	p.found = append(p.found, d.planWarn...)
}

// pickOutputs decides which outputs can have changed: those whose
// signature is not that of their file. After a full evaluation every
// output is looked at; after the quick path only those whose signature
// moved and those not yet rendered. Outputs gone from the plan are removed.
func (d *Site) pickOutputs(p *pass) {
	var touched map[int32]bool
	if p.replan {
		d.staticOld = false
		d.evaluate(p.outs)
		p.rep.Full = true
	} else {
		touched = d.reevaluate(p.swaps)
	}
	d.outMu.Lock()
	defer d.outMu.Unlock()
	if p.replan {
		// The plan is new: every output, and no index of the old plan.
		touched = make(map[int32]bool, len(d.plan))
		for i := range d.plan {
			touched[int32(i)] = true
		}
		p.rep.Removed = d.removeUnplannedLocked()
	} else {
		for i := range d.unsettled {
			touched[i] = true
		}
	}
	for i := range touched {
		pl := d.plan[i]
		sig, ok := d.rendered[pl.out.Name]
		if !ok || sig != pl.sig || d.fileLocked(pl.out.Name) == nil {
			p.dirty = append(p.dirty, int(i))
		}
	}
	slices.Sort(p.dirty)
	clear(d.unsettled)
	for _, i := range p.dirty {
		d.unsettled[int32(i)] = true
	}
	clear(d.lazy)
	clear(d.lazyProblems)
}

// removeUnplannedLocked removes the files that neither the plan nor the
// theme's assets write, and returns how many. The caller holds outMu.
func (d *Site) removeUnplannedLocked() int {
	names := make(map[string]bool, len(d.plan))
	for _, pl := range d.plan {
		names[pl.out.Name] = true
	}
	for _, a := range d.sess.AssetFiles() {
		names[a] = true
	}
	removed := 0
	for _, name := range d.namesLocked() {
		if !names[name] {
			d.setFileLocked(name, nil)
			delete(d.rendered, name)
			removed++
		}
	}
	return removed
}

// renderOpen decides which changed outputs are rendered before Rebuild
// returns (what the editor looks at, small outputs) and renders them; the
// rest is left for the background.
func (d *Site) renderOpen(p *pass) {
	openSet := map[string]bool{}
	for _, n := range p.open {
		openSet[n] = true
	}
	var now, later []int
	for _, i := range p.dirty {
		pl := d.plan[i]
		pg := pl.out.Page
		switch {
		case d.gen == 1 || pl.out.Kind == render.KindAlias || pl.out.Kind.FromFile() || openSet[pl.out.Name]:
			now = append(now, i)
		case pl.out.Kind == render.KindCard:
			later = append(later, i) // drawn after the page: 45 ms a card
		case pg != nil && pg.Source != nil && withinAny(pg.Source.Path, p.contentPaths):
			now = append(now, i)
		default:
			later = append(later, i)
		}
	}
	results := make([]diag.List, len(now))
	pool.Run(context.Background(), len(now), d.cfg.Workers, func(k int) {
		pl := d.plan[now[k]]
		results[k] = d.write(pl.out)
		if len(results[k].Errors()) == 0 {
			d.outMu.Lock()
			d.rendered[pl.out.Name] = pl.sig
			delete(d.unsettled, int32(now[k]))
			d.outMu.Unlock()
		}
	})
	for _, r := range results {
		p.found = append(p.found, r.Errors()...)
	}
	d.outMu.Lock()
	for _, i := range later {
		pl := d.plan[i]
		d.lazy[pl.out.Name] = &lazyJob{out: pl.out, sig: pl.sig, idx: i}
	}
	d.outMu.Unlock()
	p.rep.Rendered, p.rep.Queued = len(now), len(later)
}

// swappableStylesheets finds the stylesheets that a browser can swap
// without reloading the page: the theme's whose URL changed, and the
// static folder's that changed.
func (d *Site) swappableStylesheets(p *pass) {
	p.rep.Stylesheets = map[string]string{}
	if p.newSess && p.oldAssets != nil {
		for name, u := range d.sess.Assets() {
			if path.Ext(name) == ".css" && p.oldAssets[name] != "" && p.oldAssets[name] != u {
				p.rep.Stylesheets[p.oldAssets[name]] = u
			}
		}
	}
	for _, c := range p.paths {
		if path.Ext(c) == ".css" && within(c, "static") {
			u := "/" + strings.TrimPrefix(c, "static/")
			p.rep.Stylesheets[u] = u
		}
	}
}

// finish decides whether the rebuild failed and ends it, the one place
// that does: a rebuild that changed nothing gives the pages given new
// files their old ones back and points the session at the old model. The
// problems are deduplicated, sorted and kept as the site's.
func (d *Site) finish(p *pass) *Report {
	rep := p.rep
	if rep.Ignored {
		rep.Problems = slices.Clone(d.problems)
		return rep
	}
	rep.Failed = p.fatal.HasErrors()
	if rep.Failed {
		for _, s := range p.swaps {
			d.store.Replace(s.page, s.old)
		}
		if p.sess != nil && p.sess == d.sess && d.model != nil {
			// Plan made the session render the new model; point it back.
			p.sess.Plan(d.model, d.store)
		}
	}
	problems := dedupe(append(p.fatal, p.found...))
	problems.Sort()
	d.problems = problems
	rep.Problems = slices.Clone(problems)
	return rep
}

// quick returns the swaps that bring the model up to date when every
// pending change is a new version of a page file whose front matter did
// not change (and no publish or expiry date has passed since the model was
// built); nil when the model must be built again.
func (d *Site) quick(now time.Time) []swap {
	if !now.Before(d.boundary) {
		return nil
	}
	var swaps []swap
	for p := range d.pending {
		page := d.byFile[p]
		if page == nil || d.tree.pages[p] == nil {
			return nil
		}
		old, cur := d.store.Source(page), d.tree.pages[p]
		if old == cur {
			continue
		}
		if old.BodyLine != cur.BodyLine || !reflect.DeepEqual(old.Meta, cur.Meta) {
			return nil
		}
		swaps = append(swaps, swap{page: page, old: old, new: cur, published: d.published[page]})
	}
	slices.SortFunc(swaps, func(a, b swap) int { return strings.Compare(a.new.Path, b.new.Path) })
	return swaps
}

// swapsLinkFiles reports whether a page given a new file by the quick path
// links a file of the content folder, in its new version or its old one:
// only then can the set of published files have changed. (The quick path
// keeps front matter, so the lead image is the same.)
func (d *Site) swapsLinkFiles(swaps []swap) bool {
	for _, s := range swaps {
		if !s.published {
			continue
		}
		links, ok := d.cache.Links(s.old)
		if !ok {
			return true // the old version's links are not known
		}
		links = append(slices.Clip(links), d.store.Links(s.page)...)
		if slices.ContainsFunc(links, func(l markdown.Link) bool { return s.page.LinksFile(l.Dest) }) {
			return true
		}
	}
	return false
}

// published drops from a plan the outputs made of content files that no
// published page uses (render.Output.ContentFile), which a build does not
// publish, with their entries in results when it is given.
func published(outs []*render.Output, results []diag.List, used map[string]bool) ([]*render.Output, []diag.List) {
	keptOuts := outs[:0]
	var keptResults []diag.List
	for i, o := range outs {
		if f := o.ContentFile(); f != "" && !used[f] {
			continue
		}
		keptOuts = append(keptOuts, o)
		if results != nil {
			keptResults = append(keptResults, results[i])
		}
	}
	return keptOuts, keptResults
}

// nextDate is the first publish, expiry or page date after now: when it
// passes, pages change status and the model must be built again.
func nextDate(t *tree, now time.Time) time.Time {
	next := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range t.pages {
		for _, dt := range []time.Time{p.Meta.Date, p.Meta.PublishDate, p.Meta.ExpiryDate} {
			if dt.After(now) && dt.Before(next) {
				next = dt
			}
		}
	}
	return next
}

func withinAny(p string, dirs []string) bool {
	for _, d := range dirs {
		if within(p, d) {
			return true
		}
	}
	return false
}

// dedupe drops problems printed the same way twice.
func dedupe(l diag.List) diag.List {
	seen := map[string]bool{}
	var out diag.List
	for _, e := range l {
		if s := e.Error(); !seen[s] {
			seen[s] = true
			out = append(out, e)
		}
	}
	return out
}

// relevant reports whether a change at p can change the site; a path that
// is gone counts as the folder it may have been.
func (d *Site) relevant(p string) bool {
	isDir := true
	if p != "" {
		if info, err := d.root.Lstat(filepath.FromSlash(p)); err == nil {
			isDir = info.IsDir()
		}
	}
	return Relevant(p, isDir)
}

// firstBuild renders every output of the first plan, regular pages first
// as Render does, and then works out what each showed: converting the
// Markdown while rendering fills the cache that the signatures read.
func (d *Site) firstBuild(p *pass) {
	d.staticOld = false
	p.rep.Full = true
	outs := p.outs
	results := d.renderFirst(outs)
	// Pages whose Markdown failed were not rendered, so not converted by a
	// list either: convert them now, for their problems and facts.
	for _, pg := range d.model.All() {
		if pg.Source == nil {
			continue
		}
		if w := d.store.Problems(pg).Warnings(); len(w) > 0 {
			d.pageWarn[pg] = w
		}
	}
	// The content files no page uses were not written: not part of the site.
	d.used = d.model.UsedFiles(d.store)
	// Outputs that copy a file are recorded without calling their Write
	// (see write), so without its check: drop those of unused files.
	d.outMu.Lock()
	for _, o := range outs {
		if f := o.ContentFile(); f != "" && !d.used[f] && o.Copy != "" {
			d.setFileLocked(o.Name, nil)
		}
	}
	d.outMu.Unlock()
	outs, results = published(outs, results, d.used)
	d.evaluate(outs)
	queued := d.recordFirst(results)
	for _, r := range results {
		p.found = append(p.found, r...)
	}
	p.rep.Rendered, p.rep.Queued = len(outs)-queued, queued
}

// renderFirst renders the outputs of the first plan, regular pages first,
// but the share cards, and returns the problems of each.
func (d *Site) renderFirst(outs []*render.Output) []diag.List {
	results := make([]diag.List, len(outs))
	regular := 0
	for regular < len(outs) && outs[regular].Kind == render.KindPage {
		regular++
	}
	pool.Run(context.Background(), regular, d.cfg.Workers, func(i int) { results[i] = d.write(outs[i]) })
	rest := outs[regular:]
	pool.Run(context.Background(), len(rest), d.cfg.Workers, func(i int) {
		if rest[i].Kind != render.KindCard { // share cards are drawn in the background, below
			results[regular+i] = d.write(rest[i])
		}
	})
	return results
}

// recordFirst records what the first build rendered (results by plan
// index) and leaves the share cards for later: a cold card cache would
// hold up the first page by seconds (45 ms a card), so they are drawn
// after it, or on request. It returns how many it left.
func (d *Site) recordFirst(results []diag.List) int {
	d.outMu.Lock()
	defer d.outMu.Unlock()
	queued := 0
	for i, pl := range d.plan {
		switch {
		case pl.out.Kind == render.KindCard:
			d.lazy[pl.out.Name] = &lazyJob{out: pl.out, sig: pl.sig, idx: i}
			d.unsettled[int32(i)] = true
			queued++
		case len(results[i].Errors()) == 0:
			d.rendered[pl.out.Name] = pl.sig
		default:
			d.unsettled[int32(i)] = true
		}
	}
	return queued
}
