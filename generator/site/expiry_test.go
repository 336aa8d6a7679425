package site

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/generator/content"
)

// TestExpiryArchive: past its expiryDate a page is left out, unless the
// page or the home page says expiry: archive; then it stays published,
// marked Archived, and is in no list, no term and not in the edition.
func TestExpiryArchive(t *testing.T) {
	files := func(home, page string) map[string]string {
		return map[string]string{
			"content/_index.md":   "---\ntitle: Home\n" + home + "---\n",
			"content/s/_index.md": "---\ntitle: S\n---\n",
			"content/s/oud.md":    "---\ntitle: Oud\nweight: 1\ntags: [oud]\nexpiryDate: 2023-07-01\n" + page + "---\n",
			"content/s/nieuw.md":  "---\ntitle: Nieuw\nweight: 2\ntags: [nieuw]\n---\n",
		}
	}
	tests := []struct {
		name, home, page string
		archived         bool
	}{
		{"removed by default", "", "", false},
		{"page says archive", "", "expiry: archive\n", true},
		{"site says archive", "expiry: archive\n", "", true},
		{"page overrides the site", "expiry: archive\n", "expiry: remove\n", false},
	}
	for _, tt := range tests {
		s, diags := build(t, files(tt.home, tt.page), Config{})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		oud := s.GetPage("/s/oud/")
		if !tt.archived {
			if oud != nil || len(s.Unpublished) != 1 || s.Unpublished[0].Status != StatusExpired {
				t.Errorf("%s: page %v, unpublished %d", tt.name, oud, len(s.Unpublished))
			}
			continue
		}
		if oud == nil || !oud.Archived || oud.Status != "" {
			t.Fatalf("%s: not published as archived: %+v", tt.name, oud)
		}
		sec := s.GetPage("/s/")
		if got := urls(s.Edition) + "|" + urls(sec.Pages) + "|" + urls(s.Home.Pages); got != "/s/nieuw/|/s/nieuw/|/s/nieuw/" {
			t.Errorf("%s: edition|section|home lists %s", tt.name, got)
		}
		if s.Taxonomy("tags") == nil || len(s.Taxonomy("tags").Terms) != 1 || oud.Prev != nil || oud.Next != nil {
			t.Errorf("%s: tags %v, prev %v, next %v", tt.name, urls(s.Taxonomy("tags").Terms), oud.Prev, oud.Next)
		}
	}
	// A value that is neither is an error at its line.
	fsys := fstest.MapFS{}
	for k, v := range files("", "expiry: archief\n") {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	_, diags := content.Load(context.Background(), fsys, "content", content.Options{})
	if msg := diags.Errors().Error(); !strings.Contains(msg, "content/s/oud.md:6") || !strings.Contains(msg, "archive or remove") {
		t.Errorf("expiry: archief: %s", msg)
	}
}
