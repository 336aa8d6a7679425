package serve

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/lwa-rotterdam/ezine/themes"
)

// The browser test drives Debian's Chromium (apt-get install chromium)
// with chromedp against a running dev server. Without Chromium it skips,
// unless EZINE_REQUIRE_BROWSER=1 (CI sets it), when it fails.

func browserPath(t testing.TB) string {
	t.Helper()
	skip := func(msg string) {
		if os.Getenv("EZINE_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s (EZINE_REQUIRE_BROWSER=1: the browser test must run)", msg)
		}
		t.Skipf("skipping the browser test: %s", msg)
	}
	if p := os.Getenv("EZINE_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			skip(fmt.Sprintf("EZINE_CHROMIUM=%s: %v", p, err))
		}
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skip("no Chromium found; install it with `apt-get install chromium` (or set EZINE_CHROMIUM)")
	return ""
}

// browserContext starts a headless Chromium for the test, at a laptop's
// window size; it stops when the test ends.
func browserContext(tb testing.TB, chromium string) context.Context {
	tb.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(1024, 700),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	tb.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// strictCSP is the kind of policy the published site has: the reload
// script, its stylesheet and its event stream must live with it.
const strictCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'"

// An article open in the browser follows its Markdown file: an appended
// sentence appears without a manual reload (at the same scroll position),
// broken front matter puts the error overlay naming the file over the page,
// fixing it takes the overlay away, and a changed stylesheet is swapped
// without a reload.
func TestBrowserFollowsTheFile(t *testing.T) {
	chromium := browserPath(t)
	var long strings.Builder
	for i := range 60 {
		fmt.Fprintf(&long, "Alinea %d over de haven, met genoeg tekst om de pagina lang te maken.\n\n", i)
	}
	article := "---\ntitle: De haven\nweight: 1\ntags: [haven]\n---\n" + long.String()
	builtinCSS, err := fs.ReadFile(themes.Ezine(), "assets/css/main.css")
	if err != nil {
		t.Fatal(err)
	}
	files := withFile(smallSite, "content/verhalen/haven.md", article)
	// The site's own copy of the theme's stylesheet, changed below.
	files = withFile(files, "themes/ezine/assets/css/main.css", string(builtinCSS))
	r := startServer(t, files, Config{})

	// The pages go through a proxy that adds a strict Content-Security-Policy.
	// It names the dev server as Host, which refuses other hosts.
	target, _ := url.Parse(r.url)
	proxy := &httputil.ReverseProxy{
		Rewrite:       func(pr *httputil.ProxyRequest) { pr.SetURL(target) },
		FlushInterval: -1, // pass the event stream on at once
	}
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Security-Policy", strictCSP)
		proxy.ServeHTTP(w, req)
	}))
	defer front.Close()

	ctx := browserContext(t, chromium)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()

	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, fmt.Sprintf("exception: %s %v", ev.ExceptionDetails.Text, ev.ExceptionDetails.Exception))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				problems = append(problems, fmt.Sprintf("console.error %v", ev.Args))
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				problems = append(problems, "log: "+ev.Entry.Text)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}

	page := front.URL + "/verhalen/haven/"
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", what, err, r.out, r.err)
		}
	}
	eval := func(what, expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	// poll evaluates expr until it is true; the page may reload meanwhile
	// (that is what is tested), which fails an evaluation, so it tries on.
	poll := func(what, expr string) {
		t.Helper()
		deadline := time.Now().Add(waitFor)
		var lastErr error
		for time.Now().Before(deadline) {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
			if err == nil && ok {
				return
			}
			lastErr = err
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("%s: not so after %v (last error: %v)\nstdout:\n%s\nstderr:\n%s", what, waitFor, lastErr, r.out, r.err)
	}
	do("open the article", chromedp.Navigate(page), chromedp.WaitVisible("h1"))
	// Wait until the reload script listens, then scroll down.
	poll("the event stream", `window.ezineLive === true`)
	if y, _ := eval("scroll", `window.scrollTo({top: 400, behavior: "instant"}); window.scrollY`).(float64); y < 300 {
		t.Fatalf("the page does not scroll (scrollY %v)", y)
	}

	// An appended sentence shows up by itself, where the reader was, without
	// a reload: only what changed in <main> is swapped, so what a script did
	// to the rest of it (here: a mark on the first paragraph) stays.
	markPage := func() {
		t.Helper()
		// Once no reload of an earlier step is still on its way.
		for {
			eval("mark the page", `window.ezineMarker = 1; document.querySelector("main p").dataset.touched = "1"`)
			time.Sleep(300 * time.Millisecond)
			if marked, _ := eval("check the marker", `window.ezineMarker === 1`).(bool); marked {
				return
			}
		}
	}
	markPage()
	r.write("content/verhalen/haven.md", article+"Een zin die er net bij kwam.\n")
	poll("the new sentence", `document.body.innerText.includes("Een zin die er net bij kwam.")`)
	poll("the scroll position", `Math.abs(window.scrollY - 400) < 5`)
	if kept, _ := eval("check the marks", `window.ezineMarker === 1 && document.querySelector("main p").dataset.touched === "1"`).(bool); !kept {
		t.Error("the page reloaded (or its unchanged part was replaced) for a sentence in its body")
	}

	// A new title changes the page's head as well: that reloads.
	retitled := strings.Replace(article+"Een zin die er net bij kwam.\n", "title: De haven", "title: De haven van Rotterdam", 1)
	r.write("content/verhalen/haven.md", retitled)
	poll("the new title", `document.title.includes("De haven van Rotterdam") && window.ezineMarker === undefined`)
	poll("the scroll position after the reload", `Math.abs(window.scrollY - 400) < 5`)

	// Broken front matter: the overlay names the file; the page stays.
	r.write("content/verhalen/haven.md", "---\ntitle: [De haven\n---\nKapot.\n")
	poll("the overlay", `(() => {
		const o = document.querySelector('#ezine-problems[role="alert"]');
		// In the page's language (the e-zine's theme: lang="nl").
		return !!o && o.innerText.includes("content/verhalen/haven.md:2") && o.lang === "nl" && o.innerText.includes("De site is niet bijgewerkt: 1 fout");
	})()`)
	if text, _ := eval("read the page", `document.body.innerText`).(string); !strings.Contains(text, "Een zin die er net bij kwam.") {
		t.Error("the last good page is not shown under the overlay")
	}

	// Fixed: the overlay goes and the page shows the fix.
	r.write("content/verhalen/haven.md", article+"Weer in orde.\n")
	poll("the fix", `!document.querySelector("#ezine-problems") && document.body.innerText.includes("Weer in orde.")`)

	// The theme's stylesheet changes (the site overrides it): it is swapped
	// for its new fingerprinted copy without a reload.
	before, _ := eval("the stylesheet", `[...document.querySelectorAll('link[rel~="stylesheet"]')].map(l => l.href).find(h => h.includes("/css/main.")) || ""`).(string)
	if before == "" {
		t.Fatal("the page links no css/main.*.css")
	}
	markPage()
	r.write("themes/ezine/assets/css/main.css", string(builtinCSS)+"\nbody { outline: 1px solid red }\n")
	poll("the swapped stylesheet", fmt.Sprintf(`[...document.querySelectorAll('link[rel~="stylesheet"]')].some(l => l.href.includes("/css/main.") && l.href !== %q)`, before))
	if marked, _ := eval("check the marker", `window.ezineMarker === 1`).(bool); !marked {
		t.Error("the page reloaded for a stylesheet")
	}

	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the browser reported problems:\n%s", strings.Join(problems, "\n"))
	}
}
