package devsite

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/diag"
)

// TestClashReportedAsBuildDoes: a static file saved where another output
// goes is reported by the dev server as a build reports it, once; removing
// it clears it.
func TestClashReportedAsBuildDoes(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"with a page", "static/s/a/index.html", "static/s/a/index.html: writes s/a/index.html, which content/s/a.md also writes"},
		{"with a feed", "static/feed.xml", "static/feed.xml: writes feed.xml, which the generator writes itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"content/_index.md": "---\ntitle: Thuis\n---\n",
				"content/s/a.md":    "---\ntitle: A\n---\nTekst.\n",
			})
			d, rep := openSite(t, dir)
			if rep.Failed {
				t.Fatalf("does not build: %v", rep.Problems)
			}
			writeFiles(t, dir, map[string]string{tt.file: "x\n"})
			d.Rebuild(context.Background(), []string{tt.file}, nil)
			_, built := fullBuild(t, dir)
			got, want := errorLines(d.Problems()), errorLines(built)
			if !slices.Equal(got, want) {
				t.Errorf("dev server reports\n%q\nbuild reports\n%q", got, want)
			}
			if n := countContaining(got, tt.want); n != 1 {
				t.Errorf("%q reported %d times, want once: %q", tt.want, n, got)
			}
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(tt.file))); err != nil {
				t.Fatal(err)
			}
			if rep := d.Rebuild(context.Background(), []string{tt.file}, nil); rep.Failed {
				t.Errorf("still failing: %v", rep.Problems)
			}
		})
	}
}

// errorLines lists the errors of l as printed, sorted.
func errorLines(l diag.List) []string {
	var out []string
	for _, e := range l.Errors() {
		out = append(out, e.Error())
	}
	slices.Sort(out)
	return out
}

func countContaining(lines []string, s string) int {
	n := 0
	for _, l := range lines {
		if strings.Contains(l, s) {
			n++
		}
	}
	return n
}
