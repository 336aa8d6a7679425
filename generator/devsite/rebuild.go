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
	// Problems are the problems of this rebuild, sorted. With Failed set
	// they are why nothing changed; otherwise they are warnings, and
	// errors of outputs that could not be rendered (which keep their last
	// good version).
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

func (d *Site) rebuild(ctx context.Context, paths []string, open []string) *Report {
	rep := &Report{}
	if d.tree == nil {
		return rep
	}
	if err := ctx.Err(); err != nil {
		rep.Failed = true
		rep.Problems = diag.List{{Err: err}}
		return rep
	}
	// A rebuild, once begun, runs to its end (milliseconds), so that the
	// state it leaves is whole; ctx only stops the load of many files.
	loadCtx := ctx
	ctx = context.Background()
	var contentPaths []string
	relevant := false
	for _, p := range paths {
		if !d.relevant(p) {
			continue
		}
		rep.Changed = append(rep.Changed, p)
		d.bump(p)
		switch {
		case p == "":
			contentPaths = append(contentPaths, contentDir)
			d.themeOld, d.staticOld = true, true
		case within(p, contentDir):
			contentPaths = append(contentPaths, p)
		case p == "themes" || within(p, themeDir):
			d.themeOld = true
		case within(p, "static"):
			d.staticOld = true
		default:
			continue
		}
		relevant = true
	}
	if !relevant && d.model != nil {
		rep.Ignored = true
		rep.Problems = slices.Clone(d.problems)
		return rep
	}
	if d.reloadAll {
		contentPaths = []string{contentDir}
	}
	had := make([]bool, len(contentPaths))
	for i, p := range contentPaths {
		had[i] = d.tree.has(p)
	}
	if err := d.tree.reload(loadCtx, d.fsys, contentPaths); err != nil {
		// Stopped half way: the next rebuild loads everything again.
		d.reloadAll = true
		rep.Failed = true
		rep.Problems = diag.List{{Err: err}}
		return rep
	}
	d.reloadAll = false
	var gone []string
	for i, p := range contentPaths {
		if had[i] || d.tree.has(p) {
			d.pending[p] = true
		} else {
			// A file that came and went within the batch (a tool's
			// temporary file): nothing to do.
			gone = append(gone, p)
		}
	}
	if len(gone) > 0 {
		rep.Changed = slices.DeleteFunc(rep.Changed, func(p string) bool { return slices.Contains(gone, p) })
		if len(rep.Changed) == 0 && d.model != nil && !d.themeOld && !d.staticOld {
			rep.Ignored = true
			rep.Problems = slices.Clone(d.problems)
			return rep
		}
	}
	problems := d.tree.problems()
	if len(problems.Errors()) > 0 {
		return d.fail(rep, problems, nil, nil)
	}

	// The model: kept when only page bodies changed (the same model, new
	// facts for their files), else built again with a new facts store.
	// The store knows the sizes of the static folder's images, so a change
	// there builds both again.
	model, store := d.model, d.store
	if d.staticOld {
		model = nil
	}
	now := d.now()
	var swaps []swap
	if model != nil && len(d.pending) > 0 {
		if ok := d.quick(now); ok != nil {
			swaps = ok
			for _, s := range swaps {
				store.Replace(s.page, s.new)
			}
		} else {
			model = nil
		}
	}
	full := model == nil
	if full {
		cfg := d.scfg
		cfg.Now = now
		var mp diag.List
		model, mp = site.Build(d.tree.contentTree(), cfg)
		var fp diag.List
		store, fp = facts.New(model, d.fcfg)
		model.SetFacts(store)
		mp = append(mp, fp...)
		problems = append(problems, mp...)
		if len(mp.Errors()) > 0 {
			return d.fail(rep, problems, swaps, nil)
		}
	} else {
		problems = append(problems, d.modelWarn...)
	}

	// The theme: loaded again when it changed. Its assets are written at
	// once; their names hold their content's hash, so nothing served
	// refers to them until the new pages are.
	sess := d.sess
	newSess := sess == nil || d.themeOld
	if newSess {
		d.writeGen = d.gen + 1
		s, tp := render.NewSession(pipeline.ThemeLayers(d.fsys, d.bcfg), d.fsys, d.w, pipeline.RenderOptions(d.bcfg, d.fcfg.Images))
		problems = append(problems, tp...)
		if len(tp.Errors()) > 0 {
			return d.fail(rep, problems, swaps, nil)
		}
		sess = s
	}

	// Markdown: converted only where the cache has nothing that holds. The
	// first build has nothing to keep: it converts as it renders, as a
	// build does (converting first would hold every page's HTML at once).
	first := d.gen == 0
	var convert []*site.Page
	switch {
	case first:
	case full:
		for _, p := range model.All() {
			if p.Source != nil {
				convert = append(convert, p)
			}
		}
	default:
		for _, s := range swaps {
			if s.published {
				convert = append(convert, s.page)
			}
		}
	}
	found := make([]diag.List, len(convert))
	pool.Run(ctx, len(convert), d.cfg.Workers, func(i int) { found[i] = store.Problems(convert[i]) })
	pageWarn := d.pageWarn
	if full {
		pageWarn = map[*site.Page]diag.List{}
	} else {
		pageWarn = maps.Clone(pageWarn)
	}
	var convErr diag.List
	for i, p := range convert {
		convErr = append(convErr, found[i].Errors()...)
		if w := found[i].Warnings(); len(w) > 0 {
			pageWarn[p] = w
		} else {
			delete(pageWarn, p)
		}
	}
	if len(convErr) > 0 {
		return d.fail(rep, append(problems, convErr...), swaps, sess)
	}

	// The plan: every output a full render writes. Which files of the
	// content folder are published depends on the pages' links (converted
	// above): when that set changed, the plan changes too.
	used := d.used
	if !first && (full || d.swapsLinkFiles(swaps)) {
		used = model.UsedFiles(store)
	}
	replan := full || newSess || d.staticOld || d.plan == nil || !maps.Equal(used, d.used)
	var outs []*render.Output
	planWarn := d.planWarn
	if replan {
		var pp diag.List
		outs, pp = sess.Plan(model, store)
		if len(pp.Errors()) > 0 {
			return d.fail(rep, append(problems, pp...), swaps, sess)
		}
		planWarn = pp
		if !first {
			outs, _ = published(outs, nil, used)
		}
	}

	// From here on the rebuild succeeds: commit the new state.
	d.gen++
	d.writeGen = d.gen
	// Partials cached by page (partialCached) were made from the old
	// facts; pages keep their identity across the quick path.
	sess.Theme().ResetCache()
	var oldAssets map[string]string
	if newSess {
		if d.sess != nil {
			oldAssets = d.sess.Assets()
		}
		d.sess = sess
		d.sessGen++
		d.access = map[string]*access{}
		d.themeOld = false
	}
	if full {
		d.model, d.store = model, store
		d.byFile = map[string]*site.Page{}
		d.published = map[*site.Page]bool{}
		for i, list := range [][]*site.Page{model.All(), model.Unpublished} {
			for _, p := range list {
				if p.Source != nil {
					d.byFile[p.Source.Path] = p
					d.published[p] = i == 0
				}
			}
		}
		d.modelWarn = nil
		for _, p := range problems {
			if p.Severity == diag.SevWarning {
				d.modelWarn = append(d.modelWarn, p)
			}
		}
		d.boundary = nextDate(d.tree, now)
	}
	d.pageWarn = pageWarn
	d.planWarn = planWarn
	d.used = used
	clear(d.pending)
	if full {
		d.cache.Keep(d.tree.pages)
	} else {
		for _, s := range swaps {
			d.cache.Forget(s.old)
		}
	}
	if first {
		return d.firstBuild(rep, outs, problems)
	}
	var touched map[int32]bool
	if replan {
		d.staticOld = false
		d.evaluate(outs)
		rep.Full = true
	} else {
		touched = d.reevaluate(swaps)
	}

	// What changed: outputs whose signature is not that of their file.
	// After a full evaluation every output is looked at; after the quick
	// path only those whose signature moved and those not yet rendered.
	var dirty []int
	d.outMu.Lock()
	isDirty := func(i int) bool {
		pl := d.plan[i]
		sig, ok := d.rendered[pl.out.Name]
		return !ok || sig != pl.sig || d.fileLocked(pl.out.Name) == nil
	}
	if replan {
		names := make(map[string]bool, len(d.plan))
		for i, pl := range d.plan {
			names[pl.out.Name] = true
			if isDirty(i) {
				dirty = append(dirty, i)
			}
		}
		for _, a := range d.sess.AssetFiles() {
			names[a] = true
		}
		for _, name := range d.namesLocked() {
			if !names[name] {
				d.setFileLocked(name, nil)
				delete(d.rendered, name)
				rep.Removed++
			}
		}
	} else {
		for i := range d.unsettled {
			touched[i] = true
		}
		for i := range touched {
			if isDirty(int(i)) {
				dirty = append(dirty, int(i))
			}
		}
		slices.Sort(dirty)
	}
	clear(d.unsettled)
	for _, i := range dirty {
		d.unsettled[int32(i)] = true
	}
	clear(d.lazy)
	clear(d.lazyProblems)
	d.outMu.Unlock()

	// Render now what the editor looks at; leave the rest for later.
	openSet := map[string]bool{}
	for _, n := range open {
		openSet[n] = true
	}
	var now2, later []int
	for _, i := range dirty {
		pl := d.plan[i]
		p := pl.out.Page
		switch {
		case d.gen == 1 || pl.out.Kind == render.KindAlias || pl.out.Kind.FromFile() || openSet[pl.out.Name]:
			now2 = append(now2, i)
		case p != nil && p.Source != nil && withinAny(p.Source.Path, contentPaths):
			now2 = append(now2, i)
		default:
			later = append(later, i)
		}
	}
	results := make([]diag.List, len(now2))
	pool.Run(ctx, len(now2), d.cfg.Workers, func(k int) {
		pl := d.plan[now2[k]]
		results[k] = d.write(pl.out)
		if len(results[k].Errors()) == 0 {
			d.outMu.Lock()
			d.rendered[pl.out.Name] = pl.sig
			delete(d.unsettled, int32(now2[k]))
			d.outMu.Unlock()
		}
	})
	for _, r := range results {
		problems = append(problems, r.Errors()...)
	}
	d.outMu.Lock()
	for _, i := range later {
		pl := d.plan[i]
		d.lazy[pl.out.Name] = &lazyJob{out: pl.out, sig: pl.sig, idx: i}
	}
	d.outMu.Unlock()
	rep.Rendered, rep.Queued = len(now2), len(later)

	// Stylesheets that a browser can swap without reloading the page.
	rep.Stylesheets = map[string]string{}
	if newSess && oldAssets != nil {
		for name, u := range d.sess.Assets() {
			if path.Ext(name) == ".css" && oldAssets[name] != "" && oldAssets[name] != u {
				rep.Stylesheets[oldAssets[name]] = u
			}
		}
	}
	for _, p := range paths {
		if path.Ext(p) == ".css" && within(p, "static") {
			u := "/" + strings.TrimPrefix(p, "static/")
			rep.Stylesheets[u] = u
		}
	}

	for _, l := range d.pageWarn {
		problems = append(problems, l...)
	}
	problems = append(problems, d.planWarn...)
	problems = dedupe(problems)
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

// fail ends a rebuild that changes nothing: the pages given new files get
// their old ones back, and the session renders the old model again.
func (d *Site) fail(rep *Report, problems diag.List, swaps []swap, sess *render.Session) *Report {
	for _, s := range swaps {
		d.store.Replace(s.page, s.old)
	}
	if sess != nil && sess == d.sess && d.model != nil {
		// Plan made the session render the new model; point it back.
		sess.Plan(d.model, d.store)
	}
	problems = dedupe(problems)
	problems.Sort()
	d.problems = problems
	rep.Failed = true
	rep.Problems = slices.Clone(problems)
	return rep
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
func (d *Site) firstBuild(rep *Report, outs []*render.Output, problems diag.List) *Report {
	d.staticOld = false
	rep.Full = true
	results := make([]diag.List, len(outs))
	regular := 0
	for regular < len(outs) && outs[regular].Page != nil && outs[regular].Page.Kind == site.KindPage {
		regular++
	}
	pool.Run(context.Background(), regular, d.cfg.Workers, func(i int) { results[i] = d.write(outs[i]) })
	rest := outs[regular:]
	pool.Run(context.Background(), len(rest), d.cfg.Workers, func(i int) {
		if rest[i].Card == nil { // share cards are drawn in the background, below
			results[regular+i] = d.write(rest[i])
		}
	})
	// Pages whose Markdown failed were not rendered, so not converted by a
	// list either: convert them now, for their problems and facts.
	for _, p := range d.model.All() {
		if p.Source == nil {
			continue
		}
		if w := d.store.Problems(p).Warnings(); len(w) > 0 {
			d.pageWarn[p] = w
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
	d.outMu.Lock()
	queued := 0
	for i, pl := range d.plan {
		switch {
		case pl.out.Card != nil:
			// A cold card cache would hold up the first page by seconds
			// (45 ms a card): cards are drawn after it, or on request.
			d.lazy[pl.out.Name] = &lazyJob{out: pl.out, sig: pl.sig, idx: i}
			d.unsettled[int32(i)] = true
			queued++
		case len(results[i].Errors()) == 0:
			d.rendered[pl.out.Name] = pl.sig
		default:
			d.unsettled[int32(i)] = true
		}
	}
	d.outMu.Unlock()
	rep.Queued = queued
	for _, r := range results {
		problems = append(problems, r...)
	}
	rep.Rendered = len(outs) - queued
	problems = append(problems, d.planWarn...)
	problems = dedupe(problems)
	problems.Sort()
	d.problems = problems
	rep.Problems = slices.Clone(problems)
	return rep
}
