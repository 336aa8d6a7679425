package hyphen

import (
	"strings"
	"testing"
)

// show writes a word's soft hyphens as "-" for readable cases.
func show(s string) string { return strings.ReplaceAll(s, Soft, "-") }

func TestBreaks(t *testing.T) {
	d := Dutch()
	for _, tc := range []struct{ word, want string }{
		// All break points (Breaks applies no minimum): the patterns'
		// syllables.
		{"leerwerkakkoord", "leer-werk-ak-koord"},
		{"arbeidsmarktregio", "ar-beids-markt-re-gio"},
		{"energietransitie", "ener-gie-tran-si-tie"},
		{"meestal", "meest-al"}, // an exception of hyph-nl.hyp.txt
	} {
		var b strings.Builder
		breaks := d.Breaks(tc.word)
		for i, r := range []rune(tc.word) {
			if len(breaks) > 0 && breaks[0] == i {
				b.WriteByte('-')
				breaks = breaks[1:]
			}
			b.WriteRune(r)
		}
		if b.String() != tc.want {
			t.Errorf("Breaks(%q): %s, want %s", tc.word, b.String(), tc.want)
		}
	}
}

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Leerwerkakkoord", "Leerwerk-ak-koord"},
		{"Het Leerwerkakkoord — de slotuitgave", "Het Leerwerk-ak-koord — de slotuitgave"},
		{"stagestimuleringsfonds", "stage-sti-mu-le-rings-fonds"},
		{"Energietransitie en Bouw", "Energie-tran-sitie en Bouw"},
		{"arbeidsmarktregio", "arbeids-markt-regio"},
		{"Kerncijfers", "Kerncijfers"},                 // no break keeps five letters on each side
		{"Interview", "Interview"},                     // shorter than MinWord
		{"„Leerwerkakkoord”,", "„Leerwerk-ak-koord”,"}, // punctuation around a word
		{"Rotterdam-Rijnmond", "Rotterdam-Rijnmond"},
		{"www.leerwerkakkoordrotterdam.nl", "www.leerwerkakkoordrotterdam.nl"},
		{"leerwerkakkoord@rotterdam.nl", "leerwerkakkoord@rotterdam.nl"},
		{"/leerwerkakkoorden/", "/leerwerkakkoorden/"},
		{"Leer\u00adwerkakkoord", "Leer-werkakkoord"}, // an editor's own soft hyphen
		{"2019-leerwerkakkoord", "2019-leerwerkakkoord"},
		{"", ""},
	} {
		got := Text(tc.in)
		if show(got) != tc.want || strings.Count(got, Soft) != strings.Count(tc.want, "-")-strings.Count(tc.in, "-") {
			t.Errorf("Text(%q) = %q, want %q", tc.in, show(got), tc.want)
		}
	}
}

func TestHeadings(t *testing.T) {
	in := `<p>Leerwerkakkoord</p><h2 id="leerwerkakkoord">Het <em>Leerwerkakkoord</em> &amp; <code>leerwerkakkoord</code></h2><p>Energietransitie</p><h3>Energietransitie</h3><hr>`
	want := `<p>Leerwerkakkoord</p><h2 id="leerwerkakkoord">Het <em>Leerwerk-ak-koord</em> &amp; <code>leerwerkakkoord</code></h2><p>Energietransitie</p><h3>Energie-tran-sitie</h3><hr>`
	if got := show(Headings(in)); got != want {
		t.Errorf("Headings:\n got %s\nwant %s", got, want)
	}
	if in := `<p>Geen kop: Leerwerkakkoord</p><header>x</header>`; Headings(in) != in {
		t.Errorf("text outside headings changed: %s", show(Headings(in)))
	}
}

// BenchmarkText hyphenates a typical title: cached words after the first
// round, as on a real site where titles repeat on every list.
func BenchmarkText(b *testing.B) {
	d := Dutch()
	b.ReportAllocs()
	for b.Loop() {
		d.Text("Energietransitie en Bouw: vakmensen voor de overstap naar nieuwe energie")
	}
}

// BenchmarkBreaks runs Liang's algorithm on one long word, uncached.
func BenchmarkBreaks(b *testing.B) {
	d := Dutch()
	b.ReportAllocs()
	for b.Loop() {
		d.Breaks("stagestimuleringsfonds")
	}
}

// BenchmarkDutch parses the embedded patterns, as the first page of a
// build does once.
func BenchmarkDutch(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Parse(dutchPatterns, dutchExceptions)
	}
}
