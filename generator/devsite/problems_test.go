package devsite

import (
	"context"
	"testing"
)

// problemSite is a small site that builds; the cases below change it.
var problemSite = map[string]string{
	"content/_index.md":          "---\ntitle: Proef\n---\nWelkom.\n",
	"content/verhalen/_index.md": "---\ntitle: Verhalen\n---\n",
	"content/verhalen/a.md":      "---\ntitle: A\n---\nDe eerste.\n",
	"content/verhalen/b.md":      "---\ntitle: B\n---\nLees [A](a.md).\n",
}

// edit is one change to the site on disk and the rebuild that follows.
type edit map[string]string

// After each case's edits, the kept site reports exactly the errors a full
// build reports: every phase that can run adds its problems, as in a
// build, and the content checks are build's.
func TestRebuildReportsWhatBuildReports(t *testing.T) {
	const brokenPartial = `{{ if .IsDraft }<span>kapot</span>{{ end }}`
	tests := []struct {
		name   string
		edits  []edit
		failed bool // the last rebuild keeps the last good site
	}{
		{
			name: "front matter and theme broken at once",
			edits: []edit{{
				"content/verhalen/a.md":                      "---\ntitle: [A\n---\nDe eerste.\n",
				"themes/ezine/layouts/partials/concept.html": brokenPartial,
			}},
			failed: true,
		},
		{
			name: "front matter broken while the theme is",
			edits: []edit{
				{"themes/ezine/layouts/partials/concept.html": brokenPartial},
				{"content/verhalen/a.md": "---\ntitle: [A\n---\nDe eerste.\n"},
			},
			failed: true,
		},
		{
			name: "front matter and a body broken at once",
			edits: []edit{{
				"content/verhalen/a.md": "---\ntitle: [A\n---\nDe eerste.\n",
				"content/verhalen/b.md": "---\ntitle: B\n---\nLees [C](c.md).\n",
			}},
			failed: true,
		},
		{
			name:  "a placeholder in a body",
			edits: []edit{{"content/verhalen/a.md": "---\ntitle: A\n---\nNog in te vullen.\n"}},
		},
		{
			name: "a placeholder with broken front matter",
			edits: []edit{{
				"content/verhalen/a.md": "---\ntitle: A\n---\nNog in te vullen.\n",
				"content/verhalen/b.md": "---\ntitle: [B\n---\nLees [A](a.md).\n",
			}},
			failed: true,
		},
		{
			name: "a field rule of the theme's archetype",
			edits: []edit{
				{"themes/ezine/archetypes/verhaal.md": "---\ntitle: \"\"\ndeelakkoord: []  # niet leeg\n---\n"},
				{"content/verhalen/a.md": "---\ntitle: A\ntype: verhaal\n---\nDe eerste.\n"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, problemSite)
			d, rep := openSite(t, dir)
			if rep.Failed {
				t.Fatalf("the site does not build:\n%s", rep.Problems)
			}
			for _, e := range tt.edits {
				writeFiles(t, dir, e)
				var changed []string
				for name := range e {
					changed = append(changed, name)
				}
				rep = d.Rebuild(context.Background(), changed, nil)
			}
			if rep.Failed != tt.failed {
				t.Errorf("Failed = %v, want %v; problems:\n%s", rep.Failed, tt.failed, rep.Problems)
			}
			_, want := fullBuild(t, dir)
			if !want.HasErrors() {
				t.Fatal("the full build has no errors: the case tests nothing")
			}
			if got := d.Problems(); !sameErrors(got.Errors(), want.Errors()) {
				t.Errorf("full build reports\n%s\nkept site reports\n%s", want.Errors(), got.Errors())
			}
		})
	}
}
