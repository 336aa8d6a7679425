// Package watch reports which files under a folder changed, in batches.
//
// In: a folder, the subfolders to watch in it (recursively; the folder
// itself is watched too, so that a subfolder created later is picked up)
// and a filter for paths that do not matter (editor swap and backup files).
// Out: batches of changed paths, relative to the folder and
// slash-separated, on a channel. A path stands for itself and, when it is a
// folder, everything in it; the receiver looks at the disk to see what is
// there now, so an editor's save by writing a temporary file and renaming
// it over the original (vim, VS Code, JetBrains) is simply a change of the
// original, and deletes and renames are changes of the paths that went.
//
// Events come from fsnotify; folders are added to the watch as they appear.
// With Options.Poll the folder is instead walked at that interval and
// compared by size, time and mode, for file systems where events do not
// arrive (network shares, some containers). A change of mode counts: it
// can make a file readable again (or not), and a fixed permission must
// clear the error it caused. So does a change of time alone (touch, which
// people use to ask for a rebuild); attribute events that change neither
// (macOS Spotlight sends many) are dropped. A burst of events becomes one
// batch: each event resets a quiet-time timer, and the batch goes when it
// fires (or when the burst has lasted MaxDelay). While the receiver is busy,
// events keep collecting into the next batch.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is the quiet time that ends a burst: long enough to take
// in an editor's save (a few file operations within a millisecond or two,
// more on a loaded machine), short enough not to be felt.
const DefaultDebounce = 20 * time.Millisecond

// DefaultMaxDelay bounds how long a burst of events (a checkout, a copy of
// many files) holds back a batch.
const DefaultMaxDelay = time.Second

// Options configures a Watcher. Only Roots is needed.
type Options struct {
	// Roots are the subfolders to watch, relative to the folder; each may
	// not exist yet.
	Roots []string
	// Poll, when positive, walks the folders at this interval instead of
	// waiting for file system events.
	Poll time.Duration
	// Debounce is the quiet time that ends a burst; 0 is DefaultDebounce.
	Debounce time.Duration
	// MaxDelay bounds a burst; 0 is DefaultMaxDelay.
	MaxDelay time.Duration
	// Ignore reports whether a path (relative, slash-separated) does not
	// matter; an ignored folder is not watched. Nil ignores nothing.
	Ignore func(rel string, isDir bool) bool
	// OnError is called with problems that do not stop the watch (a folder
	// that could not be added); nil drops them.
	OnError func(error)
}

// Watcher watches a folder. Run delivers its batches.
type Watcher struct {
	dir   string
	opts  Options
	fsw   *fsnotify.Watcher // nil when polling
	out   chan []string
	snap  map[string]fileState // polling: the last walk
	added map[string]bool      // folders watched, by relative path
	seen  map[string]fileState // events: each path's state at its last event
}

// fileState is what a walk or an event saw of a path: its mode (kind and
// permissions), and for files their size and time.
type fileState struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
}

func stateOf(info fs.FileInfo) fileState {
	st := fileState{mode: info.Mode()}
	if !info.IsDir() {
		st.size, st.mtime = info.Size(), info.ModTime()
	}
	return st
}

// New sets up the watch of dir: the folders are watched (or walked once,
// when polling) before New returns, so nothing that changes after it is
// missed.
func New(dir string, opts Options) (*Watcher, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = DefaultMaxDelay
	}
	w := &Watcher{dir: abs, opts: opts, out: make(chan []string), added: map[string]bool{}, seen: map[string]fileState{}}
	if opts.Poll > 0 {
		w.snap = w.walk()
		return w, nil
	}
	w.fsw, err = fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w (try -poll)", dir, err)
	}
	if err := w.fsw.Add(abs); err != nil {
		w.fsw.Close()
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	for _, r := range opts.Roots {
		if err := w.addTree(r); err != nil {
			w.fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// Batches returns the channel of batches; it is closed when Run returns.
func (w *Watcher) Batches() <-chan []string { return w.out }

func (w *Watcher) ignored(rel string, isDir bool) bool {
	return w.opts.Ignore != nil && w.opts.Ignore(rel, isDir)
}

// inRoots reports whether rel is a root or lies in one.
func (w *Watcher) inRoots(rel string) bool {
	for _, r := range w.opts.Roots {
		if rel == r || strings.HasPrefix(rel, r+"/") {
			return true
		}
	}
	return false
}

// addTree watches the folder rel and every folder under it.
func (w *Watcher) addTree(rel string) error {
	root := filepath.Join(w.dir, filepath.FromSlash(rel))
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone already, or not made yet
			}
			w.report(err)
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		r := w.rel(p)
		if p != root && w.ignored(r, true) {
			return fs.SkipDir
		}
		if w.added[r] {
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				return fmt.Errorf("watch %s: the system's limit on watched folders is reached; raise fs.inotify.max_user_watches, or use -poll", r)
			}
			if !errors.Is(err, fs.ErrNotExist) {
				w.report(fmt.Errorf("watch %s: %w", r, err))
			}
			return nil
		}
		w.added[r] = true
		return nil
	})
	return err
}

