package devsite

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/diag"
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

// The link check and the settings check of a build run in a rebuild too,
// with build's messages: a link by URL to a page that is not there, an
// anchor that names no heading, and then the edits that fix them, one on
// another page than the link's (so that only the linked page's facts
// change). Their errors fail a build, not a preview.
func TestRebuildReportsLinkProblems(t *testing.T) {
	const (
		missingPage   = `content/verhalen/b.md:4: link "/nergens/": no page or file at that address`
		missingAnchor = `content/verhalen/b.md:4: link "/verhalen/a/#kop": content/verhalen/a.md has no heading with id "kop"`
		ownAnchor     = `content/verhalen/b.md:4: link "#slot": content/verhalen/b.md has no heading with id "slot"`
		noContact     = `content/toegankelijkheid.md:3: warning: content/toegankelijkheid.md shows the accessibility contact, but the site setting toegankelijkheid_contact is empty (set toegankelijkheid_contact: "adres@voorbeeld.nl" in content/_index.md; until then the page points readers to the colofon)`
	)
	tests := []struct {
		name     string
		edits    []edit
		errors   []string
		warnings []string
	}{
		{
			name:   "a link to a page that is not there",
			edits:  []edit{{"content/verhalen/b.md": "---\ntitle: B\n---\nLees [dit](/nergens/).\n"}},
			errors: []string{missingPage},
		},
		{
			name: "the page comes",
			edits: []edit{
				{"content/verhalen/b.md": "---\ntitle: B\n---\nLees [dit](/nergens/).\n"},
				{"content/nergens.md": "---\ntitle: Nergens\n---\nHier.\n"},
			},
		},
		{
			name:   "an anchor that names no heading",
			edits:  []edit{{"content/verhalen/b.md": "---\ntitle: B\n---\nLees [A](/verhalen/a/#kop).\n"}},
			errors: []string{missingAnchor},
		},
		{
			name: "the heading comes, in the linked page's body",
			edits: []edit{
				{"content/verhalen/b.md": "---\ntitle: B\n---\nLees [A](/verhalen/a/#kop).\n"},
				{"content/verhalen/a.md": "---\ntitle: A\n---\n## Kop\n\nDe eerste.\n"},
			},
		},
		{
			name: "the heading goes again",
			edits: []edit{
				{"content/verhalen/a.md": "---\ntitle: A\n---\n## Kop\n\nDe eerste.\n"},
				{"content/verhalen/b.md": "---\ntitle: B\n---\nLees [A](/verhalen/a/#kop).\n"},
				{"content/verhalen/a.md": "---\ntitle: A\n---\n## Andere kop\n\nDe eerste.\n"},
			},
			errors: []string{missingAnchor},
		},
		{
			name:   "an anchor on the page itself",
			edits:  []edit{{"content/verhalen/b.md": "---\ntitle: B\n---\nNaar [het slot](#slot).\n"}},
			errors: []string{ownAnchor},
		},
		{
			name:     "the accessibility statement without a contact",
			edits:    []edit{{"content/toegankelijkheid.md": "---\ntitle: Toegankelijkheid\nlayout: toegankelijkheid\n---\nOver de toegankelijkheid.\n"}},
			warnings: []string{noContact},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, problemSite)
			d, rep := openSite(t, dir)
			for _, e := range tt.edits {
				writeFiles(t, dir, e)
				rep = d.Rebuild(context.Background(), slices.Collect(maps.Keys(e)), nil)
			}
			if rep.Failed {
				t.Errorf("the rebuild failed; problems:\n%s", rep.Problems)
			}
			got := d.Problems()
			if !slices.Equal(lines(got.Errors()), tt.errors) || !slices.Equal(lines(got.Warnings()), tt.warnings) {
				t.Errorf("kept site reports\n%s\nwant the errors\n%s\nand the warnings\n%s", got, strings.Join(tt.errors, "\n"), strings.Join(tt.warnings, "\n"))
			}
			if _, build := fullBuild(t, dir); build.Error() != d.Problems().Error() {
				t.Errorf("full build reports\n%s\nkept site reports\n%s", build, d.Problems())
			}
		})
	}
}

// lines returns the problems of l as printed, one a line; nil for none.
func lines(l diag.List) []string {
	if len(l) == 0 {
		return nil
	}
	return strings.Split(l.Error(), "\n")
}
