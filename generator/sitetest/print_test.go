package sitetest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/lwa-rotterdam/ezine/generator/pipeline"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// The print edition (issue 7): content/editie.md with layout editie holds
// the cover text and every article of the edition, in reading order, on
// one page, with a print stylesheet.

// editiePage is the print edition's file in the built site.
const editiePage = "editie/index.html"

// buildRepoModel builds the repo's site as `go run . build` does and
// returns the model with the output folder, for tests that compare the
// output with what the site holds.
func buildRepoModel(t *testing.T) (*site.Site, *builtSite) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res, diags := pipeline.Build(context.Background(), pipeline.Config{Source: root, Destination: dest})
	if diags.HasErrors() {
		t.Fatalf("build: %v", diags.Errors())
	}
	return res.Site, &builtSite{Dir: dest, Pages: []string{editiePage}}
}

// TestPrintEditionHoldsEveryArticle: the cover text first, then every
// page of the edition exactly once, in the edition's order, each under an
// h2 with its title and with its text; one h1; the cover links to it.
func TestPrintEditionHoldsEveryArticle(t *testing.T) {
	s, out := buildRepoModel(t)
	if len(s.Edition) < 2 {
		t.Fatalf("the edition has %d pages", len(s.Edition))
	}
	doc := parsePage(t, out, editiePage)
	type part struct{ id, title, text string }
	var parts []part
	h1 := 0
	walk(doc, func(n *html.Node) {
		if n.DataAtom == atom.H1 {
			h1++
		}
		class, _ := attr(n, "class")
		if !strings.Contains(" "+class+" ", " editie-deel ") {
			return
		}
		id, _ := attr(n, "id")
		// Soft hyphens (generator/hyphen) are invisible to readers.
		p := part{id: id, text: strings.Join(strings.Fields(strings.ReplaceAll(textOf(n), "\u00ad", "")), " ")}
		walk(n, func(c *html.Node) {
			if c.DataAtom == atom.H2 && p.title == "" {
				p.title = strings.TrimSpace(strings.ReplaceAll(textOf(c), "\u00ad", ""))
			}
		})
		parts = append(parts, p)
	})
	if h1 != 1 {
		t.Errorf("%d h1 headings, want 1", h1)
	}
	if len(parts) != len(s.Edition)+1 {
		t.Fatalf("%d parts, want the cover and %d articles", len(parts), len(s.Edition))
	}
	if parts[0].id != "voorpagina" || parts[0].title != s.Home.Title {
		t.Errorf("first part %q %q, want the cover (voorpagina, %q)", parts[0].id, parts[0].title, s.Home.Title)
	}
	seen := map[string]bool{}
	for i, p := range s.Edition {
		got := parts[i+1]
		if got.id != p.Anchor() || got.title != p.Title {
			t.Errorf("part %d is %q %q, want %q %q (%s)", i+1, got.id, got.title, p.Anchor(), p.Title, p.File())
		}
		if seen[got.id] {
			t.Errorf("%s appears twice", got.id)
		}
		seen[got.id] = true
		// The article's own text is there: the start of its first
		// paragraph (or its description, for a page that starts with a
		// block).
		words := strings.Fields(p.Summary())
		probe := strings.Join(words[:min(8, len(words))], " ")
		if probe == "" || !strings.Contains(got.text, probe) {
			t.Errorf("%s: its text %q is not in the print edition", p.File(), probe)
		}
	}
	home := string(out.read(t, "index.html"))
	if !strings.Contains(home, `href=/editie/>Hele editie / afdrukken</a>`) {
		t.Error(`the cover does not link to the print edition as "Hele editie / afdrukken"`)
	}
}

// setMedia emulates a CSS media type ("print", or "" for the screen).
func setMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// printStyle is what the test reads of the print edition in the browser.
type printStyle struct {
	Navs        []string // display of every <nav>
	SkipLink    string   // display of the skip link
	Parts       int      // .editie-deel elements
	PageBreaks  int      // of those, how many have break-before: page
	Figures     int      // <figure> elements
	Unbroken    int      // of those, how many have break-inside: avoid
	LinkAfter   string   // ::after content of the first root-relative link in an article
	LinkHref    string   // that link's href
	Interactive int      // visible buttons, inputs, selects
}

const readPrintStyle = `(() => {
  const cs = (el, pseudo) => getComputedStyle(el, pseudo || null);
  const parts = [...document.querySelectorAll(".editie-deel")];
  const figs = [...document.querySelectorAll("figure")];
  const link = document.querySelector(".editie-deel .prose a[href^='/']");
  return {
    Navs: [...document.querySelectorAll("nav")].map(n => cs(n).display),
    SkipLink: cs(document.querySelector(".skip-link")).display,
    Parts: parts.length,
    PageBreaks: parts.filter(p => cs(p).breakBefore === "page").length,
    Figures: figs.length,
    Unbroken: figs.filter(f => cs(f).breakInside === "avoid").length,
    LinkAfter: link ? cs(link, "::after").content : "",
    LinkHref: link ? link.getAttribute("href") : "",
    Interactive: [...document.querySelectorAll("button, input, select, textarea")].filter(e => e.offsetParent !== null).length,
  };
})()`

// TestPrintEditionInBrowser renders the print edition in Chromium with
// print media emulated: navigation and the skip link are hidden, every
// article starts a new page, figures are not split, links print their
// address after their text, nothing interactive shows. On screen the
// navigation is there.
func TestPrintEditionInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	chromiumPath(t)
	_, out := buildRepoModel(t)
	srv := serveSite(t, out)
	browser := startBrowser(t)
	tb, err := newTab(browser, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer tb.cancel()
	ctx, done, err := tb.open(srv.URL+URLPath(editiePage), viewports[1])
	if err != nil {
		t.Fatal(err)
	}
	defer done()

	screen, err := chromedp.Run(ctx, chromedp.Evaluate[printStyle](readPrintStyle))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, setMedia("print")); err != nil {
		t.Fatal(err)
	}
	printed, err := chromedp.Run(ctx, chromedp.Evaluate[printStyle](readPrintStyle))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screen: %+v", screen)
	t.Logf("print:  %+v", printed)

	if len(screen.Navs) == 0 || screen.Navs[0] == "none" {
		t.Errorf("on screen the navigation is hidden: %v", screen.Navs)
	}
	if screen.PageBreaks != 0 {
		t.Errorf("on screen %d parts break the page", screen.PageBreaks)
	}
	for i, d := range printed.Navs {
		if d != "none" {
			t.Errorf("printed, nav %d is shown (display %s)", i, d)
		}
	}
	if printed.SkipLink != "none" {
		t.Errorf("printed, the skip link shows (display %s)", printed.SkipLink)
	}
	if printed.Parts < 2 || printed.PageBreaks != printed.Parts {
		t.Errorf("printed, %d of %d parts start a new page", printed.PageBreaks, printed.Parts)
	}
	if printed.Figures == 0 || printed.Unbroken != printed.Figures {
		t.Errorf("printed, %d of %d figures are kept whole", printed.Unbroken, printed.Figures)
	}
	if printed.LinkHref == "" || !strings.Contains(printed.LinkAfter, printed.LinkHref) {
		t.Errorf("printed, the link to %q is followed by %s, want its address", printed.LinkHref, printed.LinkAfter)
	}
	if printed.Interactive != 0 {
		t.Errorf("printed, %d interactive elements show", printed.Interactive)
	}
	if p := tb.log.problems(); len(p) > 0 {
		t.Errorf("the page had problems:\n%s", strings.Join(p, "\n"))
	}
}
