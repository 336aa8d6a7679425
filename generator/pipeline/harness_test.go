package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/themes"
)

// testNow is the build time of every fixture: pages dated later are future.
var testNow = time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)

// testTheme is a small theme that prints what the tests look for; it keeps
// fixtures independent of the e-zine's design.
var testTheme = os.DirFS("testdata/theme")

// buildFS runs the pipeline over fsys into memory with the test theme.
func buildFS(t testing.TB, fsys fstest.MapFS, cfg Config) (map[string]string, Result, diag.List) {
	t.Helper()
	if cfg.Now.IsZero() {
		cfg.Now = testNow
	}
	if cfg.ThemeFS == nil {
		cfg.ThemeFS = testTheme
	}
	mem := output.NewMemory()
	res, diags := Run(context.Background(), fsys, mem, cfg)
	files := map[string]string{}
	for _, n := range mem.Names() {
		b, _ := mem.Get(n)
		files[n] = string(b)
	}
	return files, res, diags
}

// archiveFS turns a txtar archive into a site file system, leaving out the
// "expect" file.
func archiveFS(ar *txtar.Archive) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if f.Name != "expect" {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

// TestSites builds every testdata/sites/*.txtar archive and checks its
// "expect" file, one assertion per line:
//
//	config drafts | config baseURL URL   (before the assertions)
//	config theme ezine   build with the e-zine's own theme, not the test theme
//	exists FILE | absent FILE
//	contains FILE TEXT | lacks FILE TEXT
//	error TEXT       a problem whose text contains TEXT; the build fails
//	warning TEXT     a warning whose text contains TEXT
//	nowarning TEXT   no warning's text contains TEXT
//	ok               the build succeeds
//	safe FILE        parsed as HTML: no script but JSON-LD (which must parse),
//	                 no event-handler attribute, no javascript: URL
func TestSites(t *testing.T) {
	files, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixture sites")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var expect string
			for _, f := range ar.Files {
				if f.Name == "expect" {
					expect = string(f.Data)
				}
			}
			if expect == "" {
				t.Fatal("archive has no expect file")
			}
			cfg := Config{}
			var checks []string
			sc := bufio.NewScanner(strings.NewReader(expect))
			for sc.Scan() {
				line := strings.TrimSpace(sc.Text())
				switch {
				case line == "" || strings.HasPrefix(line, "#"):
				case line == "config drafts":
					cfg.Drafts = true
				case line == "config theme ezine":
					cfg.ThemeFS = themes.Ezine()
				case strings.HasPrefix(line, "config baseURL "):
					cfg.BaseURL = strings.TrimPrefix(line, "config baseURL ")
				default:
					checks = append(checks, line)
				}
			}
			out, _, diags := buildFS(t, archiveFS(ar), cfg)
			for _, c := range checks {
				if msg := assert(c, out, diags); msg != "" {
					t.Errorf("%s: %s", c, msg)
				}
			}
			if t.Failed() {
				t.Logf("problems:\n%v", diags)
				names := make([]string, 0, len(out))
				for n := range out {
					names = append(names, n)
				}
				slices.Sort(names)
				t.Logf("files: %v", names)
			}
		})
	}
}

// assert evaluates one assertion and returns what is wrong, or "".
func assert(line string, out map[string]string, diags diag.List) string {
	verb, rest, _ := strings.Cut(line, " ")
	file, text, _ := strings.Cut(rest, " ")
	switch verb {
	case "ok":
		if diags.HasErrors() {
			return "build failed"
		}
	case "safe":
		body, ok := out[file]
		if !ok {
			return "no such file"
		}
		return unsafeMarkup(body)
	case "exists":
		if _, ok := out[file]; !ok {
			return "no such file"
		}
	case "absent":
		if _, ok := out[file]; ok {
			return "file exists"
		}
	case "contains", "lacks":
		body, ok := out[file]
		if !ok {
			return "no such file"
		}
		if strings.Contains(body, text) != (verb == "contains") {
			return fmt.Sprintf("file is:\n%s", body)
		}
	case "nowarning":
		for _, d := range diags.Warnings() {
			if strings.Contains(d.Error(), rest) {
				return "warning: " + d.Error()
			}
		}
	case "error", "warning":
		list := diags.Errors()
		if verb == "warning" {
			list = diags.Warnings()
		}
		for _, d := range list {
			if strings.Contains(d.Error(), rest) {
				return ""
			}
		}
		return "no such " + verb
	default:
		return "unknown assertion"
	}
	return ""
}

// unsafeMarkup parses page as HTML and describes the first markup that
// could run code, or returns "".
func unsafeMarkup(page string) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return err.Error()
	}
	var problem string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if problem != "" {
			return
		}
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(a.Key, "on"):
					problem = "event handler attribute " + a.Key
				case (a.Key == "href" || a.Key == "src") && strings.HasPrefix(v, "javascript:"):
					problem = "javascript: URL"
				}
			}
			if n.Data == "script" {
				typ := ""
				for _, a := range n.Attr {
					if a.Key == "type" {
						typ = a.Val
					}
				}
				text := ""
				if n.FirstChild != nil {
					text = n.FirstChild.Data
				}
				if typ != "application/ld+json" {
					problem = "script element"
				} else if !json.Valid([]byte(text)) {
					problem = "JSON-LD that does not parse: " + text
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return problem
}
