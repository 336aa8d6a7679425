package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestText checks the plain text kept for the search index: one block a
// line, a table row on one line, headings and markup left out.
func TestText(t *testing.T) {
	src := "# Kop\n\nEen *alinea*\nover twee regels.\n\n- punt een\n- punt [twee](https://example.nl)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> Een citaat.\n\n```\ncode blijft buiten\n```\n"
	res, diags := New(Options{}).Convert(Input{Source: []byte(src), Text: true})
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	want := "Een alinea over twee regels.\npunt een\npunt twee\na b\n1 2\nEen citaat."
	if res.Text != want {
		t.Errorf("Text:\n%s\nwant:\n%s", res.Text, want)
	}
}

// TestTextLimit checks that a huge body keeps at most textLimit bytes of
// text, cut between characters.
func TestTextLimit(t *testing.T) {
	para := strings.Repeat("financiële ", 1000)
	src := strings.Repeat(para+"\n\n", 20) // about 220 KB
	res, diags := New(Options{}).Convert(Input{Source: []byte(src), Text: true})
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	if len(res.Text) > textLimit || len(res.Text) < textLimit-16 {
		t.Errorf("len(Text) = %d, want just under %d", len(res.Text), textLimit)
	}
	if !utf8.ValidString(res.Text) {
		t.Error("Text was cut inside a character")
	}
}

func TestTextOnlyWhenAsked(t *testing.T) {
	res, _ := New(Options{}).Convert(Input{Source: []byte("Een alinea.\n")})
	if res.Text != "" || res.Words != 2 {
		t.Errorf("Text %q, words %d", res.Text, res.Words)
	}
}
