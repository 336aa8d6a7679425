package markdown

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestText checks the plain text kept for the search index: one block a
// line, a table row on one line, headings and markup left out.
func TestText(t *testing.T) {
	src := "# Kop\n\nEen *alinea*\nover twee regels.\n\n- punt een\n- punt [twee](https://example.nl)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> Een citaat.\n\n```\ncode blijft buiten\n```\n"
	res, diags := New(Options{}).Convert(Input{Source: []byte(src), Text: true})
	if diags.HasErrors() {
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
	if diags.HasErrors() {
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

// TestCountWords checks the word count against its definition: the
// tokens of strings.Fields that hold a letter or a digit.
func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   ", 0},
		{"een", 1},
		{"een twee", 2},
		{"  een\t\ntwee  ", 2},
		{"een – twee", 2}, // a lone dash is not a word
		{"• punt", 1},
		{"2019–2023 financiële", 2},
		{"een\u00a0twee", 2}, // no-break space separates, as in strings.Fields
		{"een\u2003twee", 2}, // em space
		{"«» … 12", 1},       // only the number
		{"één\u200btwee", 1}, // zero-width space is not white space
		{"\xffkapot", 1},     // invalid UTF-8 does not stop the count
		{"a\u0085b", 2},      // NEL is space
		{"ŉ ǅ ⅷ ٣", 3},       // letters and digits outside Latin-1; ⅷ is a number, not a digit
		{"!!! ??? ...", 0},
	}
	for _, tt := range tests {
		if got := countWords([]byte(tt.in)); got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
		if got := referenceWords(tt.in); got != tt.want {
			t.Errorf("reference(%q) = %d, want %d (test table is wrong)", tt.in, got, tt.want)
		}
	}
}

// FuzzCountWords checks countWords against the definition on any input.
func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"een twee", "2019–2023 financiële", "a\u00a0b", "\xff\xfe x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords([]byte(s)), referenceWords(s); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	})
}

func referenceWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

func BenchmarkCountWords(b *testing.B) {
	text := []byte(strings.Repeat("De financiële ondersteuning van 2019–2023 liep via zes deelakkoorden. ", 100))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		countWords(text)
	}
}
