package site

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
)

// Settings are the front matter keys of the home page (content/_index.md)
// that configure the whole site rather than the cover, with what each is
// for. Templates read them with Site.Setting; check knows them, so it
// does not warn about them as unknown keys on the home page.
var Settings = map[string]string{
	// The address readers write to about accessibility problems, shown
	// by the layout toegankelijkheid. Editors fill it in; while it is
	// empty the page points to the colofon and the build warns.
	"toegankelijkheid_contact": "contact address for accessibility problems (layout toegankelijkheid)",
	// The name of the edition the articles belong to, in their meta
	// line; the theme's default is the closing edition of 2023.
	"uitgave": "name of the edition, shown in every article's meta line",
	// The language of the site as a tag (nl, en); the dev server shows
	// its messages over the page in it. DefaultLang when empty.
	"lang": "language of the site (nl or en), in which the preview shows its messages",
}

// DefaultLang is the site's language when the home page sets none: the
// theme's pages are Dutch (<html lang="nl">).
const DefaultLang = "nl"

// Lang returns the site's language tag: the setting lang, or DefaultLang.
func (s *Site) Lang() string {
	if l := strings.TrimSpace(s.Setting("lang")); l != "" {
		return l
	}
	return DefaultLang
}

// IsSetting reports whether key is one of Settings.
func IsSetting(key string) bool {
	_, ok := Settings[key]
	return ok
}

// SettingNames returns the names of Settings, sorted.
func SettingNames() []string {
	names := make([]string, 0, len(Settings))
	for k := range Settings {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// Setting returns the site setting key (see Settings) as text, "" when
// the home page does not set it. Numbers and other scalars are printed.
func (s *Site) Setting(key string) string {
	v, ok := s.Params[key]
	if !ok || v == nil {
		return ""
	}
	if str, ok := v.(string); ok {
		return str
	}
	return fmt.Sprint(v)
}

// SettingMail returns the setting key as a bare e-mail address, without
// a leading "mailto:", or "" when it is not one (a phone number, say),
// so that a template links only real addresses.
func (s *Site) SettingMail(key string) string {
	v := strings.TrimSpace(s.Setting(key))
	v = strings.TrimPrefix(v, "mailto:")
	a, err := mail.ParseAddress(v)
	if err != nil || a.Name != "" || a.Address != v {
		return ""
	}
	return v
}
