package devsite

import (
	"context"
	"strings"
	"testing"
)

// TestVocabularyMistakeShows: a mistake saved in the site's theme.toml
// fails the rebuild with the problem at its line, the last good site
// still served; fixing it clears it.
func TestVocabularyMistakeShows(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"content/_index.md": "---\ntitle: Thuis\n---\n",
		"content/s/a.md":    "---\ntitle: A\ndeelakkoord: [zorg]\n---\nTekst.\n",
	})
	d, rep := openSite(t, dir)
	if rep.Failed {
		t.Fatalf("does not build: %v", rep.Problems)
	}
	if _, ok := d.Get("deelakkoord/zorg/index.html"); !ok {
		t.Fatal("no term page from the built-in vocabulary")
	}
	writeFiles(t, dir, map[string]string{"themes/ezine/theme.toml": "subject = \"onderwerp\"\n"})
	rep = d.Rebuild(context.Background(), []string{"themes/ezine/theme.toml"}, nil)
	const want = `themes/ezine/theme.toml:1: subject names "onderwerp", which is not one of the taxonomies`
	if !rep.Failed || !strings.Contains(rep.Problems.Error(), want) {
		t.Fatalf("failed %v, problems %v; want %s", rep.Failed, rep.Problems, want)
	}
	if _, ok := d.Get("s/a/index.html"); !ok {
		t.Error("the last good site is not served")
	}
	writeFiles(t, dir, map[string]string{"themes/ezine/theme.toml": "[[taxonomies]]\nname = \"deelakkoord\"\n"})
	if rep = d.Rebuild(context.Background(), []string{"themes/ezine/theme.toml"}, nil); rep.Failed {
		t.Errorf("still failing: %v", rep.Problems)
	}
}
