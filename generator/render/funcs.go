package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/hyphen"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// dutchMonths are the month names for dateNL.
var dutchMonths = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// funcs returns the template functions. The set is small on purpose;
// everything else is a method of site.Page or site.Site.
//
//	asset "css/main.css"   URL of a fingerprinted theme asset
//	hasAsset "js/x.js"     whether the theme has that asset
//	absURL "/a/"           absolute URL when the site has a base URL
//	jsonLD .               schema.org data of the page, for a JSON-LD script
//	dateNL .Date           "5 februari 2019"
//	isoDate .Date          "2019-02-05"
//	dict "k" v ...         a map, to pass several values to a partial
//	list a b ...           a list
//	add a b, sub a b       integer arithmetic
//	lower s                lower case
//	slugify s              URL segment of s
//	hyph s                 s with soft hyphens in its long Dutch words, for
//	                       HTML text only (titles, leads, labels); never in
//	                       attributes, <title> or JSON-LD
//	hyphHeadings .Content  converted Markdown with soft hyphens in the text
//	                       of its headings (generator/hyphen)
//	partial "name" data    (added by the theme package)
func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) (string, error) {
			u, ok := r.assets[name]
			if !ok {
				return "", i18n.Errorf("no asset %q in the theme's assets folder", name)
			}
			return u, nil
		},
		"jsonLD": jsonLD,
		"hasAsset": func(name string) bool {
			_, ok := r.assets[name]
			return ok
		},
		"absURL": func(u string) string {
			if strings.HasPrefix(u, "/") {
				return r.site.AbsURL(u)
			}
			return u
		},
		"dateNL": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return fmt.Sprintf("%d %s %d", t.Day(), dutchMonths[t.Month()-1], t.Year())
		},
		"isoDate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, i18n.Errorf("dict needs pairs of key and value")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, i18n.Errorf("dict key %v is not text", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"list":    func(v ...any) []any { return v },
		"add":     func(a, b int) int { return a + b },
		"sub":     func(a, b int) int { return a - b },
		"lower":   strings.ToLower,
		"slugify": content.Slugify,
		"hyph":    hyphen.Text,
		"hyphHeadings": func(h template.HTML) template.HTML {
			return template.HTML(hyphen.Headings(string(h))) //nolint:gosec // soft hyphens added to the text of trusted HTML
		},
	}
}
