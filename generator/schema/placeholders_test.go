package schema

import (
	"testing"
	"testing/fstest"
)

func TestPlaceholders(t *testing.T) {
	fsys := fstest.MapFS{"archetypes/interview.md": {Data: []byte(`---
title: "Voorbeeldinterview …"
description: "Een zin die zegt waar het gesprek over gaat."
type: interview
published: onbekend
titel: Kerncijfers
tags: []  # optional
---

Een korte inleiding: wie is aan het woord.

## Het gesprek

::: qa
V: Eerste vraag?
A: …
:::
::: kerncijfer cijfer="0" bron="pagina.md"
`)}}
	types, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := []Placeholder{
		{"title", "Voorbeeldinterview …", 2},
		{"description", "Een zin die zegt waar het gesprek over gaat.", 3},
		{"", "Een korte inleiding: wie is aan het woord.", 10},
		{"", "V: Eerste vraag?", 15},
		{"", "A: …", 16},
		{"", `::: kerncijfer cijfer="0" bron="pagina.md"`, 18},
	}
	got := types["interview"].Placeholders
	if len(got) != len(want) {
		t.Fatalf("placeholders:\n%+v\nwant:\n%+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("placeholder %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestFindMarker(t *testing.T) {
	for _, tc := range []struct {
		line string
		want int
	}{
		{"Nog in te vullen.", 0},
		{"A: *nog in te vullen na het gesprek.*", 4},
		{"Één: NOG IN TE VULLEN", 7},
		{"Nog niet in te vullen", -1},
		{"nog in te  vullen", -1},
		{"", -1},
	} {
		if got := FindMarker(tc.line); got != tc.want {
			t.Errorf("FindMarker(%q) = %d, want %d", tc.line, got, tc.want)
		}
	}
}
