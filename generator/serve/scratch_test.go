package serve

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

func TestScratch(t *testing.T) {
	fsys := os.DirFS("/tmp/corpus-10000")
	start := time.Now()
	tree, _ := content.Load(context.Background(), fsys, "content", content.Options{})
	t.Logf("load %v", time.Since(start))
	md := markdown.New(markdown.Options{})
	for i := 0; i < 5; i++ {
		start = time.Now()
		s, _ := site.Build(tree, site.Config{Drafts: true, FS: fsys, Markdown: md})
		t.Logf("site.Build %v (%d)", time.Since(start), len(s.All()))
	}
	s, _ := site.Build(tree, site.Config{Drafts: true, FS: fsys, Markdown: md})
	start = time.Now()
	for _, p := range s.Pages[:100] {
		p.Problems()
	}
	t.Logf("convert 100: %v", time.Since(start))
}
