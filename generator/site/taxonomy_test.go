package site

import (
	"strings"
	"testing"
)

// TestClosedTaxonomies: where the site defines the terms of a taxonomy
// (content/<taxonomy>/<term>/_index.md), a page's term outside them is an
// error at its line with the closest term; a taxonomy without term
// folders stays open.
func TestClosedTaxonomies(t *testing.T) {
	terms := map[string]string{
		"content/deelakkoord/haven/_index.md":                    "---\ntitle: Haven\n---\n",
		"content/deelakkoord/zorg/_index.md":                     "---\ntitle: Zorg\n---\n",
		"content/deelakkoord/energietransitie-en-bouw/_index.md": "---\ntitle: Energietransitie en Bouw\n---\n",
		"content/thema/_index.md":                                "---\ntitle: Thema's\n---\n", // the taxonomy's page, no term
	}
	for _, tc := range []struct {
		name, front string
		want        string // "" for no error
	}{
		{"defined term", "deelakkoord: [haven]", ""},
		{"defined term, other case", "deelakkoord: [Haven, ZORG]", ""},
		{"defined term as its title", "deelakkoord: [Energietransitie en Bouw]", ""},
		{"typo", "deelakkoord: [haaven]", `:3: deelakkoord "haaven" is not one of the terms this site defines (did you mean "haven"? The terms of deelakkoord are the folders of content/deelakkoord/: energietransitie-en-bouw, haven, zorg)`},
		{"accent", "deelakkoord: [Havén]", `did you mean "haven"?`},
		{"swapped letters", "deelakkoord:\n  - haven\n  - zrog", `:3: deelakkoord "zrog" is not one of the terms this site defines (did you mean "zorg"?`},
		{"no near term", "deelakkoord: [onderwijs]", `(the terms of deelakkoord are the folders of content/deelakkoord/: energietransitie-en-bouw, haven, zorg; for a new term, add content/deelakkoord/<term>/_index.md)`},
		{"open taxonomy: tags", "tags: [wat-dan-ook]", ""},
		{"open taxonomy: no term folders", "thema: [iets-nieuws]", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"content/a.md": "---\ntitle: A\n" + tc.front + "\n---\n"}
			for k, v := range terms {
				files[k] = v
			}
			s, diags := build(t, files, Config{})
			got := diags.Error()
			if tc.want == "" {
				if len(diags) > 0 {
					t.Fatalf("unexpected: %v", diags)
				}
				return
			}
			if len(diags.Errors()) != 1 || !strings.Contains(got, "content/a.md"+tc.want) && !strings.Contains(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			// The unknown term gets no page of its own.
			for _, term := range s.Taxonomy("deelakkoord").Terms {
				if term.Pages == nil || term.Term != "haven" && term.Term != "zorg" && term.Term != "energietransitie-en-bouw" {
					t.Errorf("term page %s", term.URL)
				}
			}
		})
	}
}
