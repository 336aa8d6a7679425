package site

import (
	"strings"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/vocab"
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

// TestVocabularyDecides: which taxonomies a site has, their order and
// titles, what Related compares and the home page's anchor are the
// vocabulary's, not the e-zine's: with another vocabulary, deelakkoord is
// no taxonomy at all.
func TestVocabularyDecides(t *testing.T) {
	v := vocab.Vocabulary{
		Taxonomies: []vocab.Taxonomy{{Name: "onderwerp", Title: "Onderwerpen"}, {Name: "type"}},
		Related:    []string{"onderwerp"},
		Strings:    vocab.Strings{HomeAnchor: "start"},
	}
	s, diags := build(t, map[string]string{
		"content/_index.md": "---\ntitle: Thuis\n---\n",
		"content/s/a.md":    "---\ntitle: A\nonderwerp: [bouw]\ndeelakkoord: [zorg]\n---\n",
		"content/s/b.md":    "---\ntitle: B\nonderwerp: [bouw]\n---\n",
		"content/s/c.md":    "---\ntitle: C\ndeelakkoord: [zorg]\ntype: interview\n---\n",
	}, Config{Vocabulary: v})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var names []string
	for _, tax := range s.Taxonomies {
		names = append(names, tax.Name+"="+tax.Page.Title)
	}
	if got := strings.Join(names, " "); got != "onderwerp=Onderwerpen type=Type" {
		t.Errorf("taxonomies %s", got)
	}
	if s.Taxonomy("deelakkoord") != nil || s.GetPage("/deelakkoord/zorg/") != nil {
		t.Error("deelakkoord is a taxonomy without being declared")
	}
	a := s.GetPage("s/a.md")
	if got := urls(a.Related(3)); got != "/s/b/" {
		t.Errorf("related of a: %q, want only b (deelakkoord is not compared)", got)
	}
	if a.Meta().Params["deelakkoord"] == nil {
		t.Error("an undeclared taxonomy key is not kept as a param")
	}
	if s.Home.Anchor() != "start" || s.Vocabulary().Related[0] != "onderwerp" {
		t.Errorf("home anchor %q", s.Home.Anchor())
	}
}
