// Package serve is the dev server: it builds a site into memory with
// drafts and future pages shown, serves it over HTTP, watches the site's
// folders and rebuilds what a change touches, and tells the open browsers
// over Server-Sent Events to reload (keeping their scroll position), to
// swap a changed stylesheet, or to show the build's errors over the page.
//
// In: a Config naming the site folder and where to listen. Out: a server
// until the context is cancelled; one line per rebuild on Stdout, problems
// on Stderr, each set of errors printed once. Nothing is written to disk:
// the user's public/ folder is never touched. A rebuild that fails keeps
// the last good site in the browser, with the errors over it; fixing the
// file clears them.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/devsite"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/watch"
)

// DefaultPort is Hugo's, which editors know.
const DefaultPort = 1313

// portTries is how many ports after a taken default port are tried.
const portTries = 20

// Config configures Run. The zero value of every field but Source is a
// good default.
type Config struct {
	// Source is the site folder.
	Source string
	// Bind is the address to listen on; "" is 127.0.0.1, this machine only.
	Bind string
	// Port is the port to listen on; 0 is DefaultPort, or the next free
	// one when that is taken (unless PortFixed).
	Port int
	// PortFixed says the port was asked for: when it is taken, fail
	// instead of taking the next free one.
	PortFixed bool
	// Poll, when positive, polls the folders at this interval instead of
	// waiting for file system events.
	Poll time.Duration
	// Debounce is the watcher's quiet time; 0 is watch.DefaultDebounce.
	Debounce time.Duration
	// Stdout receives the address and one line per rebuild; Stderr the
	// problems. Nil discards.
	Stdout, Stderr io.Writer
	// Lang is the language of the lines on Stdout and Stderr (the
	// terminal's locale); the overlay in the browser follows the site's
	// lang instead.
	Lang i18n.Lang
	// Now is the clock for publish and expiry dates; nil is time.Now.
	Now func() time.Time
	// Ready, when set, is called with the server's URL once it listens.
	Ready func(url string)

	// Tests only: smaller limits, and a hook that holds a rebuild before
	// its files are served (devsite.Config.BeforeSwap).
	limits     *limits
	beforeSwap func(changed []string)
}

// limits bound what a client can make the server hold, and how long.
type limits struct {
	maxClients  int           // live-reload streams open at once
	maxParam    int           // bytes of a stream's path or v parameter
	maxHeader   int           // bytes of a request line and header
	idle        time.Duration // a kept-alive connection without a request
	writeStall  time.Duration // one write of a response to a client that reads nothing
	slowRebuild time.Duration // a rebuild that takes longer says so
}

var defaultLimits = limits{
	// A browser opens at most 6 connections to one host over HTTP/1.1, so
	// 64 streams are ten browsers and phones, with room to spare.
	maxClients: 64,
	// A page's URL path; browsers and servers cap whole URLs near 2-8 KiB.
	maxParam: 2 << 10,
	// nginx refuses more than 4 x 8 KiB of request header by default, so
	// browsers never send more than this (and cookies of every dev server
	// on localhost come along).
	maxHeader: 64 << 10,
	// A browser comes back to an idle connection within seconds; after a
	// minute, a new one costs nothing on this computer.
	idle: time.Minute,
	// Even a phone on a slow network takes a write of 32 KB in seconds;
	// a client that reads nothing for this long is gone or hostile.
	writeStall: 30 * time.Second,
	// A rebuild is milliseconds; one that takes a second is worth a word.
	slowRebuild: time.Second,
}

// server is a running dev server.
type server struct {
	cfg      Config
	lim      limits
	site     *devsite.Site
	hub      *hub
	hosts    *hostCheck // set once it listens
	instance string     // tells this run's page versions from an earlier run's
	out, err io.Writer

	printMu sync.Mutex
	printed string // the errors printed last, so that each set prints once
}

