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
		if got := suggestKey(key).Error(); !strings.Contains(got, want) {
			t.Errorf("suggestKey(%q) = %q, want %s", key, got, want)
		}
	}
}
