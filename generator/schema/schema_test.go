package schema

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/themes"
)

func TestParse(t *testing.T) {
	fsys := fstest.MapFS{
		"archetypes/interview.md": {Data: []byte("---\ntitle: \"…\"\nrole: x\ntags: []  # optional\nweight: 0 # optional\n---\nBody\n")},
		"archetypes/notes.txt":    {Data: []byte("ignored")},
	}
	types, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	it := types["interview"]
	if it == nil || strings.Join(it.Required(), ",") != "title,role" || len(it.Fields) != 4 {
		t.Fatalf("%+v", it)
	}
	if Names(types)[0] != "interview" || len(types) != 1 {
		t.Errorf("names %v", Names(types))
	}
}

func TestParseErrors(t *testing.T) {
	for _, text := range []string{"no front matter", "---\ntitle: x\n", "---\n- a\n---\n", "---\ntitle: [\n---\n"} {
		if _, err := Load(fstest.MapFS{"archetypes/x.md": {Data: []byte(text)}}); err == nil {
			t.Errorf("%q accepted", text)
		}
	}
}

// The e-zine's own archetypes all parse and declare the fields the theme
// relies on.
func TestEzineArchetypes(t *testing.T) {
	types, err := Load(themes.Ezine())
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"interview": "title,description,type,voorbeeld,role,deelakkoord",
		"archief":   "title,description,type,published,source",
		"default":   "title,description",
	} {
		if got := strings.Join(types[name].Required(), ","); got != want {
			t.Errorf("%s requires %s, want %s", name, got, want)
		}
	}
}
