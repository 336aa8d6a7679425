package render

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"slices"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/theme"
)

// Session renders a site piece by piece, for the dev server: it loads the
// theme and writes the theme's assets once, then lists the files a full
// Render would write for any build of the site model (Plan) and writes any
// of them on request (Output.Write), as often as the model changes.
//
// Plan and Write use the same code as Render, so a session that writes
// every output of a plan writes exactly what Render writes.
type Session struct {
	r          *renderer
	assetNames map[string]string // fingerprinted output file -> theme file
}

// Kind is what an output is, and so what it is made from.
type Kind int

// The kinds of output, in the order Plan lists them.
const (
	KindPage        Kind = iota + 1 // a regular page (Output.Page)
	KindList                        // the home page, a section, taxonomy or term page (Output.Page)
	Kind404                         // the 404 page (Output.Page), from the theme's layouts/404.html
	KindAlias                       // a redirect from an old URL (Output.Alias)
	KindResource                    // a content file published beside its page (Output.Resource)
	KindImageCopy                   // a resized copy of an image (Output.Source: the image)
	KindStatic                      // a file of the site's static folder (Output.Source)
	KindThemeStatic                 // a file of the theme's static folder (Output.Source)
	KindCard                        // a page's share card (Output.Page: the page the card is of)
	KindHosting                     // a feed, sitemap.xml, robots.txt or _redirects, made from the model
	KindSearch                      // the search index, made from the model
)

var kindNames = [...]string{KindPage: "page", KindList: "list", Kind404: "404", KindAlias: "alias",
	KindResource: "resource", KindImageCopy: "image copy", KindStatic: "static", KindThemeStatic: "theme static",
	KindCard: "card", KindHosting: "hosting", KindSearch: "search"}

func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// FromFile reports whether outputs of kind k are made from their Source
// (or, for resources, their Resource's) file alone: their bytes change
// only when that file does.
func (k Kind) FromFile() bool {
	switch k {
	case KindResource, KindImageCopy, KindStatic, KindThemeStatic:
		return true
	}
	return false
}

// Output is one file that Render would write, and how to write it.
type Output struct {
	Name     string         // output file, such as "a/b/index.html"
	Kind     Kind           // what the output is; it says which of the fields below are set
	Page     *site.Page     // set for pages, lists, the 404 page and share cards
	Alias    *site.Alias    // set for alias redirects
	Resource *site.Resource // set for content files published beside pages
	// Source is the site path of the one file the output is made from, as
	// messages name it: "static/a.png", "content/x/foto.jpg" (the image of
	// a resized copy), "themes/ezine/static/x.txt" (which may be built into
	// the generator rather than lie in the site folder). "" for pages,
	// aliases, cards and what the generator makes from the model.
	Source string
	// Copy, when set, is the site file (a slash path in the site folder,
	// such as "static/film.mp4") that Write copies byte for byte. A caller
	// that can serve that file from the site folder itself (the dev server)
	// may do so instead of calling Write, and hold none of it in memory.
	Copy string
	// Key, when set, names everything the output's bytes depend on: an
	// output of the same Name and Key is the same file (share cards).
	Key   string
	write func() diag.List
	// content is the site path of the content folder's file the output is
	// made of (a resource, or a resized copy of an image there), or "".
	content string
	uses    func(file string) bool // set with content
}

// ContentFile returns the site path of the content folder's file that the
// output copies or is made from ("content/a/plan.pdf"), or "" for outputs
// made otherwise. Such an output is written only when a published page
// uses the file (site.UsedFiles); otherwise Write writes nothing.
func (o *Output) ContentFile() string { return o.content }

// Write renders or copies the output through the session's writer. Outputs
// of one plan may be written from several goroutines at once.
func (o *Output) Write() diag.List { return o.write() }

// Published reports whether Write publishes anything: false for an output
// made of a content file that no published page uses. A caller that
// serves Copy itself must ask this first.
func (o *Output) Published() bool { return o.content == "" || o.uses(o.content) }

// NewSession loads the theme and writes its fingerprinted assets through w.
func NewSession(layers []theme.Layer, siteFS fs.FS, w *output.Writer, opts Options) (*Session, diag.List) {
	r := &renderer{ctx: context.Background(), siteFS: siteFS, w: w, opts: opts, assets: map[string]string{}, claimed: map[string]string{}}
	th, diags := theme.Load(layers, r.funcs().FuncMap())
	if len(diags.Errors()) > 0 {
		diags.Sort()
		return nil, diags
	}
	r.theme = th
	diags = append(diags, r.renderAssets()...)
	diags = append(diags, r.loadCards()...)
	diags.Sort()
	if len(diags.Errors()) > 0 {
		return nil, diags
	}
	return &Session{r: r, assetNames: maps.Clone(r.claimed)}, diags
}

