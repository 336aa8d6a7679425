package content

import (
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Meta is the typed front matter of a page. Field names follow Hugo's
// (title, date, publishDate, ...) plus the e-zine's own fields; keys are
// matched without regard to case. The keys of the site's taxonomies
// (Options.Taxonomies) are in Terms. Keys the generator does not know are
// kept in Params for templates.
type Meta struct {
	Title       string
	Description string
	Summary     string
	Date        time.Time
	PublishDate time.Time
	ExpiryDate  time.Time
	Lastmod     time.Time
	Draft       bool
	Slug        string
	URL         string
	Aliases     []string
	Type        string
	Layout      string
	Weight      int

	// E-zine fields.
	Image     string
	ImageAlt  string
	Role      string       // interview: the interviewee's role
	Voorbeeld bool         // interview: text is an example, to be replaced
	Published OriginalDate // archive: original publication date
	Source    string       // archive: where the original appeared
	// Expiry says what happens after ExpiryDate: ExpiryArchive keeps the
	// page published as an archived page; "" or ExpiryRemove leaves it
	// out. On the home page it is the default of every page.
	Expiry string

	// Terms holds the values of each taxonomy key the page has, by the
	// taxonomy's name ("deelakkoord": ["zorg"]), trimmed, without empty
	// ones.
	Terms map[string][]string
	// Params holds the keys that are not fields above, as decoded.
	Params map[string]any
	// Lines maps each key as written (lower-cased) to its file line.
	Lines map[string]int
	// Unknown lists the keys kept in Params, in file order, so that check
	// can warn about typos.
	Unknown []string
	// Format is "yaml", "toml", "json", or "" without front matter.
	Format string
}

// OriginalDate is the date a page was first published elsewhere. Unknown
// is true when the front matter says the date is not known ("onbekend").
type OriginalDate struct {
	Time    time.Time
	Unknown bool
}

// IsSet reports whether the front matter gave a date or said it is unknown.
func (d OriginalDate) IsSet() bool { return d.Unknown || !d.Time.IsZero() }

// Known reports whether a date was given.
func (d OriginalDate) Known() bool { return !d.Time.IsZero() }

// fieldSetter decodes a front matter value into a Meta field.
type fieldSetter func(m *Meta, v any, loc *time.Location) error

// fieldDef is one typed front matter key: its name as editors write it
// (keys match in any case) and its decoder. An alias is a second spelling
// of another key's field, accepted but not suggested.
type fieldDef struct {
	name  string
	set   fieldSetter
	alias bool
}

// fieldDefs is the schema of the typed front matter, the one list of its
// keys: decoding (knownFields) and check's "did you mean" (FieldNames)
// read it. image_alt is also accepted as imageAlt. The taxonomies' keys
// are not here: the theme declares them (Options.Taxonomies).
var fieldDefs = []fieldDef{
	{name: "title", set: str(func(m *Meta) *string { return &m.Title })},
	{name: "description", set: str(func(m *Meta) *string { return &m.Description })},
	{name: "summary", set: str(func(m *Meta) *string { return &m.Summary })},
	{name: "date", set: date(func(m *Meta) *time.Time { return &m.Date })},
	{name: "publishDate", set: date(func(m *Meta) *time.Time { return &m.PublishDate })},
	{name: "expiryDate", set: date(func(m *Meta) *time.Time { return &m.ExpiryDate })},
	{name: "lastmod", set: date(func(m *Meta) *time.Time { return &m.Lastmod })},
	{name: "draft", set: boolean(func(m *Meta) *bool { return &m.Draft })},
	{name: "slug", set: str(func(m *Meta) *string { return &m.Slug })},
	{name: "url", set: str(func(m *Meta) *string { return &m.URL })},
	{name: "aliases", set: strs(func(m *Meta) *[]string { return &m.Aliases })},
	{name: "type", set: str(func(m *Meta) *string { return &m.Type })},
	{name: "layout", set: str(func(m *Meta) *string { return &m.Layout })},
	{name: "weight", set: integer(func(m *Meta) *int { return &m.Weight })},
	{name: "image", set: str(func(m *Meta) *string { return &m.Image })},
	{name: "image_alt", set: str(func(m *Meta) *string { return &m.ImageAlt })},
	{name: "imageAlt", set: str(func(m *Meta) *string { return &m.ImageAlt }), alias: true},
	{name: "role", set: str(func(m *Meta) *string { return &m.Role })},
	{name: "voorbeeld", set: boolean(func(m *Meta) *bool { return &m.Voorbeeld })},
	{name: "published", set: originalDate},
	{name: "source", set: str(func(m *Meta) *string { return &m.Source })},
	{name: "expiry", set: expiry},
}

// knownFields are the decoders of fieldDefs by lower-case name.
var knownFields = func() map[string]fieldSetter {
	m := make(map[string]fieldSetter, len(fieldDefs))
	for _, f := range fieldDefs {
		m[strings.ToLower(f.name)] = f.set
	}
	return m
}()

// FieldNames returns the typed front matter keys as editors write them
// ("publishDate"), without aliases, in the schema's order.
func FieldNames() []string {
	out := make([]string, 0, len(fieldDefs))
	for _, f := range fieldDefs {
		if !f.alias {
			out = append(out, f.name)
		}
	}
	return out
}

// The values of the expiry key.
const (
	ExpiryArchive = "archive"
	ExpiryRemove  = "remove"
)

// expiry decodes the expiry key: archive or remove, in any case.
func expiry(m *Meta, v any, _ *time.Location) error {
	s, err := scalarText(v)
	if err != nil {
		return err
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if s != ExpiryArchive && s != ExpiryRemove {
		return i18n.Errorf("%q is not archive or remove: archive keeps the page after its expiryDate, with the archive notice; remove (the default) takes it off the site", s)
	}
	m.Expiry = s
	return nil
}

// decodeMeta fills a Meta from the fields of a front matter block: the
// typed keys, the taxonomies' keys (a text or a list of texts, into
// Terms), and the rest into Params. Every problem is returned, each at the
// line of its key.
func decodeMeta(mt matter, opts Options) (Meta, []*lineError) {
	m := Meta{Format: mt.format, Lines: make(map[string]int, len(mt.fields))}
	var errs []*lineError
	for _, f := range mt.fields {
		key := strings.ToLower(f.key)
		if prev, dup := m.Lines[key]; dup {
			errs = append(errs, &lineError{line: f.line, err: i18n.Errorf("key %q appears twice (first on line %d)", f.key, prev), hint: i18n.New("remove one of them")})
			continue
		}
		m.Lines[key] = f.line
		// The key too: a quoted TOML or YAML key may hold one ("\b").
		err := checkControls(f.key)
		if err == nil {
			err = checkControls(f.value)
		}
		if err != nil {
			errs = append(errs, &lineError{line: f.line, err: i18n.Errorf("%s: %w", f.key, err),
				hint: i18n.New("remove it: it cannot be shown, and is invisible in most editors; retype the text around it")})
			continue
		}
		set, ok := knownFields[key]
		if !ok && slices.Contains(opts.Taxonomies, key) {
			set, ok = termsOf(key), true
		}
		if !ok {
			if m.Params == nil {
				m.Params = map[string]any{}
			}
			m.Params[f.key] = f.value
			m.Unknown = append(m.Unknown, f.key)
			continue
		}
		if err := set(&m, f.value, opts.Location); err != nil {
			var le *lineError
			if errors.As(err, &le) {
				errs = append(errs, le)
				continue
			}
			errs = append(errs, &lineError{line: f.line, err: i18n.Errorf("%s: %w", f.key, err)})
		}
	}
	return m, errs
}

func describe(v any) *i18n.Msg {
	switch v.(type) {
	case nil:
		return i18n.New("nothing")
	case []any:
		return i18n.New("a list")
	case map[string]any:
		return i18n.New("a group of keys")
	case bool:
		return i18n.New("true/false")
	case int64, float64:
		return i18n.New("a number")
	}
	return i18n.New("text")
}

// scalarText returns the text of a single value; lists and groups of keys
// are an error.
func scalarText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case bool:
		return strconv.FormatBool(v), nil
	case nil:
		return "", nil
	}
	return "", i18n.Errorf("expected text, found %s", describe(v))
}

