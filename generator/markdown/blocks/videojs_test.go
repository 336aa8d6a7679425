package blocks

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// videoJS is the theme's script that loads a video on a click.
const videoJS = "../../../themes/ezine/assets/js/video.js"

func readVideoJS(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(videoJS)
	if err != nil {
		t.Fatalf("the video blocks need their script: %v", err)
	}
	return string(b)
}

// TestVideoJSAllowsWhatWeWrite keeps the script's list of allowed players
// in step with the addresses this package writes, and checks that it
// refuses others.
func TestVideoJSAllowsWhatWeWrite(t *testing.T) {
	m := regexp.MustCompile(`var allowed = /(.*)/;`).FindStringSubmatch(readVideoJS(t))
	if m == nil {
		t.Fatal("no `var allowed = /…/;` in video.js")
	}
	allowed, err := regexp.Compile(m[1]) // this pattern reads the same in JS and RE2
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		"https://youtu.be/dQw4w9WgXcQ?t=1m30s",
		"https://www.youtube.com/shorts/a-b_c-d_e-f",
		"https://vimeo.com/76979871",
		"https://vimeo.com/76979871/abc123def0",
	} {
		v, err := parseVideoURL(src)
		if err != nil {
			t.Fatal(err)
		}
		if !allowed.MatchString(v.embed()) {
			t.Errorf("video.js would refuse %s (from %s)", v.embed(), src)
		}
	}
	for _, bad := range []string{
		"https://evil.example/embed/dQw4w9WgXcQ",
		"https://www.youtube-nocookie.com.evil.example/embed/dQw4w9WgXcQ",
		"javascript:alert(1)//https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
		`https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?a="><x`,
		"http://player.vimeo.com/video/1",
	} {
		if allowed.MatchString(bad) {
			t.Errorf("video.js would load %s", bad)
		}
	}
}

// TestVideoInBrowser loads a page with two videos in Chromium (skipped
// where there is none, unless EZINE_REQUIRE_BROWSER=1): before a click the
// page makes no request beyond its own server and the buttons show; a
// click puts a named player in place of the first placeholder and moves
// focus to it; a data-embed pointing elsewhere is refused; and without
// JavaScript the buttons stay hidden while the links remain.
func TestVideoInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test; skipped with -short")
	}
	chromium := os.Getenv("EZINE_CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser"} {
		if chromium != "" {
			break
		}
		chromium, _ = exec.LookPath(name)
	}
	if chromium == "" {
		if os.Getenv("EZINE_REQUIRE_BROWSER") == "1" {
			t.Fatal("no Chromium found (EZINE_REQUIRE_BROWSER=1: browser tests must run)")
		}
		t.Skip("skipping browser test: no Chromium found; install it with `apt-get install chromium` (or set EZINE_CHROMIUM)")
	}
	res, problems := convert("## Video\n\n" +
		"::: video src=\"https://youtu.be/dQw4w9WgXcQ\" titel=\"Leren in de haven\"\nOnderschrift.\n:::\n\n" +
		"::: video src=\"https://vimeo.com/76979871\" titel=\"Zorg\"\n:::\n")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	page := `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Video</title>` +
		`<script src="/video.js" defer></script></head><body><main>` + string(res.HTML) + `</main></body></html>`
	script := readVideoJS(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/video.js" {
			w.Header().Set("Content-Type", "text/javascript")
			_, _ = w.Write([]byte(script))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// As the site will serve it: no inline script or style allowed.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-src https://www.youtube-nocookie.com https://player.vimeo.com")
		_, _ = w.Write([]byte(page))
	}))
	defer srv.Close()
	own, _ := url.Parse(srv.URL)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		// Nothing leaves the machine, but requests still show as events.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()

	var mu sync.Mutex
	var requests []string
	listen := func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	}
	foreign := func() []string {
		mu.Lock()
		defer mu.Unlock()
		var out []string
		for _, r := range requests {
			if u, err := url.Parse(r); err != nil || u.Host != own.Host {
				out = append(out, r)
			}
		}
		return out
	}
	eval := func(ctx context.Context, js string, out any) {
		t.Helper()
		var err error
		switch out := out.(type) {
		case *string:
			*out, err = chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		case *int:
			*out, err = chromedp.Run(ctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise))
		}
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
	}

	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(listen))
	defer cancelTab()
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	var visible string
	eval(ctx, `new Promise(done => { const t0 = Date.now(); (function poll() {
		const b = document.querySelectorAll("button.video-laden");
		if (b.length == 2 && !b[0].hidden && !b[1].hidden || Date.now() - t0 > 10000) return done(String(b.length && !b[0].hidden));
		setTimeout(poll, 20) })() })`, &visible)
	if visible != "true" {
		t.Fatal("the script did not show the buttons")
	}
	if f := foreign(); len(f) > 0 {
		t.Errorf("requests to other hosts before any click: %v", f)
	}
	var src, title, focused string
	var frames int
	eval(ctx, `document.querySelector("button.video-laden").click(), "ok"`, new(string))
	eval(ctx, `document.querySelector("iframe.video-frame").getAttribute("src")`, &src)
	eval(ctx, `document.querySelector("iframe.video-frame").title`, &title)
	eval(ctx, `document.activeElement.tagName`, &focused)
	// The second placeholder, its embed swapped for another host.
	eval(ctx, `(() => { const b = document.querySelector("button.video-laden");
		b.setAttribute("data-embed", "https://evil.example/video/1"); b.click();
		return document.querySelectorAll("iframe").length })()`, &frames)
	if want := "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"; src != want {
		t.Errorf("player src %q, want %q", src, want)
	}
	if title != "Leren in de haven" || focused != "IFRAME" {
		t.Errorf("player title %q and focus on %s; want the video's title and the player", title, focused)
	}
	if frames != 1 {
		t.Errorf("%d players after a click on a tampered button; want the first one only", frames)
	}
	for _, r := range foreign() {
		if !strings.HasPrefix(r, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ") {
			t.Errorf("request to another host than the chosen player: %s", r)
		}
	}

	// Without JavaScript: the buttons stay hidden, the links work.
	noJS, cancelNoJS := chromedp.NewContext(tab) // a new tab of the same browser
	defer cancelNoJS()
	noJS, cancel2 := context.WithTimeout(noJS, 60*time.Second)
	defer cancel2()
	if _, err := chromedp.Call(noJS, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(noJS, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	var state string
	eval(noJS, `[document.querySelectorAll("a.video-link").length,
		[...document.querySelectorAll("button.video-laden")].map(b => b.hidden).join(" "),
		document.querySelectorAll("iframe").length].join(", ")`, &state)
	if want := "2, true true, 0"; state != want {
		t.Errorf("without JavaScript: links, buttons hidden, players = %s; want %s", state, want)
	}
}
