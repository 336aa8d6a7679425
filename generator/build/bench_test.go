package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBuildSite builds the site in $EZINE_BENCH_SITE (for example a
// corpus from ../shared/bench/gencorpus) into a temporary folder.
func BenchmarkBuildSite(b *testing.B) {
	src := os.Getenv("EZINE_BENCH_SITE")
	if src == "" {
		b.Skip("set EZINE_BENCH_SITE to a site folder")
	}
	dest := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Build(context.Background(), Config{Source: src, Destination: dest}); len(diags.Errors()) > 0 {
			b.Fatal(diags)
		}
	}
}
