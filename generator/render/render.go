// Package render turns the site model into files: it executes the theme's
// templates for every page, minifies and fingerprints the theme's assets,
// and copies static files and page resources, all through an
// output.Writer.
//
// In: a *site.Site, the facts of its pages (a *facts.Store, attached to
// the model), the theme's layers, the site's file system (for resources
// and static files) and a Writer. Out: the files, and every problem found,
// sorted. Pages are rendered on a bounded pool of goroutines; each page's
// converted Markdown is released through the store once its file is
// written, so memory does not grow with the site.
package render

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/lwa-rotterdam/ezine/generator/cards"
	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/images"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pool"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/svgsafe"
	"github.com/lwa-rotterdam/ezine/generator/theme"
)

// Options configures Render. The zero value renders for publishing.
type Options struct {
	// Inject is HTML added before </body> of every page (the dev server's
	// reload script). Empty for builds.
	Inject string
	// Workers bounds the goroutines; 0 means one per core.
	Workers int
	// CardCache is the folder share cards are kept in (see cards); ""
	// draws every card on every build.
	CardCache string
	// Images makes the resized copies of the site's images (the store's
	// facts.Image list); nil publishes images as they are.
	Images *images.Processor
}

// Stats counts what a render wrote.
type Stats struct {
	Pages int // HTML pages rendered
	Files int // files written in all
}

type renderer struct {
	ctx    context.Context
	site   *site.Site
	facts  *facts.Store // of site
	siteFS fs.FS
	theme  *theme.Theme
	w      *output.Writer
	opts   Options
	assets map[string]string // asset name -> fingerprinted URL
	cards  *cards.Maker      // draws share cards; nil when the theme has none

	claimMu sync.Mutex
	claimed map[string]string // output file -> its source as messages name it ("" when made from the model)

	usedMu sync.Mutex
	used   map[string]bool // site.UsedFiles of site and facts, once asked; nil before
}

// uses reports whether a published page uses the content folder's file
// (site path): only those are published. The set is worked out when the
// first such output is written, after the regular pages were rendered
// (converting their Markdown), and kept until the next Plan.
func (r *renderer) uses(file string) bool {
	r.usedMu.Lock()
	defer r.usedMu.Unlock()
	if r.used == nil {
		r.used = r.site.UsedFiles(r.facts)
	}
	return r.used[file]
}

// resetUsed forgets the set of used files, for a new model.
func (r *renderer) resetUsed() {
	r.usedMu.Lock()
	r.used = nil
	r.usedMu.Unlock()
}

// maxMinifiedResource caps the size of a resource read whole to be
// minified; larger files are copied as they are.
const maxMinifiedResource = 16 << 20

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render writes the whole site: the theme's assets, then the regular pages
// (their summaries and reading times are then known when lists are
// rendered, and their HTML is released as they go), then everything else
// in the plan. It is a Session that writes its whole plan once.
func Render(ctx context.Context, s *site.Site, st *facts.Store, layers []theme.Layer, siteFS fs.FS, w *output.Writer, opts Options) (Stats, diag.List) {
	sess, diags := NewSession(layers, siteFS, w, opts)
	if len(diags.Errors()) > 0 {
		return Stats{}, diags
	}
	sess.r.ctx = ctx
	outs, problems := sess.Plan(s, st)
	diags = append(diags, problems...)
	if len(diags.Errors()) > 0 {
		diags.Sort()
		return Stats{}, diags
	}
	first := 0
	for first < len(outs) && outs[first].Kind == KindPage {
		first++
	}
	r := sess.r
	diags = append(diags, r.run(first, func(i int) diag.List { return outs[i].Write() })...)
	rest := outs[first:]
	diags = append(diags, r.run(len(rest), func(i int) diag.List { return rest[i].Write() })...)
	if err := ctx.Err(); err != nil {
		diags.Add(err)
	}
	diags.Sort()
	return Stats{Pages: len(s.All()) + len(s.Aliases), Files: w.Files()}, dedupe(diags)
}

