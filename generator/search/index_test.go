package search

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
	"github.com/lwa-rotterdam/ezine/generator/internal/testdiff"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// ezine is the built-in theme's vocabulary, which the tests' sites use.
var ezine = testcorpus.Ezine()

var update = flag.Bool("update", false, "rewrite testdata/index.golden.json")

// smallSite is three articles, a colofon without type or deelakkoord, a
// draft and the search page.
var smallSite = map[string]string{
	"content/_index.md": "---\ntitle: E-zine\n---\nWelkom.\n",
	"content/verhalen/haven.md": `---
title: De haven en haar opleidingen
description: Leren en werken in de Rotterdamse haven.
deelakkoord: [haven]
weight: 1
---
Honderd opstapbanen per jaar, en een opleiding voor elke werkzoekende.

## Financiële zaken

Wie betaalt de opleiding? De werkgevers.
`,
	"content/verhalen/zorg.md": `---
title: Zorg
deelakkoord: [zorg, haven]
weight: 2
---
Vergaderingen over de zorg, en veel werkzoekenden.

| jaar | starters |
|---|---|
| 2019 | 150 |
`,
	"content/interviews/zorg.md": `---
title: Interview zorg
type: interview
deelakkoord: [zorg]
weight: 3
---
Een gesprek over café-eigenaren en ideeën.
`,
	"content/colofon.md":               "---\ntitle: Colofon\n---\nGemaakt door de redactie.\n",
	"content/verhalen/klad.md":         "---\ntitle: Klad\ndraft: true\n---\nGeheim.\n",
	"content/zoeken.md":                "---\ntitle: Zoeken\nlayout: search\n---\nZoek in alle opleidingen.\n",
	"content/type/interview/_index.md": "---\ntitle: Interviews\n---\n",
}

