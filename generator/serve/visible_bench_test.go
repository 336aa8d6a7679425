package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkSaveToVisible measures what an editor sees: from the save of a
// page of the repo's own e-zine (a copy of content/, static/ and themes/)
// until the new text is on the screen in Chromium, at the place the editor
// was reading. "body": a sentence added to a paragraph in the middle of an
// article, which the dev server swaps into the page's <main>; "title": the
// front matter's title changed, which changes the head too and so reloads
// the page. Saves are 300 ms apart. The p50 and p90 are reported, and for
// "body" how many saves reloaded the page (0 when every one was swapped).
//
//	go test -run '^$' -bench SaveToVisible -benchtime 20x ./generator/serve
func BenchmarkSaveToVisible(b *testing.B) {
	chromium := browserPath(b)
	dir := b.TempDir()
	for _, sub := range []string{"content", "static", "themes"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			b.Fatal(err)
		}
	}
	const article = "content/verhalen/haven.md"
	abs := filepath.Join(dir, article)
	orig, err := os.ReadFile(abs)
	if err != nil {
		b.Fatal(err)
	}
	url := benchServer(b, Config{Source: dir, Stdout: &syncBuffer{}, Stderr: &syncBuffer{}})
	ctx := browserContext(b, chromium)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"verhalen/haven/"), chromedp.WaitVisible("h1")); err != nil {
		b.Fatal(err)
	}
	waitLive(b, ctx)

	b.Run("body", func(b *testing.B) {
		line := middleParagraph(b, string(orig))
		var times []time.Duration
		reloads := 0
		for i := range b.N {
			sentence := fmt.Sprintf("Zin %d voor de meting.", i)
			watch := fmt.Sprintf(`window.ezineSeen = new Promise((done) => {
				const seen = () => document.querySelector("main").textContent.includes(%q);
				if (seen()) return done(performance.timeOrigin + performance.now());
				new MutationObserver((_, o) => { if (seen()) { o.disconnect(); done(performance.timeOrigin + performance.now()); } })
					.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
			}); window.ezineMarker = %d; true`, sentence, i+1)
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](watch)); err != nil {
				b.Fatal(err)
			}
			edited := strings.Replace(string(orig), line, line+" "+sentence, 1)
			start := time.Now()
			if err := os.WriteFile(abs, []byte(edited), 0o644); err != nil {
				b.Fatal(err)
			}
			seenAt, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.ezineSeen`, chromedp.EvalAwaitPromise))
			if err != nil {
				// The page reloaded: its promise went with it.
				reloads++
				pollUntil(b, ctx, fmt.Sprintf(`document.querySelector("main")?.textContent.includes(%q)`, sentence))
				times = append(times, time.Since(start))
			} else {
				times = append(times, time.UnixMicro(int64(seenAt*1000)).Sub(start))
				if marked, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`window.ezineMarker === %d`, i+1))); !marked {
					reloads++
				}
			}
			time.Sleep(300 * time.Millisecond)
		}
		report(b, times)
		b.ReportMetric(float64(reloads), "reloads")
	})

	b.Run("title", func(b *testing.B) {
		var times []time.Duration
		for i := range b.N {
			title := fmt.Sprintf("De haven %d", i)
			edited := strings.Replace(string(orig), "\ntitle: \"", "\ntitle: \""+title+" — ", 1)
			start := time.Now()
			if err := os.WriteFile(abs, []byte(edited), 0o644); err != nil {
				b.Fatal(err)
			}
			pollUntil(b, ctx, fmt.Sprintf(`document.title.includes(%q)`, title))
			times = append(times, time.Since(start))
			time.Sleep(300 * time.Millisecond)
		}
		report(b, times)
	})
}

// middleParagraph returns a line of prose from the middle of a page's
// Markdown body: no heading, list, quote, table, block or blank line.
func middleParagraph(tb testing.TB, page string) string {
	tb.Helper()
	lines := strings.Split(page, "\n")
	for i := len(lines) / 2; i < len(lines); i++ {
		l := lines[i]
		if len(l) > 40 && strings.IndexAny(l[:1], "#-*>|:![0123456789 ") < 0 && strings.Count(page, l) == 1 {
			return l
		}
	}
	tb.Fatal("no paragraph in the second half of the page")
	return ""
}

// pollUntil evaluates expr every 2 ms until it is true; a page that is
// reloading fails an evaluation, so it tries on.
func pollUntil(tb testing.TB, ctx context.Context, expr string) {
	tb.Helper()
	for deadline := time.Now().Add(waitFor); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
	}
	tb.Fatalf("not so after %v: %s", waitFor, expr)
}

// waitLive waits until the page's reload script listens.
func waitLive(tb testing.TB, ctx context.Context) {
	tb.Helper()
	pollUntil(tb, ctx, `window.ezineLive === true`)
}

// benchServer runs the dev server with cfg on any free port until the
// benchmark ends, and returns its URL.
func benchServer(b *testing.B, cfg Config) string {
	b.Helper()
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	cfg.PortFixed = true
	cfg.Ready = func(u string) { ready <- u }
	go func() { done <- Run(ctx, cfg) }()
	b.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case url := <-ready:
		return url
	case err := <-done:
		b.Fatal(err)
		return ""
	}
}

// report gives the p50 and p90 of times in milliseconds.
func report(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	ms := func(q float64) float64 {
		return float64(times[int(q*float64(len(times)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.5), "ms-p50")
	b.ReportMetric(ms(0.9), "ms-p90")
}
