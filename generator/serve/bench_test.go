package serve

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
)

// BenchmarkSaveToServed measures what an editor waits for, in sites of
// 1,000 and 10,000 generated pages: from a save (one sentence appended to
// a page) until the dev server serves the page with it, through fsnotify,
// the watcher's quiet time (20 ms) and the rebuild. Saves are a second
// apart, time for the background work of the last one (at 10,000 pages the
// biggest list takes about 150 ms; a save during it waits for it). The p50
// and p90 are reported; BenchmarkSaveToReady in generator/devsite measures
// the rebuild alone.
//
//	go test -run '^$' -bench SaveToServed -benchtime 50x ./generator/serve
func BenchmarkSaveToServed(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			pages, err := testcorpus.Write(dir, n)
			if err != nil {
				b.Fatal(err)
			}
			url := benchServer(b, Config{Source: dir, Now: func() time.Time { return testNow }})
			page := pages[n/2]
			abs := filepath.Join(dir, filepath.FromSlash(page))
			orig, err := os.ReadFile(abs)
			if err != nil {
				b.Fatal(err)
			}
			slug := strings.TrimSuffix(strings.TrimPrefix(page, "content/"), ".md")
			client := &http.Client{Transport: &http.Transport{}}
			defer client.CloseIdleConnections()
			get := func() string {
				resp, err := client.Get(url + slug + "/")
				if err != nil {
					b.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				return string(body)
			}
			var times []time.Duration
			b.ResetTimer()
			for i := range b.N {
				sentence := fmt.Sprintf("Zin nummer %d voor de meting.", i)
				start := time.Now()
				if err := os.WriteFile(abs, append(append([]byte(nil), orig...), sentence+"\n"...), 0o644); err != nil {
					b.Fatal(err)
				}
				for !strings.Contains(get(), sentence) {
					if time.Since(start) > time.Minute {
						b.Fatal("the change never showed")
					}
					time.Sleep(time.Millisecond)
				}
				times = append(times, time.Since(start))
				b.StopTimer()
				// An editor's next save comes later; by then the lists that
				// show the page are rendered again too.
				time.Sleep(time.Second)
				b.StartTimer()
			}
			b.StopTimer()
			report(b, times)
		})
	}
}
