package check

import (
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	for key, want := range map[string]string{
		"tilte":       `"title"`,
		"descripton":  `"description"`,
		"deelakoord":  `"deelakkoord"`,
		"publishdate": `"publishDate"`,
		"kleur":       "check the spelling",
	} {
		if got := suggest(key); !strings.Contains(got, want) {
			t.Errorf("suggest(%q) = %q, want %s", key, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"title", "title", 0}, {"tilte", "title", 1}, {"titel", "title", 1}, {"", "abc", 3}, {"kleur", "title", 5}} {
		if got := distance(tt.a, tt.b); got != tt.d {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}
