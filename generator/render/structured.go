package render

import (
	"cmp"
	"encoding/json"
	"html/template"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

// jsonLD returns the schema.org description of page p, for {{ jsonLD . }}
// inside <script type="application/ld+json">, as JSON that is safe there:
// encoding/json escapes "<", ">", "&", U+2028 and U+2029, so no front
// matter string can end the script. Encoding it here rather than letting
// html/template encode a map saves a reflective walk per page.
func jsonLD(p *site.Page) (template.JS, error) {
	b, err := json.Marshal(structuredData(p))
	if err != nil {
		return "", i18n.Errorf("jsonLD: %w", err)
	}
	return template.JS(b), nil //nolint:gosec // encoding/json output with HTML-escaping on
}

// jsonLDReads are the access paths structuredData reads of its page on a
// site of vocabulary v: jsonLD's declaration for the dev server's analysis.
// A path left out here shows as a page the dev server does not render
// again after an edit (its property test, TestIncrementalEqualsFull).
func jsonLDReads(v vocab.Vocabulary) []Path {
	return []Path{
		steps("Kind"), steps("Permalink"), steps("Title"), steps("Lead"), steps("Meta"),
		steps("Site", "Title"), steps("Site", "AbsURL"), steps("Site", "Lang"),
		append(Path{{Name: "Terms", Args: []any{v.Subject}}}, steps("*", "Title")...),
		steps("Ancestors", "*", "Title"), steps("Ancestors", "*", "Permalink"),
	}
}

// structuredData is an Article (for regular pages) or a WebPage, and the
// BreadcrumbList of its trail.
func structuredData(p *site.Page) map[string]any {
	s := p.Site()
	kind := "WebPage"
	switch p.Kind {
	case site.KindPage:
		kind = "Article"
	case site.KindSection, site.KindTaxonomy, site.KindTerm:
		kind = "CollectionPage"
	}
	main := map[string]any{
		"@type":       kind,
		"@id":         p.Permalink + "#" + s.Vocabulary().PageID(),
		"url":         p.Permalink,
		"name":        p.Title,
		"inLanguage":  s.Lang(),
		"description": p.Lead(),
		"isPartOf":    map[string]any{"@type": "WebSite", "name": s.Title, "url": s.AbsURL("/")},
	}
	if kind == "Article" {
		main["headline"] = p.Title
		main["publisher"] = map[string]any{"@type": "Organization", "name": s.Title}
		m := p.Meta()
		// Only a date the front matter gives as the publication date:
		// Page.Date falls back to lastmod, the revision date, which is
		// not when the article appeared.
		if d := cmp.Or(m.Date, m.PublishDate); !d.IsZero() {
			main["datePublished"] = d.Format("2006-01-02")
		}
		if !m.Lastmod.IsZero() {
			main["dateModified"] = m.Lastmod.Format("2006-01-02")
		}
		if terms := p.Terms(s.Vocabulary().Subject); len(terms) > 0 {
			var about []string
			for _, t := range terms {
				about = append(about, t.Title)
			}
			main["about"] = about
		}
	}
	graph := []any{main}
	if trail := append(p.Ancestors(), p); len(trail) > 1 {
		var items []any
		for i, a := range trail {
			items = append(items, map[string]any{
				"@type":    "ListItem",
				"position": i + 1,
				"name":     a.Title,
				"item":     a.Permalink,
			})
		}
		graph = append(graph, map[string]any{"@type": "BreadcrumbList", "itemListElement": items})
	}
	return map[string]any{"@context": "https://schema.org", "@graph": graph}
}
