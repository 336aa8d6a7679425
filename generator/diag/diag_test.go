package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{&Error{Path: "content/a.md", Line: 3, Col: 7, Err: errors.New("bad")}, "content/a.md:3:7: bad"},
		{&Error{Path: "content/a.md", Line: 3, Err: errors.New("bad"), Hint: "fix it"}, "content/a.md:3: bad (fix it)"},
		{&Error{Path: "content/a.md", Col: 7, Err: errors.New("bad")}, "content/a.md: bad"},
		{Warnf("content/a.md", 2, "key %q unknown", "tilte"), `content/a.md:2: warning: key "tilte" unknown`},
		{&Error{Err: errors.New("plain")}, "plain"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestListSortAndFilter(t *testing.T) {
	var l List
	l.Add(Errorf("b.md", 1, "x"))
	l.Add(Errorf("a.md", 10, "y"))
	l.Add(Errorf("a.md", 2, "z"))
	l.Add(Warnf("a.md", 1, "w"))
	l.Add(fmt.Errorf("wrapped: %w", Errorf("c.md", 1, "inner")))
	l.Add(List{Errorf("d.md", 1, "from a list")})
	l.Add(nil)
	l.Sort()
	want := "a.md:1: warning: w\na.md:2: z\na.md:10: y\nb.md:1: x\nc.md:1: inner\nd.md:1: from a list"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(l.Errors()) != 5 || len(l.Warnings()) != 1 {
		t.Errorf("errors %d warnings %d", len(l.Errors()), len(l.Warnings()))
	}
	if (List{Warnf("a", 1, "w")}).Err() != nil {
		t.Error("warnings alone are not an error")
	}
}