// Run serves the site until ctx is cancelled, then stops the server, the
// watcher and the background work, and returns nil. It returns an error
// when it cannot start (no site folder, no port).
func Run(ctx context.Context, cfg Config) error {
	if cfg.Stdout == nil {
		cfg.Stdout = io.Discard
	}
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
	if cfg.Bind == "" {
		cfg.Bind = "127.0.0.1"
	}
	src, err := filepath.Abs(cfg.Source)
	if err != nil {
		return err
	}
	// A mistyped -source is an error, not an empty preview.
	if info, err := os.Stat(filepath.Join(src, "content")); err != nil || !info.IsDir() {
		return i18n.Errorf("no content folder in %s; check -source: it must point at the folder that holds content/", src)
	}
	var id [4]byte
	rand.Read(id[:])
	s := &server{cfg: cfg, lim: defaultLimits, instance: hex.EncodeToString(id[:]), out: cfg.Stdout, err: cfg.Stderr}
	if cfg.limits != nil {
		s.lim = *cfg.limits
	}
	s.hub = newHub(s)

	// Watch before the first build, so that no change in between is lost.
	w, err := watch.New(src, watch.Options{
		Roots:    devsite.Roots,
		Poll:     cfg.Poll,
		Debounce: cfg.Debounce,
		Ignore:   func(rel string, isDir bool) bool { return !devsite.Relevant(rel, isDir) },
		OnError:  func(err error) { s.printf(s.err, "watch: %v\n", err) },
	})
	if err != nil {
		return err
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		w.Run(watchCtx)
	}()
	defer func() {
		stopWatch()
		<-watchDone
	}()

	start := time.Now()
	site, rep, err := devsite.Open(ctx, src, devsite.Config{Inject: inject, Now: cfg.Now, Notify: s.afterBackground, BeforeSwap: cfg.beforeSwap})
	if err != nil {
		return err
	}
	defer site.Close()
	s.site = site
	if rep.Failed {
		s.printf(s.out, "The site did not build; fix the files below and save, the preview follows.\n")
	} else {
		s.printf(s.out, "Built %s (%s) in %d ms.\n", i18n.New("%d pages", site.ContentPages()), i18n.New("%d files", len(site.Names())), time.Since(start).Milliseconds())
	}
	s.showProblems()

	ln, err := s.listen()
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	hs := s.httpServer(ctx, ln)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	how := i18n.New("watching for changes")
	if cfg.Poll > 0 {
		how = i18n.New("polling for changes every %s", cfg.Poll.String())
	}
	s.printf(s.out, "Serving %s at %s (drafts and future pages shown, %s). Press Ctrl-C to stop.\n", src, url, how)
	if ip := net.ParseIP(cfg.Bind); ip == nil || !ip.IsLoopback() {
		s.printf(s.err, "warning: listening on %s: other computers on the network can see the preview, drafts included\n", cfg.Bind)
	}
	if cfg.Ready != nil {
		cfg.Ready(url)
	}

	for {
		select {
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err := hs.Shutdown(shutdown)
			cancel()
			<-served
			s.printf(s.out, "Stopped.\n")
			return err
		case err := <-served:
			return i18n.Errorf("serve: %w", err)
		case batch, ok := <-w.Batches():
			if !ok {
				<-ctx.Done()
				continue
			}
			s.rebuild(ctx, batch)
		}
	}
}

// httpServer returns the HTTP server of s for the listener ln; every
// request, the event streams too, ends when ctx does.
func (s *server) httpServer(ctx context.Context, ln net.Listener) *http.Server {
	s.hosts = newHostCheck(s.cfg.Bind, ln.Addr().(*net.TCPAddr).Port)
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       s.lim.idle,
		MaxHeaderBytes:    s.lim.maxHeader,
		// No WriteTimeout: it would end the event streams. Each write of
		// a response gets its own deadline instead (stallWriter).
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
}

// listen opens the port: the one asked for, or the first free one from the
// default on.
func (s *server) listen() (net.Listener, error) {
	port := s.cfg.Port
	if port == 0 && !s.cfg.PortFixed {
		port = DefaultPort
	}
	tries := portTries
	if s.cfg.PortFixed {
		tries = 1
	}
	var firstErr error
	for i := range tries {
		ln, err := net.Listen("tcp", net.JoinHostPort(s.cfg.Bind, strconv.Itoa(port+i)))
		if err == nil {
			if i > 0 {
				s.printf(s.out, "Port %d is in use; using port %d instead.\n", port, port+i)
			}
			return ln, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			break
		}
	}
	if errors.Is(firstErr, syscall.EADDRINUSE) {
		if s.cfg.PortFixed {
			return nil, i18n.Errorf("port %d on %s is in use (another ezine serve or hugo server?); stop it or choose another port with -port", port, s.cfg.Bind)
		}
		return nil, i18n.Errorf("ports %d to %d on %s are all in use; choose a free one with -port", port, port+tries-1, s.cfg.Bind)
	}
	return nil, i18n.Errorf("listen on %s port %d: %w", s.cfg.Bind, port, firstErr)
}

