package schema

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/themes"
)

func TestRules(t *testing.T) {
	for _, tc := range []struct {
		line string
		want Field
		err  string
	}{
		{`title: "…"`, Field{Key: "title", Required: true}, ""},
		{`tags: []  # optional`, Field{Key: "tags"}, ""},
		{`deelakkoord: []  # niet leeg`, Field{Key: "deelakkoord", Required: true, NonEmpty: true}, ""},
		{`description: "x"  # zin, 50-160 tekens`, Field{Key: "description", Required: true, Sentence: true, MinLen: 50, MaxLen: 160}, ""},
		{`description: "x"  #  niet  leeg ,zin,50–160 tekens`, Field{Key: "description", Required: true, NonEmpty: true, Sentence: true, MinLen: 50, MaxLen: 160}, ""},
		{`tags: []  # optioneel`, Field{}, `unknown rule "optioneel"`},
		{`tags: []  # optional, niet leeg`, Field{}, `cannot be "optional" and "niet leeg"`},
		{`description: x  # 160-50 tekens`, Field{}, "two numbers"},
		{`description: x  # veel tekens`, Field{}, "two numbers"},
	} {
		types, err := Load(fstest.MapFS{"archetypes/x.md": {Data: []byte("---\ntype: x\n" + tc.line + "\n---\n")}})
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "line 3") {
				t.Errorf("%s: error %v, want %q at line 3", tc.line, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.line, err)
			continue
		}
		got := *types["x"].Field(tc.want.Key)
		tc.want.Line = 3
		if got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.line, got, tc.want)
		}
	}
}

func TestSentenceEnd(t *testing.T) {
	for text, want := range map[string]bool{
		"Een zin.": true, "Waarom?": true, "Zo!": true, "En toen…": true, "Hij zei „ja.”": true, "(Zie boven.)": true,
		"Geen zin": false, "Een lijst:": false, "": false, "Een zin. ": true,
	} {
		if got := SentenceEnd(text); got != want {
			t.Errorf("SentenceEnd(%q) = %v", text, got)
		}
	}
}

// The e-zine's archetypes declare a sentence of 50 to 160 characters as
// every type's description, and a deelakkoord for interviews and stories.
func TestEzineRules(t *testing.T) {
	types, err := Load(themes.Ezine())
	if err != nil {
		t.Fatal(err)
	}
	for name, typ := range types {
		if d := typ.Field("description"); d == nil || !d.Sentence || d.MinLen != 50 || d.MaxLen != 160 {
			t.Errorf("%s: description %+v", name, d)
		}
		d := typ.Field("deelakkoord")
		if want := name == "interview" || name == "verhaal"; want != (d != nil && d.NonEmpty) {
			t.Errorf("%s: deelakkoord %+v", name, d)
		}
	}
}
