package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriterMinifiesByType(t *testing.T) {
	mem := NewMemory()
	w := NewWriter(mem)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.WriteHTML("a/index.html", []byte("<!DOCTYPE html>\n<html lang=\"nl\">\n  <body>\n    <p>  hoi  </p>\n  </body>\n</html>\n")))
	must(w.Write("s.css", []byte("body {\n  color : red ;\n}\n")))
	must(w.Write("d.json", []byte("{ \"a\" : 1 }")))
	must(w.Write("x.png", []byte("  raw  ")))
	name, err := w.Fingerprint("css/main.css", []byte("a { color: blue }"))
	must(err)
	for file, want := range map[string]string{
		"a/index.html": `<!doctype html><html lang=nl><body><p>hoi</p></body></html>`,
		"s.css":        "body{color:red}",
		"d.json":       `{"a":1}`,
		"x.png":        "  raw  ",
		name:           "a{color:blue}",
	} {
		got, _ := mem.Get(file)
		if string(got) != want {
			t.Errorf("%s = %q, want %q", file, got, want)
		}
	}
	if !strings.HasPrefix(name, "css/main.") || len(name) != len("css/main.0123456789.css") {
		t.Errorf("fingerprinted name %q", name)
	}
	again, _ := w.Fingerprint("css/other.css", []byte("a { color: blue }"))
	if strings.TrimPrefix(again, "css/other") != strings.TrimPrefix(name, "css/main") {
		t.Error("same content, different hash")
	}
	if w.Files() != 6 {
		t.Errorf("files = %d", w.Files())
	}
}

// failingTarget fails in the way named by mode.
type failingTarget struct{ mode string }

func (f failingTarget) Create(string) (io.WriteCloser, error) {
	if f.mode == "create" {
		return nil, errors.New("disk full")
	}
	return failingFile{f.mode}, nil
}

type failingFile struct{ mode string }

func (f failingFile) Write(p []byte) (int, error) {
	if f.mode == "write" {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func (f failingFile) Close() error {
	if f.mode == "close" {
		return errors.New("disk full")
	}
	return nil
}

func TestWriteErrorsSurface(t *testing.T) {
	for _, mode := range []string{"create", "write", "close"} {
		w := NewWriter(failingTarget{mode})
		for name, err := range map[string]error{
			"html": w.WriteHTML("a.html", []byte("<p>x</p>")),
			"raw":  w.Write("a.bin", []byte("x")),
			"copy": w.Copy("b.bin", strings.NewReader("x")),
		} {
			if err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Errorf("%s/%s: error %v", mode, name, err)
			}
		}
		if w.Files() != 0 {
			t.Errorf("%s: counted %d files that failed", mode, w.Files())
		}
	}
}

func TestNamesCannotEscape(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	os.Symlink("/tmp", filepath.Join(dir, "link"))
	for _, name := range []string{"../x", "/etc/x", "a/../../x", `a\..\x`, "", "a//b", "link/evil"} {
		if f, err := d.Create(name); err == nil {
			f.Close()
			t.Errorf("Create(%q) succeeded", name)
		}
		if _, err := NewMemory().Create(name); err == nil && name != "link/evil" {
			t.Errorf("Memory.Create(%q) succeeded", name)
		}
	}
}

func TestStaging(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write := func(s *Staging, body string) {
		f, err := s.Create("index.html")
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
		f.Close()
	}
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	write(s, "one")
	if warn, err := s.Commit(); err != nil || warn != nil {
		t.Fatal(err, warn)
	}
	s, _ = NewStaging(dest)
	write(s, "two")
	s.Abort()
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "one" {
		t.Errorf("after abort: %q", b)
	}
	s, _ = NewStaging(dest)
	write(s, "three")
	if warn, err := s.Commit(); err != nil || warn != nil {
		t.Fatal(err, warn)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "three" {
		t.Errorf("after commit: %q", b)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestWriteLeavesInputAlone checks that Write does not touch its input
// (it may be shared), and that WriteHTML, which minifies its input in
// place, gives back the byte past it that the parser borrows.
func TestWriteLeavesInputAlone(t *testing.T) {
	w := NewWriter(NewMemory())
	page := []byte("<p>  hoi  </p>X")
	if err := w.WriteHTML("index.html", page[:len(page)-1]); err != nil {
		t.Fatal(err)
	}
	if page[len(page)-1] != 'X' {
		t.Errorf("WriteHTML left %q past its input", page[len(page)-1])
	}
	for name, text := range map[string]string{
		"a.css":  "a  {  color :  red  }",
		"b.html": "<p>  x  </p>",
		"c.json": "{ \"a\" :  1 }",
	} {
		in := []byte(text + "Y")
		if err := w.Write(name, in[:len(in)-1]); err != nil {
			t.Fatal(err)
		}
		if string(in) != text+"Y" {
			t.Errorf("Write(%s) left %q", name, in)
		}
	}
}
