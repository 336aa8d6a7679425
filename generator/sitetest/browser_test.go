package sitetest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's Chromium (apt-get install chromium)
// with chromedp and check every built page as readers get it. Without
// Chromium or axe-core they skip, unless EZINE_REQUIRE_BROWSER=1 (CI sets
// it in .ci/run), when they fail.

// viewport is a window size a page is checked in. With Dark, the page is
// checked again in dark mode (prefers-color-scheme: dark) at that size;
// Narrower lists more widths at which only sideways scrolling is checked.
type viewport struct {
	Name          string
	Width, Height int64
	Dark          bool
	Narrower      []int64
}

// viewports are a phone and a laptop (issue 4); on the phone the colour
// contrast is checked in dark mode too, and the page must not scroll
// sideways at 320 px (the narrowest phones) nor at 640 px (a 1280 px
// window zoomed to 200%).
var viewports = []viewport{
	{"390", 390, 844, true, []int64{320, 640}},
	{"1280", 1280, 800, false, nil},
}

// axeTags are the axe-core rule sets of WCAG 2.1 level A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// pageTimeout bounds the checks of one page in one viewport.
const pageTimeout = 60 * time.Second

// needBrowser skips the test with msg, or fails it in CI.
func needBrowser(t *testing.T, msg string, args ...any) {
	t.Helper()
	msg = fmt.Sprintf(msg, args...)
	if os.Getenv("EZINE_REQUIRE_BROWSER") == "1" {
		t.Fatalf("%s (EZINE_REQUIRE_BROWSER=1: browser tests must run)", msg)
	}
	t.Skipf("skipping browser test: %s", msg)
}

// chromiumPath finds Debian's Chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("EZINE_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			needBrowser(t, "EZINE_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	needBrowser(t, "no Chromium found; install it with `apt-get install chromium` (or set EZINE_CHROMIUM)")
	return ""
}

// axeSource returns the source of axe-core, which `.ci/run` installs with
// `npm install --no-save axe-core@4`.
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("AXE_CORE_JS")
	if p == "" {
		p = filepath.Join(root, "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		needBrowser(t, "no axe-core at %s; install it with `npm install --no-save axe-core@4` (or set AXE_CORE_JS)", p)
	}
	return string(b)
}

// startBrowser starts one headless Chromium for the whole test, with a
// fresh profile and nothing that phones home, and returns a context
// whose children are tabs of it.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-sync", true),
		// Resolve no host but loopback: a request that would leave the
		// machine (a video player after a click, a bug) fails at once.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// serveSite serves a built site over real HTTP on loopback, with the
// Content-Security-Policy that netlify.toml gives the published site, so
// that an inline script or style shows up as a console error.
func serveSite(t *testing.T, site *builtSite) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(site.Dir))
	csp := publishedCSP(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// cspLine finds the policy in netlify.toml.
var cspLine = regexp.MustCompile(`(?m)^\s*Content-Security-Policy\s*=\s*"([^"]+)"`)

// publishedCSP returns the Content-Security-Policy of netlify.toml, less
// upgrade-insecure-requests (the test server is plain HTTP on loopback),
// or "" when there is none.
func publishedCSP(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("netlify.toml")
	if err != nil {
		return ""
	}
	m := cspLine.FindSubmatch(b)
	if m == nil {
		return ""
	}
	var keep []string
	for _, d := range strings.Split(string(m[1]), ";") {
		if d = strings.TrimSpace(d); d != "" && d != "upgrade-insecure-requests" {
			keep = append(keep, d)
		}
	}
	return strings.Join(keep, "; ")
}

// pageLog gathers what goes wrong while a tab loads a page: console
// errors, uncaught exceptions, failed requests and requests that leave
// the site.
type pageLog struct {
	origin string
	mu     sync.Mutex
	urls   map[network.RequestID]string
	probs  []string
}

func (l *pageLog) add(format string, args ...any) {
	l.probs = append(l.probs, fmt.Sprintf(format, args...))
}

// listen is called in the tab's event loop: it must return fast.
func (l *pageLog) listen(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				if a.Description != "" {
					parts = append(parts, a.Description)
				} else {
					parts = append(parts, string(a.Value))
				}
			}
			l.add("console.%s: %s", ev.Type, strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		l.add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError {
			l.add("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		l.urls[ev.RequestID] = u
		if p, err := url.Parse(u); err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Scheme+"://"+p.Host != l.origin {
			l.add("request to another host: %s", u)
		}
	case *network.EventLoadingFailed:
		u, ours := l.urls[ev.RequestID]
		if !ours {
			// A request of the previous page, cancelled by navigating
			// away (net::ERR_ABORTED) after the log was reset.
			return
		}
		l.add("request failed: %s: %s", u, ev.ErrorText)
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			l.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	}
}

func (l *pageLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.probs = nil
	clear(l.urls)
}

func (l *pageLog) problems() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.probs...)
}

// axeViolation is one failed axe-core rule, with a few of its nodes.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeRun runs the WCAG 2.1 A and AA rules and returns the violations.
var axeRun = `axe.run(document, {runOnly: {type: "tag", values: ` + mustJSON(axeTags) + `}, resultTypes: ["violations"]})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))})))`

