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

// TestJSONLDFollowsSubject: a layout that calls jsonLD shows the titles of
// the page's terms in the vocabulary's subject taxonomy, whatever its
// name; editing a term's title renders the page again.
func TestJSONLDFollowsSubject(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"themes/ezine/theme.toml":            "subject = \"onderwerp\"\n[[taxonomies]]\nname = \"onderwerp\"\n",
		"themes/ezine/layouts/s/single.html": `<script type="application/ld+json">{{ jsonLD . }}</script>`,
		"content/_index.md":                  "---\ntitle: Thuis\n---\n",
		"content/s/a.md":                     "---\ntitle: A\nonderwerp: [zorg]\n---\nTekst.\n",
		"content/onderwerp/zorg/_index.md":   "---\ntitle: Zorg\n---\n",
	})
	d, rep := openSite(t, dir)
	if rep.Failed {
		t.Fatalf("does not build: %v", rep.Problems)
	}
	if got := string(fileBytes(t, d, get(t, d, "s/a/index.html"))); !strings.Contains(got, `"about":["Zorg"]`) {
		t.Fatalf("the subject's term is not in the JSON-LD:\n%s", got)
	}
	writeFiles(t, dir, map[string]string{"content/onderwerp/zorg/_index.md": "---\ntitle: Gezondheidszorg\n---\n"})
	if rep = d.Rebuild(context.Background(), []string{"content/onderwerp/zorg/_index.md"}, nil); rep.Failed {
		t.Fatalf("rebuild fails: %v", rep.Problems)
	}
	if got := string(fileBytes(t, d, get(t, d, "s/a/index.html"))); !strings.Contains(got, `"about":["Gezondheidszorg"]`) {
		t.Errorf("the term's new title is not in the JSON-LD:\n%s", got)
	}
	compare(t, d, dir, "edit the term's title")
}

func get(t *testing.T, d *Site, name string) *File {
	t.Helper()
	f, ok := d.Get(name)
	if !ok {
		t.Fatalf("no %s", name)
	}
	return f
}
