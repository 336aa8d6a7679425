package devsite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// waitFor bounds waits for something that must happen; a loaded machine
// can be slow, and a wait that never ends is the failure looked for.
const waitFor = 20 * time.Second

// While a rebuild is held, Get answers at once from the last good site,
// every file of it, and Problems too; when the rebuild ends, its files
// are served.
func TestGetDoesNotWaitForARebuild(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"content/_index.md":     "---\ntitle: Start\n---\nWelkom.\n",
		"content/verhalen/a.md": "---\ntitle: A\n---\nDe eerste versie.\n",
		"static/robots.txt":     "User-agent: *\n",
	})
	held, release := make(chan struct{}), make(chan struct{})
	d, rep := openSiteWith(t, dir, func(c *Config) {
		c.BeforeSwap = func(changed []string) {
			if len(changed) == 1 && changed[0] == "content/verhalen/a.md" {
				close(held)
				<-release
			}
		}
	})
	if rep.Failed {
		t.Fatal(rep.Problems)
	}
	writeFiles(t, dir, map[string]string{"content/verhalen/a.md": "---\ntitle: A\n---\nDe tweede versie.\n"})
	rebuilt := make(chan *Report)
	go func() { rebuilt <- d.Rebuild(context.Background(), []string{"content/verhalen/a.md"}, nil) }()
	<-held

	answered := make(chan string)
	go func() {
		var got []string
		for _, name := range []string{"verhalen/a/index.html", "robots.txt", "index.html", "404.html"} {
			f, ok := d.Get(name)
			if !ok {
				got = append(got, name+" missing")
				continue
			}
			if name == "verhalen/a/index.html" && !strings.Contains(string(f.Data), "De eerste versie.") {
				got = append(got, name+" is not the last good version")
			}
		}
		d.Problems()
		answered <- strings.Join(got, "; ")
	}()
	select {
	case bad := <-answered:
		if bad != "" {
			t.Error(bad)
		}
	case <-time.After(waitFor):
		t.Fatal("Get waited for the rebuild")
	}
	close(release)
	if rep := <-rebuilt; rep.Failed {
		t.Fatal(rep.Problems)
	}
	if f, _ := d.Get("verhalen/a/index.html"); !strings.Contains(string(f.Data), "De tweede versie.") {
		t.Error("the rebuilt page is not served")
	}
}

// A static file or page resource that the build copies unchanged is not
// held in memory: the kept site names the file, and Open reads what is
// there now. Minified files stay in memory.
func TestCopiedFilesStayOnDisk(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"content/_index.md":                 "---\ntitle: Start\n---\nWelkom.\n",
		"content/verhalen/reis/index.md":    "---\ntitle: Reis\n---\n[Het verslag](verslag.pdf)\n",
		"content/verhalen/reis/verslag.pdf": "%PDF-1.4 verslag\n",
		"static/film.mp4":                   "film, eerste versie",
		"static/css/extra.css":              "body { color: black }\n",
	})
	d, rep := openSite(t, dir)
	if rep.Failed {
		t.Fatal(rep.Problems)
	}
	for name, want := range map[string]string{"film.mp4": "static/film.mp4", "verhalen/reis/verslag.pdf": "content/verhalen/reis/verslag.pdf", "css/extra.css": ""} {
		f, ok := d.Get(name)
		if !ok {
			t.Fatalf("%s missing", name)
		}
		if f.Path != want || (want != "") == (f.Data != nil) {
			t.Errorf("%s: Path %q, %d bytes in memory; want Path %q", name, f.Path, len(f.Data), want)
		}
	}
	f, _ := d.Get("film.mp4")
	if got := string(fileBytes(t, d, f)); got != "film, eerste versie" {
		t.Errorf("film.mp4 reads %q", got)
	}
	gen := f.Gen
	writeFiles(t, dir, map[string]string{"static/film.mp4": "film, de tweede versie"})
	if rep := d.Rebuild(context.Background(), []string{"static/film.mp4"}, nil); rep.Failed {
		t.Fatal(rep.Problems)
	}
	d.Settle()
	f, _ = d.Get("film.mp4")
	if got := string(fileBytes(t, d, f)); got != "film, de tweede versie" || f.Gen == gen || f.Size != int64(len(got)) {
		t.Errorf("after the change: %q, gen %d (was %d), size %d", got, f.Gen, gen, f.Size)
	}
	compare(t, d, dir, "after the change")

	// Gone, or replaced by something that is not a plain file: Open refuses.
	os.Remove(filepath.Join(dir, "static/film.mp4"))
	if _, err := d.Open(f); err == nil {
		t.Error("Open of a removed file succeeded")
	}
	if err := os.Mkdir(filepath.Join(dir, "static/film.mp4"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Open(f); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Open of a folder: %v", err)
	}
}
