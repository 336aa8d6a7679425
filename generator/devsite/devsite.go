// Package devsite keeps a built site in memory for the dev server and, on
// each change, rebuilds only what the change touches.
//
// In: a site folder, and after each change the site paths that changed
// ("content/a.md", "themes/ezine/layouts/_default/single.html", a folder).
// Out: the site's files, in memory, always what a full build with drafts
// shown would write at that moment, and the problems of the last rebuild.
//
// A rebuild reloads only the changed files (content.Load on a view of the
// site that holds nothing else), builds the site model again (or, when
// only the bodies of pages changed, keeps it and gives those pages their
// new file in its facts store), and converts only the Markdown that
// changed: converted facts are cached per loaded file (facts.Cache). Then it decides, for every
// output, whether it can have changed: a page's layout is read once per
// theme (access.go) to find what it can show, those access paths are
// followed on the model (eval.go), and an output is rendered again only if
// a page it shows changed its facts or what it reaches changed shape.
//
// The pages whose files changed, the pages open in a browser and the
// small outputs are rendered before Rebuild returns; the rest (lists of
// thousands of pages, neighbours) are rendered in the background, and any
// of them that is asked for first is rendered on the spot. A rebuild that
// fails (a file that does not load, a broken model, Markdown or theme)
// changes nothing: the last good site stays, with the problems reported.
package devsite

