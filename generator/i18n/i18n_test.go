package i18n

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCatalogueComplete walks the catalogue: every row has its English
// and its Dutch text (and both singular forms when it counts), keys are
// unique, and message rows have a code in kebab case.
func TestCatalogueComplete(t *testing.T) {
	code := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, e := range Catalogue() {
		switch {
		case e.EN == "":
			t.Errorf("row with Dutch %q has no English key", e.NL)
		case e.NL == "":
			t.Errorf("%q has no Dutch text", e.EN)
		case seen[e.EN]:
			t.Errorf("%q is in the catalogue twice", e.EN)
		case (e.ENOne == "") != (e.NLOne == ""):
			t.Errorf("%q counts in one language only", e.EN)
		case e.Code != "" && !code.MatchString(e.Code):
			t.Errorf("%q: code %q is not kebab case", e.EN, e.Code)
		}
		seen[e.EN] = true
		if e.NL == e.EN && hasWords(e.EN) && !untranslated[e.EN] {
			t.Errorf("%q: the Dutch is the English", e.EN)
		}
	}
	if len(seen) < 2 {
		t.Fatalf("catalogue has %d rows", len(seen))
	}
}

// hasWords reports whether a format has words of its own (letters outside
// its verbs).
func hasWords(format string) bool {
	return strings.ContainsAny(verbRE.ReplaceAllString(format, ""), "abcdefghijklmnopqrstuvwxyz")
}

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.*]*[a-zA-Z%]`)

// untranslated are rows whose Dutch is rightly the same as the English.
var untranslated = map[string]bool{
	"themes/ezine/%s: %v\n": true,
	"true/false":            true,
	"url: %w":               true, // a front matter key and the message it wraps
	"aliases: %w":           true,
	"link %q: %v":           true, // "link" is Dutch too
	"figuur: alt %q %s":     true, // a block's and an attribute's name
	"video: src %q: %v":     true,
	"link %q: %s":           true,
	"jsonLD: %w":            true, // a template function's name
}

// TestCatalogueVerbs checks that the Dutch of every row takes the same
// arguments with the same verbs as the English (in any order), and that
// the singular forms do too.
func TestCatalogueVerbs(t *testing.T) {
	for _, e := range Catalogue() {
		want := Verbs(e.EN)
		for _, f := range []string{e.NL, e.ENOne, e.NLOne} {
			if f == "" {
				continue
			}
			if got := Verbs(f); !sameVerbs(got, want) {
				t.Errorf("%q takes %v; %q takes %v", e.EN, want, f, got)
			}
		}
	}
}

func sameVerbs(a, b map[int]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if set(v) != set(b[k]) {
			return false
		}
	}
	return true
}

func set(s string) string {
	r := []rune(s)
	slices.Sort(r)
	return string(slices.Compact(r))
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   map[int]string
	}{
		{"plain 100%%", map[int]string{}},
		{"%s at %d: %w", map[int]string{0: "s", 1: "d", 2: "v"}},
		{"%[2]q voor %[1]s", map[int]string{0: "s", 1: "q"}},
		{"%.1f MB, %-6s %*d", map[int]string{0: "f", 1: "s", 2: "*", 3: "d"}},
	}
	for _, tt := range tests {
		if got := Verbs(tt.format); !sameVerbs(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.format, got, tt.want)
		}
	}
}

func TestFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Lang
	}{
		{nil, English},
		{map[string]string{"LANG": "nl_NL.UTF-8"}, Dutch},
		{map[string]string{"LANG": "nl_BE"}, Dutch},
		{map[string]string{"LANG": "en_US.UTF-8"}, English},
		{map[string]string{"LANG": "C.UTF-8"}, English},
		{map[string]string{"LANG": "nl_NL.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, English},
		{map[string]string{"LANG": "en_GB.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, Dutch},
		{map[string]string{"LC_ALL": "C", "LC_MESSAGES": "nl_NL.UTF-8"}, English},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "nl_NL.UTF-8"}, Dutch}, // set but empty: the next decides
		{map[string]string{"LC_ALL": "nl", "LANG": "en"}, Dutch},
		{map[string]string{"LANG": "nld"}, English}, // not a tag starting with "nl"
	}
	for _, tt := range tests {
		lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
		if got := FromEnv(lookup); got != tt.want {
			t.Errorf("%v: got %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	for s, want := range map[string]Lang{"nl": Dutch, "NL": Dutch, "en": English} {
		if got, err := Parse(s); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := Parse("de"); err == nil {
		t.Error("Parse(de): no error")
	}
}

// TestSprintf: English is the key formatted by fmt, Dutch the row's text,
// counts choose their form, nested messages follow the language, and a
// key the catalogue lacks prints as English in both.
func TestSprintf(t *testing.T) {
	inner := New("%d errors", 1)
	tests := []struct {
		l      Lang
		format string
		args   []any
		want   string
	}{
		{English, "%d errors", []any{1}, "1 error"},
		{English, "%d errors", []any{2}, "2 errors"},
		{Dutch, "%d errors", []any{1}, "1 fout"},
		{Dutch, "%d errors", []any{0}, "0 fouten"},
		{Dutch, "build failed: %s; %s\n", []any{inner, New("the destination was not changed")}, "bouwen mislukt: 1 fout; de doelmap is niet veranderd\n"},
		{English, "build failed: %s; %s\n", []any{inner, New("the destination was not changed")}, "build failed: 1 error; the destination was not changed\n"},
		{Dutch, "not in the catalogue %q", []any{"x"}, `not in the catalogue "x"`},
	}
	for _, tt := range tests {
		if got := Sprintf(tt.l, tt.format, tt.args...); got != tt.want {
			t.Errorf("%v %q: got %q, want %q", tt.l, tt.format, got, tt.want)
		}
	}
}

// TestMsgWraps: a message wraps its %w arguments as fmt.Errorf does, and
// takes the code of the innermost message that has one.
func TestMsgWraps(t *testing.T) {
	err := Errorf("open %s: %w", "x", fs.ErrNotExist)
	if !errors.Is(err, fs.ErrNotExist) || err.Error() != "open x: file does not exist" {
		t.Errorf("got %v", err)
	}
	if errors.Is(Errorf("%v", fs.ErrNotExist), fs.ErrNotExist) {
		t.Error("an argument printed with v is wrapped")
	}
}
