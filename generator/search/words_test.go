package search

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// foldCase is one case of testdata/fold.json, which the browser test
// (browser_search_test.go at the repository root) runs against search.js
// too: the two sides must fold alike.
type foldCase struct {
	In   string   `json:"in"`
	Want []string `json:"want"`
	Why  string   `json:"why"`
}

func TestFold(t *testing.T) {
	b, err := os.ReadFile("testdata/fold.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []foldCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 10 {
		t.Fatalf("only %d fold cases", len(cases))
	}
	for _, c := range cases {
		got := Fold(c.In)
		if len(got) == 0 && len(c.Want) == 0 {
			continue
		}
		if !slices.Equal(got, c.Want) {
			t.Errorf("Fold(%+q) = %q, want %q (%s)", c.In, got, c.Want, c.Why)
		}
	}
}

// TestStem checks the Dutch stemmer on pairs from Snowball's sample
// vocabulary for this algorithm (the snowball-data repository's dutch
// folder, which lists each word beside its stem), and on words of the
// e-zine whose stems the search relies on.
func TestStem(t *testing.T) {
	for _, c := range []struct{ word, stem string }{
		// From Snowball's sample vocabulary.
		{"aanbestedingen", "aanbested"},
		{"aanbesteding", "aanbested"},
		{"aanbevelingen", "aanbevel"},
		{"aandeel", "aandel"},
		{"aandelen", "aandel"},
		{"aandachtig", "aandacht"},
		{"aangenaam", "aangenam"},
		{"aanhankelijkheid", "aanhank"},
		{"aansprakelijkheden", "aansprak"},
		{"aanmoediging", "aanmoed"},
		{"aalsmeerse", "aalsmer"},
		// The e-zine's words.
		{"opleidingen", "opleid"},
		{"opleiding", "opleid"},
		{"werkzoekenden", "werkzoek"},
		{"werkzoekende", "werkzoek"},
		{"financiele", "financiel"},
		{"gemeenten", "gemeent"},
		{"gemeente", "gemeent"},
		{"deelakkoorden", "deelakkoord"},
		{"statushouders", "statushouder"},
		{"banen", "ban"},
		{"baan", "ban"},
		{"zorgen", "zorg"},
		{"2019", "2019"},
	} {
		if got := Stem(c.word); got != c.stem {
			t.Errorf("Stem(%q) = %q, want %q", c.word, got, c.stem)
		}
	}
}

// TestStemFolded checks that folding before stemming loses nothing: the
// stemmer drops these accents itself.
func TestStemFolded(t *testing.T) {
	for _, w := range []string{"financiële", "ideeën", "coördinatie", "geïnvesteerd"} {
		folded := Fold(w)[0]
		if Stem(folded) != Stem(w) {
			t.Errorf("Stem(%q) = %q, but Stem(%q) = %q", folded, Stem(folded), w, Stem(w))
		}
	}
}

func TestStopWords(t *testing.T) {
	stop := StopWords()
	if len(stop) != 101 {
		t.Errorf("%d stop words, want the Snowball list's 101", len(stop))
	}
	if !slices.IsSorted(stop) {
		t.Error("StopWords is not sorted")
	}
	for _, w := range stop {
		if f := Fold(w); len(f) != 1 || f[0] != w {
			t.Errorf("stop word %q is not folded", w)
		}
	}
	for _, w := range []string{"de", "het", "een", "en", "van", "niet", "zijn", "geweest", "andere"} {
		if !IsStopWord(w) {
			t.Errorf("%q is not a stop word", w)
		}
	}
	for _, w := range []string{"zorg", "haven", "opleiding", "werk", "rotterdam"} {
		if IsStopWord(w) {
			t.Errorf("%q is a stop word", w)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	text := "De financiële ondersteuning van werkzoekenden en statushouders in Rotterdam: opleidingen, coördinatie en ideeën."
	b.ReportAllocs()
	for b.Loop() {
		Fold(text)
	}
}
