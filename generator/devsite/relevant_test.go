package devsite

import "testing"

func TestRelevant(t *testing.T) {
	for rel, want := range map[string]bool{
		"":                                        true,
		"content":                                 true,
		"content/verhalen/zorg.md":                true,
		"content/verhalen/.zorg.md.swp":           false,
		"content/verhalen/zorg.md~":               false,
		"content/verhalen/4913":                   false,
		"content/.#zorg.md":                       false,
		"content/.git/HEAD":                       false,
		"content/verhalen/.DS_Store":              false,
		"themes":                                  true,
		"themes/ezine":                            true,
		"themes/ezine/layouts/x.html":             true,
		"themes/ezine/layouts/x.html~":            false,
		"themes/ezine/layouts/x.html___jb_tmp___": false,
		"themes/ander/layouts/x.html":             false,
		"themes/ezine-oud/x.html":                 false,
		"static/css/x.css":                        true,
		"static/css/x.css.crswap":                 false,
		"static/css/x.css.bak":                    false,
		"static/Thumbs.db":                        false,
		"content/verhalen/haven/plan.pdf.orig":    false,
		"content/verhalen/haven/plan.pdf":         true,
		"public/index.html":                       false,
		"README.md":                               false,
		"go.mod":                                  false,
	} {
		if got := Relevant(rel, false); got != want {
			t.Errorf("Relevant(%q) = %v, want %v", rel, got, want)
		}
	}
	if !Relevant("static/.well-known", true) {
		t.Error("a hidden folder in static/ is published, so it is relevant")
	}
}
