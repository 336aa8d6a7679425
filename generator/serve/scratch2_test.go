package serve

import (
	"context"
	"os"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

func BenchmarkSiteBuild(b *testing.B) {
	fsys := os.DirFS("/tmp/corpus-10000")
	tree, _ := content.Load(context.Background(), fsys, "content", content.Options{})
	md := markdown.New(markdown.Options{})
	b.ResetTimer()
	for range b.N {
		site.Build(tree, site.Config{Drafts: true, FS: fsys, Markdown: md})
	}
}
