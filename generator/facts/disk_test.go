package facts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/generator/images"
)

// diskBuild makes a store over a new model of fsys with the on-disk facts
// in dir, and returns the HTML of page rel and how often its body was read.
func diskBuild(t *testing.T, fsys *countingFS, disk *Disk, rel string, imgs bool) (string, int) {
	t.Helper()
	cfg := Config{Disk: disk}
	if imgs {
		cfg.Images = images.New(images.Config{})
	}
	st, s := store(t, fsys, cfg)
	fsys.reset()
	p := s.GetPage(rel)
	html := st.HTML(p)
	if problems := st.Problems(p); len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	return html, fsys.count("content/" + rel)
}

// entries lists the files of the on-disk facts in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	return files
}

func TestDiskReusesFactsThatHold(t *testing.T) {
	dir := t.TempDir()
	fsys := newFS(map[string]string{
		"content/a.md": "---\ntitle: A\n---\nNaar [b](b.md) en [c](c.md).\n\n## Kop\n",
		"content/b.md": "---\ntitle: B\n---\nB.\n",
		"content/c.md": "---\ntitle: C\n---\nC.\n",
	})
	disk := OpenDisk(dir, "test-generator")
	cold, reads := diskBuild(t, fsys, disk, "a.md", false)
	if reads != 1 || !strings.Contains(cold, `href="/b/"`) {
		t.Fatalf("cold: %d reads, %s", reads, cold)
	}
	if n := len(entries(t, dir)); n == 0 {
		t.Fatal("nothing written to disk")
	}
	// A new model of the same files: the body is read once (for its key)
	// and not converted; the facts and HTML are the disk's.
	warm, _ := diskBuild(t, fsys, disk, "a.md", false)
	if warm != cold || disk.hits.Load() != 1 {
		t.Errorf("warm HTML %q (%d hits), cold %q", warm, disk.hits.Load(), cold)
	}

	tests := []struct {
		name string
		edit func()
		disk *Disk
		want string // in the new HTML
		hit  bool   // taken from disk
	}{
		{"front matter only: still holds", func() {
			fsys.MapFS["content/a.md"].Data = []byte("---\ntitle: A2\n---\nNaar [b](b.md) en [c](c.md).\n\n## Kop\n")
		}, disk, `href="/b/"`, true},
		{"link target moved", func() {
			delete(fsys.MapFS, "content/b.md")
			fsys.MapFS["content/nieuw/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\nurl: /elders/\n---\nB.\n")}
			fsys.MapFS["content/a.md"].Data = []byte("---\ntitle: A2\n---\nNaar [b](nieuw/b.md) en [c](c.md).\n\n## Kop\n")
		}, disk, `href="/elders/"`, false},
		{"target's url changed, linking body not", func() {
			fsys.MapFS["content/nieuw/b.md"].Data = []byte("---\ntitle: B\nurl: /weer-elders/\n---\nB.\n")
		}, disk, `href="/weer-elders/"`, false},
		{"other generator", func() {}, OpenDisk(dir, "other-generator"), `href="/weer-elders/"`, false},
		{"nothing changed", func() {}, disk, `href="/weer-elders/"`, true},
	}
	for _, tt := range tests {
		tt.edit()
		before := tt.disk.hits.Load()
		html, _ := diskBuild(t, fsys, tt.disk, "a.md", false)
		if hit := tt.disk.hits.Load() > before; hit != tt.hit {
			t.Errorf("%s: taken from disk %v, want %v", tt.name, hit, tt.hit)
		}
		if !strings.Contains(html, tt.want) {
			t.Errorf("%s: HTML %s, want %s in it", tt.name, html, tt.want)
		}
		fresh, _ := diskBuild(t, fsys, nil, "a.md", false)
		if html != fresh {
			t.Errorf("%s: HTML from the disk %q, converted %q", tt.name, html, fresh)
		}
	}
}

func TestDiskChecksImages(t *testing.T) {
	dir := t.TempDir()
	fsys := newFS(map[string]string{
		"content/reis/index.md": "---\ntitle: Reis\n---\n![Een foto van de reis](foto.png)\n",
		"content/reis/foto.png": pngFile(t, 1600, 900),
	})
	disk := OpenDisk(dir, "test-generator")
	cold, _ := diskBuild(t, fsys, disk, "reis/index.md", true)
	if !strings.Contains(cold, `width="1600"`) {
		t.Fatalf("cold HTML %s", cold)
	}
	// The same body, an image of another size: the recorded image set no
	// longer holds.
	fsys.MapFS["content/reis/foto.png"].Data = []byte(pngFile(t, 800, 600))
	warm, _ := diskBuild(t, fsys, disk, "reis/index.md", true)
	if !strings.Contains(warm, `width="800"`) || disk.hits.Load() != 0 {
		t.Errorf("HTML after the image changed: %s", warm)
	}
}

func TestDiskDamagedEntriesAreMisses(t *testing.T) {
	dir := t.TempDir()
	fsys := newFS(map[string]string{"content/a.md": "---\ntitle: A\n---\nTekst.\n"})
	disk := OpenDisk(dir, "test-generator")
	cold, _ := diskBuild(t, fsys, disk, "a.md", false)
	files := entries(t, dir)
	if len(files) != 1 {
		t.Fatalf("entries %v", files)
	}
	for _, damage := range []func(string) error{
		func(f string) error { return os.WriteFile(f, []byte("rommel"), 0o644) },
		func(f string) error { return os.Truncate(f, 40) },
		func(f string) error { return os.Remove(f) },
		func(f string) error { return os.RemoveAll(dir) },
	} {
		if err := damage(files[0]); err != nil {
			t.Fatal(err)
		}
		html, reads := diskBuild(t, fsys, disk, "a.md", false)
		if html != cold || reads != 1 {
			t.Errorf("after damage: %q (%d reads), want %q", html, reads, cold)
		}
	}
}

func TestDiskKeys(t *testing.T) {
	a := OpenDisk("d", "g", "drafts=false")
	keys := map[string]string{
		"base":     a.key([]byte("body"), 4, false),
		"text":     a.key([]byte("body"), 4, true),
		"line":     a.key([]byte("body"), 5, false),
		"body":     a.key([]byte("bodz"), 4, false),
		"settings": OpenDisk("d", "g", "drafts=true").key([]byte("body"), 4, false),
		"gen":      OpenDisk("d", "h", "drafts=false").key([]byte("body"), 4, false),
		"split":    OpenDisk("d", "g", "drafts=", "false").key([]byte("body"), 4, false),
	}
	seen := map[string]string{}
	for name, k := range keys {
		if other, dup := seen[k]; dup {
			t.Errorf("%s and %s share a key", name, other)
		}
		seen[k] = name
	}
	if OpenDisk("", "g") != nil {
		t.Error("an empty folder gave a cache")
	}
}
