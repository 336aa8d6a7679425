// Package check finds what a reader would trip over before a site is
// published: links and anchors that lead nowhere, front matter that does
// not match its content type, unknown front matter keys (typos), heading
// levels that skip, and pages a plain build leaves out.
//
// In: the site model, the facts of its pages (links and outlines, from
// their converted Markdown) and, for links, a function that says whether
// the build wrote a file. Out: the
// findings as a diag.List at path:line. Links runs in every build (a
// broken internal link fails it, as in Zola); the rest runs in
// `go run . check`.
package check

import (
	"net/url"
	"path"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/schema"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/suggest"
)

// sourcePages returns the published pages that have a Markdown file.
func sourcePages(s *site.Site) []*site.Page {
	var out []*site.Page
	for _, p := range s.All() {
		if p.Source != nil {
			out = append(out, p)
		}
	}
	return out
}

// Links checks every link and image target in the bodies of the published
// pages that points into the site: it must reach a page or a file the
// build wrote (exists is asked with the output file name), and an anchor
// must name a heading of the page it points to. Links to other sites are
// not followed: a build never uses the network.
func Links(s *site.Site, f site.Facts, exists func(output string) bool) diag.List {
	var out diag.List
	for _, p := range sourcePages(s) {
		out = append(out, PageLinks(s, f, p, exists)...)
	}
	return out
}

// PageLinks is Links for the links in the body of page p alone. It reads
// the facts of p and of the pages its anchors point to, and asks exists
// about the other targets: a caller that knows what changed (the dev
// server) checks again only the pages whose answers can differ.
func PageLinks(s *site.Site, f site.Facts, p *site.Page, exists func(output string) bool) diag.List {
	var out diag.List
	for _, l := range f.Result(p).Links {
		if msg := checkLink(s, f, p, l, exists); msg != nil && l.Image {
			out = append(out, diag.Errorf(p.File(), l.Line, "image %q: %s", l.Dest, msg))
		} else if msg != nil {
			out = append(out, diag.Errorf(p.File(), l.Line, "link %q: %s", l.Dest, msg))
		}
	}
	return out
}

