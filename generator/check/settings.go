package check

import (
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// AccessibilityLayout is the layout of the accessibility statement, which
// shows the site setting AccessibilityContact.
const AccessibilityLayout = "toegankelijkheid"

// AccessibilityContact is the site setting (front matter of the home
// page) with the address for accessibility problems.
const AccessibilityContact = "toegankelijkheid_contact"

// Settings warns about site settings a published page needs but the home
// page leaves empty: the accessibility statement's contact address. The
// address is never made up; until the editors fill it in, the statement
// points readers to the colofon. It runs in every build.
func Settings(s *site.Site) diag.List {
	if strings.TrimSpace(s.Setting(AccessibilityContact)) != "" {
		return nil
	}
	var out diag.List
	for _, p := range s.Pages {
		m := p.Meta()
		if m.Layout != AccessibilityLayout {
			continue
		}
		file, line := p.File(), m.Lines["layout"]
		if h := s.Home; h != nil && h.Source != nil {
			if l := h.Meta().Lines[AccessibilityContact]; l > 0 {
				file, line = h.File(), l // the empty setting itself
			}
		}
		out = append(out, diag.Warnf(file, line, "%s shows the accessibility contact, but the site setting %s is empty", p.File(), AccessibilityContact).
			WithHintf("set %s: \"adres@voorbeeld.nl\" in content/_index.md; until then the page points readers to the colofon", AccessibilityContact))
	}
	return out
}