// rebuild brings the site up to date after a batch of changes and tells
// the terminal and the browsers.
func (s *server) rebuild(ctx context.Context, batch []string) {
	var open []string
	for _, p := range s.hub.paths() {
		if name, _, ok := s.lookup(p); ok && name != "" {
			open = append(open, name)
		}
	}
	before := s.hub.snapshot()
	stop := s.slowNotice(batch)
	rep := s.site.Rebuild(ctx, batch, open)
	stop()
	if rep.Ignored || ctx.Err() != nil {
		return
	}
	s.report(rep)
	if !rep.Failed {
		s.hub.afterRebuild(before, rep.Stylesheets)
	}
}

// slowNotice prints a line when a rebuild of batch takes longer than
// lim.slowRebuild, so that a long wait has a cause on the screen. The
// returned func cancels it, and returns once the line, if any, is out.
func (s *server) slowNotice(batch []string) (stop func()) {
	printed := make(chan struct{})
	t := time.AfterFunc(s.lim.slowRebuild, func() {
		defer close(printed)
		s.printf(s.out, "%s still rebuilding %s …\n", clock(), s.describe(batch))
	})
	return func() {
		if !t.Stop() {
			<-printed
		}
	}
}

// report prints the rebuild's line and its errors (once per set of
// errors), and shows or clears the errors in the browsers.
func (s *server) report(rep *devsite.Report) {
	errs := s.showProblems()
	what := s.describe(rep.Changed)
	ms := rep.Duration.Milliseconds()
	switch {
	case rep.Failed:
		s.printf(s.out, "%s %s: not rebuilt, %s; the last good site stays (%d ms)\n",
			clock(), what, i18n.New("%d errors", len(errs)), ms)
	default:
		line := i18n.Sprintf(s.cfg.Lang, "%s %s: %s rendered in %d ms", clock(), what, i18n.New("%d files", rep.Rendered), ms)
		if rep.Queued > 0 {
			line += i18n.Sprintf(s.cfg.Lang, ", %d more in the background", rep.Queued)
		}
		if rep.Removed > 0 {
			line += i18n.Sprintf(s.cfg.Lang, ", %d removed", rep.Removed)
		}
		fmt.Fprintln(s.out, line)
	}
}

// afterBackground runs when the background rendering of a rebuild is done:
// it may have found errors, and pages may have changed.
func (s *server) afterBackground() {
	s.showProblems()
	s.hub.reloadChanged()
}

// showProblems prints the site's errors (once per set) and shows them in
// the browsers, or clears them there.
func (s *server) showProblems() diag.List {
	errs := s.site.Problems().Errors()
	s.printErrors(errs)
	s.hub.setProblems(errs, i18n.ForTag(s.site.Lang()))
	return errs
}

// printErrors prints a set of errors unless it was the last printed.
func (s *server) printErrors(errs diag.List) {
	text := errs.Text(s.cfg.Lang)
	s.printMu.Lock()
	defer s.printMu.Unlock()
	if text == s.printed {
		return
	}
	s.printed = text
	if text != "" {
		fmt.Fprintln(s.err, text)
	}
}

// printf writes the catalogue's message for format to w in the
// terminal's language.
func (s *server) printf(w io.Writer, format string, args ...any) {
	io.WriteString(w, i18n.Sprintf(s.cfg.Lang, format, args...))
}

// describe names the changed paths for the rebuild line.
func (s *server) describe(paths []string) string {
	names := make([]string, 0, len(paths))
	for _, p := range paths {
		if p == "" {
			p = i18n.Text(s.cfg.Lang, "the site")
		}
		names = append(names, diag.Escape(p)) // a file name is data: no raw escapes on the terminal
	}
	if len(names) <= 3 {
		return strings.Join(names, ", ")
	}
	return i18n.Sprintf(s.cfg.Lang, "%s and %d more", strings.Join(names[:2], ", "), len(names)-2)
}

func clock() string { return time.Now().Format("15:04:05") }
