package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
)

// writeSite writes files (path -> content) under a new temporary site
// folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := testcorpus.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// treeHash hashes every file name and content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00", rel)
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func diskBuild(t *testing.T, src, dest string) (Result, diag.List) {
	t.Helper()
	return Build(context.Background(), Config{Source: src, Destination: dest, Now: testNow, ThemeFS: testTheme})
}

var goodSite = map[string]string{
	"content/_index.md":           "---\ntitle: Thuis\n---\nWelkom.\n",
	"content/verhalen/haven.md":   "---\ntitle: Haven\nweight: 1\n---\nTekst.\n",
	"content/verhalen/zorg.md":    "---\ntitle: Zorg\nweight: 2\n---\nMeer tekst.\n",
	"content/verhalen/b/index.md": "---\ntitle: Bundel\n---\n![Foto van de kade bij de Waalhaven](foto.png)\n",
	// A real PNG of one pixel: an image the build cannot read is an error.
	"content/verhalen/b/foto.png": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\b\x00\x00\x00\x00:~\x9bU\x00\x00\x00\x0eIDATx\xdabj\x00\x04\x00\x00\xff\xff\x00\x86\x00\x83Q\xf6n=\x00\x00\x00\x00IEND\xaeB`\x82",
}

// Policy 10: a failed build leaves the destination exactly as it was, and
// policy 1: the error names the file and line.
func TestFailedBuildLeavesDestination(t *testing.T) {
	src := writeSite(t, goodSite)
	dest := filepath.Join(t.TempDir(), "public")
	if _, diags := diskBuild(t, src, dest); diags.HasErrors() {
		t.Fatal(diags)
	}
	before := treeHash(t, dest)
	broken := "---\ntitle: Zorg\nweight: [2\n---\nMeer tekst.\n"
	if err := os.WriteFile(filepath.Join(src, "content/verhalen/zorg.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := diskBuild(t, src, dest)
	errs := diags.Errors()
	if len(errs) != 1 || errs[0].Path != "content/verhalen/zorg.md" || errs[0].Line < 2 {
		t.Fatalf("want one error at content/verhalen/zorg.md:LINE, got %v", diags)
	}
	if after := treeHash(t, dest); after != before {
		t.Error("destination changed by a failed build")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		if e.Name() != "public" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// Same input, byte-identical output.
func TestBuildIsDeterministic(t *testing.T) {
	src := writeSite(t, goodSite)
	d1, d2 := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, d := range []string{d1, d2} {
		if _, diags := diskBuild(t, src, d); diags.HasErrors() {
			t.Fatal(diags)
		}
	}
	if treeHash(t, d1) != treeHash(t, d2) {
		t.Error("two builds of the same site differ")
	}
	// A rebuild into the same destination replaces it cleanly.
	if _, diags := diskBuild(t, src, d1); diags.HasErrors() {
		t.Fatal(diags)
	}
	if treeHash(t, d1) != treeHash(t, d2) {
		t.Error("rebuild differs")
	}
}

// Policy 11: a missing content folder is an error, not an empty site.
func TestMissingContent(t *testing.T) {
	src := t.TempDir()
	_, diags := diskBuild(t, src, filepath.Join(src, "public"))
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "no content folder") {
		t.Fatalf("want a missing-content error, got %v", diags)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Error("public/ created for a missing site")
	}
}

func TestDestinationSafety(t *testing.T) {
	src := writeSite(t, goodSite)
	notASite := t.TempDir()
	os.WriteFile(filepath.Join(notASite, "thesis.tex"), []byte("precious"), 0o644)
	for name, dest := range map[string]string{
		"source itself":   src,
		"parent":          filepath.Dir(src),
		"inside content":  filepath.Join(src, "content", "out"),
		"someone's files": notASite,
	} {
		_, diags := diskBuild(t, src, dest)
		if !diags.HasErrors() {
			t.Errorf("%s: destination accepted", name)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(notASite, "thesis.tex")); string(b) != "precious" {
		t.Error("a folder that was not a site was touched")
	}
}

// Policy 7: links that leave the site, loops, dangling links, FIFOs and
// folders named *.md end promptly with an error naming them, or are
// skipped.
func TestSpecialFiles(t *testing.T) {
	src := writeSite(t, goodSite)
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("---\ntitle: geheim\n---\n"), 0o644)
	links := map[string]string{
		"content/passwd.md":   "/etc/passwd",
		"content/environ.md":  "/proc/self/environ",
		"content/zero.md":     "/dev/zero",
		"content/secret.md":   outside,
		"content/dangling.md": filepath.Join(src, "content", "nothing-here.md"),
		"content/loop.md":     filepath.Join(src, "content", "loop.md"),
		"content/up":          "..",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(src, name)); err != nil {
			t.Fatal(err)
		}
	}
	// A link to a file inside the site is fine.
	os.Symlink("haven.md", filepath.Join(src, "content/verhalen/haven-kopie.md"))
	if err := syscall.Mkfifo(filepath.Join(src, "content/pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, "content/map.md"), 0o755)
	os.WriteFile(filepath.Join(src, "content/map.md/binnen.md"), []byte("---\ntitle: Binnen\n---\n"), 0o644)

	done := make(chan diag.List)
	go func() {
		_, diags := diskBuild(t, src, filepath.Join(t.TempDir(), "public"))
		done <- diags
	}()
	var diags diag.List
	select {
	case diags = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("build hangs on special files")
	}
	for _, name := range []string{"passwd.md", "environ.md", "zero.md", "secret.md", "dangling.md", "loop.md", "pipe.md"} {
		found := false
		for _, e := range diags.Errors() {
			if e.Path == "content/"+name {
				found = true
			}
		}
		if !found {
			t.Errorf("no error naming content/%s; got:\n%v", name, diags)
		}
	}
	for _, e := range diags {
		if strings.Contains(e.Path, "map.md") || strings.Contains(e.Path, "haven-kopie") {
			t.Errorf("unexpected problem: %v", e)
		}
	}
}

// Policy 2: 20,000 files in one folder build.
func TestManyFilesInOneFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 20,000 pages")
	}
	fsys := fstest.MapFS{}
	for i := range 20_000 {
		fsys[fmt.Sprintf("content/archief/p%05d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Pagina %d\n---\nTekst %d.\n", i, i))}
	}
	files, res, diags := buildFS(t, fsys, Config{})
	if diags.HasErrors() {
		t.Fatal(diags[:min(len(diags), 5)])
	}
	if _, ok := files["archief/p19999/index.html"]; !ok {
		t.Error("last page missing")
	}
	if res.Pages < 20_000 {
		t.Errorf("pages = %d", res.Pages)
	}
}

// Policy 2 and 3: odd but valid input builds; binary input is an error.
func TestEncodings(t *testing.T) {
	ok := map[string]string{
		"content/bom.md":   "\ufeff---\ntitle: BOM\n---\nTekst.\n",
		"content/crlf.md":  "---\r\ntitle: CRLF\r\n---\r\n# Kop\r\n\r\nTekst.\r\n",
		"content/toml.md":  "+++\ntitle = \"TOML\"\n+++\nTekst.\n",
		"content/json.md":  "{\n\"title\": \"JSON\"\n}\n\nTekst.\n",
		"content/leeg.md":  "",
		"content/lang.md":  "---\ntitle: Lang\n---\n" + strings.Repeat("woord ", 5<<20/6) + "\n",
		"content/diep.md":  "---\ntitle: Diep\n---\n" + strings.Repeat(">", 10_000) + " diep\n",
		"content/nfd.md":   "---\ntitle: cafe\u0301\n---\n",
		"content/diepe.md": "---\ntitle: Diepe front matter\nx: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n---\n",
	}
	fsys := fstest.MapFS{}
	for k, v := range ok {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	files, _, diags := buildFS(t, fsys, Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, want := range []string{"bom/index.html", "crlf/index.html", "toml/index.html", "json/index.html", "leeg/index.html", "lang/index.html", "diep/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("missing %s", want)
		}
	}
	if !strings.Contains(files["crlf/index.html"], "<h2 id=kop>Kop</h2>") {
		t.Errorf("CRLF page: %s", files["crlf/index.html"])
	}

	bad := fstest.MapFS{
		"content/bin.md":  {Data: []byte("---\ntitle: x\n---\n\x00\x01\x02")},
		"content/utf8.md": {Data: []byte("---\ntitle: x\n---\n\xc3\x28")},
	}
	_, _, diags = buildFS(t, bad, Config{})
	got := diags.Error()
	if !strings.Contains(got, "content/bin.md:4: file contains NUL bytes") || !strings.Contains(got, "content/utf8.md:4:1: file is not valid UTF-8") {
		t.Errorf("got %v", got)
	}
}

// Policy 5, on disk: nothing lands outside the destination, whatever the
// front matter says; the build refuses.
func TestNoWriteOutsideDestination(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	os.MkdirAll(src, 0o755)
	for name, body := range map[string]string{
		"content/a.md": "---\ntitle: A\nurl: /../../../escape/\n---\n",
		"content/b.md": "---\ntitle: B\naliases: [\"..%2f..%2fescape2\"]\n---\n",
		"content/c.md": "---\ntitle: C\nslug: \"../../escape3\"\n---\n",
	} {
		p := filepath.Join(src, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	dest := filepath.Join(root, "out", "public")
	diskBuild(t, src, dest)
	var escaped []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), "escape") {
			escaped = append(escaped, p)
		}
		return nil
	})
	if len(escaped) > 0 {
		t.Errorf("files written outside: %v", escaped)
	}
}

func FuzzBuildPage(f *testing.F) {
	f.Add([]byte("---\ntitle: x\nslug: y\n---\n# Kop\n\n[a](b.md)\n"))
	f.Add([]byte("+++\nurl = \"/a/../b\"\n+++\n"))
	f.Add([]byte("{\n\"aliases\": [\"/x/\"]\n}\n\n![](x)"))
	f.Add([]byte("---\nlayout: x\ntype: y\n---\n| a |\n|---|\n| b |\n"))
	f.Fuzz(func(t *testing.T, page []byte) {
		fsys := fstest.MapFS{"content/p.md": {Data: page}, "content/q.md": {Data: []byte("---\ntitle: Q\n---\n")}}
		files, _, diags := buildFS(t, fsys, Config{Drafts: true})
		for _, d := range diags {
			if d.Path == "" {
				t.Fatalf("problem without a file: %v", d)
			}
		}
		for name := range files {
			if strings.HasPrefix(name, "/") || slices.Contains(strings.Split(name, "/"), "..") {
				t.Fatalf("output name %q", name)
			}
		}
	})
}

// Policy 2 and 6: file names in NFC and NFD build to the same (NFC) URL,
// so two files that differ only in normalisation are one URL: an error
// naming both.
func TestUnicodeNormalisation(t *testing.T) {
	nfc, nfd := "content/caf\u00e9.md", "content/cafe\u0301.md"
	files, _, diags := buildFS(t, fstest.MapFS{nfd: {Data: []byte("---\ntitle: NFD\n---\n")}}, Config{})
	if diags.HasErrors() || files["caf\u00e9/index.html"] == "" {
		t.Fatalf("NFD name: %v", diags)
	}
	_, _, diags = buildFS(t, fstest.MapFS{
		nfc: {Data: []byte("---\ntitle: NFC\n---\n")},
		nfd: {Data: []byte("---\ntitle: NFD\n---\n")},
	}, Config{})
	if got := diags.Error(); !strings.Contains(got, nfd) || !strings.Contains(got, nfc) || !strings.Contains(got, "also writes") {
		t.Errorf("want an error naming both files, got %v", got)
	}
}
