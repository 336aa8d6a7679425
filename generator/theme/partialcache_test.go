package theme

import (
	"fmt"
	"html/template"
	"strings"
	"sync"
	"testing"
)

func TestPartialCacheBounded(t *testing.T) {
	const budget = 1000
	c := newPartialCache(budget)
	html := template.HTML(strings.Repeat("x", 100))
	for i := range 1000 {
		c.store(cacheKey{name: "kaart.html", vars: [3]any{i}}, html)
		if got := c.size(); got > 2*budget+int64(len(html)) {
			t.Fatalf("after %d entries the cache holds %d bytes, want at most about %d", i+1, got, 2*budget)
		}
	}
	// The newest entries are kept, the oldest are gone.
	if _, ok := c.load(cacheKey{name: "kaart.html", vars: [3]any{999}}); !ok {
		t.Error("the newest entry is gone")
	}
	if _, ok := c.load(cacheKey{name: "kaart.html", vars: [3]any{0}}); ok {
		t.Error("the oldest entry is still there")
	}
}

func TestPartialCacheKeepsWhatIsUsed(t *testing.T) {
	c := newPartialCache(1000)
	hot := cacheKey{name: "motief.html", vars: [3]any{"hot"}}
	c.store(hot, "<svg></svg>")
	for i := range 1000 {
		c.store(cacheKey{name: "kaart.html", vars: [3]any{i}}, template.HTML(strings.Repeat("x", 100)))
		if _, ok := c.load(hot); !ok {
			t.Fatalf("an entry used all along was dropped after %d others", i+1)
		}
	}
}

// TestPartialCacheConcurrent runs loads and stores from several
// goroutines (for the race detector) and checks every hit is right.
func TestPartialCacheConcurrent(t *testing.T) {
	c := newPartialCache(2000)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				k := (i * (g + 1)) % 300
				key := cacheKey{name: "p", vars: [3]any{k}}
				want := template.HTML(fmt.Sprintf("<p>%d</p>", k))
				if got, ok := c.load(key); ok && got != want {
					t.Errorf("key %d: got %q", k, got)
					return
				}
				c.store(key, want)
			}
		}()
	}
	wg.Wait()
	c.reset()
	if c.size() != 0 {
		t.Errorf("after reset: %d bytes", c.size())
	}
}

func TestPartialCacheFit(t *testing.T) {
	const floor, perPage = 1000, 100
	for _, tc := range []struct {
		pages int
		want  int64
	}{
		{0, floor},
		{5, floor},
		{10, floor},
		{11, 1100},
		{50000, 5000000},
	} {
		c := newPartialCache(floor)
		c.fit(tc.pages, floor, perPage)
		if c.budget != tc.want {
			t.Errorf("%d pages: budget %d, want %d", tc.pages, c.budget, tc.want)
		}
	}
}

// TestPartialCacheFitKeepsEveryPage: a cache fitted for a site keeps one
// entry of perPage bytes for each of its pages, however many there are,
// so no page's partial is rendered twice.
func TestPartialCacheFitKeepsEveryPage(t *testing.T) {
	const floor, perPage = 1000, 100
	for _, pages := range []int{5, 100, 3000} {
		c := newPartialCache(floor)
		c.fit(pages, floor, perPage)
		html := template.HTML(strings.Repeat("x", perPage))
		for i := range pages {
			c.store(cacheKey{name: "kaart.html", vars: [3]any{i}}, html)
		}
		for i := range pages {
			if _, ok := c.load(cacheKey{name: "kaart.html", vars: [3]any{i}}); !ok {
				t.Fatalf("%d pages: the entry of page %d is gone", pages, i)
			}
		}
	}
}