// axeContrastRun runs only the colour contrast rule, for dark mode.
var axeContrastRun = strings.Replace(axeRun, `{type: "tag", values: `+mustJSON(axeTags)+`}`, `{type: "rule", values: ["color-contrast"]}`, 1)

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// setColorScheme emulates prefers-color-scheme for the tab.
func setColorScheme(dark bool) chromedp.Action[chromedp.Void] {
	scheme := "light"
	if dark {
		scheme = "dark"
	}
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// tab is a browser tab that loads one page after another, with a log of
// what goes wrong on the current page.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc
	log    *pageLog
}

// newTab opens a tab. Its first action runs without a deadline: that
// action binds the tab's life to its context, and each page's checks
// run under a context of their own with a deadline.
func newTab(browser context.Context, origin string) (*tab, error) {
	log := &pageLog{origin: origin, urls: map[network.RequestID]string{}}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithListener(log.listen))
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("open a tab: %w", err)
	}
	return &tab{ctx: ctx, cancel: cancel, log: log}, nil
}

// open loads u at the viewport in light mode, after clearing the log,
// and returns a context for the checks, bounded by pageTimeout.
func (tb *tab) open(u string, vp viewport) (context.Context, context.CancelFunc, error) {
	tb.log.reset()
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(vp.Width, vp.Height),
		setColorScheme(false),
		chromedp.Navigate(u),
	)
	if err != nil {
		cancel()
		return nil, nil, fmt.Errorf("load %s: %w", u, err)
	}
	return ctx, cancel, nil
}

// browserWorkers is how many tabs check pages at once: the work is
// mostly waiting on the browser, so more tabs than cores keep it busy.
const browserWorkers = 6

// TestBrowserPages loads every built page in Chromium at a phone and a
// laptop width (and the phone in dark mode) and checks: no console
// errors or uncaught exceptions, no failed request, no request to another
// host, no horizontal scrolling (also at 320 and 640 px), and no axe-core
// violation of WCAG 2.1 A/AA. The pages are checked on a pool of tabs of one browser; each
// page and viewport then reports as its own subtest.
func TestBrowserPages(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	chromiumPath(t)
	axe := axeSource(t)
	site := buildRepoSite(t)
	srv := serveSite(t, site)
	browser := startBrowser(t)

	type job struct {
		rel string
		vp  viewport
	}
	var jobs []job
	for _, rel := range site.Pages {
		for _, vp := range viewports {
			jobs = append(jobs, job{rel, vp})
		}
	}
	results := onTabs(browser, srv.URL, len(jobs), func(tb *tab, i int) []string {
		return checkPage(tb, srv.URL+URLPath(jobs[i].rel), jobs[i].vp, axe)
	})
	for i, j := range jobs {
		t.Run(j.rel+"@"+j.vp.Name, func(t *testing.T) {
			for _, p := range results[i] {
				t.Error(p)
			}
		})
	}
	t.Logf("checked %d pages at %d viewports", len(site.Pages), len(viewports))
}

// checkPage loads a page in the tab and returns what is wrong with it.
func checkPage(tb *tab, u string, vp viewport, axe string) []string {
	ctx, done, err := tb.open(u, vp)
	if err != nil {
		return []string{err.Error()}
	}
	defer done()
	var probs []string
	if p := checkOverflow(ctx); p != "" {
		probs = append(probs, p)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		return append(probs, fmt.Sprintf("inject axe-core: %v", err))
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return append(probs, fmt.Sprintf("run axe-core: %v", err))
	}
	for _, v := range violations {
		probs = append(probs, fmt.Sprintf("axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t")))
	}
	if vp.Dark {
		// The same page in dark mode: only the colours change, so only the
		// contrast rule runs again.
		if err := chromedp.Do(ctx, setColorScheme(true)); err != nil {
			return append(probs, fmt.Sprintf("dark mode: %v", err))
		}
		violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeContrastRun, chromedp.EvalAwaitPromise))
		if err != nil {
			return append(probs, fmt.Sprintf("run axe-core in dark mode: %v", err))
		}
		for _, v := range violations {
			probs = append(probs, fmt.Sprintf("dark mode: axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t")))
		}
	}
	for _, width := range vp.Narrower {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, vp.Height)); err != nil {
			return append(probs, fmt.Sprintf("resize to %d px: %v", width, err))
		}
		if p := checkOverflow(ctx); p != "" {
			probs = append(probs, fmt.Sprintf("at %d px: %s", width, p))
		}
	}
	return append(probs, tb.log.problems()...)
}

// checkOverflow says what sticks out when the page scrolls sideways, or
// returns "".
func checkOverflow(ctx context.Context) string {
	type widths struct{ Scroll, Client int }
	w, err := chromedp.Run(ctx, chromedp.Evaluate[widths](
		`({Scroll: document.documentElement.scrollWidth, Client: document.documentElement.clientWidth})`))
	if err != nil {
		return fmt.Sprintf("measure width: %v", err)
	}
	if w.Scroll <= w.Client {
		return ""
	}
	wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](widestElements))
	return fmt.Sprintf("page scrolls sideways: %d px of content in %d px; too wide: %s", w.Scroll, w.Client, strings.Join(wide, "; "))
}

// widestElements names the elements that stick out to the right, to say
// what makes a page scroll sideways.
const widestElements = `(() => {
  const w = document.documentElement.clientWidth, out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 1 && out.length < 5) {
      out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " (right edge " + Math.round(r.right) + ")");
    }
  }
  return out;
})()`
