package render

import (
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

func TestHasAsset(t *testing.T) {
	r := &renderer{assets: map[string]string{"js/video.js": "/js/video.123.js"}}
	has := r.funcs()["hasAsset"].Fn.(func(string) bool)
	if !has("js/video.js") || has("js/none.js") {
		t.Errorf("hasAsset: got %v and %v, want true and false", has("js/video.js"), has("js/none.js"))
	}
}

// TestFuncsDeclared: every template function says what it reads, and
// only a function that reads a page lists the paths it reads.
func TestFuncsDeclared(t *testing.T) {
	fs := (&renderer{}).funcs()
	if len(fs.FuncMap()) != len(fs) {
		t.Fatalf("FuncMap has %d functions, the table %d", len(fs.FuncMap()), len(fs))
	}
	for name, f := range fs {
		switch {
		case f.Fn == nil:
			t.Errorf("%s: no function", name)
		case f.Reads < ReadsArgs || f.Reads > ReadsPage:
			t.Errorf("%s: no declaration of what it reads (Reads %d)", name, f.Reads)
		case (f.Reads == ReadsPage) != (f.PagePaths != nil):
			t.Errorf("%s: Reads %d with PagePaths %v", name, f.Reads, f.PagePaths != nil)
		}
	}
}

// TestJSONLDReadsSubject: jsonLD reads the terms of the vocabulary's
// subject taxonomy, whatever its name.
func TestJSONLDReadsSubject(t *testing.T) {
	for _, subject := range []string{"deelakkoord", "onderwerp"} {
		found := false
		for _, p := range jsonLDReads(vocab.Vocabulary{Subject: subject}) {
			if p[0].Name == "Terms" && len(p[0].Args) == 1 && p[0].Args[0] == subject {
				found = true
			}
		}
		if !found {
			t.Errorf("subject %q: no path through its terms", subject)
		}
	}
}
