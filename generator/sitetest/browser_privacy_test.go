package sitetest

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/lwa-rotterdam/ezine/generator/serve"
)

// The privacy claims of the e-zine (README, colofon): no page loads
// anything from another host, nothing sets a cookie, and a video's player
// is loaded from its platform only after the reader clicks "Video laden".
// The browser tests check them as a reader's browser sees them.

// netLog records what a tab's pages ask for and what sets cookies.
type netLog struct {
	mu       sync.Mutex
	requests []string // every URL requested, in order
	cookies  []string // "URL: header" for every response that sets a cookie
}

// listen is called in the tab's event loop: it must return fast.
func (l *netLog) listen(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		l.requests = append(l.requests, ev.Request.URL)
	case *network.EventResponseReceived:
		l.cookies = append(l.cookies, setCookies(ev.Response.URL, ev.Response.Headers)...)
	case *network.EventResponseReceivedExtraInfo:
		// The raw headers: Chromium leaves Set-Cookie out of the others.
		l.cookies = append(l.cookies, setCookies("response "+string(ev.RequestID), ev.Headers)...)
	}
}

// take returns what was recorded since the last take, and forgets it.
func (l *netLog) take() (requests, cookies []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	requests, cookies = l.requests, l.cookies
	l.requests, l.cookies = nil, nil
	return requests, cookies
}

func setCookies(where string, h network.Headers) []string {
	var out []string
	for k, v := range h {
		if strings.EqualFold(k, "Set-Cookie") {
			out = append(out, fmt.Sprintf("%s: Set-Cookie: %v", where, v))
		}
	}
	return out
}

// offSite returns the requests that leave origin (http and https only;
// data: URLs stay in the page).
func offSite(requests []string, origin string) []string {
	var out []string
	for _, r := range requests {
		if u, err := url.Parse(r); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Scheme+"://"+u.Host != origin {
			out = append(out, r)
		}
	}
	return out
}

// privacyTab opens a tab with a netLog; done closes it.
func privacyTab(t *testing.T, browser context.Context) (context.Context, *netLog, context.CancelFunc) {
	t.Helper()
	log := &netLog{}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithListener(log.listen))
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatalf("open a tab: %v", err)
	}
	return ctx, log, cancel
}

// TestPrivacyNoThirdPartyNoCookies loads every page of the built e-zine in
// Chromium, from a static server as published and from the dev server
// (serve), and checks that no request goes to another host, that no
// response sets a cookie, that document.cookie is empty after each page,
// and that the browser holds no cookie for the site at the end.
func TestPrivacyNoThirdPartyNoCookies(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	chromiumPath(t)
	site := buildRepoSite(t)
	browser := startBrowser(t)
	type server struct {
		origin string
		pages  []string
		fresh  bool // a tab per page
	}
	// The dev server on one page of each folder: its responses all come
	// from one handler. A tab per page there: closing it closes the
	// page's event stream (Chromium allows six connections to a host).
	servers := map[string]server{
		"published": {serveSite(t, site).URL, site.Pages, false},
		"serve":     {startDevServer(t), onePerFolder(site.Pages), true},
	}
	for name, srv := range servers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, log, done := privacyTab(t, browser)
			defer done()
			for _, rel := range srv.pages {
				if srv.fresh {
					pctx, plog, pdone := privacyTab(t, browser)
					checkPrivacy(t, pctx, plog, srv.origin, rel)
					pdone()
					continue
				}
				checkPrivacy(t, ctx, log, srv.origin, rel)
			}
			origin := srv.origin
			jar, err := chromedp.Run(ctx, chromedp.Action[network.GetCookiesResult](func(ctx context.Context, tg *chromedp.Target) (network.GetCookiesResult, error) {
				return cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{URLs: []string{origin + "/"}})
			}))
			if err != nil {
				t.Fatalf("read the cookie jar: %v", err)
			}
			for _, c := range jar.Cookies {
				t.Errorf("the browser holds a cookie for the site: %s=%s", c.Name, c.Value)
			}
		})
	}
}

// checkPrivacy loads one page and reports what it sent elsewhere and
// what set cookies.
func checkPrivacy(t *testing.T, tabCtx context.Context, log *netLog, origin, rel string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tabCtx, pageTimeout)
	defer cancel()
	log.take()
	// Wait for the page's scripts to have run (search.js fetches its
	// index on load).
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+URLPath(rel))); err != nil {
		t.Errorf("%s: %v", rel, err)
		return
	}
	cookie, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(r => setTimeout(() => r(document.cookie), 100))`, chromedp.EvalAwaitPromise))
	if err != nil && strings.Contains(err.Error(), "navigated or closed") {
		// The page reloaded itself (the dev server tells a page whose
		// address it does not know to reload); read the new one.
		t.Logf("%s: the page reloaded while it was checked", rel)
		cookie, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie`))
	}
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return
	}
	if cookie != "" {
		t.Errorf("%s: document.cookie is %q after loading the page", rel, cookie)
	}
	requests, cookies := log.take()
	for _, r := range offSite(requests, origin) {
		t.Errorf("%s: request to another host: %s", rel, r)
	}
	for _, c := range cookies {
		t.Errorf("%s: %s", rel, c)
	}
}

