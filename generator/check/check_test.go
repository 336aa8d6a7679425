package check

import (
	"strings"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/content"
)

func TestSuggest(t *testing.T) {
	keys := append(content.FieldNames(), "deelakkoord", "tags")
	for key, want := range map[string]string{
		"tilte":       `"title"`,
		"descripton":  `"description"`,
		"deelakoord":  `"deelakkoord"`,
		"publishdate": `"publishDate"`,
		"tgas":        `"tags"`,
		"kleur":       "check the spelling",
	} {
		if got := suggestKey(key, keys).Error(); !strings.Contains(got, want) {
			t.Errorf("suggestKey(%q) = %q, want %s", key, got, want)
		}
	}
}
