package site

import (
	"slices"
	"testing"
)

func TestChapters(t *testing.T) {
	verhalen := &Page{Kind: KindSection, Title: "Verhalen", Section: "verhalen"}
	archief := &Page{Kind: KindSection, Title: "Archief", Section: "archief"}
	leeg := &Page{Kind: KindSection, Title: "Leeg", Section: "leeg"}
	v1 := &Page{Kind: KindPage, Title: "v1", Section: "verhalen", Weight: 1}
	eval := &Page{Kind: KindPage, Title: "Evaluatie", Weight: 2}
	v2 := &Page{Kind: KindPage, Title: "v2", Section: "verhalen", Weight: 3}
	a1 := &Page{Kind: KindPage, Title: "a1", Section: "archief", Weight: 4}
	s := &Site{
		Sections: []*Page{archief, leeg, verhalen},
		Edition:  []*Page{v1, eval, v2, a1},
	}
	var got []string
	for _, c := range s.Chapters() {
		got = append(got, c.Title)
	}
	want := []string{"Verhalen", "Evaluatie", "Archief", "Leeg"}
	if !slices.Equal(got, want) {
		t.Errorf("Chapters() = %q, want %q", got, want)
	}
}
