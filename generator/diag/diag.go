// Package diag holds the one error type of the generator: a problem at a
// place in a file of the site, printed as "path:line:col: message".
//
// Every stage reports content and theme problems as *Error values, collects
// several of them in a List, and lets the caller print them sorted. The
// package imports no parser: stages translate their parsers' positions into
// Line and Col before they wrap an error here.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
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

// Error is a problem at a position in a file of the site. Path is relative
// to the site folder and uses forward slashes; Line and Col are 1-based and
// zero when unknown. Hint, when set, tells the editor what to do.
type Error struct {
	Path     string
	Line     int
	Col      int
	Err      error
	Hint     string
	Severity Severity
	// Code, when set, names the kind of finding for tools (check's JSON),
	// such as "next-scheduled-change"; most findings have none.
	Code string
}

// Errorf returns an error at path:line built from a format, like fmt.Errorf.
func Errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// Warnf returns a warning at path:line built from a format.
func Warnf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...), Severity: SevWarning}
}

// Notef returns a note at path:line built from a format.
func Notef(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...), Severity: SevNote}
}

// WithHint returns e with Hint set, for chaining after Errorf.
func (e *Error) WithHint(hint string) *Error {
	e.Hint = hint
	return e
}

// Error formats the problem as "path:line:col: message (hint)", on one
// line, with control characters of names and messages escaped (see Escape),
// so that whatever prints it (every command, the dev server) prints the
// same safe text.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Position())
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Severity != SevError {
		b.WriteString(e.Severity.String() + ": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return Escape(b.String())
}

// Message is the error text without position and hint.
func (e *Error) Message() string {
	if e.Err == nil {
		return ""
	}
	return e.Err.Error()
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
	if len(l.Errors()) == 0 {
		return nil
	}
	return l.Errors()
}

// Error prints one problem per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
