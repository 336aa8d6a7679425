package sitetest

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// wordWidths are the window widths at which no word of a heading, lead,
// button or menu may break across lines (issue 12): the narrowest phones,
// a common phone, a tablet, and laptop to wide desktop.
var wordWidths = []int64{320, 390, 768, 1024, 1280, 1440, 1920}

// brokenWords finds the words of headings, leads, buttons and navigation
// whose letters sit on two lines without a hyphen at the break. It walks
// every visible text node under those elements, splits it into words at
// white space, and measures each word's line boxes (Range.getClientRects);
// a word on more than one line is measured letter by letter, and each
// break must come after a soft hyphen (U+00AD, shown as a hyphen when the
// line breaks there) or a real hyphen or dash. It returns one line per
// broken word: the element, the word with "|" at the break, and the lines.
const brokenWords = `(() => {
  const sel = "h1, h2, h3, h4, h5, h6, .lead, .omslag-lead, .hoofdstuk-lead, .kaart-lead, nav, button, .knop, .kicker";
  const roots = [...document.querySelectorAll(sel)].filter(el => !el.parentElement || !el.parentElement.closest(sel));
  const allowed = "\u00ad-\u2010\u2013\u2014";
  const range = document.createRange();
  const out = [];
  // The line of one character: the middle of its last box that has a
  // width. The range of the first letter after a soft hyphen where the
  // line breaks also holds the hyphen shown at the end of the line
  // before it; boxes come in line order.
  const lineOf = (node, i) => {
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    let last = null;
    for (const r of range.getClientRects()) {
      if (r.width > 0) last = r;
    }
    return last ? {mid: last.top + last.height / 2, h: last.height} : null;
  };
  const name = el => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "");
  for (const root of roots) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walk.nextNode(); t; t = walk.nextNode()) {
      if (!t.parentElement || t.parentElement.getClientRects().length === 0) continue; // not rendered
      const words = /\S+/g;
      let m;
      while ((m = words.exec(t.data))) {
        const start = m.index, end = start + m[0].length;
        range.setStart(t, start);
        range.setEnd(t, end);
        const boxes = [...range.getClientRects()].filter(r => r.width > 0);
        if (boxes.length < 2 || boxes.every(r => Math.abs(r.top - boxes[0].top) < r.height / 2)) continue;
        let prev = -1, prevLine = null, bad = [];
        for (let i = start; i < end; i++) {
          const l = lineOf(t, i);
          if (!l) continue;
          if (prevLine && l.mid - prevLine.mid > prevLine.h / 2) {
            const gap = t.data.slice(prev, i);
            if (![...gap].some(c => allowed.includes(c))) bad.push(i);
          }
          prev = i;
          prevLine = l;
        }
        if (bad.length) {
          let w = "";
          for (let i = start; i < end; i++) w += (bad.includes(i) ? "|" : "") + (t.data[i] === "\u00ad" ? "" : t.data[i]);
          out.push(name(t.parentElement) + " in " + name(root) + ": " + JSON.stringify(w));
        }
      }
    }
  }
  return out;
})()`

// TestNoBrokenWords loads one built page of each type (cover, story,
// interview, archive piece, fundament, evaluation, figures, colofon,
// chapter, term, term list, search, print edition, 404) at each of wordWidths and fails
// on any word of a heading, lead, button or menu that breaks across lines
// other than at a soft hyphen or a hyphen ("Leerwerkakkoor|d"). The
// generator places soft hyphens in long Dutch words (generator/hyphen),
// as headless Chromium has no Dutch hyphenation dictionary for
// hyphens: auto; headline sizes keep the longest words whole.
func TestNoBrokenWords(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in -short mode")
	}
	chromiumPath(t)
	site := buildRepoSite(t)
	srv := serveSite(t, site)
	browser := startBrowser(t)

	// One page of each type (the screenshots' pageKinds): pages of a
	// type share their layout, and the test stays within minutes.
	kinds := pageKinds(t, site)
	pages := slices.Sorted(maps.Values(kinds))
	results := onTabs(browser, srv.URL, len(pages), func(tb *tab, i int) []string {
		return checkWords(tb, srv.URL+URLPath(pages[i]))
	})
	for i, rel := range pages {
		t.Run(rel, func(t *testing.T) {
			for _, p := range results[i] {
				t.Error(p)
			}
		})
	}
	if len(pages) < 10 {
		t.Errorf("only %d page types found (%v); the e-zine has more", len(pages), kinds)
	}
	t.Logf("checked the words of %d pages, one of each type, at %v px", len(pages), wordWidths)
}

// checkWords loads a page once and measures its words at every width.
func checkWords(tb *tab, u string) []string {
	ctx, done, err := tb.open(u, viewport{Width: wordWidths[0], Height: 900})
	if err != nil {
		return []string{err.Error()}
	}
	defer done()
	var probs []string
	for _, w := range wordWidths {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			return append(probs, fmt.Sprintf("resize to %d px: %v", w, err))
		}
		broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](brokenWords))
		if err != nil {
			return append(probs, fmt.Sprintf("at %d px: measure words: %v", w, err))
		}
		for _, b := range broken {
			probs = append(probs, fmt.Sprintf("at %d px: %s breaks across lines without a hyphen", w, b))
		}
	}
	return probs
}