// Plan lists every file Render would write for s, whose pages' facts st
// keeps, in Render's order, except the assets NewSession wrote, and the
// problems Render would report before writing any (static files that
// clash with pages). It makes s the site that Write renders; it must not
// run while outputs are being written.
func (ss *Session) Plan(s *site.Site, st *facts.Store) ([]*Output, diag.List) {
	r := ss.r
	r.site, r.facts = s, st
	r.theme.ResetCache() // cached partials belong to the previous model
	r.theme.FitCache(len(s.All()))
	r.resetUsed()
	r.claimed = map[string]string{}
	for _, p := range s.All() {
		r.claimed[content.OutputFile(p.URL)] = p.File()
	}
	for _, res := range s.Resources {
		r.claimed[res.Output] = res.Source.Path
	}
	for _, a := range s.Aliases {
		r.claimed[a.Output] = a.Target.File()
	}
	for name, origin := range ss.assetNames {
		r.claimed[name] = origin
	}
	jobs := r.imageJobs()
	var out []*Output
	for _, p := range s.Pages {
		out = append(out, &Output{Name: content.OutputFile(p.URL), Kind: KindPage, Page: p, write: func() diag.List { return r.renderPage(p, true) }})
	}
	for _, p := range s.All() {
		if p.Kind != site.KindPage {
			out = append(out, &Output{Name: content.OutputFile(p.URL), Kind: KindList, Page: p, write: func() diag.List { return r.renderPage(p, false) }})
		}
	}
	if r.theme.HasLayout("layouts/404.html") {
		p := s.Special(site.Kind404, s.Vocabulary().NotFoundTitle(), "/404.html")
		if r.claim("404.html", theme.Dir+"/layouts/404.html") {
			out = append(out, &Output{Name: "404.html", Kind: Kind404, Page: p, write: func() diag.List { return r.renderPage(p, false) }})
		}
	}
	for _, a := range s.Aliases {
		out = append(out, &Output{Name: a.Output, Kind: KindAlias, Alias: &a, write: func() diag.List { return r.renderAlias(a) }})
	}
	for _, res := range s.Resources {
		o := &Output{Name: res.Output, Kind: KindResource, Resource: res, content: res.Source.Path, write: func() diag.List { return r.copyResource(res) }}
		if job := jobs[res.Source.Path]; job != nil {
			o.write = func() diag.List { return job.write(res.Output, 0) }
		} else if copiedAsIs(res.Output, res.Source.Size) {
			o.Copy = res.Source.Path
		}
		out = append(out, o)
	}
	var diags diag.List
	out = append(out, r.imageOutputs(jobs, &diags)...)
	for _, o := range out {
		if o.content != "" {
			write, file := o.write, o.content
			o.uses = r.uses
			o.write = func() diag.List {
				if !r.uses(file) {
					return nil // no published page uses it: not published
				}
				return write()
			}
		}
	}
	for _, job := range r.staticJobList(jobs, &diags) {
		out = append(out, &Output{Name: job.name, Kind: job.kind, Source: job.source, Copy: job.copy, write: job.write})
	}
	out = append(out, r.cardOutputs(s, &diags)...)
	out = append(out, r.hostingOutputs(&diags)...)
	out = append(out, r.searchOutputs(&diags)...)
	diags.Sort()
	return out, diags
}

// Assets maps each theme asset ("css/main.css") to the URL of its
// fingerprinted copy ("/css/main.1a2b3c4d5e.css").
func (ss *Session) Assets() map[string]string { return maps.Clone(ss.r.assets) }

// AssetFiles lists the output files NewSession wrote, sorted.
func (ss *Session) AssetFiles() []string {
	return slices.Sorted(maps.Keys(ss.assetNames))
}

// Layout returns the template that renders p and the layout file it comes
// from; nil when the theme has none for it.
func (ss *Session) Layout(p *site.Page) (*template.Template, string) {
	return ss.r.theme.Layout(layoutCandidates(p))
}

// Theme returns the loaded theme.
func (ss *Session) Theme() *theme.Theme { return ss.r.theme }

// Funcs returns the template functions the theme can call, but partial
// and partialCached (the theme's), each with what it reads.
func (ss *Session) Funcs() Funcs { return ss.r.funcs() }

// AliasLayout returns the template that renders alias redirects, and the
// layout file it comes from ("" for the built-in one).
func (ss *Session) AliasLayout() (*template.Template, string) {
	if t, name := ss.r.theme.Layout([]string{"layouts/alias.html"}); t != nil {
		return t, name
	}
	// A private copy while the shared template has not run (running it
	// rewrites it for escaping); once it ran, it no longer changes.
	if c, err := aliasTemplate.Clone(); err == nil {
		return c, ""
	}
	return aliasTemplate, ""
}
