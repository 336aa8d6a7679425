package theme

import (
	"html/template"
	"sync"
	"sync/atomic"
)

// partialCacheFloor is the least number of bytes of HTML one generation
// of the partialCached cache holds, and partialCachePerPage what it holds
// for each page of the site (see Theme.FitCache). The cache keeps at most
// two generations, so a build holds at most twice the larger of the two
// budgets. The e-zine theme caches about 1.4 KB a page (14.3 MB for the
// 10,000-page benchmark corpus), so it keeps everything at any size. A
// fixed budget made the cost per page grow with the site: at 50,000 pages
// the cards dropped with their generation were rendered again for the
// lists (BENCHMARKS.md, "Linear with the e-zine theme").
const (
	partialCacheFloor   = 24 << 20
	partialCachePerPage = 2 << 10
)

// partialCache is a bounded cache of rendered partials in two
// generations: entries go into the current one; when it holds more than
// budget bytes it becomes the old one (the previous old one is dropped)
// and a new current one starts. A hit in the old generation is moved to
// the current one, so entries in use survive. Eviction never changes
// output, only what is rendered again.
type partialCache struct {
	mu     sync.RWMutex // guards the budget and the generations themselves, not their contents
	budget int64        // bytes of HTML in one generation
	cur    *generation
	old    *generation
}

type generation struct {
	m     sync.Map // cacheKey -> template.HTML
	bytes atomic.Int64
}

func newPartialCache(budget int64) *partialCache {
	return &partialCache{budget: budget, cur: &generation{}, old: &generation{}}
}

func (c *partialCache) load(key cacheKey) (template.HTML, bool) {
	c.mu.RLock()
	cur, old := c.cur, c.old
	c.mu.RUnlock()
	if v, ok := cur.m.Load(key); ok {
		return v.(template.HTML), true
	}
	if v, ok := old.m.Load(key); ok {
		html := v.(template.HTML)
		c.store(key, html)
		return html, true
	}
	return "", false
}

func (c *partialCache) store(key cacheKey, html template.HTML) {
	c.mu.RLock()
	cur, budget := c.cur, c.budget
	c.mu.RUnlock()
	if _, loaded := cur.m.LoadOrStore(key, html); loaded {
		return
	}
	if cur.bytes.Add(int64(len(html))) <= budget {
		return
	}
	c.mu.Lock()
	if c.cur == cur { // not rotated by another goroutine meanwhile
		c.old, c.cur = cur, &generation{}
	}
	c.mu.Unlock()
}

// reset forgets every entry.
func (c *partialCache) reset() {
	c.mu.Lock()
	c.cur, c.old = &generation{}, &generation{}
	c.mu.Unlock()
}

// fit sets the budget of a generation for a site of pages pages: the
// floor or perPage bytes a page, whichever is more.
func (c *partialCache) fit(pages int, floor, perPage int64) {
	c.mu.Lock()
	c.budget = max(floor, int64(pages)*perPage)
	c.mu.Unlock()
}

// size returns the bytes of HTML held.
func (c *partialCache) size() int64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.cur.bytes.Load() + c.old.bytes.Load()
}
