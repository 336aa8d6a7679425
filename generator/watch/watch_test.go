package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// waitFor is how long a test waits for a batch that must come; events
// arrive in milliseconds, but a loaded CI machine can be slow.
const waitFor = 10 * time.Second

// tempIgnore ignores editor droppings, as the dev server does.
func tempIgnore(rel string, isDir bool) bool {
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || base == "4913"
}

type harness struct {
	t      *testing.T
	dir    string
	w      *Watcher
	cancel context.CancelFunc
	done   chan struct{}
}

func start(t *testing.T, poll time.Duration, setup func(dir string)) *harness {
	t.Helper()
	return startWith(t, Options{Poll: poll}, setup)
}

// startWith starts a watch with opts, its roots and filter set as start
// sets them.
func startWith(t *testing.T, opts Options, setup func(dir string)) *harness {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "static"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if setup != nil {
		setup(dir)
	}
	opts.Roots, opts.Ignore = []string{"content", "static", "themes"}, tempIgnore
	opts.OnError = func(err error) { t.Log(err) }
	w, err := New(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, dir: dir, w: w, cancel: cancel, done: make(chan struct{})}
	go func() {
		w.Run(ctx)
		close(h.done)
	}()
	t.Cleanup(h.stop)
	return h
}

func (h *harness) stop() {
	h.cancel()
	<-h.done
}

func (h *harness) write(name, data string) {
	h.t.Helper()
	p := filepath.Join(h.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) path(name string) string { return filepath.Join(h.dir, filepath.FromSlash(name)) }

// next returns the next batch.
func (h *harness) next() []string {
	h.t.Helper()
	select {
	case b := <-h.w.Batches():
		return b
	case <-time.After(waitFor):
		h.t.Fatal("no batch")
	}
	return nil
}

// until collects batches until every one of want was reported.
func (h *harness) until(want ...string) []string {
	h.t.Helper()
	var got []string
	for {
		got = append(got, h.next()...)
		missing := false
		for _, w := range want {
			if !slices.Contains(got, w) {
				missing = true
			}
		}
		if !missing {
			return got
		}
	}
}

// quiet checks that no batch comes for a while.
func (h *harness) quiet() {
	h.t.Helper()
	h.quietFor(100 * time.Millisecond)
}

func (h *harness) quietFor(d time.Duration) {
	h.t.Helper()
	select {
	case b := <-h.w.Batches():
		h.t.Fatalf("unexpected batch %v", b)
	case <-time.After(d):
	}
}

func TestEditsAreReported(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"events", 0}, {"poll", 20 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			h := start(t, mode.poll, func(dir string) {
				os.WriteFile(filepath.Join(dir, "content/a.md"), []byte("a"), 0o644)
			})
			h.write("content/a.md", "changed")
			h.until("content/a.md")
			h.write("static/x.css", "body{}")
			h.until("static/x.css")
			os.Remove(h.path("content/a.md"))
			h.until("content/a.md")
		})
	}
}

func TestNewFolderIsWatched(t *testing.T) {
	h := start(t, 0, nil)
	// A folder with a file made at once: the folder is reported, so the
	// file is not missed even if it came before the folder was watched.
	h.write("content/nieuw/a.md", "a")
	h.until("content/nieuw")
	// Files made in it later are events of their own.
	h.write("content/nieuw/dieper/b.md", "b")
	h.until("content/nieuw/dieper")
	h.write("content/nieuw/dieper/b.md", "b2")
	h.until("content/nieuw/dieper/b.md")
	// A root made after the watch started is picked up too.
	h.write("themes/ezine/layouts/x.html", "x")
	h.until("themes")
	h.write("themes/ezine/layouts/x.html", "y")
	h.until("themes/ezine/layouts/x.html")
}

func TestRenameAndDelete(t *testing.T) {
	h := start(t, 0, func(dir string) {
		os.MkdirAll(filepath.Join(dir, "content/oud"), 0o755)
		os.WriteFile(filepath.Join(dir, "content/oud/a.md"), []byte("a"), 0o644)
	})
	if err := os.Rename(h.path("content/oud"), h.path("content/nieuw")); err != nil {
		t.Fatal(err)
	}
	h.until("content/oud", "content/nieuw")
	// The renamed folder is watched under its new name.
	h.write("content/nieuw/a.md", "changed")
	h.until("content/nieuw/a.md")
	if err := os.RemoveAll(h.path("content/nieuw")); err != nil {
		t.Fatal(err)
	}
	h.until("content/nieuw")
	// A folder made again under an old name is watched again.
	h.write("content/oud/b.md", "b")
	h.until("content/oud")
	h.write("content/oud/b.md", "b2")
	h.until("content/oud/b.md")
}

