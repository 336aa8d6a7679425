package devsite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
)

// BenchmarkSaveToReady measures, in sites of 1,000 and 10,000 generated
// pages, the time from a saved file to its page rebuilt and ready to serve
// (Rebuild with the changed path, then Get of the page). Each save appends
// a sentence to one page, as an editor does. What the change leaves for
// the background (lists that show the page) is done between saves,
// outside the timer, as it is between an editor's saves. The p50 and p90
// of the iterations are reported.
//
//	go test -run '^$' -bench SaveToReady -benchtime 200x ./generator/devsite
func BenchmarkSaveToReady(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("body/pages=%d", n), func(b *testing.B) { benchSave(b, n, false) })
		b.Run(fmt.Sprintf("frontmatter/pages=%d", n), func(b *testing.B) { benchSave(b, n, true) })
	}
}

func benchSave(b *testing.B, n int, frontMatter bool) {
	dir := b.TempDir()
	pages, err := testcorpus.Write(dir, n)
	if err != nil {
		b.Fatal(err)
	}
	d, rep := openSite(b, dir)
	if rep.Failed {
		b.Fatal(rep.Problems)
	}
	d.Settle()
	page := pages[n/2]
	abs := filepath.Join(dir, filepath.FromSlash(page))
	orig, err := os.ReadFile(abs)
	if err != nil {
		b.Fatal(err)
	}
	var out string
	for _, p := range d.model.All() {
		if p.File() == page {
			out = content.OutputFile(p.URL)
		}
	}
	var times []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		data := append([]byte(nil), orig...)
		if frontMatter {
			data = []byte(strings.Replace(string(data), "title: \"", fmt.Sprintf("title: \"%d ", i), 1))
		} else {
			data = append(data, fmt.Sprintf("\nEen nieuwe zin, nummer %d.\n", i)...)
		}
		if err := os.WriteFile(abs, data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		rep := d.Rebuild(context.Background(), []string{page}, nil)
		f, ok := d.Get(out)
		times = append(times, time.Since(start))
		b.StopTimer()
		if rep.Failed || !ok || len(f.Data) == 0 {
			b.Fatalf("rebuild failed: %v", rep.Problems)
		}
		d.Settle()
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(times)
	ms := func(q float64) float64 {
		return float64(times[int(q*float64(len(times)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.5), "ms-p50")
	b.ReportMetric(ms(0.9), "ms-p90")
}