// buildSite models the site of files, with the facts of its pages.
func buildSite(t *testing.T, files map[string]string) (*site.Site, site.Facts) {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	tree, diags := content.Load(context.Background(), fsys, "content", content.Options{Taxonomies: ezine.Names()})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s, diags := site.Build(tree, site.Config{Vocabulary: ezine, FS: fsys, Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	st, _ := facts.New(s, facts.Config{FS: fsys, Markdown: markdown.New(markdown.Options{}), TextLayout: SearchLayout})
	s.SetFacts(st)
	return s, st
}

// TestIndexGolden builds the index of a small site and compares it with
// testdata/index.golden.json (go test -update rewrites it).
func TestIndexGolden(t *testing.T) {
	s, f := buildSite(t, smallSite)
	if !Wanted(s) {
		t.Fatal("Wanted is false for a site with a search page")
	}
	got, err := Build(s, f).JSON()
	if err != nil {
		t.Fatal(err)
	}
	// One line per page and stem, for a readable golden file and diff.
	got = bytes.ReplaceAll(got, []byte(`},{"u":`), []byte("},\n{\"u\":"))
	got = bytes.ReplaceAll(got, []byte(`],["`), []byte("],\n[\""))
	got = append(got, '\n')
	const golden = "testdata/index.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if d := testdiff.Line(want, got); d != "" {
		t.Fatalf("index differs from %s (go test -update rewrites it) at %s", golden, d)
	}
}

// TestIndex checks the facts the golden file shows, one by one.
func TestIndex(t *testing.T) {
	ix := Build(buildSite(t, smallSite))
	var urls []string
	for _, p := range ix.Pages {
		urls = append(urls, p.URL)
	}
	if got, want := strings.Join(urls, " "), "/verhalen/haven/ /verhalen/zorg/ /interviews/zorg/ /colofon/"; got != want {
		t.Errorf("pages %s, want %s (site order; no draft, no search page)", got, want)
	}
	stems := map[string]Entry{}
	for _, e := range ix.Stems {
		stems[e.Stem] = e
		for _, w := range e.Words {
			if IsStopWord(w) {
				t.Errorf("stop word %q indexed", w)
			}
		}
	}
	for _, w := range []string{"de", "en", "haar", "over", "een"} {
		if _, ok := stems[w]; ok {
			t.Errorf("stop word %q has a stem entry", w)
		}
	}
	// "opleidingen" (title) and "opleiding" (text) share a stem.
	op := stems["opleid"]
	if !slices.Equal(op.Words, []string{"opleiding", "opleidingen"}) {
		t.Errorf("opleid: words %q", op.Words)
	}
	// Title weight 10 + "opleiding" twice in the text.
	if !slices.Equal(op.Postings, []int{0, weightTitle + 2*weightText}) {
		t.Errorf("opleid: postings %v", op.Postings)
	}
	// The heading is folded and weighted.
	if fin := stems["financiel"]; !slices.Equal(fin.Postings, []int{0, weightHeading}) || !slices.Equal(fin.Words, []string{"financiele"}) {
		t.Errorf("financiel: %+v", fin)
	}
	// Deelakkoord titles count, on every page that has them.
	if h := stems["hav"]; !slices.Equal(h.Postings, []int{0, weightTitle + weightDescription + weightTerm, 1, weightTerm}) {
		t.Errorf("hav: %+v", h)
	}
	// A table row is one line of text, and its numbers are words.
	if !strings.Contains(ix.Pages[1].Text, "2019 150") {
		t.Errorf("zorg text %q", ix.Pages[1].Text)
	}
	if _, ok := stems["2019"]; !ok {
		t.Error("numbers are not indexed")
	}
	// Filters: the terms in use, with their titles.
	// A page's type is its section unless it sets one.
	if !slices.Equal(ix.Types, []Term{{"interview", "Interviews"}, {"verhalen", "Verhalen"}}) {
		t.Errorf("types %+v", ix.Types)
	}
	if !slices.Equal(ix.Pages[0].Types, []int{1}) || !slices.Equal(ix.Pages[2].Types, []int{0}) || len(ix.Pages[3].Types) != 0 {
		t.Errorf("page types %v %v", ix.Pages[2].Types, ix.Pages[3].Types)
	}
	var deel []string
	for _, d := range ix.Subjects {
		deel = append(deel, d.Key)
	}
	if !slices.Equal(deel, []string{"haven", "zorg"}) || !slices.Equal(ix.Pages[1].Subjects, []int{1, 0}) {
		t.Errorf("deelakkoorden %v, zorg page %v", deel, ix.Pages[1].Subjects)
	}
	// Suffixes are what stemming took off words of the site.
	for _, s := range []string{"en", "ingen"} {
		if !slices.Contains(ix.Suffixes, s) {
			t.Errorf("suffix %q missing from %q", s, ix.Suffixes)
		}
	}
}

// TestIndexDeterministic builds the same site twice.
func TestIndexDeterministic(t *testing.T) {
	a, _ := Build(buildSite(t, smallSite)).JSON()
	b, _ := Build(buildSite(t, smallSite)).JSON()
	if !bytes.Equal(a, b) {
		t.Error("two builds of one site give different indexes")
	}
	var v map[string]any
	if err := json.Unmarshal(a, &v); err != nil {
		t.Fatal(err)
	}
	if v["v"] != float64(Version) {
		t.Errorf("version %v", v["v"])
	}
}

func TestNotWanted(t *testing.T) {
	files := map[string]string{}
	for k, v := range smallSite {
		if k != "content/zoeken.md" {
			files[k] = v
		}
	}
	if s, _ := buildSite(t, files); Wanted(s) {
		t.Error("Wanted is true for a site without a search page")
	}
}

// expand is search.js's Index.expand in Go, for the table below: the
// stems (with their factor) that a folded query word matches.
func expand(ix *Index, q string) map[string]float64 {
	found := map[string]float64{}
	add := func(stem string, f float64) {
		if f > found[stem] {
			found[stem] = f
		}
	}
	suffix := map[string]bool{}
	for _, s := range ix.Suffixes {
		suffix[s] = true
	}
	isStem := map[string]bool{}
	wordStem := map[string]string{}
	for _, e := range ix.Stems {
		isStem[e.Stem] = true
		for _, w := range e.Words {
			wordStem[w] = e.Stem
			if strings.HasPrefix(w, q) {
				f := prefixWeight
				if w == q {
					f = 1
				}
				add(e.Stem, f)
			}
		}
	}
	for k := len(q); k >= minSuffixStem; k-- {
		if k < len(q) && !suffix[q[k:]] {
			continue
		}
		if isStem[q[:k]] {
			add(q[:k], 1)
		}
		if stem, ok := wordStem[q[:k]]; ok {
			add(stem, 1)
		}
	}
	return found
}

// TestQueryWords shows how query words reach stems through the
// vocabulary and the suffixes, as search.js does.
func TestQueryWords(t *testing.T) {
	ix := Build(buildSite(t, smallSite))
	for _, c := range []struct {
		query string
		want  map[string]float64
	}{
		// A word of the site finds its stem, and longer words their own.
		{"opleiding", map[string]float64{"opleid": 1}},
		{"opleid", map[string]float64{"opleid": 1}},
		{"opl", map[string]float64{"opleid": 0.5}},
		// Folded like the text.
		{Fold("Financiële")[0], map[string]float64{"financiel": 1}},
		// Not a word of the site, but a stem or word of it plus a suffix
		// seen elsewhere ("ingen" from "vergaderingen", "s" from
		// "werkgevers"): "havens" is stemmed "haven", "haven" "hav".
		{"vergadering", map[string]float64{"vergader": 1}},
		{"opstapbaan", map[string]float64{}},
		{"havens", map[string]float64{"hav": 1}},
		{"werkzoekendes", map[string]float64{"werkzoek": 1}},
		// "werkzoekende" and "werkzoekenden" are one stem.
		{"werkzoekende", map[string]float64{"werkzoek": 1}},
		{"zzz", map[string]float64{}},
	} {
		got := expand(ix, c.query)
		if len(got) != len(c.want) {
			t.Errorf("%q matches %v, want %v", c.query, got, c.want)
			continue
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("%q matches %v, want %v", c.query, got, c.want)
				break
			}
		}
	}
}
