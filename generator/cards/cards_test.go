package cards

import (
	"bytes"
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