// onePerFolder picks the first page of each top-level folder, and every
// page at the top.
func onePerFolder(pages []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range pages {
		dir, _, nested := strings.Cut(p, "/")
		if nested && seen[dir] {
			continue
		}
		seen[dir] = true
		out = append(out, p)
	}
	return out
}

// startDevServer runs `serve` on the site the tests build (EZINE_SITE or
// the repo) on a free loopback port until the test ends, and returns its
// origin.
func startDevServer(t *testing.T) string {
	t.Helper()
	source := repoSite()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Config{Source: source, Port: 0, PortFixed: true, Ready: func(u string) { ready <- u }})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("the dev server did not stop")
		}
	})
	select {
	case u := <-ready:
		return strings.TrimSuffix(u, "/")
	case err := <-done:
		t.Fatalf("dev server: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("the dev server did not start")
	}
	return ""
}

// TestVideoLoadsOnlyOnClick builds a site with a ::: video block and
// checks in Chromium that the page requests nothing from YouTube before
// the reader clicks "Video laden", and only the privacy-friendly player
// (www.youtube-nocookie.com) after it. The browser resolves no host but
// loopback (see startBrowser), so the player's request fails without
// leaving the machine; that it was made is what counts.
func TestVideoLoadsOnlyOnClick(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	chromiumPath(t)
	src := writeTree(t, map[string]string{
		"content/_index.md": "---\ntitle: Thuis\n---\nWelkom.\n",
		"content/film.md": "---\ntitle: Film\n---\nEen film over de haven.\n\n" +
			"::: video src=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\" titel=\"De haven\"\nEen korte film.\n:::\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "-source", src, "-destination", dest); code != exitOK {
		t.Fatalf("build: %s", stderr)
	}
	origin := serveSite(t, &builtSite{Dir: dest}).URL
	browser := startBrowser(t)
	tabCtx, log, closeTab := privacyTab(t, browser)
	defer closeTab()
	ctx, cancel := context.WithTimeout(tabCtx, pageTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/film/")); err != nil {
		t.Fatal(err)
	}
	visible, err := chromedp.Run(ctx,
		chromedp.Evaluate[bool](`new Promise(r => setTimeout(() => { const b = document.querySelector("button.video-laden"); r(!!b && !b.hidden); }, 100))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !visible {
		t.Fatal(`no visible "Video laden" button: video.js did not run`)
	}
	before, _ := log.take()
	if off := offSite(before, origin); len(off) > 0 {
		t.Errorf("before the click the page requested from other hosts: %v", off)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("button.video-laden").click()`)); err != nil {
		t.Fatal(err)
	}
	player := regexp.MustCompile(`^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ\?`)
	var after []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		reqs, _ := log.take()
		after = append(after, offSite(reqs, origin)...)
		if len(after) > 0 {
			break
		}
	}
	if len(after) == 0 {
		t.Fatal("clicking Video laden requested nothing from the video's platform")
	}
	for _, r := range after {
		if !player.MatchString(r) {
			t.Errorf("after the click: request to %s; want only the player at www.youtube-nocookie.com", r)
		}
	}
}

// TestHostingSetsNoCookies checks the hosting configuration: netlify.toml
// and any _headers file (in static/, the theme's static/ or the built
// site) set no cookie.
func TestHostingSetsNoCookies(t *testing.T) {
	setCookie := regexp.MustCompile(`(?i)set-cookie`)
	if b, err := os.ReadFile(filepath.Join(root, "netlify.toml")); err == nil && setCookie.Match(b) {
		t.Error("netlify.toml sets a Set-Cookie header")
	}
	site := buildRepoSite(t)
	for _, dir := range []string{filepath.Join(root, "static"), filepath.Join(root, "themes", "ezine", "static"), site.Dir} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return nil
				}
				return err
			}
			if d.Name() != "_headers" {
				return nil
			}
			b, err := os.ReadFile(p)
			if err == nil && setCookie.Match(b) {
				t.Errorf("%s sets a Set-Cookie header", p)
			}
			return err
		})
		if err != nil {
			t.Error(err)
		}
	}
}