// run calls job for 0..n-1 on the pool and gathers the problems in order.
func (r *renderer) run(n int, job func(i int) diag.List) diag.List {
	results := make([]diag.List, n)
	pool.Run(r.ctx, n, r.opts.Workers, func(i int) { results[i] = job(i) })
	var out diag.List
	for _, l := range results {
		out = append(out, l...)
	}
	return out
}

// claim reserves an output file for a source (as messages name it; "" for
// a file made from the model, such as the feeds); a second claim is an
// error reported by the caller. Plan starts from the files of the model
// (pages, resources, aliases: site.Build has checked those, as they decide
// which page owns a URL) and the theme's assets, then claims every other
// output once: the one check of their names, for build and dev server.
func (r *renderer) claim(file, source string) bool {
	r.claimMu.Lock()
	defer r.claimMu.Unlock()
	if _, ok := r.claimed[file]; ok {
		return false
	}
	r.claimed[file] = source
	return true
}

// claimedBy returns the source that claimed file.
func (r *renderer) claimedBy(file string) string {
	r.claimMu.Lock()
	defer r.claimMu.Unlock()
	return r.claimed[file]
}

// layoutCandidates lists, most specific first, the layout files a page may
// use. This is the one place the lookup order is defined:
//
//	page:     <type>/<layout>, <section>/<layout>, _default/<layout>  (when layout is set)
//	          <type>/single, <section>/single, _default/single
//	section:  <section>/<layout>, _default/<layout>  (when layout is set)
//	          <section>/list, section/list, _default/list
//	home:     index, _default/list
//	taxonomy: <name>/terms, _default/terms, _default/list
//	term:     <name>/term, _default/term, _default/list
//	404:      404
func layoutCandidates(p *site.Page) []string {
	var c []string
	add := func(names ...string) {
		for _, n := range names {
			if !strings.Contains(n, "//") && !strings.HasPrefix(n, "/") {
				c = append(c, "layouts/"+n+".html")
			}
		}
	}
	layout := p.Meta().Layout
	switch p.Kind {
	case site.KindPage:
		if layout != "" {
			add(p.Type+"/"+layout, p.Section+"/"+layout, "_default/"+layout)
		}
		add(p.Type+"/single", p.Section+"/single", "_default/single")
	case site.KindSection:
		if layout != "" {
			add(p.Section+"/"+layout, "_default/"+layout)
		}
		add(p.Section+"/list", "section/list", "_default/list")
	case site.KindHome:
		add("index", "_default/list")
	case site.KindTaxonomy:
		add(p.Taxonomy.Name+"/terms", "_default/terms", "_default/list")
	case site.KindTerm:
		add(p.Taxonomy.Name+"/term", "_default/term", "_default/list")
	case site.Kind404:
		add("404")
	}
	return c
}

func (r *renderer) renderPage(p *site.Page, release bool) diag.List {
	var diags diag.List
	if p.Source != nil {
		diags = r.facts.Problems(p)
		if len(diags.Errors()) > 0 {
			return diags
		}
	}
	candidates := layoutCandidates(p)
	tmpl, name := r.theme.Layout(candidates)
	if tmpl == nil {
		diags.Add(diag.Errorf(cmp.Or(p.File(), theme.Dir+"/layouts"), 0, "no layout for this %s page", p.Kind).
			WithHintf("add one of %s to the theme", strings.Join(candidates, ", ")))
		return diags
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := tmpl.Execute(buf, p); err != nil {
		e := r.theme.ExecError(err, name)
		if p.File() != "" {
			e.Err = i18n.Errorf("%w (rendering %s)", e.Err, p.File())
		}
		diags.Add(e)
		return diags
	}
	html := buf.Bytes()
	if r.opts.Inject != "" {
		html = inject(html, r.opts.Inject)
	}
	if err := r.w.WriteHTML(content.OutputFile(p.URL), html); err != nil {
		diags.Add(diag.Errorf(cmp.Or(p.File(), name), 0, "%w", err))
	}
	if release {
		r.facts.Release(p)
	}
	return diags
}

// inject inserts html before the last </body>, or appends it.
func inject(page []byte, html string) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, html...)
	}
	out := make([]byte, 0, len(page)+len(html))
	out = append(out, page[:i]...)
	out = append(out, html...)
	return append(out, page[i:]...)
}

