package markdown

import (
	"strings"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/diag"
)

// TestAccessibleWriting: each WCAG writing rule, with the cases it must
// find (want: the severity and a piece of the message, at line) and the
// cases it must let pass (want "").
func TestAccessibleWriting(t *testing.T) {
	long := strings.Repeat("Een lange beschrijving van de tekening. ", 4) // 160 characters, 159 without the final space
	for _, tc := range []struct {
		name, md string
		sev      diag.Severity
		line     int
		want     string // "" for no finding
	}{
		// Link without text (2.4.4): an error.
		{"empty link", "Zie [](x.md).", diag.SevError, 1, `link to "/x/" has no text`},
		{"blank link", "Tekst\n\nZie [  ](https://example.org/).", diag.SevError, 3, "has no text"},
		{"link with text", "Zie [het verslag](x.md).", 0, 0, ""},
		{"link with code", "Zie [`go run . check`](x.md).", 0, 0, ""},
		// Image as a link without alt text (1.1.1, 2.4.4): an error.
		{"image link no alt", "[![](omslag.png)](https://example.org/)", diag.SevError, 1, `image used as a link to "https://example.org/" has no alt text`},
		{"image link with alt", "[![Omslag van het jaarverslag 2022](omslag.png)](https://example.org/)", 0, 0, ""},
		// Link text that says nothing (2.4.4): a warning.
		{"klik hier", "Het verslag staat [klik hier](x.md).", diag.SevWarning, 1, `link text "klik hier" says nothing`},
		{"Lees meer…", "Over de haven.\n[Lees meer…](x.md)", diag.SevWarning, 2, `link text "Lees meer…" says nothing`},
		{"hier", "Lees het [hier](x.md).", diag.SevWarning, 1, `"hier" says nothing`},
		{"meer", "[Meer](x.md)", diag.SevWarning, 1, `"Meer" says nothing`},
		{"link", "[link](https://example.org/)", diag.SevWarning, 1, `"link" says nothing`},
		{"hier in a longer text", "[Hier werkt de haven aan](x.md)", 0, 0, ""},
		{"meer over de haven", "[Meer over de haven](x.md)", 0, 0, ""},
		// A bare web address (2.4.4): a warning.
		{"bare URL", "Kijk op https://www.rotterdam.nl/ voor meer.", diag.SevWarning, 1, `bare web address "https://www.rotterdam.nl/"`},
		{"angle autolink", "Kijk op <https://www.rotterdam.nl/>.", diag.SevWarning, 1, "bare web address"},
		{"URL as link text", "Kijk op [www.rotterdam.nl](https://www.rotterdam.nl/).", diag.SevWarning, 1, `link text "www.rotterdam.nl" is a bare web address`},
		{"mail address", "Mail <info@example.org>.", 0, 0, ""},
		{"named web link", "Kijk op [de site van de gemeente](https://www.rotterdam.nl/).", 0, 0, ""},
		{"URL in code", "Typ `https://example.org/` in de balk.", 0, 0, ""},
		// Same text, different places (2.4.4): a warning at the second.
		{"same text elsewhere", "[Het plan](a.md)\n\n[het plan](b.md)", diag.SevWarning, 3, `link text "het plan" also links to "/a/" on line 1, here to "/b/"`},
		{"same text same place", "[Het plan](a.md) en nog eens [het plan](a.md).", 0, 0, ""},
		{"other texts", "[Het plan](a.md) en [de uitvoering](b.md).", 0, 0, ""},
		// Table without a header row (1.3.1): an error.
		{"empty header", "Tekst\n\n| | |\n|---|---|\n| a | b |", diag.SevError, 3, "table without a header row"},
		{"header", "| Jaar | Banen |\n|---|---|\n| 2019 | 100 |", 0, 0, ""},
		{"corner cell empty", "| | Banen |\n|---|---|\n| 2019 | 100 |", 0, 0, ""},
		// Alt text over 150 characters (1.1.1): a warning.
		{"long alt", "![" + long + "](kaart.png)", diag.SevWarning, 1, `alt text of image "/res/kaart.png" is 159 characters long`},
		{"alt of 150", "![" + long[:150] + "](kaart.png)", 0, 0, ""},
		// A heading without text (2.4.6, 1.3.1): an error.
		{"empty heading", "Tekst\n\n##\n\nMeer tekst", diag.SevError, 3, "heading without text"},
		{"empty heading with hashes", "### ###", diag.SevError, 1, "heading without text"},
		{"heading", "## Wat het akkoord wilde", 0, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := New(Options{}).Convert(Input{Source: []byte(tc.md), Resolve: resolveForTest})
			var found []*diag.Error
			for _, p := range problems {
				if strings.Contains(p.Hint, "WCAG") {
					found = append(found, p)
				}
			}
			if tc.want == "" {
				if len(found) > 0 {
					t.Errorf("%q: unexpected %v", tc.md, diag.List(found))
				}
				return
			}
			if len(found) != 1 {
				t.Fatalf("%q: want one finding %q, got %v", tc.md, tc.want, diag.List(found))
			}
			f := found[0]
			if !strings.Contains(f.Message(), tc.want) || f.Severity != tc.sev || f.Line != tc.line {
				t.Errorf("%q: got %s at line %d: %q; want %s at line %d: %q", tc.md, f.Severity, f.Line, f.Message(), tc.sev, tc.line, tc.want)
			}
		})
	}
}

// An image used as a link without alt text is one finding, the link's,
// not also the image's "alt text is empty".
func TestImageLinkReportedOnce(t *testing.T) {
	_, problems := New(Options{}).Convert(Input{Source: []byte("[![](omslag.png)](x.md)"), Resolve: resolveForTest})
	if len(problems) != 1 || !strings.Contains(problems[0].Hint, "1.1.1") || !strings.Contains(problems[0].Hint, "2.4.4") {
		t.Errorf("got %v", problems)
	}
	// Outside a link, an image without alt text keeps its own error.
	_, problems = New(Options{}).Convert(Input{Source: []byte("![](kaart.png)"), Resolve: resolveForTest})
	if len(problems) != 1 || !strings.Contains(problems[0].Message(), "alt text is empty") {
		t.Errorf("got %v", problems)
	}
}

func TestLinkTextKey(t *testing.T) {
	for in, want := range map[string]string{
		"Klik hier!":    "klik hier",
		"» Lees meer →": "lees meer",
		"(meer)":        "meer",
		"Het plan.":     "het plan",
	} {
		if got := linkTextKey(in); got != want {
			t.Errorf("linkTextKey(%q) = %q, want %q", in, got, want)
		}
	}
}
