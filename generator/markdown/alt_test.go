package markdown

import "testing"

func TestAltProblem(t *testing.T) {
	for _, tc := range []struct {
		alt, src string
		ok       bool
	}{
		{"Tekening van havenkranen", "kranen.svg", true},
		{"Kranen", "kranen.svg", false},
		{"kranen.svg", "kranen.svg", false},
		{"havenkranen.png", "kranen.svg", false},
		{"IMG_0042", "fotos/IMG_0042.JPG?v=1", false},
		{"Foto", "a.svg", false},
		{"afbeelding.", "a.svg", false},
		{"", "a.svg", false},
		{"Logo van het Leerwerkakkoord", "logo.svg", true},
	} {
		if got := AltProblem(tc.alt, tc.src) == ""; got != tc.ok {
			t.Errorf("AltProblem(%q, %q) = %q", tc.alt, tc.src, AltProblem(tc.alt, tc.src))
		}
	}
}
