package markdown_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/markdown/blocks"
)

// TestRealMarkdownUnderLimits converts real Markdown with the e-zine's
// converter and fails on any problem that a limit reports: the e-zine's
// content/, a generated corpus, and, when EZINE_MD_CORPUS names folders
// (separated by ":"), every .md file under them, such as checkouts of
// public documentation. It logs how close the files came to each limit.
func TestRealMarkdownUnderLimits(t *testing.T) {
	gen := t.TempDir()
	if _, err := testcorpus.Write(gen, 400); err != nil {
		t.Fatal(err)
	}
	roots := []string{"../../content", filepath.Join(gen, "content")}
	if env := os.Getenv("EZINE_MD_CORPUS"); env != "" {
		roots = append(roots, strings.Split(env, ":")...)
	}
	c := markdown.New(markdown.Options{Extensions: []goldmark.Extender{blocks.New(blocks.Texts{})}})
	peak := map[string]int{}
	where := map[string]string{}
	files := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || !strings.EqualFold(filepath.Ext(path), ".md") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil || bytes.IndexByte(src, 0) >= 0 {
				return err
			}
			files++
			peaks, problems := c.Peaks(markdown.Input{Source: body(src)})
			for _, p := range problems {
				if markdown.IsLimit(p.Err) {
					t.Errorf("%s:%v", path, p)
				}
			}
			for k, v := range peaks {
				if v > peak[k] {
					peak[k], where[k] = v, path
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	names := make([]string, 0, len(peak))
	for k := range markdown.Limits {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%d files\n", files)
	for _, k := range names {
		fmt.Fprintf(&b, "%-26s %9d  limit %9d  %s\n", k, peak[k], markdown.Limits[k], where[k])
	}
	t.Log(b.String())
}

// body returns src without its front matter (YAML, TOML or JSON), with LF
// line ends, as the content stage hands bodies to the converter.
func body(src []byte) []byte {
	src = bytes.ReplaceAll(bytes.TrimPrefix(src, []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
	for _, delim := range []string{"---", "+++"} {
		if bytes.HasPrefix(src, []byte(delim+"\n")) {
			if i := bytes.Index(src[4:], []byte("\n"+delim+"\n")); i >= 0 {
				return src[4+i+len(delim)+2:]
			}
		}
	}
	return src
}
