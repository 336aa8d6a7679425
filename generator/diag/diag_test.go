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

// TestHasErrors: only a problem of severity error counts, wherever it is.
func TestHasErrors(t *testing.T) {
	note := &Error{Severity: SevNote, Err: errors.New("n")}
	tests := []struct {
		name string
		l    List
		want bool
	}{
		{"empty", nil, false},
		{"warnings and notes", List{Warnf("a", 1, "w"), note}, false},
		{"an error last", List{Warnf("a", 1, "w"), note, Errorf("b", 2, "e")}, true},
		{"an error first", List{Errorf("b", 2, "e"), Warnf("a", 1, "w")}, true},
	}
	for _, tt := range tests {
		if got := tt.l.HasErrors(); got != tt.want {
			t.Errorf("%s: HasErrors() = %v, want %v", tt.name, got, tt.want)
		}
		if got := tt.l.Err() != nil; got != tt.want {
			t.Errorf("%s: Err() != nil is %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestErrorEscapesControls checks that a problem prints on one line with no
// character a terminal or a CI log would act on: a file name or message
// with ANSI/OSC escapes, a bell, a newline, a C1 control or a bidi override
// is shown in Go's backslash notation, while ordinary text (accents, quotes,
// tabs written by the generator are not among them) is left alone.
func TestErrorEscapesControls(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{Errorf("content/test/\x1b[31mrood\x1b]0;TITLE\a.md", 6, `link "nergens.md": no page`),
			`content/test/\x1b[31mrood\x1b]0;TITLE\a.md:6: link "nergens.md": no page`},
		{Errorf("content/a.md", 1, "title %s", "x\ny\rz\tw\x00"), `content/a.md:1: title x\ny\rz\tw\x00`},
		{Errorf("content/\u009b2J.md", 0, "c1"), `content/\u009b2J.md: c1`},
		{Errorf("content/rtl\u202egpj.exe.md", 0, "bidi"), `content/rtl\u202egpj.exe.md: bidi`},
		{Errorf("content/a\xffb.md", 0, "not UTF-8"), `content/a\xffb.md: not UTF-8`},
		{Errorf("content/interviews/financiële-zaken.md", 2, "„citaat” ‘x’ \\ %s", "ok").WithHint("DEL\x7f"),
			`content/interviews/financiële-zaken.md:2: „citaat” ‘x’ \ ok (DEL\x7f)`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	if got := Escape("plain/path.md"); got != "plain/path.md" {
		t.Errorf("Escape changed a plain string: %q", got)
	}
}