// aliasTemplate is the page at an old URL when the theme has no
// layouts/alias.html (as Hugo's): without words, as the engine speaks no
// site's language; the e-zine's theme has its own, in Dutch.
var aliasTemplate = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="canonical" href="{{ .Permalink }}"><meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{ .RelPermalink }}"></head>
<body><p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p></body></html>
`))

// renderAlias writes a small page at an old URL that sends the reader on.
func (r *renderer) renderAlias(a site.Alias) diag.List {
	tmpl := aliasTemplate
	if t, _ := r.theme.Layout([]string{"layouts/alias.html"}); t != nil {
		tmpl = t
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, a.Target); err != nil {
		return diag.List{r.theme.ExecError(err, "layouts/alias.html")}
	}
	if err := r.w.WriteHTML(a.Output, buf.Bytes()); err != nil {
		return diag.List{diag.Errorf(a.Target.File(), a.Target.Meta().Lines["aliases"], "%w", err)}
	}
	return nil
}

// copyResource publishes a content file beside its page: text formats the
// writer minifies (SVG, CSS, JS, JSON, XML) are minified, SVG made safe
// first; PNG and JPEG (when the site does not process images) stripped of
// their metadata; others streamed.
func (r *renderer) copyResource(res *site.Resource) diag.List {
	if !copiedAsIs(res.Output, res.Source.Size) {
		data, err := fs.ReadFile(r.siteFS, res.Source.Path)
		if err != nil {
			return diag.List{diag.Errorf(res.Source.Path, 0, "cannot read: %v", err)}
		}
		return r.publishFile(res.Output, res.Source.Path, data)
	}
	f, err := r.siteFS.Open(res.Source.Path)
	if err != nil {
		return diag.List{diag.Errorf(res.Source.Path, 0, "cannot read: %v", err)}
	}
	defer f.Close()
	if err := r.w.Copy(res.Output, f); err != nil {
		return diag.List{diag.Errorf(res.Source.Path, 0, "%w", err)}
	}
	return nil
}

// publishFile writes a file of the site that is published as it is, but
// for what must not be: SVG is sanitised (see svgsafe; what was removed
// is a warning at its line), PNG and JPEG lose their metadata (see
// images.StripFile).
func (r *renderer) publishFile(name, source string, data []byte) diag.List {
	var diags diag.List
	switch strings.ToLower(path.Ext(name)) {
	case ".svg":
		clean, removed, err := svgsafe.Sanitize(data)
		if err != nil {
			var se *svgsafe.Error
			line := 0
			if errors.As(err, &se) {
				line = se.Line
			}
			return diag.List{diag.Errorf(source, line, "%v", err).
				WithHint("open the SVG in a drawing program and save it again as plain SVG")}
		}
		for _, rm := range removed {
			diags.Add(diag.Warnf(source, rm.Line, "%s removed from the published copy", rm.What).
				WithHint("an SVG may not run scripts or load anything from other sites; remove it from the file"))
		}
		data = clean
	case ".png", ".jpg", ".jpeg":
		clean, err := images.StripFile(name, data)
		if err != nil {
			e := diag.Errorf(source, 0, "%v", err)
			if ie := (*images.Error)(nil); errors.As(err, &ie) {
				e.WithHintMsg(ie.HintMsg())
			}
			return diag.List{e}
		}
		data = clean
	}
	if err := r.w.Write(name, data); err != nil {
		diags.Add(diag.Errorf(source, 0, "%w", err))
	}
	return diags
}

// copiedAsIs reports whether a file published under name, size bytes
// long, is copied byte for byte: not an image (images are read whole
// whatever their size, to be cleaned) and not one the writer minifies,
// or too large to minify.
func copiedAsIs(name string, size int64) bool {
	if images.Handles(name) {
		return false
	}
	return output.MediaType(name) == "" || size > maxMinifiedResource
}

// renderAssets minifies and fingerprints every file under the theme's
// assets folder, so templates can refer to them with the asset function.
func (r *renderer) renderAssets() diag.List {
	var diags diag.List
	tfs := r.theme.FS()
	err := fs.WalkDir(tfs, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "assets" {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(tfs, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "assets/")
		hashed, err := r.w.Fingerprint(name, data)
		if err != nil {
			diags.Add(diag.Errorf(r.theme.Origin(p), 0, "%w", err))
			return nil
		}
		r.assets[name] = "/" + hashed
		r.claimed[hashed] = r.theme.Origin(p)
		return nil
	})
	if err != nil {
		diags.Add(i18n.Errorf("read theme assets: %w", err))
	}
	return diags
}

// staticJob copies one static file.
type staticJob struct {
	name   string // output file
	source string // as messages name it: "static/x", "themes/ezine/static/x"
	kind   Kind   // KindStatic or KindThemeStatic
	copy   string // the site file it copies byte for byte, if it does (Output.Copy)
	write  func() diag.List
}

// staticJobList lists the copies of static files: the site's static
// folder, then the theme's, a site file hiding the theme file of the same
// name. The site's images are published by their image jobs.
func (r *renderer) staticJobList(jobs map[string]*imageJob, diags *diag.List) []staticJob {
	type source struct {
		fsys   fs.FS
		prefix string // for messages
		kind   Kind
	}
	var sources []source
	if sub, err := fs.Sub(r.siteFS, "static"); err == nil {
		sources = append(sources, source{sub, "static", KindStatic})
	}
	if sub, err := fs.Sub(r.theme.FS(), "static"); err == nil {
		sources = append(sources, source{sub, theme.Dir + "/static", KindThemeStatic})
	}
	seen := map[string]bool{}
	var list []staticJob
	for _, src := range sources {
		names, irregular := content.PublishedFiles(src.fsys, ".")
		for _, p := range irregular {
			diags.Add(diag.Errorf(src.prefix+"/"+p, 0, "not a regular file; static files must be plain files"))
		}
		for _, name := range names {
			if seen[name] {
				continue // hidden by the site's own static file
			}
			seen[name] = true
			srcName := src.prefix + "/" + name
			if content.Reserved("/" + name) {
				diags.Add(diag.Errorf(srcName, 0, "lies under %s, which the dev server keeps for itself", content.ReservedPrefix).
					WithHint("move it to another folder"))
				continue
			}
			if !r.claim(name, srcName) {
				diags.Add(diag.Errorf(srcName, 0, "writes %s, which %s also writes", name, r.claimedBy(name)).
					WithHint("rename or remove one of them"))
				continue
			}
			fsys := src.fsys
			write := func() diag.List {
				data, err := fs.ReadFile(fsys, name)
				if err != nil {
					return diag.List{diag.Errorf(srcName, 0, "cannot read: %v", err)}
				}
				return r.publishFile(path.Clean(name), srcName, data)
			}
			copied := ""
			if src.kind == KindStatic && output.MediaType(name) == "" && !images.Handles(name) {
				// Write copies what it does not minify; only the site's own
				// folder is a path in the site (the theme may be built in).
				copied = srcName
			}
			if job := jobs[srcName]; job != nil {
				write = func() diag.List { return job.write(path.Clean(name), 0) }
				copied = ""
			}
			list = append(list, staticJob{name: path.Clean(name), source: srcName, kind: src.kind, copy: copied, write: write})
		}
	}
	return list
}
