package devsite

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// The e-zine itself previews as it builds, and an edit to one of its
// stories leaves the kept site equal to a full build.
func TestEzineItself(t *testing.T) {
	if raceEnabled {
		// Resizing the e-zine's images for the first build takes over half
		// a minute under the race detector; the random run covers images.
		t.Skip("slow under -race; run go test ./generator/devsite without it")
	}
	dir := t.TempDir()
	for _, d := range []string{"content", "static"} {
		if _, err := os.Stat("../../" + d); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS("../../"+d)); err != nil {
			t.Fatal(err)
		}
	}
	d, rep := openSite(t, dir)
	if rep.Failed {
		t.Fatalf("the e-zine does not build:\n%s", rep.Problems)
	}
	compare(t, d, dir, "open")
	entries, _ := os.ReadDir(filepath.Join(dir, "content/verhalen"))
	var page string
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".md" && e.Name() != "_index.md" {
			page = "content/verhalen/" + e.Name()
			break
		}
	}
	if page == "" {
		t.Skip("no story in content/verhalen")
	}
	b, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, page), append(b, "\n\nEen nieuwe zin.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = d.Rebuild(context.Background(), []string{page}, nil)
	if rep.Failed || rep.Full {
		t.Errorf("an appended sentence: failed %v, full %v (want the quick path)", rep.Failed, rep.Full)
	}
	compare(t, d, dir, "edit "+page)
}
