package devsite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// Thousands of rebuilds, each starting and stopping background rendering,
// leave no goroutine behind once the site is closed.
func TestManyRebuildsLeaveNoGoroutines(t *testing.T) {
	n := 2000
	if testing.Short() || raceEnabled {
		n = 200
	}
	before := settledGoroutines(0)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"content/_index.md":       "---\ntitle: Start\n---\n",
		"content/verhalen/a.md":   "---\ntitle: A\nweight: 1\n---\nEen.\n",
		"content/verhalen/b.md":   "---\ntitle: B\nweight: 2\n---\nTwee.\n",
		"content/interviews/c.md": "---\ntitle: C\n---\nDrie.\n",
	})
	d, rep, err := Open(context.Background(), dir, Config{Inject: testInject, Now: func() time.Time { return testNow }})
	if err != nil || rep.Failed {
		t.Fatal(err, rep.Problems)
	}
	page := filepath.Join(dir, "content/verhalen/a.md")
	for i := range n {
		body := fmt.Sprintf("---\ntitle: A\nweight: 1\n---\nVersie %d.\n", i)
		if i%10 == 0 {
			body = fmt.Sprintf("---\ntitle: A %d\nweight: 1\n---\nVersie %d.\n", i, i) // the full path now and then
		}
		if err := os.WriteFile(page, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if rep := d.Rebuild(context.Background(), []string{"content/verhalen/a.md"}, nil); rep.Failed {
			t.Fatal(rep.Problems)
		}
		if i%7 == 0 {
			d.Get("index.html")
		}
	}
	d.Settle()
	compare(t, d, dir, fmt.Sprintf("after %d rebuilds", n))
	d.Close()
	if after := settledGoroutines(before); after > before {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines before, %d after:\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

func settledGoroutines(limit int) int {
	var n int
	for range 200 {
		n = runtime.NumGoroutine()
		if n <= limit {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
	return n
}
