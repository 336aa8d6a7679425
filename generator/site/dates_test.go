package site

import (
	"testing"
	"time"
)

// TestPageDates: what a page's front matter says about when it last
// changed and when it first appeared, in the order of precedence.
func TestPageDates(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name, front    string
		updated, first string // "" for the zero time
	}{
		{"nothing", "title: A", "", ""},
		{"lastmod only", "lastmod: 2026-11-24", "2026-11-24", ""},
		{"date and lastmod", "date: 2019-02-05\nlastmod: 2026-11-24", "2026-11-24", "2019-02-05"},
		{"date over publishDate", "date: 2019-02-05\npublishDate: 2019-03-01", "2019-02-05", "2019-02-05"},
		{"publishDate", "publishDate: 2019-03-01", "2019-03-01", "2019-03-01"},
		{"archive original", "published: 2020-10-25", "2020-10-25", "2020-10-25"},
		{"archive unknown", "published: onbekend\nlastmod: 2026-11-24", "2026-11-24", ""},
	}
	for _, tt := range tests {
		s, diags := build(t, map[string]string{"content/a.md": "---\n" + tt.front + "\n---\n"}, Config{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tt.name, diags)
		}
		p := s.GetPage("a.md")
		for _, c := range []struct {
			method, want string
			got          time.Time
		}{{"Updated", tt.updated, p.Updated()}, {"FirstPublished", tt.first, p.FirstPublished()}} {
			want := time.Time{}
			if c.want != "" {
				want = day(c.want)
			}
			if !c.got.Equal(want) {
				t.Errorf("%s: %s() = %v, want %v", tt.name, c.method, c.got, want)
			}
		}
	}
}
