package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
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
	workers, _ := strconv.Atoi(os.Getenv("EZINE_BENCH_WORKERS")) // 0: the default
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Build(context.Background(), Config{Source: src, Destination: dest, Workers: workers}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkEzineImages builds the repo's e-zine with an empty image cache
// (cold: every copy is made) and with a filled one (cached), and reports
// the copies made and the time spent making them per build. Timing
// includes the whole build; resize-ms is the CPU time in the image code,
// summed over goroutines.
func BenchmarkEzineImages(b *testing.B) {
	src := filepath.Join("..", "..")
	for _, mode := range []string{"cold", "cached"} {
		b.Run(mode, func(b *testing.B) {
			dest := filepath.Join(b.TempDir(), "public")
			cache := filepath.Join(b.TempDir(), "images")
			if mode == "cached" {
				if _, diags := Build(context.Background(), Config{Source: src, Destination: dest, ImageCache: cache}); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
			var made, hits int64
			var resize float64
			b.ReportAllocs()
			for b.Loop() {
				c := cache
				if mode == "cold" {
					b.StopTimer()
					c = b.TempDir()
					b.StartTimer()
				}
				res, diags := Build(context.Background(), Config{Source: src, Destination: dest, ImageCache: c})
				if diags.HasErrors() {
					b.Fatal(diags)
				}
				s := res.Images.Stats()
				made, hits, resize = made+s.Resized, hits+s.CacheHits, resize+float64(s.ResizeTime.Milliseconds())
			}
			b.ReportMetric(float64(made)/float64(b.N), "made/op")
			b.ReportMetric(float64(hits)/float64(b.N), "cached/op")
			b.ReportMetric(resize/float64(b.N), "resize-ms/op")
		})
	}
}