func str(field func(*Meta) *string) fieldSetter {
	return func(m *Meta, v any, _ *time.Location) error {
		s, err := scalarText(v)
		if err != nil {
			return err
		}
		*field(m) = strings.TrimSpace(s)
		return nil
	}
}

func strs(field func(*Meta) *[]string) fieldSetter {
	return func(m *Meta, v any, _ *time.Location) error {
		var out []string
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				s, err := scalarText(e)
				if err != nil {
					return i18n.Errorf("expected a list of texts: %w", err)
				}
				if s = strings.TrimSpace(s); s != "" {
					out = append(out, s)
				}
			}
		default:
			s, err := scalarText(v)
			if err != nil {
				return i18n.Errorf("expected text or a list of texts, found %s", describe(v))
			}
			if s = strings.TrimSpace(s); s != "" {
				out = []string{s}
			}
		}
		*field(m) = out
		return nil
	}
}

// termsOf decodes the key of the taxonomy tax into Meta.Terms.
func termsOf(tax string) fieldSetter {
	return func(m *Meta, v any, loc *time.Location) error {
		var out []string
		if err := strs(func(*Meta) *[]string { return &out })(m, v, loc); err != nil {
			return err
		}
		if m.Terms == nil {
			m.Terms = map[string][]string{}
		}
		m.Terms[tax] = out
		return nil
	}
}

