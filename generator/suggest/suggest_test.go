package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"title", "title", 0}, {"tilte", "title", 1}, {"titel", "title", 1}, {"", "abc", 3}, {"kleur", "title", 5},
		{"haaven", "haven", 1}, {"zrog", "zorg", 1}, {"financiële", "financiele", 1}} {
		if got := Distance(tt.a, tt.b); got != tt.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Financiële": "financiele", "HAVEN": "haven", "Havén": "haven", "ĳzer": "ĳzer"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClosest(t *testing.T) {
	terms := []string{"energietransitie-en-bouw", "haven", "mkb", "zorg"}
	for _, tc := range []struct {
		word, want string
		ok         bool
	}{
		{"haaven", "haven", true},
		{"Haven", "haven", true},
		{"Havén", "haven", true},
		{"HAVENS", "haven", true},
		{"zrog", "zorg", true},
		{"energietransitie en bouw", "energietransitie-en-bouw", true},
		{"onderwijs", "", false},
		{"mbo", "", false}, // another word, not a typo of mkb
		{"ict", "", false},
	} {
		got, ok := Closest(tc.word, terms, Tolerance(len([]rune(tc.word))))
		if got != tc.want || ok != tc.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tc.word, got, ok, tc.want, tc.ok)
		}
	}
}
