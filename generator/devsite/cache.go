package devsite

import (
	"sync"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// factCache keeps what converting each loaded file's Markdown yielded, so
// that a new build of the site model converts only the files that changed.
// A file's key is its *content.Page: a file loaded again is a new key.
type factCache struct {
	mu    sync.Mutex
	facts map[*content.Page]*site.Converted
}

func newFactCache() *factCache {
	return &factCache{facts: map[*content.Page]*site.Converted{}}
}

// Facts implements site.FactCache.
func (c *factCache) Facts(src *content.Page) *site.Converted {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.facts[src]
}

// SetFacts implements site.FactCache.
func (c *factCache) SetFacts(src *content.Page, f *site.Converted) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.facts[src] = f
}

// keep forgets the facts of every file version not in live.
func (c *factCache) keep(live map[string]*content.Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for src := range c.facts {
		if live[src.Path] != src {
			delete(c.facts, src)
		}
	}
}

// forget drops the facts of one file version.
func (c *factCache) forget(src *content.Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.facts, src)
}
