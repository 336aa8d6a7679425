package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// SiteFS reads files of the site fast but never through a link that leaves
// it, wherever on the path the link is.
func TestSiteFSReadFile(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("geheim"), 0o644)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "a", "p.md"), []byte("tekst"), 0o644)
	os.Symlink("p.md", filepath.Join(dir, "content", "a", "link.md"))                       // inside: allowed
	os.Symlink(outside, filepath.Join(dir, "content", "out"))                               // a folder outside
	os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "content", "s.md")) // a file outside
	os.Symlink("../../..", filepath.Join(dir, "content", "a", "up"))

	s, err := OpenSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for name, want := range map[string]string{"content/a/p.md": "tekst", "content/a/link.md": "tekst"} {
		if b, err := s.ReadFile(name); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
	for _, name := range []string{"content/out/secret.txt", "content/s.md", "content/a/up/" + filepath.Base(outside) + "/secret.txt", "../secret.txt", "/etc/passwd"} {
		if b, err := s.ReadFile(name); err == nil {
			t.Errorf("%s read %q through a link out of the site", name, b)
		}
	}
	if _, err := s.ReadFile("content/none.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := s.ReadFile("content/a"); err == nil {
		t.Error("read a folder")
	}
}
