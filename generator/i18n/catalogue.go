package i18n

import (
	"slices"
	"strconv"
)

// Entry is one row of the catalogue: a message kind or a hint.
type Entry struct {
	// Code names the message kind for tools, the same in both languages
	// ("frontmatter-bad-date"); hints have none.
	Code string
	// EN is the English format, the key call sites use; NL the Dutch one.
	EN, NL string
	// ENOne and NLOne, when set, are the forms for a count of one, chosen
	// when the first integer argument is 1.
	ENOne, NLOne string
}

// msg is a row for a message kind.
func msg(code, en, nl string) Entry { return Entry{Code: code, EN: en, NL: nl} }

// hint is a row for a hint or another text that is part of a message.
func hint(en, nl string) Entry { return Entry{EN: en, NL: nl} }

// count is a row whose text depends on a count: one and other forms in
// each language, in the order English one, English other, Dutch one,
// Dutch other. code may be "" for a part of a message.
func count(code, enOne, en, nlOne, nl string) Entry {
	return Entry{Code: code, EN: en, NL: nl, ENOne: enOne, NLOne: nlOne}
}

// Catalogue returns every row, in the order of the tables.
func Catalogue() []Entry {
	return slices.Clone(all)
}

var all = slices.Concat(
	commandEntries,
	contentEntries,
	markdownEntries,
	blocksEntries,
	siteEntries,
	renderEntries,
	checkEntries,
	imagesEntries,
	buildEntries,
	outputEntries,
	serveEntries,
	schemaEntries,
	vocabEntries,
	otherEntries,
)

var index = func() map[string]*Entry {
	m := make(map[string]*Entry, len(all))
	for i := range all {
		m[all[i].EN] = &all[i]
	}
	return m
}()

func lookup(key string) *Entry { return index[key] }

// form returns the entry's format in l for args.
func (e *Entry) form(l Lang, args []any) string {
	one := e.ENOne != "" && countOf(args) == 1
	switch {
	case l == Dutch && one:
		return e.NLOne
	case l == Dutch:
		return e.NL
	case one:
		return e.ENOne
	}
	return e.EN
}

// countOf returns the first integer argument, -1 when there is none.
func countOf(args []any) int {
	for _, a := range args {
		switch n := a.(type) {
		case int:
			return n
		case int64:
			return int(n)
		case uint64:
			return int(n)
		}
	}
	return -1
}

// verb is one formatting directive: the argument it prints (0-based) and
// its verb letter.
type verb struct {
	arg  int
	verb rune
}

// verbs lists the directives of a format string as fmt reads them:
// flags, width and precision (a * takes an argument of its own), explicit
// argument indexes ([2]); %% is not a directive.
func verbs(format string) []verb {
	var out []verb
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) {
			c := format[i]
			switch {
			case c == '[':
				j := i + 1
				for j < len(format) && format[j] != ']' {
					j++
				}
				if n, err := strconv.Atoi(format[i+1 : min(j, len(format))]); err == nil {
					arg = n - 1
				}
				i = j + 1
				continue
			case c == '*':
				out = append(out, verb{arg, '*'})
				arg++
				i++
				continue
			case c == '+' || c == '-' || c == '#' || c == ' ' || c == '0' || c == '.' || c >= '1' && c <= '9':
				i++
				continue
			}
			break
		}
		if i >= len(format) {
			break
		}
		if format[i] == '%' {
			continue
		}
		out = append(out, verb{arg, rune(format[i])})
		arg++
	}
	return out
}

// Verbs returns the verbs of format by argument: "%s and %[1]q" gives
// {0: "sq"}, for tests that compare two formats.
func Verbs(format string) map[int]string {
	m := map[int]string{}
	for _, v := range verbs(format) {
		r := v.verb
		if r == 'w' {
			r = 'v'
		}
		m[v.arg] += string(r)
	}
	return m
}