func boolean(field func(*Meta) *bool) fieldSetter {
	return func(m *Meta, v any, _ *time.Location) error {
		b, ok := v.(bool)
		if !ok {
			return i18n.Errorf("expected true or false, found %s", describe(v))
		}
		*field(m) = b
		return nil
	}
}

func integer(field func(*Meta) *int) fieldSetter {
	return func(m *Meta, v any, _ *time.Location) error {
		switch n := v.(type) {
		case int64:
			if n > math.MaxInt32 || n < math.MinInt32 {
				return i18n.Errorf("number %d is out of range", n)
			}
			*field(m) = int(n)
			return nil
		case float64:
			if n == math.Trunc(n) && math.Abs(n) <= math.MaxInt32 {
				*field(m) = int(n)
				return nil
			}
		}
		return i18n.Errorf("expected a whole number, found %s", describe(v))
	}
}

func date(field func(*Meta) *time.Time) fieldSetter {
	return func(m *Meta, v any, loc *time.Location) error {
		s, err := scalarText(v)
		if err != nil {
			return err
		}
		t, err := ParseDate(s, loc)
		if err != nil {
			return err
		}
		*field(m) = t
		return nil
	}
}

// unknownDate are the words that say an original date is not known.
var unknownDate = map[string]bool{"onbekend": true, "unknown": true}

func originalDate(m *Meta, v any, loc *time.Location) error {
	s, err := scalarText(v)
	if err != nil {
		return err
	}
	if unknownDate[strings.ToLower(strings.TrimSpace(s))] {
		m.Published = OriginalDate{Unknown: true}
		return nil
	}
	t, err := ParseDate(s, loc)
	if err != nil {
		return i18n.Errorf("%w, or \"onbekend\" when the date is not known", err)
	}
	m.Published = OriginalDate{Time: t}
	return nil
}

// dateLayouts are the accepted date forms, tried in order. Dates without a
// zone are in the site's location.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// ParseDate parses an ISO 8601 date or date-time. A date that does not
// exist (30 February) is an error that says so.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	var firstErr error
	for _, layout := range dateLayouts {
		t, err := time.ParseInLocation(layout, s, loc)
		if err == nil {
			return t, nil
		}
		var pe *time.ParseError
		if firstErr == nil && errors.As(err, &pe) && strings.Contains(pe.Message, "out of range") {
			// time's reason ("day out of range") is a catalogue key.
			firstErr = i18n.Errorf("%q is not a real date (%s)", s, i18n.New(strings.TrimPrefix(pe.Message, ": ")))
		}
	}
	if firstErr != nil {
		return time.Time{}, firstErr
	}
	return time.Time{}, i18n.Errorf("%q is not a date; write YYYY-MM-DD, optionally with a time (2019-02-05T10:00:00+01:00)", s)
}

// checkControls returns an error naming the first control character in a
// decoded front matter value (its strings, and the keys of its groups):
// C0 controls but tab and line breaks, DEL and the C1 controls, which YAML
// and TOML escapes (\e, \b, \u001b) and JSON \u escapes let through, and
// which mojibake of Windows text (U+0092 for ’) brings. They are invalid
// in HTML and XML; a page would carry them invisibly or as U+FFFD.
func checkControls(v any) error {
	switch v := v.(type) {
	case string:
		for i, r := range v {
			if isControl(r) {
				return controlError(v, i, r)
			}
		}
	case []any:
		for _, e := range v {
			if err := checkControls(e); err != nil {
				return err
			}
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if err := checkControls(k); err != nil {
				return err
			}
			if err := checkControls(v[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// isControl reports whether r is a control character that front matter
// text may not hold (tab, line feed and carriage return are text).
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f
}

// controlError says which control character s holds at byte i, and after
// which text, so that the editor can find an invisible character.
func controlError(s string, i int, r rune) error {
	before := []rune(s[:i])
	if len(before) == 0 {
		return i18n.Errorf("contains the control character U+%04X at the start", r)
	}
	if len(before) > 20 {
		before = before[len(before)-20:]
	}
	return i18n.Errorf("contains the control character U+%04X after %q", r, string(before))
}
