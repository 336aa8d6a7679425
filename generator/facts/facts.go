// Package facts keeps what each page's Markdown yields: its HTML, outline,
// word count, plain text, summary, links and problems, the copies of its
// body that the print edition embeds, and the image facts (sizes and
// resized copies) that its images are shown with. The site model
// (package site) is structure only and declares the interface its
// template methods read (site.Facts); a Store implements it.
//
// In: a built model, the site's fs.FS, the Markdown converter, the image
// processor (Config). Out: a Store, which converts a page's body on first
// use, keeps the facts, and lets go of a page's HTML once the page's file
// is written (Release), so that a large site never holds all its HTML at
// once; and the problems of the site's images.
//
// A Store belongs to one model. In memory, facts outlive it through a Cache,
// which a new Store over a new model of the same files (the dev server's)
// takes them from: keyed by the loaded file, and kept only while every
// link target the body resolved still resolves the same. Replace gives a
// page of a kept model a new version of its file: the same model, new
// facts for that file.
//
// On disk, a Disk (Config.Disk; `build` keeps it in <site>/.cache/facts)
// keeps each conversion's facts with their HTML between builds, keyed by
// the body's bytes, its first line, whether plain text is kept, the
// generator binary and the build's settings, and recorded with every
// link target and image the body asked for and the answers it got. A
// build takes a page's facts from it only when every recorded answer is
// the same in the new model and store (as for the Cache); else it
// converts the body. Conversions with problems are not stored. first
// (convert.go) is the one place that reads and writes either cache.
package facts

import (
	"io/fs"
	"sync"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/images"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// Config configures a Store. With a nil FS or Markdown no page has facts:
// every page's are empty.
type Config struct {
	// FS holds the site; page bodies and images are read from it.
	FS fs.FS
	// Markdown converts page bodies.
	Markdown *markdown.Converter
	// Images, when set, makes the site's images responsive: see Image.
	// Nil publishes images as they are.
	Images *images.Processor
	// TextLayout names the layout of a page that needs every page's plain
	// text (the search page): when a published page has it, conversions
	// keep the plain text. Otherwise it is not kept, which saves memory on
	// large sites without search.
	TextLayout string
	// Cache, when set, keeps the facts of page files across stores (the
	// dev server's), so that a new model converts only changed pages. Nil
	// converts every page once per store.
	Cache *Cache
	// Disk, when set, keeps the facts of conversions on disk between
	// builds (OpenDisk), so that a build converts only the bodies that
	// changed or whose links or images now resolve differently. Nil
	// keeps nothing on disk.
	Disk *Disk
}

// Store keeps the facts of the pages of one site model. Its methods are
// safe for concurrent use.
type Store struct {
	model    *site.Site
	cfg      Config
	keepText bool // some page needs every page's plain text (TextLayout)
	img      imageIndex

	mu    sync.RWMutex
	pages map[*site.Page]*entry
}

// entry is the state of one page: the version of its file, and what
// converting it yielded once it was.
type entry struct {
	mu       sync.Mutex
	src      *content.Page
	done     bool             // converted, or taken from the cache
	res      *markdown.Result // nil when the conversion failed
	problems diag.List
	released bool // res holds no HTML: HTML converts again
}

var _ site.Facts = (*Store)(nil)

// New makes the store of a model. It inspects the site's images (their
// headers only) and returns the problems found: an image that cannot be
// read, or whose content does not match its name, is an error naming the
// file. Bodies are converted when first asked for.
func New(model *site.Site, cfg Config) (*Store, diag.List) {
	st := &Store{model: model, cfg: cfg, pages: map[*site.Page]*entry{}}
	st.keepText = cfg.Cache != nil // the dev server's facts outlive one model
	for _, p := range model.Pages {
		if cfg.TextLayout != "" && p.Meta().Layout == cfg.TextLayout {
			st.keepText = true
		}
	}
	for _, list := range [][]*site.Page{model.All(), model.Unpublished} {
		for _, p := range list {
			if p.Source != nil {
				st.pages[p] = &entry{src: p.Source}
			}
		}
	}
	problems := st.img.collect(model, cfg.FS, cfg.Images)
	problems.Sort()
	return st, problems
}

// entry returns the state of page p, nil for a page without a file.
func (st *Store) entry(p *site.Page) *entry {
	if p == nil || p.Source == nil {
		return nil
	}
	st.mu.RLock()
	e := st.pages[p]
	st.mu.RUnlock()
	if e != nil {
		return e
	}
	// A page of the model outside All and Unpublished (one whose file
	// clashed with another's): made on first use.
	st.mu.Lock()
	defer st.mu.Unlock()
	if e = st.pages[p]; e == nil {
		e = &entry{src: p.Source}
		st.pages[p] = e
	}
	return e
}

// Source returns the version of page p's file that the store converts:
// the model's, or the one Replace gave it.
func (st *Store) Source(p *site.Page) *content.Page {
	if e := st.entry(p); e != nil {
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.src
	}
	return nil
}

// Replace gives page p a new version of its file, whose front matter is
// that of the model's (so nothing in the model changes), and forgets what
// was converted from the old one: the same model, new facts for the file.
// It is for the dev server, which calls it while nothing renders the site.
func (st *Store) Replace(p *site.Page, src *content.Page) {
	e := st.entry(p)
	if e == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.src, e.done, e.res, e.problems, e.released = src, false, nil, nil, false
}
