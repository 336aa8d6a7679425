package pipeline

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/generator/output"
)

// TestBlockTextsFromTheme: the video block writes the texts the theme's
// theme.toml declares, and a warm build after they change writes the new
// ones: the on-disk facts are keyed by them.
func TestBlockTextsFromTheme(t *testing.T) {
	builtIn, err := os.ReadFile("../../themes/ezine/theme.toml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Proef\ndescription: Een proefsite.\n---\nWelkom.\n")},
		"content/film.md": {Data: []byte("---\ntitle: Film\ndate: 2023-05-01\ndescription: Een film.\n---\n" +
			"::: video src=\"https://youtu.be/dQw4w9WgXcQ\" titel=\"De haven\"\n:::\n")},
	}
	cfg := Config{FactsCache: t.TempDir(), ImageCache: t.TempDir(), Now: testNow}
	page := func() string {
		t.Helper()
		mem := output.NewMemory()
		if _, diags := Run(context.Background(), fsys, mem, cfg); diags.HasErrors() {
			t.Fatal(diags)
		}
		b, _ := mem.Get("film/index.html")
		return string(b)
	}
	for _, tc := range []struct {
		themeTOML string // the site's own themes/ezine/theme.toml; "" for none
		want      string
	}{
		{"", ">Video laden</button>"},
		{strings.Replace(string(builtIn), `videoLoad = "Video laden"`, `videoLoad = "Film starten"`, 1), ">Film starten</button>"},
		{"[strings]\nnotFound = \"Niet gevonden\"\n", ">Load video</button>"},
	} {
		delete(fsys, "themes/ezine/theme.toml")
		if tc.themeTOML != "" {
			fsys["themes/ezine/theme.toml"] = &fstest.MapFile{Data: []byte(tc.themeTOML)}
		}
		if got := page(); !strings.Contains(got, tc.want) {
			t.Errorf("theme.toml %.40q: no %s in the page", tc.themeTOML, tc.want)
		}
	}
}