func checkLink(s *site.Site, f site.Facts, from *site.Page, l markdown.Link, exists func(string) bool) *i18n.Msg {
	dest := l.Dest
	if dest == "" || strings.HasPrefix(dest, "//") {
		return nil
	}
	if markdown.HasScheme(dest) {
		return nil // another site, or mailto:, tel:
	}
	p, _, frag, ok := markdown.SplitTarget(dest)
	if _, err := url.PathUnescape(frag); err == nil && ok && p == "" {
		return anchor(f, from, frag)
	}
	if !ok {
		return i18n.New("broken %%-escape")
	}
	if !strings.HasPrefix(p, "/") {
		return nil // relative targets were resolved, or reported, when converting
	}
	if page := s.GetPage(p); page != nil {
		if frag != "" {
			return anchor(f, page, frag)
		}
		return nil
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	if exists(content.OutputFile(clean)) {
		return nil
	}
	if content.IgnoredPath(clean) {
		return i18n.New("hidden files and editors' leftovers (backups, merge and swap files) are never published")
	}
	return i18n.New("no page or file at that address")
}

// anchor checks that page p has a heading with id frag (percent-escaped
// as written). Generated pages (lists, terms) are not checked: their ids
// come from the theme.
func anchor(f site.Facts, p *site.Page, frag string) *i18n.Msg {
	frag, _ = url.PathUnescape(frag)
	if frag == "" || p.Source == nil {
		return nil
	}
	for _, h := range f.Result(p).Headings {
		if h.ID == frag {
			return nil
		}
	}
	return i18n.New("%s has no heading with id %q", p.File(), frag)
}

// Pages checks the front matter and outline of every page with a source,
// published or not: required keys per content type (from the theme's
// archetypes), unknown keys, and heading levels.
func Pages(s *site.Site, f site.Facts, types map[string]*schema.Type) diag.List {
	var out diag.List
	keys := append(content.FieldNames(), s.Vocabulary().Names()...)
	pages := append(sourcePages(s), s.Unpublished...)
	for _, p := range pages {
		m := p.Meta()
		for _, k := range m.Unknown {
			if p.Kind == site.KindHome && site.IsSetting(strings.ToLower(k)) {
				continue // a site setting, not a typo
			}
			out = append(out, diag.Warnf(p.File(), m.Lines[strings.ToLower(k)], "unknown front matter key %q", k).
				WithHintMsg(suggestKey(k, keys)))
		}
		if p.Kind == site.KindPage || p.Kind == "" {
			out = append(out, required(p, types)...)
		}
		if p.Status == "" { // unpublished pages are not converted
			out = append(out, outline(p, f)...)
		}
	}
	return out
}

// suggestKey names the known key an unknown one is probably a typo of:
// a typed key or a taxonomy of the site's vocabulary (keys).
func suggestKey(key string, keys []string) *i18n.Msg {
	if best, ok := suggest.Closest(key, keys, 2); ok {
		return i18n.New("did you mean %q? Unknown keys are kept for templates as params", best)
	}
	return i18n.New("unknown keys are kept for templates as params; check the spelling")
}

// required reports the keys the page's content type requires and the
// page lacks.
func required(p *site.Page, types map[string]*schema.Type) diag.List {
	t := types[p.Type]
	if t == nil {
		t = types[schema.DefaultType]
	}
	if t == nil {
		return nil
	}
	var out diag.List
	m := p.Meta()
	for _, f := range t.Fields {
		k := f.Key
		if !f.Required || f.NonEmpty && p.Status == "" {
			continue // Fields reports a missing "niet leeg" key of a published page
		}
		if _, ok := m.Lines[k]; !ok {
			out = append(out, diag.Errorf(p.File(), 1, "missing front matter key %q, required for pages of type %q", k, t.Name).
				WithHintf("see themes/ezine/%s/%s.md", schema.Dir, t.Name))
		}
	}
	return out
}

// outline checks heading levels: the page title is the page's only h1, so
// the body starts at ## and never skips a level going down.
func outline(p *site.Page, f site.Facts) diag.List {
	var out diag.List
	prev := 1
	for _, h := range f.Result(p).Headings {
		switch {
		case h.Level == 1:
			out = append(out, diag.Errorf(p.File(), h.Line, "heading %q is a level-1 heading; the page title is the only one", h.Text).
				WithHint("start sections with ##"))
		case h.Level > prev+1:
			out = append(out, diag.Errorf(p.File(), h.Line, "heading %q skips from level %d to %d", h.Text, prev, h.Level).
				WithHintf("use %s", strings.Repeat("#", prev+1)))
		}
		prev = h.Level
	}
	return out
}

// Unpublished lists, as notes, the pages a plain build leaves out and the
// files of the content folder that no published page uses, which a build
// does not publish either (site.UsedFiles).
func Unpublished(s *site.Site, f site.Facts) diag.List {
	var out diag.List
	why := map[site.Status]*i18n.Msg{
		site.StatusDraft:   i18n.New("draft: not published (set draft: false to publish)"),
		site.StatusFuture:  i18n.New("publish date is in the future: not published yet"),
		site.StatusExpired: i18n.New("expiry date has passed: no longer published"),
	}
	for _, p := range s.Unpublished {
		out = append(out, diag.Notef(p.File(), 0, "%s", why[p.Status]))
	}
	used := s.UsedFiles(f)
	for _, r := range s.Resources {
		if !used[r.Source.Path] {
			out = append(out, diag.Notef(r.Source.Path, 0, "not published: no published page links to it").
				WithHint("link it from a page to publish it; files no page uses stay out of the site"))
		}
	}
	return out
}
