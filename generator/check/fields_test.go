package check

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
	"github.com/lwa-rotterdam/ezine/generator/schema"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// ezine is the built-in theme's vocabulary, which the tests' sites use.
var ezine = testcorpus.Ezine()

// TestFields: the rules of the archetype's comments, each with the pages
// it must find and those it must let pass.
func TestFields(t *testing.T) {
	types, err := schema.Load(fstest.MapFS{"archetypes/verhaal.md": {Data: []byte(
		"---\ntitle: \"…\"\ndescription: \"Een zin.\"  # zin, 50-160 tekens\ntype: verhaal\ndeelakkoord: []  # niet leeg\ntags: []  # optional\n---\n")}})
	if err != nil {
		t.Fatal(err)
	}
	good := "Het deelakkoord Haven wilde elk jaar honderd opstapbanen in de haven."
	for _, tc := range []struct {
		name, front string
		sev         diag.Severity
		want        string // "" for no finding
	}{
		{"all good", "description: " + good + "\ndeelakkoord: [haven]", 0, ""},
		{"empty list", "description: " + good + "\ndeelakkoord: []", diag.SevError, `:4: deelakkoord is empty; pages of type "verhaal" name at least one (name one or more of the terms of content/deelakkoord/: haven, zorg)`},
		{"missing list", "description: " + good, diag.SevError, `:1: missing front matter key "deelakkoord", required for pages of type "verhaal"`},
		{"empty text item", "description: " + good + "\ndeelakkoord: [\"\"]", diag.SevError, ":4: deelakkoord is empty"},
		{"too long", "description: " + strings.Repeat("Een lange zin. ", 11) + "\ndeelakkoord: [haven]", diag.SevWarning, ":3: warning: description is 164 characters long; a link preview or search result shows about 160"},
		{"160 is fine", "description: " + strings.Repeat("a", 159) + ".\ndeelakkoord: [haven]", 0, ""},
		{"too short", "description: Over de haven.\ndeelakkoord: [haven]", diag.SevWarning, ":3: warning: description is 14 characters long, shorter than a sentence"},
		{"no sentence end", "description: Het deelakkoord Haven wilde elk jaar honderd opstapbanen in de haven\ndeelakkoord: [haven]", diag.SevWarning, ":3: warning: description does not end as a sentence"},
		{"question", "description: Wat wilde het deelakkoord Haven met honderd opstapbanen per jaar bereiken?\ndeelakkoord: [haven]", 0, ""},
		{"draft exempt", "description: kort\ndeelakkoord: []\ndraft: true", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/a.md":                        {Data: []byte("---\ntitle: A\n" + tc.front + "\ntype: verhaal\n---\n")},
				"content/deelakkoord/haven/_index.md": {Data: []byte("---\ntitle: Haven\n---\n")},
				"content/deelakkoord/zorg/_index.md":  {Data: []byte("---\ntitle: Zorg\n---\n")},
			}
			tree, diags := content.Load(context.Background(), fsys, "content", content.Options{Taxonomies: ezine.Names()})
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			s, diags := site.Build(tree, site.Config{Vocabulary: ezine, FS: fsys})
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			got := Fields(s, types)
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("unexpected %v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Severity != tc.sev || !strings.Contains(got[0].Error(), "content/a.md"+tc.want) {
				t.Errorf("got %v, want %s %q", got, tc.sev, tc.want)
			}
		})
	}
}
