package vocab

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/themes"
)

// TestBuiltInTheme: the e-zine's theme declares the e-zine's vocabulary.
func TestBuiltInTheme(t *testing.T) {
	v, err := Load(themes.Ezine())
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Names(); !slices.Equal(got, []string{"deelakkoord", "pijler", "thema", "type", "tags"}) {
		t.Errorf("taxonomies %v", got)
	}
	if v.Subject != "deelakkoord" || !slices.Equal(v.Related, []string{"deelakkoord", "thema"}) {
		t.Errorf("subject %q, related %v", v.Subject, v.Related)
	}
	if v.Title("pijler") != "Pijler" || v.NotFoundTitle() != "Pagina niet gevonden" || v.HomeAnchor() != "voorpagina" {
		t.Errorf("title %q, 404 %q, anchor %q", v.Title("pijler"), v.NotFoundTitle(), v.HomeAnchor())
	}
	if v.Month(time.February) != "februari" || v.Month(time.December) != "december" || v.PageID() != "pagina" || v.Strings.VideoLoad != "Video laden" || !strings.Contains(v.Strings.VideoNote, "{platform}") || !strings.Contains(v.Strings.VideoWatch, "{title}") {
		t.Errorf("page id %q, video %+v", v.PageID(), v.Strings)
	}
}

// TestNoFile: a theme without theme.toml has no taxonomies and the
// neutral texts.
func TestNoFile(t *testing.T) {
	v, err := Load(fstest.MapFS{"layouts/_default/single.html": {Data: []byte("x")}})
	if err != nil || len(v.Taxonomies) != 0 || v.Subject != "" || v.Has("tags") {
		t.Fatalf("%+v, %v", v, err)
	}
	if v.NotFoundTitle() != "404" || v.HomeAnchor() != "home" || v.PageID() != "page" || v.Month(time.February) != "February" {
		t.Errorf("404 %q, anchor %q, page id %q", v.NotFoundTitle(), v.HomeAnchor(), v.PageID())
	}
}

// TestProblems: each mistake in theme.toml is one error at its line,
// saying what to do.
func TestProblems(t *testing.T) {
	const tax = "[[taxonomies]]\nname = \"a\"\n\n[[taxonomies]]\nname = \"b\"\n"
	tests := []struct {
		name, file, want string
	}{
		{"syntax", "subject = \"a\nrelated = []\n", "theme.toml:1:"},
		{"wrong kind", "related = \"a\"\n" + tax, "theme vocabulary (TOML)"},
		{"unknown key", tax + "titel = \"B\"\n", `theme.toml:6: unknown key "taxonomies.titel" (the keys are`},
		{"unknown table key", "[strings]\nnotfound2 = \"x\"\n", `theme.toml:2: unknown key "strings.notfound2"`},
		{"no name", tax + "\n[[taxonomies]]\ntitle = \"C\"\n", "theme.toml:7: taxonomy 3 has no name"},
		{"bad name", "[[taxonomies]]\nname = \"Deel akkoord\"\n", `theme.toml:2: taxonomy name "Deel akkoord" is not a plain name`},
		{"twice", tax + "\n[[taxonomies]]\nname = \"a\"\n", `theme.toml:8: taxonomy "a" is declared twice`},
		{"subject", "subject = \"c\"\n" + tax, `theme.toml:1: subject names "c", which is not one of the taxonomies (a, b)`},
		{"related", "related = [\"a\", \"x\"]\n" + tax, `theme.toml:1: related names "x"`},
		{"months", "[strings]\nnotFound = \"x\"\nmonths = [\"jan\", \"feb\"]\n", `theme.toml:3: months lists 2 names, not 12 (list the twelve month names`},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.file))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestPlainName(t *testing.T) {
	for s, want := range map[string]bool{"thema": true, "deel-akkoord": true, "a1": true,
		"": false, "Thema": false, "-a": false, "a-": false, "a b": false, "a/b": false, "café": false} {
		if got := plainName(s); got != want {
			t.Errorf("plainName(%q) = %v", s, got)
		}
	}
}
