// Package diag holds the one error type of the generator: a problem at a
// place in a file of the site, printed as "path:line:col: message".
//
// Every stage reports content and theme problems as *Error values, collects
// several of them in a List, and lets the caller print them sorted. The
// package imports no parser: stages translate their parsers' positions into
// Line and Col before they wrap an error here.
//
// An Error keeps its message as a catalogue key and arguments (i18n.Msg),
// not only as English text, so that whoever prints it chooses the
// language: Error prints English, Text the language asked for.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Severity tells whether a problem fails the build.
type Severity int

const (
	// SevError fails the build (exit status 1).
	SevError Severity = iota
	// SevWarning is printed but does not fail the build.
	SevWarning
	// SevNote is information, such as a draft that a build leaves out.
	SevNote
)

// String names the severity as output formats show it.
func (s Severity) String() string {
	return [...]string{"error", "warning", "note"}[s]
}

// label returns the prefix a warning or a note prints with, in l.
func (s Severity) label(l i18n.Lang) string {
	switch s {
	case SevWarning:
		return i18n.Text(l, "warning: ")
	case SevNote:
		return i18n.Text(l, "note: ")
	}
	return ""
}

// Error is a problem at a position in a file of the site. Path is relative
// to the site folder and uses forward slashes; Line and Col are 1-based and
// zero when unknown. Hint, when set, tells the editor what to do.
//
// Err is usually an i18n message (Errorf, i18n.Errorf), which prints in
// either language; any other error prints as its Error text. Hint is the
// English hint; a constant hint is a catalogue key, and a hint with
// arguments is set with WithHintf.
type Error struct {
	Path     string
	Line     int
	Col      int
	Err      error
	Hint     string
	Severity Severity
	// Code, when set, names the kind of finding for tools (check's JSON);
	// when empty, Kind takes it from the catalogue row of Err.
	Code string

	hint *i18n.Msg // Hint with its arguments, from WithHintf
}

// Errorf returns an error at path:line built from a format of the
// catalogue (package i18n), like fmt.Errorf.
func Errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: i18n.Errorf(format, args...)}
}

// Warnf returns a warning at path:line built from a format.
func Warnf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: i18n.Errorf(format, args...), Severity: SevWarning}
}

// Notef returns a note at path:line built from a format.
func Notef(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: i18n.Errorf(format, args...), Severity: SevNote}
}

// WithHint returns e with Hint set, for chaining after Errorf. hint is a
// catalogue key with no arguments.
func (e *Error) WithHint(hint string) *Error {
	e.Hint = hint
	e.hint = nil
	return e
}

// WithHintf returns e with a hint built from a format of the catalogue and
// its arguments.
func (e *Error) WithHintf(format string, args ...any) *Error {
	e.hint = i18n.New(format, args...)
	e.Hint = e.hint.Error()
	return e
}

// WithHintMsg returns e with the hint m (none when m is nil), for hints
// that a stage composes before it knows where the problem is.
func (e *Error) WithHintMsg(m *i18n.Msg) *Error {
	e.hint, e.Hint = m, ""
	if m != nil {
		e.Hint = m.Error()
	}
	return e
}

// Error formats the problem in English as "path:line:col: message
// (hint)", on one line, with control characters of names and messages
// escaped (see Escape), so that whatever prints it (every command, the
// dev server) prints the same safe text.
func (e *Error) Error() string { return e.Text(i18n.English) }

// Text is Error in the language l: the same shape, message and hint in l.
func (e *Error) Text(l i18n.Lang) string {
	var b strings.Builder
	b.WriteString(e.Position())
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Severity.label(l))
	b.WriteString(e.MessageIn(l))
	if h := e.HintIn(l); h != "" {
		b.WriteString(" (")
		b.WriteString(h)
		b.WriteString(")")
	}
	return Escape(b.String())
}

// Message is the error text without position and hint, in English.
func (e *Error) Message() string { return e.MessageIn(i18n.English) }

// MessageIn is the error text without position and hint, in l.
func (e *Error) MessageIn(l i18n.Lang) string {
	if e.Err == nil {
		return ""
	}
	if m, ok := e.Err.(i18n.Localizer); ok {
		return m.Localize(l)
	}
	return e.Err.Error()
}

// HintIn is the hint in l, "" for none.
func (e *Error) HintIn(l i18n.Lang) string {
	if e.hint != nil {
		return e.hint.Localize(l)
	}
	return i18n.Text(l, e.Hint)
}

// MissingKeys returns the keys of the problem's message and hint that the
// catalogue lacks (i18n.Missing), for tests that every message a stage
// reports prints in Dutch; an error from outside the catalogue (a library's)
// counts as its message.
func (e *Error) MissingKeys() []string {
	var out []string
	var m *i18n.Msg
	if errors.As(e.Err, &m) {
		out = i18n.Missing(m)
	} else if e.Err != nil {
		out = append(out, e.Err.Error())
	}
	if e.hint != nil {
		out = append(out, i18n.Missing(e.hint)...)
	} else if e.Hint != "" && !i18n.Has(e.Hint) {
		out = append(out, e.Hint)
	}
	return out
}

// Kind returns the code of the problem's kind, the same in every
// language: Code when set, else the catalogue's code for the message
// ("frontmatter-bad-date"), else "other" for an error from outside the
// catalogue.
func (e *Error) Kind() string {
	if e.Code != "" {
		return e.Code
	}
	var m *i18n.Msg
	if errors.As(e.Err, &m) {
		if c := m.Code(); c != "" {
			return c
		}
	}
	return "other"
}

// Position formats "path:line:col", leaving out the parts that are unknown.
func (e *Error) Position() string {
	s := e.Path
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
		if e.Col > 0 {
			s += fmt.Sprintf(":%d", e.Col)
		}
	}
	return s
}

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// List is a set of problems from one build. Its zero value is ready to use.
// A List is not safe for concurrent use; stages collect per-worker results
// and append them in input order.
type List []*Error

// Add appends err to the list. A *Error (or a List) is kept as it is; any
// other error is wrapped without a position.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var list List
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Err: err})
}

// Sort orders the problems by path, line and column, then message, so that
// every run prints them in the same order.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Message(), b.Message()),
		)
	})
}

// HasErrors reports whether the list holds a problem that fails the build
// (warnings and notes do not), without the copy Errors makes.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(e *Error) bool { return e.Severity == SevError })
}

// Errors returns the problems that fail the build.
func (l List) Errors() List {
	var out List
	for _, e := range l {
		if e.Severity == SevError {
			out = append(out, e)
		}
	}
	return out
}

// Warnings returns the problems that do not fail the build (warnings and
// notes).
func (l List) Warnings() List {
	var out List
	for _, e := range l {
		if e.Severity != SevError {
			out = append(out, e)
		}
	}
	return out
}

// Err returns the list as an error when it holds at least one error (not
// counting warnings), and nil otherwise.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l.Errors()
}

// Error prints one problem per line, in English.
func (l List) Error() string { return l.Text(i18n.English) }

// Text prints one problem per line, in lang.
func (l List) Text(lang i18n.Lang) string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Text(lang))
	}
	return b.String()
}