func (w *Watcher) rel(abs string) string {
	r, err := filepath.Rel(w.dir, abs)
	if err != nil || r == "." {
		return ""
	}
	return filepath.ToSlash(r)
}

func (w *Watcher) report(err error) {
	if w.opts.OnError != nil {
		w.opts.OnError(err)
	}
}

// Run watches until ctx is done, sending batches on Batches, then stops
// the watch and closes the channel.
func (w *Watcher) Run(ctx context.Context) {
	defer close(w.out)
	if w.fsw != nil {
		defer w.fsw.Close()
	}
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	defer quiet.Stop()
	var tick <-chan time.Time
	if w.opts.Poll > 0 {
		t := time.NewTicker(w.opts.Poll)
		defer t.Stop()
		tick = t.C
	}
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w.fsw != nil {
		events, errs = w.fsw.Events, w.fsw.Errors
	}
	pending := map[string]bool{}
	var first time.Time
	ready := false
	add := func(rel string) {
		pending[rel] = true
		if first.IsZero() {
			first = time.Now()
		}
		if time.Since(first) >= w.opts.MaxDelay {
			ready = true
		}
		if !ready {
			quiet.Reset(w.opts.Debounce) // each event restarts the quiet time
		}
	}
	for {
		var out chan<- []string
		var batch []string
		if ready && len(pending) > 0 {
			out = w.out
			batch = make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			slices.Sort(batch)
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if rel, ok := w.event(ev); ok {
				add(rel)
			}
		case err, ok := <-errs:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: everything may have changed.
				add("")
				continue
			}
			w.report(err)
		case <-tick:
			for _, rel := range w.poll() {
				add(rel)
			}
		case <-quiet.C:
			ready = true
		case out <- batch:
			clear(pending)
			first = time.Time{}
			ready = false
		}
	}
}

// event turns a file system event into the path it changed, watching any
// folder it created.
func (w *Watcher) event(ev fsnotify.Event) (string, bool) {
	rel := w.rel(ev.Name)
	if rel == "" || !w.inRoots(rel) {
		return "", false
	}
	info, err := os.Lstat(ev.Name)
	isDir := err == nil && info.IsDir()
	if w.ignored(rel, isDir) {
		return "", false
	}
	if changed := w.record(rel, info, err); ev.Op == fsnotify.Chmod && !changed {
		return "", false // attributes only, and neither mode nor time changed
	}
	if isDir && (ev.Has(fsnotify.Create) || ev.Has(fsnotify.Chmod)) {
		// A new (or renamed) folder: watch it and all in it. Files made in
		// it before the watch was set are covered by reporting the folder.
		// A folder that could not be read may now be.
		if err := w.addTree(rel); err != nil {
			w.report(err)
		}
	}
	if !isDir && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) && w.added[rel] {
		// A watched folder went. Drop its watches now, before a Create of
		// its new name (a rename) adds one: inotify would hand back the
		// old watch of the same folder, which fsnotify then removes.
		for r := range w.added {
			if r == rel || strings.HasPrefix(r, rel+"/") {
				_ = w.fsw.Remove(filepath.Join(w.dir, filepath.FromSlash(r)))
				delete(w.added, r)
			}
		}
		for r := range w.seen {
			if strings.HasPrefix(r, rel+"/") {
				delete(w.seen, r)
			}
		}
	}
	return rel, true
}

// record notes the state of rel at an event (info and err from Lstat),
// and reports whether it differs from the one noted at its last event.
// A path with no event before counts as changed.
func (w *Watcher) record(rel string, info fs.FileInfo, err error) bool {
	if err != nil {
		delete(w.seen, rel)
		return true
	}
	st := stateOf(info)
	old, ok := w.seen[rel]
	w.seen[rel] = st
	return !ok || old != st
}

// walk records the state of every path under the roots.
func (w *Watcher) walk() map[string]fileState {
	snap := map[string]fileState{}
	for _, r := range w.opts.Roots {
		root := filepath.Join(w.dir, filepath.FromSlash(r))
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel := w.rel(p)
			if p != root && w.ignored(rel, d.IsDir()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			snap[rel] = stateOf(info)
			return nil
		})
	}
	return snap
}

// poll walks again and returns the paths that came, went or changed.
func (w *Watcher) poll() []string {
	snap := w.walk()
	var changed []string
	for p, st := range snap {
		if old, ok := w.snap[p]; !ok || old != st {
			changed = append(changed, p)
		}
	}
	for p := range w.snap {
		if _, ok := snap[p]; !ok {
			changed = append(changed, p)
		}
	}
	w.snap = snap
	return changed
}