import (
	"context"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
	"github.com/lwa-rotterdam/ezine/generator/render"
	"github.com/lwa-rotterdam/ezine/generator/schema"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// Config configures a Site. The zero value previews with the built-in
// theme and the wall clock.
type Config struct {
	// Inject is HTML added before </body> of every page: the dev server's
	// reload script.
	Inject string
	// Workers bounds the goroutines that render; 0 means one per core.
	Workers int
	// Now is the clock that publish and expiry dates are compared with;
	// nil means time.Now.
	Now func() time.Time
	// ThemeFS replaces the built-in theme (tests).
	ThemeFS fs.FS
	// Notify, when set, is called after background rendering finished, so
	// that the caller can look at Problems and the files again.
	Notify func()
	// BeforeSwap, when set, is called by every rebuild when its work is
	// done and before its files replace the served ones, with the paths it
	// was given. Tests hold a rebuild there to see what is served
	// meanwhile; nil in use.
	BeforeSwap func(changed []string)
}

// Site is a site kept in memory. Its methods are safe for concurrent use,
// but Rebuild calls must not overlap.
//
// A rebuild works on the next version of the site: the files it writes
// are staged, and replace the served ones in one step when it is done
// (under outMu, for as long as it takes to copy the changed entries). Get
// never waits for a rebuild; while one runs, it answers from the last good
// site.
type Site struct {
	cfg  Config
	bcfg pipeline.Config
	root *os.Root
	fsys fs.FS
	seed maphash.Seed

	// mu is held for writing by a rebuild and for reading while an output
	// is rendered or read; the fields below it change only in a rebuild.
	mu         sync.RWMutex
	tree       *tree
	pending    map[string]bool // content paths changed since the model was built
	reloadAll  bool            // a load was stopped half way: load all again
	themeOld   bool            // the theme changed since the session was made
	staticOld  bool            // static files changed since the last plan
	versions   map[string]uint64
	verSeq     uint64
	scfg       site.Config
	fcfg       facts.Config
	model      *site.Site
	store      *facts.Store // the facts of model's pages
	boundary   time.Time    // the first publish or expiry date after the model's now
	modelWarn  diag.List
	sess       *render.Session
	sessGen    uint64
	access     map[string]*access // by layout file, for sess
	plan       []*planned
	planWarn   diag.List
	byFile     map[string]*site.Page // content file -> its page in the model
	published  map[*site.Page]bool   // pages the model renders
	byPage     map[*site.Page]int    // page -> number, for rev
	rev        [][]int32             // page number -> plan indexes that show its facts
	hashes     *hashes               // of the pages of the model, kept for the quick path
	imagesHash uint64                // of the model's images
	pageWarn   map[*site.Page]diag.List
	used       map[string]bool // content files the published pages use (site.UsedFiles): the plan's
	problems   diag.List       // of the last rebuild
	// themeWarn are the warnings of sess's theme. The content checks
	// (checkContent) keep the theme's content types, the placeholders
	// found in each page file, and the field errors and settings warnings
	// found on fieldsOf. The link check (checkLinks) keeps the names of
	// the files the plan publishes and its findings on each page.
	themeWarn    diag.List
	types        map[string]*schema.Type
	placeholders map[*content.Page]diag.List
	fields       diag.List
	settings     diag.List
	fieldsOf     *site.Site
	targets      map[string]bool
	links        map[*site.Page]*pageLinks
	// shownProblems is problems as of the last rebuild that ended, for
	// Problems, which does not wait for one that runs.
	shownProblems atomic.Pointer[diag.List]
	cache         *facts.Cache
	w             *output.Writer
	gen           uint64 // rebuilds that changed the site
	writeGen      uint64 // Gen given to files written now

	outMu        sync.Mutex
	files        map[string]*File  // what Get serves
	staged       map[string]*File  // a running rebuild's changes to files (nil: removed); nil outside a rebuild
	rendered     map[string]uint64 // output -> signature of what files holds
	lazy         map[string]*lazyJob
	lazyProblems map[string]diag.List
	unsettled    map[int32]bool // plan indexes that may differ from their file

	bgMu     sync.Mutex
	bgCancel context.CancelFunc
	bgDone   chan struct{}
}

// Open builds the site in the folder source into memory. The returned
// Report says what the build found; a site that failed to build is still
// returned, empty, so that a later Rebuild can succeed once the files are
// fixed. Only an unreadable folder is an error.
func Open(ctx context.Context, source string, cfg Config) (*Site, *Report, error) {
	abs, err := filepath.Abs(source)
	if err != nil {
		return nil, nil, err
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, nil, i18n.Errorf("open the site folder: %w", err)
	}
	d := &Site{
		cfg:          cfg,
		root:         root,
		fsys:         root.FS(),
		seed:         maphash.MakeSeed(),
		tree:         newTree(),
		pending:      map[string]bool{},
		versions:     map[string]uint64{},
		cache:        facts.NewCache(),
		files:        map[string]*File{},
		rendered:     map[string]uint64{},
		lazy:         map[string]*lazyJob{},
		lazyProblems: map[string]diag.List{},
		unsettled:    map[int32]bool{},
	}
	d.bcfg = pipeline.Config{Source: abs, Drafts: true, Inject: cfg.Inject, Workers: cfg.Workers, ThemeFS: cfg.ThemeFS}
	d.scfg = pipeline.SiteConfig(d.fsys, d.bcfg)
	d.tree.opts = pipeline.ContentOptions(d.scfg.Vocabulary)
	d.fcfg = pipeline.FactsConfig(d.fsys, d.bcfg, pipeline.ImageProcessor(d.bcfg))
	d.fcfg.Cache = d.cache
	d.w = output.NewWriter(store{d})
	d.themeOld, d.staticOld = true, true
	rep := d.Rebuild(ctx, []string{contentDir}, nil)
	return d, rep, nil
}

// Close stops background rendering and releases the site folder.
func (d *Site) Close() error {
	d.stopBackground()
	return d.root.Close()
}

// Get returns the file name of the site ("a/b/index.html"), rendering it
// first if a change left it to be rendered. It never waits for a rebuild:
// while one runs, it returns the file as the last good site has it (an
// output that the previous rebuild left to the background, and that no one
// asked for since, at the version before that).
func (d *Site) Get(name string) (*File, bool) {
	// The lock is held for writing only by a rebuild.
	if d.mu.TryRLock() {
		d.outMu.Lock()
		job := d.lazy[name]
		d.outMu.Unlock()
		if job != nil {
			job.run(d)
		}
		d.mu.RUnlock()
	}
	d.outMu.Lock()
	defer d.outMu.Unlock()
	f, ok := d.files[name]
	return f, ok
}

// Names returns the names of the site's files, sorted.
func (d *Site) Names() []string {
	d.outMu.Lock()
	defer d.outMu.Unlock()
	names := make([]string, 0, len(d.files))
	for n := range d.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Problems returns the problems of the last rebuild and of outputs rendered
// since, sorted. When it holds errors, the last good site is being served.
// Like Get, it does not wait for a rebuild that runs.
func (d *Site) Problems() diag.List {
	var out diag.List
	if p := d.shownProblems.Load(); p != nil {
		out = slices.Clone(*p)
	}
	out = append(out, d.lazyErrors()...)
	out.Sort()
	return out
}

// Gen returns the number of the last rebuild that changed the site.
func (d *Site) Gen() uint64 {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.gen
}

// Lang returns the language tag of the site (site.Site.Lang) as last
// built, site.DefaultLang before the first build.
func (d *Site) Lang() string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.model == nil {
		return site.DefaultLang
	}
	return d.model.Lang()
}

// ContentPages returns the number of pages loaded from the content folder.
func (d *Site) ContentPages() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.model == nil {
		return 0
	}
	return len(d.model.All())
}

// now is the site's clock.
func (d *Site) now() time.Time {
	if d.cfg.Now != nil {
		return d.cfg.Now()
	}
	return time.Now()
}

// bump gives path a new version: it, or something under it, changed.
func (d *Site) bump(path string) {
	d.verSeq++
	d.versions[path] = d.verSeq
}

// version is the version of a site path: the newest of its own and its
// folders'.
func (d *Site) version(p string) uint64 {
	v := d.versions[p]
	for {
		i := lastSlash(p)
		if i < 0 {
			break
		}
		p = p[:i]
		v = max(v, d.versions[p])
	}
	return max(v, d.versions[""])
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}
