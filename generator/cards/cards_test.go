package cards

import (
	"bytes"
	"flag"
	"strings"

	"golang.org/x/image/font"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func themeMaker(t testing.TB, cacheDir string) *Maker {
	t.Helper()
	svg, err := os.ReadFile("../../themes/ezine/assets/art/motieven.svg")
	if err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile("../../themes/ezine/assets/css/main.css")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(Config{Motifs: svg, CSS: css, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// longCard has a long title with Dutch diacritics and a compound too wide
// for a line at the largest size.
var longCard = Card{
	Title:  "Carrièrestartgarantie en oriëntatietrajecten: hoe werkgevers, scholen en gemeente één Leerwerkakkoordregeling maakten voor café-, zorg- en havenmedewerkers",
	Kicker: "Transitieverhalen · Zorg en welzijn",
	Footer: "Leerwerkakkoord Rotterdam · Slotuitgave 2023",
	Motif:  "zorg",
}

// TestCard draws cards and decodes them: the size, and (with
// EZINE_CARDS_OUT=dir) the PNGs written there to look at.
func TestCard(t *testing.T) {
	m := themeMaker(t, "")
	cards := map[string]Card{
		"long":  longCard,
		"short": {Title: "Zorg", Kicker: "Interviews", Footer: "Leerwerkakkoord", Motif: "interview"},
		"none":  {Title: "Colofon", Motif: "bestaat-niet"},
	}
	for name, c := range cards {
		b, err := m.Make(c)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := img.Bounds(); got != image.Rect(0, 0, Width, Height) {
			t.Errorf("%s: %v, want %dx%d", name, got, Width, Height)
		}
		if dir := os.Getenv("EZINE_CARDS_OUT"); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

var update = flag.Bool("update", false, "rewrite testdata/long.png")

// TestCardGolden compares the long card with testdata/long.png, byte for
// byte: a change to the drawing must come with a new codeVersion (old
// cached cards would be served otherwise) and a new golden file
// (go test -run TestCardGolden -update; look at it).
func TestCardGolden(t *testing.T) {
	b, err := themeMaker(t, "").Make(longCard)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "long.png")
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("the long card differs from %s (codeVersion %s); if on purpose, bump codeVersion and run with -update", golden, codeVersion)
	}
}

// TestCardCache: a card from a cold cache, from a warm one and from a
// damaged entry are the same bytes; the entry is repaired.
func TestCardCache(t *testing.T) {
	dir := t.TempDir()
	m := themeMaker(t, dir)
	cold, err := m.Make(longCard)
	if err != nil {
		t.Fatal(err)
	}
	entry := m.cache.Path(cacheFile(m.Key(longCard)))
	if _, err := os.Stat(entry); err != nil {
		t.Fatalf("no cache entry: %v", err)
	}
	warm, _ := m.Make(longCard)
	if err := os.WriteFile(entry, []byte("EZCARD1\ngarbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	repaired, _ := m.Make(longCard)
	again, _ := themeMaker(t, dir).Make(longCard)
	for name, b := range map[string][]byte{"warm": warm, "repaired": repaired, "again": again} {
		if !bytes.Equal(b, cold) {
			t.Errorf("%s card differs from the cold one", name)
		}
	}
}

// TestCardKey: every input of the picture changes the key.
func TestCardKey(t *testing.T) {
	m := themeMaker(t, "")
	base := m.Key(longCard)
	for name, c := range map[string]Card{
		"title":  {Title: "x", Kicker: longCard.Kicker, Footer: longCard.Footer, Motif: longCard.Motif},
		"kicker": {Title: longCard.Title, Kicker: "x", Footer: longCard.Footer, Motif: longCard.Motif},
		"footer": {Title: longCard.Title, Kicker: longCard.Kicker, Footer: "x", Motif: longCard.Motif},
		"motif":  {Title: longCard.Title, Kicker: longCard.Kicker, Footer: longCard.Footer, Motif: "haven"},
	} {
		if m.Key(c) == base {
			t.Errorf("changing the %s keeps the key", name)
		}
	}
	other, err := New(Config{CSS: []byte(":root { --ink: #000000; }")})
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := New(Config{})
	if other.Key(longCard) == plain.Key(longCard) {
		t.Error("the colours are not in the key")
	}
	if got := ParseStyle([]byte(":root{--ink:#000;--deep: #123456}\n@media (prefers-color-scheme: dark){:root{--ink:#fff}}")); got.Ink != rgb(0) || got.Deep != rgb(0x123456) || got.Paper != DefaultStyle.Paper {
		t.Errorf("ParseStyle: %+v", got)
	}
}

// TestFit: titles wrap within the column and the title box, shrink as
// they grow, and a word too long for a line breaks where Dutch allows,
// with a hyphen.
func TestFit(t *testing.T) {
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	height := titleBottom - titleTop
	tests := []struct {
		title    string
		maxSize  float64 // the size must be at most this
		minLines int
		contains string // some line holds this
	}{
		{"Zorg", 76, 1, "Zorg"},
		{longCard.Title, 44, 5, "havenmedewerkers"},
		{"Leerwerkakkoordarbeidsmarktregioafsprakenkaderovereenkomst", 76, 2, "-"},
		{strings.Repeat("Heel lange titel die nooit past ", 20), 40, 6, "…"},
	}
	for _, tt := range tests {
		lines, size := fit(f.bold, tt.title, columnWidth, height)
		fc := face(f.bold, size)
		if size > tt.maxSize || len(lines) < tt.minLines || float64(len(lines))*size*titleLineHeight > float64(height)+1 {
			t.Errorf("%.30q: %d lines at %v px", tt.title, len(lines), size)
		}
		joined := strings.Join(lines, "\n")
		if !strings.Contains(joined, tt.contains) {
			t.Errorf("%.30q: no %q in\n%s", tt.title, tt.contains, joined)
		}
		for _, l := range lines {
			if w := font.MeasureString(fc, l).Ceil(); w > columnWidth {
				t.Errorf("%.30q: line %q is %d px, the column %d", tt.title, l, w, columnWidth)
			}
		}
	}
}
