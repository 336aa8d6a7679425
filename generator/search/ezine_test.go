package search_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
	"github.com/lwa-rotterdam/ezine/generator/search"
)

// maxGzip is the budget for the e-zine's index, compressed as a
// host sends it.
const maxGzip = 100 << 10

// TestEzineIndex builds the repository's e-zine in memory and checks its
// index: written, every published article in it, and under the size
// budget gzipped (the sizes are logged; go test -v shows them).
func TestEzineIndex(t *testing.T) {
	mem := output.NewMemory()
	res, diags := pipeline.Run(context.Background(), os.DirFS("../.."), mem, pipeline.Config{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data, ok := mem.Get(search.Path)
	if !ok {
		t.Fatalf("the build wrote no %s", search.Path)
	}
	var ix search.Index
	if err := json.Unmarshal(data, &ix); err != nil {
		t.Fatal(err)
	}
	inIndex := map[string]bool{}
	for _, p := range ix.Pages {
		inIndex[p.URL] = true
	}
	for _, p := range res.Site.Pages {
		if want := p.Meta().Layout != search.SearchLayout; inIndex[p.RelPermalink()] != want {
			t.Errorf("%s: in the index %v, want %v", p.RelPermalink(), !want, want)
		}
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.DefaultCompression)
	zw.Write(data)
	zw.Close()
	t.Logf("%s: %d pages, %d stems, %d bytes, %d bytes gzipped (budget %d)", search.Path, len(ix.Pages), len(ix.Stems), len(data), gz.Len(), maxGzip)
	if gz.Len() > maxGzip {
		t.Errorf("%s is %d bytes gzipped, over the budget of %d", search.Path, gz.Len(), maxGzip)
	}
}
