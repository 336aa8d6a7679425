package facts

import (
	"sync"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// Cache keeps what converting each version of a page file yielded, less
// the HTML, across stores: a Store over a new model of the same files
// takes a file's facts from it instead of converting the file again, as
// long as every link target its body resolved resolves the same in the
// new model. A version of a file is its *content.Page: a file loaded
// again is a new key. The dev server keeps one Cache for its whole life.
// It is safe for concurrent use.
//
// The on-disk layer between builds is Disk (disk.go); Store.first reads
// and writes both.
type Cache struct {
	mu    sync.Mutex
	files map[*content.Page]*cached
}

// cached are the facts of one version of a file.
type cached struct {
	result   *markdown.Result // without HTML; nil when the conversion failed
	problems diag.List
	// resolved lists the relative link targets the body asked the model
	// to resolve, in order, with their answers.
	resolved []Resolved
}

// Resolved is one relative link target of a body and what the model made
// of it (site.Site.Resolve).
type Resolved struct {
	Dest string // as written
	URL  string // the URL it resolved to, or ""
	Err  string // why it did not resolve, or ""
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[*content.Page]*cached{}} }

// lookup returns the facts of src when they hold: when holds accepts the
// answers its body's link targets had.
func (c *Cache) lookup(src *content.Page, holds func([]Resolved) bool) *cached {
	c.mu.Lock()
	f := c.files[src]
	c.mu.Unlock()
	if f == nil || !holds(f.resolved) {
		return nil
	}
	return f
}

// store keeps what converting src yielded, without the HTML.
func (c *Cache) store(src *content.Page, res *markdown.Result, problems diag.List, resolved []Resolved) {
	f := &cached{problems: problems, resolved: resolved}
	if res != nil {
		kept := *res
		kept.HTML = ""
		f.result = &kept
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[src] = f
}

// Links returns the link and image targets of the body of version src of
// a file, as a conversion recorded them, and whether it has any record of
// src at all.
func (c *Cache) Links(src *content.Page) ([]markdown.Link, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.files[src]
	if f == nil {
		return nil, false
	}
	if f.result == nil {
		return nil, true
	}
	return f.result.Links, true
}

// Resolved returns how the link targets of version src of a file resolved
// when it was converted, in order; nil when it was not.
func (c *Cache) Resolved(src *content.Page) []Resolved {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.files[src]; f != nil {
		return f.resolved
	}
	return nil
}

// Keep forgets the facts of every file version that is not the live one
// of its path.
func (c *Cache) Keep(live map[string]*content.Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for src := range c.files {
		if live[src.Path] != src {
			delete(c.files, src)
		}
	}
}

// Forget drops the facts of one file version.
func (c *Cache) Forget(src *content.Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.files, src)
}
