package render

import (
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/search"
)

// searchOutputs lists the search index (package search), when the site has
// a search page. It is made from every page's text and headings, so it is
// written after the pages, like the feeds.
func (r *renderer) searchOutputs(diags *diag.List) []*Output {
	s := r.site
	if !search.Wanted(s) {
		return nil
	}
	if !r.claim(search.Path, "") { // made from the model: no source file
		diags.Add(diag.Errorf(r.claimedBy(search.Path), 0, "writes %s, which the generator writes itself for the search page", search.Path).
			WithHint("rename or remove the file"))
		return nil
	}
	return []*Output{{Name: search.Path, Kind: KindSearch, write: func() diag.List {
		data, err := search.Build(s, r.facts).JSON()
		if err == nil {
			err = r.w.Write(search.Path, data)
		}
		if err != nil {
			return diag.List{{Path: search.Path, Err: i18n.Errorf("generate %s: %w", search.Path, err)}}
		}
		return nil
	}}}
}
