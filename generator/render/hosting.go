package render

import (
	"fmt"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/feed"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/sitemap"
)

// redirectsPath is Netlify's redirect file, made from the pages' aliases.
const redirectsPath = "_redirects"

// hostingOutputs lists the files a host and feed readers need: the Atom
// and JSON feeds, sitemap.xml, robots.txt (unless a static robots.txt
// is given) and Netlify's _redirects for the aliases. They are written
// after the pages, whose summaries they use.
func (r *renderer) hostingOutputs(diags *diag.List) []*Output {
	s := r.site
	files := []struct {
		name string
		make func() ([]byte, error)
	}{
		{feed.AtomPath, func() ([]byte, error) { return feed.Atom(s, r.facts, feed.Articles(s)) }},
		{feed.JSONPath, func() ([]byte, error) { return feed.JSON(s, r.facts, feed.Articles(s)) }},
		{sitemap.Path, func() ([]byte, error) { return sitemap.Sitemap(s) }},
		{sitemap.RobotsPath, func() ([]byte, error) { return sitemap.Robots(s), nil }},
	}
	if len(s.Aliases) > 0 {
		files = append(files, struct {
			name string
			make func() ([]byte, error)
		}{redirectsPath, func() ([]byte, error) { return redirects(r), nil }})
	}
	var out []*Output
	for _, f := range files {
		if !r.claim(f.name, "") { // made from the model: no source file
			if f.name == sitemap.RobotsPath {
				continue // the site's own robots.txt wins
			}
			diags.Add(diag.Errorf(r.claimedBy(f.name), 0, "writes %s, which the generator writes itself", f.name).
				WithHint("rename or remove the file"))
			continue
		}
		out = append(out, &Output{Name: f.name, Kind: KindHosting, write: func() diag.List {
			data, err := f.make()
			if err == nil {
				err = r.w.Write(f.name, data)
			}
			if err != nil {
				return diag.List{{Path: f.name, Err: i18n.Errorf("generate %s: %w", f.name, err)}}
			}
			return nil
		}})
	}
	return out
}

// redirects renders Netlify's _redirects: one permanent redirect from
// each alias to its page.
func redirects(r *renderer) []byte {
	var b strings.Builder
	b.WriteString("# Old addresses of pages (front matter aliases), made by the generator.\n")
	for _, a := range r.site.Aliases {
		fmt.Fprintf(&b, "%s %s 301\n", a.RelPermalink(), a.Target.RelPermalink())
	}
	return []byte(b.String())
}
