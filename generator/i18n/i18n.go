// Package i18n holds every message an editor sees, in English and in
// Dutch, and chooses between them.
//
// In: a message's English format string (the key, as it is written at the
// call site) and its arguments. Out: the text in the language asked for.
// The catalogue (catalogue*.go) is a typed table: one row a message kind,
// with a stable code for tools (check -format json), the English format and
// the Dutch one; a row for a count has a singular form in each language,
// chosen by its first integer argument. Hints have rows without a code.
//
// English is printed by fmt from the key itself, so English output is
// exactly what the call site says. The Dutch format may reorder arguments
// with explicit indexes (%[2]s) but takes the same verbs as the English
// (TestCatalogueVerbs).
package i18n

import (
	"errors"
	"fmt"
	"strings"
)

// Lang is a language messages are printed in. The zero value is English.
type Lang uint8

const (
	// English is the default, as for command-line tools.
	English Lang = iota
	// Dutch is the language of the e-zine and its editors.
	Dutch
)

// String returns the language's code, "en" or "nl".
func (l Lang) String() string {
	if l == Dutch {
		return "nl"
	}
	return "en"
}

// Parse reads a -lang value: "en" or "nl" (case-insensitive).
func Parse(s string) (Lang, error) {
	switch strings.ToLower(s) {
	case "en":
		return English, nil
	case "nl":
		return Dutch, nil
	}
	return English, fmt.Errorf("-lang %q: use nl or en", s)
}

// FromEnv chooses the language from the locale as POSIX does: the first
// of LC_ALL, LC_MESSAGES and LANG that is set and not empty decides; a
// value starting with "nl" (nl_NL.UTF-8, nl_BE) is Dutch, any other value
// English. lookup is os.LookupEnv or a test's stand-in.
func FromEnv(lookup func(string) (string, bool)) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, ok := lookup(name); ok && v != "" {
			return ForTag(v)
		}
	}
	return English
}

// ForTag returns Dutch for a language tag or locale that starts with "nl"
// (a site's lang "nl", "nl-NL", nl_NL.UTF-8), English otherwise.
func ForTag(tag string) Lang {
	if len(tag) >= 2 && strings.EqualFold(tag[:2], "nl") && (len(tag) == 2 || !isLetter(tag[2])) {
		return Dutch
	}
	return English
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Localizer is a text that can be printed in either language. Sprintf
// prints an argument that is a Localizer in the language asked for.
type Localizer interface {
	Localize(Lang) string
}

// Msg is a message: a catalogue key and its arguments, printed in the
// language asked for when it is printed. It is an error, so that it can be
// returned and wrapped; errors.Is and errors.As see the arguments its
// format wraps with %w.
type Msg struct {
	format string
	args   []any
}

// Errorf is fmt.Errorf for a message of the catalogue: its Error is the
// English text fmt.Errorf would give, and Localize gives it in Dutch.
func Errorf(format string, args ...any) error {
	return &Msg{format: format, args: args}
}

// New returns the message for format and args, like Errorf.
func New(format string, args ...any) *Msg {
	return &Msg{format: format, args: args}
}

// Error returns the message in English.
func (m *Msg) Error() string { return m.Localize(English) }

// Localize returns the message in l.
func (m *Msg) Localize(l Lang) string { return Sprintf(l, m.format, m.args...) }

// Key returns the message's catalogue key, its English format.
func (m *Msg) Key() string { return m.format }

// Code returns the code of the message's kind: the code of the innermost
// message it wraps that has one, so that "parse front matter: %w" around
// a bad date is a bad date; "" when no message in it is in the catalogue.
func (m *Msg) Code() string {
	for _, a := range m.args {
		var inner *Msg
		if err, ok := a.(error); ok && errors.As(err, &inner) {
			if c := inner.Code(); c != "" {
				return c
			}
		}
	}
	if e := lookup(m.format); e != nil {
		return e.Code
	}
	return ""
}

// Unwrap returns the arguments the format wraps with %w, as fmt.Errorf
// would.
func (m *Msg) Unwrap() []error {
	var out []error
	for _, v := range verbs(m.format) {
		if v.verb != 'w' || v.arg >= len(m.args) {
			continue
		}
		if err, ok := m.args[v.arg].(error); ok {
			out = append(out, err)
		}
	}
	return out
}

// Sprintf formats the message with key format in l: the catalogue's Dutch
// format for Dutch, format itself for English (or when the catalogue has
// no row for it), the singular form when the row counts and its first
// integer argument is 1. Arguments that are Localizers are printed in l;
// %w prints as %v.
func Sprintf(l Lang, format string, args ...any) string {
	f := format
	if e := lookup(format); e != nil {
		f = e.form(l, args)
	}
	local := make([]any, len(args))
	for i, a := range args {
		if loc, ok := a.(Localizer); ok {
			a = loc.Localize(l)
		}
		local[i] = a
	}
	return fmt.Sprintf(strings.ReplaceAll(f, "%w", "%v"), local...)
}

// Text returns the catalogue's text for s in l, s itself when it has no
// row or l is English. Unlike Sprintf it does not format: it is for hints
// and other texts with no arguments, which may hold a literal %.
func Text(l Lang, s string) string {
	if e := lookup(s); e != nil && l == Dutch {
		return e.NL
	}
	return s
}

// Code returns the code of the message kind with key format, "" when the
// catalogue has no row for it or the row is a hint.
func Code(format string) string {
	if e := lookup(format); e != nil {
		return e.Code
	}
	return ""
}

// Has reports whether the catalogue has a row for key.
func Has(key string) bool { return lookup(key) != nil }

// Missing returns the keys of m and of the messages among its arguments
// (at any depth) that the catalogue lacks, which would print in English
// in every language; nil when every one has a row.
func Missing(m *Msg) []string {
	if m == nil {
		return nil
	}
	var out []string
	if !Has(m.format) {
		out = append(out, m.format)
	}
	for _, a := range m.args {
		var inner *Msg
		if err, ok := a.(error); ok && errors.As(err, &inner) {
			out = append(out, Missing(inner)...)
		}
	}
	return out
}
