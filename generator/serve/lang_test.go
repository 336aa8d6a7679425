package serve

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// TestOverlayFollowsSiteLanguage: the errors over the page are in the
// site's language (the home page's lang, Dutch by default), and the lines
// in the terminal in the terminal's (Config.Lang), whichever they are.
func TestOverlayFollowsSiteLanguage(t *testing.T) {
	const broken = "---\ntitle: De haven\ndate: 2023-02-30\n---\nKapot.\n"
	tests := []struct {
		name             string
		home             string
		terminal         i18n.Lang
		overlay, console string
	}{
		{"Dutch site, English terminal", smallSite["content/_index.md"], i18n.English, "is geen bestaande datum", "is not a real date"},
		{"English site, Dutch terminal", "---\ntitle: Proef\ndescription: Een proefsite.\nlang: en\n---\nWelkom.\n", i18n.Dutch, "is not a real date", "is geen bestaande datum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(smallSite)
			files["content/_index.md"] = tt.home
			r := startServer(t, files, Config{Lang: tt.terminal})
			ev := r.listen("/verhalen/haven/")
			r.write("content/verhalen/haven.md", broken)
			data := ev.expect("problems")
			if !strings.Contains(data, tt.overlay) || !strings.Contains(data, "content/verhalen/haven.md:3") {
				t.Errorf("overlay: want %q at content/verhalen/haven.md:3 in %s", tt.overlay, data)
			}
			r.eventuallyErr(t, tt.console)
		})
	}
}

// eventuallyErr waits until the terminal's error output holds want.
func (r *running) eventuallyErr(t *testing.T, want string) {
	t.Helper()
	for deadline := time.Now().Add(waitFor); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(r.err.String(), want) {
			return
		}
	}
	t.Errorf("terminal: no %q in:\n%s", want, r.err)
}