// Editors save by writing a temporary file and renaming it over the
// original; the batch names the original, never the temporary file.
func TestAtomicSaves(t *testing.T) {
	h := start(t, 0, func(dir string) {
		os.WriteFile(filepath.Join(dir, "content/a.md"), []byte("a"), 0o644)
	})
	// vim: probe file 4913, backup a.md~, write the new a.md.
	h.write("content/4913", "")
	os.Remove(h.path("content/4913"))
	os.Rename(h.path("content/a.md"), h.path("content/a.md~"))
	h.write("content/a.md", "vim")
	os.Remove(h.path("content/a.md~"))
	// VS Code and JetBrains: write beside, rename over.
	h.write("content/.a.md.tmp", "code")
	os.Rename(h.path("content/.a.md.tmp"), h.path("content/a.md"))
	got := h.until("content/a.md")
	for _, p := range got {
		if p != "content/a.md" {
			t.Errorf("batch holds %q", p)
		}
	}
}

func TestBurstIsOneBatch(t *testing.T) {
	// A quiet time that a loaded machine does not reach between two
	// writes of the loop (the default, 20 ms, it sometimes did).
	h := startWith(t, Options{Debounce: 500 * time.Millisecond}, func(dir string) {
		os.WriteFile(filepath.Join(dir, "content/a.md"), []byte("a"), 0o644)
	})
	for i := range 200 {
		h.write("content/a.md", strings.Repeat("x", i))
	}
	if got := h.next(); !slices.Equal(got, []string{"content/a.md"}) {
		t.Errorf("first batch %v", got)
	}
	h.quietFor(time.Second)
}

func TestIgnoredFilesMakeNoBatch(t *testing.T) {
	h := start(t, 0, nil)
	h.write("content/.a.md.swp", "swap")
	h.write("content/a.md~", "backup")
	h.write("README.md", "not in a root")
	h.quiet()
}

func TestRunStopsAndClosesTheChannel(t *testing.T) {
	h := start(t, 0, nil)
	h.stop()
	if _, ok := <-h.w.Batches(); ok {
		t.Error("channel still open")
	}
}

// Folders made and removed again and again leave no watch behind.
func TestFolderChurnLeavesNoWatches(t *testing.T) {
	h := start(t, 0, nil)
	for i := range 300 {
		name := fmt.Sprintf("content/map%d", i%5)
		h.write(name+"/sub/a.md", "a")
		if i%2 == 1 {
			os.Rename(h.path(name), h.path(name+"-x"))
			os.RemoveAll(h.path(name + "-x"))
		} else {
			os.RemoveAll(h.path(name))
		}
	}
	h.write("content/laatste.md", "z")
	h.until("content/laatste.md")
	// Drain what is left, then count: the site folder, content, static.
	deadline := time.Now().Add(waitFor)
	for time.Now().Before(deadline) {
		select {
		case <-h.w.Batches():
			continue
		case <-time.After(200 * time.Millisecond):
		}
		break
	}
	if list := h.w.fsw.WatchList(); len(list) > 3 {
		t.Errorf("%d watches (want the site folder, content, static): %v", len(list), list)
	}
	h.stop()
	if n := len(h.w.added); n > 2 {
		t.Errorf("%d folders still recorded as watched: %v", n, h.w.added)
	}
}

// A change of mode is a change: a file made unreadable, and readable again
// (the fix of a permission error), a folder too; so is a touch. An
// attribute event that changes neither mode nor time makes no batch.
func TestModeChangesAreReported(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"events", 0}, {"poll", 20 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			h := start(t, mode.poll, func(dir string) {
				os.MkdirAll(filepath.Join(dir, "content/verhalen"), 0o755)
				os.WriteFile(filepath.Join(dir, "content/verhalen/a.md"), []byte("a"), 0o644)
			})
			chmod := func(name string, m os.FileMode) {
				t.Helper()
				if err := os.Chmod(h.path(name), m); err != nil {
					t.Fatal(err)
				}
			}
			chmod("content/verhalen/a.md", 0)
			h.until("content/verhalen/a.md")
			chmod("content/verhalen/a.md", 0o644)
			h.until("content/verhalen/a.md")
			chmod("content/verhalen", 0)
			h.until("content/verhalen")
			chmod("content/verhalen", 0o755)
			h.until("content/verhalen")
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(h.path("content/verhalen/a.md"), later, later); err != nil {
				t.Fatal(err)
			}
			h.until("content/verhalen/a.md")
			// The same mode again: nothing changed.
			chmod("content/verhalen/a.md", 0o644)
			h.quiet()
		})
	}
}
