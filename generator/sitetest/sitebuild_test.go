package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// builtSite is the repo's site built by the program itself into a
// temporary folder, for the tests that check the output.
type builtSite struct {
	Dir   string   // the destination folder
	Pages []string // every HTML page, as a path relative to Dir ("verhalen/haven/index.html")
}

// buildRepoSite builds the site with the command, as a user would with
// `go run . build`. EZINE_SITE names another site folder to check (a
// fixture, say); the default is the repo's own site.
func buildRepoSite(t *testing.T) *builtSite {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	args := []string{"build", "-source", repoSite(), "-destination", dest}
	if code, stdout, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("go run . %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
	site := &builtSite{Dir: dest}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dest, p)
			site.Pages = append(site.Pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(site.Pages)
	if len(site.Pages) == 0 {
		t.Fatal("the build wrote no HTML pages")
	}
	return site
}

// URLPath is the path a browser asks for to get the page file rel:
// "a/index.html" -> "/a/", "404.html" -> "/404.html".
func URLPath(rel string) string {
	if rel == "index.html" {
		return "/"
	}
	if dir, ok := strings.CutSuffix(rel, "/index.html"); ok {
		return "/" + dir + "/"
	}
	return "/" + rel
}

// read returns the content of a built file.
func (s *builtSite) read(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
