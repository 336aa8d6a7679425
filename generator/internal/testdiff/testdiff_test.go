package testdiff

import (
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	long := strings.Repeat("a", 300)
	tests := []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"second line", "a\nb\nc", "a\nx\nc", "line 2:\nwant: b\ngot:  x"},
		{"got longer", "a", "a\nb", "line 2:\nwant: (no such line)\ngot:  b"},
		{"got shorter", "a\n", "a", "line 2:\nwant: \ngot:  (no such line)"},
		{"long line", long + "X" + long, long + "Y" + long,
			"line 1, byte 301:\nwant: …" + strings.Repeat("a", 60) + "X" + strings.Repeat("a", 59) + "…\ngot:  …" + strings.Repeat("a", 60) + "Y" + strings.Repeat("a", 59) + "…"},
		{"long line, at its start", "X" + long, "Y" + long,
			"line 1, byte 1:\nwant: X" + strings.Repeat("a", 59) + "…\ngot:  Y" + strings.Repeat("a", 59) + "…"},
	}
	for _, tt := range tests {
		if got := Line(tt.want, tt.got); got != tt.diff {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.diff)
		}
		if got := Line([]byte(tt.want), []byte(tt.got)); got != tt.diff {
			t.Errorf("%s, bytes: got\n%s", tt.name, got)
		}
	}
}
