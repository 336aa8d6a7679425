// Package vocab reads a theme's vocabulary: the taxonomies its pages are
// grouped by, the role each plays for the generic stages, and the few
// interface texts the generator writes outside the theme's layouts. The
// stages know no taxonomy by name; they receive a Vocabulary.
//
// A theme declares it in theme.toml at its root, as Hugo's config declares
// taxonomies and Zola's lists them in order:
//
//	subject = "deelakkoord"              # what a page is about
//	related = ["deelakkoord", "thema"]   # what related pages share
//
//	[[taxonomies]]
//	name = "deelakkoord"                 # the front matter key and /deelakkoord/
//	title = "Deelakkoord"                # its page's title without an _index.md
//
//	[strings]
//	notFound = "Pagina niet gevonden"    # the 404 page's title
//	homeAnchor = "voorpagina"            # the home page's id in the print edition
//	videoLoad = "Video laden"            # the video block's button (and its note, link)
//	months = ["januari", …]              # month names of longDate
//
// The taxonomies are listed in the order the site shows them; "type"
// groups pages by their content type, the others by the terms their front
// matter key lists (deelakkoord: [zorg, haven]). The subject is the one
// that says what a page is about: the feeds list its terms as categories,
// an article's JSON-LD names them as "about", and the search index offers
// them as a filter. Related are the ones Page.Related compares pages by.
// Which keys a content type requires is not the vocabulary's: the theme's
// archetypes declare it (package schema).
//
// A theme without theme.toml has no taxonomies. A site's own theme folder
// replaces the built-in theme.toml as a whole, as it does any file.
//
// In: the theme's file system. Out: a Vocabulary, or the problem at its
// line of theme.toml.
package vocab

import (
	"cmp"
	"errors"
	"io/fs"
	"slices"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// File is the vocabulary's file at the root of a theme.
const File = "theme.toml"

// TypeTaxonomy is the taxonomy whose terms are the pages' content types
// (Hugo's type key) rather than the values of a front matter list.
const TypeTaxonomy = "type"

// Vocabulary is what a theme declares about its taxonomies and the texts
// the generator writes for it. The zero value has no taxonomies and the
// neutral texts (see NotFoundTitle, HomeAnchor).
type Vocabulary struct {
	// Taxonomies are the ways pages are grouped, in the order the site
	// lists them.
	Taxonomies []Taxonomy
	// Subject names the taxonomy that says what a page is about (the
	// e-zine's sector): feed categories, JSON-LD "about", the search
	// filter. "" for none.
	Subject string
	// Related names the taxonomies Page.Related counts shared terms of.
	Related []string
	// Strings are the interface texts the engine writes itself.
	Strings Strings
}

// Taxonomy is one way of grouping pages.
type Taxonomy struct {
	// Name is the front matter key and the site folder (/name/term/).
	Name string
	// Title is the title of the taxonomy's page when the site's
	// content/<name>/_index.md gives none.
	Title string
}

// Strings are the texts the generator writes outside the theme's layouts.
type Strings struct {
	// NotFound is the title of the page layouts/404.html renders.
	NotFound string `toml:"notFound"`
	// HomeAnchor is the id of the home page's part of a page that shows
	// several (Page.Anchor, the print edition).
	HomeAnchor string `toml:"homeAnchor"`
	// VideoLoad, VideoNote and VideoWatch are the video block's button,
	// its note and its link (package markdown/blocks, Texts; {platform}
	// and {title} stand for the video's).
	// Months are the names of the twelve months, January first, for the
	// template function longDate ("5 februari 2019").
	Months []string `toml:"months"`
	// PageID is the fragment of the id of a page's node in its JSON-LD
	// ("https://…/a/#pagina").
	PageID     string `toml:"pageId"`
	VideoLoad  string `toml:"videoLoad"`
	VideoNote  string `toml:"videoNote"`
	VideoWatch string `toml:"videoWatch"`
}

// Names returns the taxonomies' names, in order.
func (v Vocabulary) Names() []string {
	out := make([]string, len(v.Taxonomies))
	for i, t := range v.Taxonomies {
		out[i] = t.Name
	}
	return out
}

// Has reports whether name is one of the taxonomies.
func (v Vocabulary) Has(name string) bool {
	return slices.ContainsFunc(v.Taxonomies, func(t Taxonomy) bool { return t.Name == name })
}

// Title returns the declared title of the taxonomy name, "" when it has
// none.
func (v Vocabulary) Title(name string) string {
	for _, t := range v.Taxonomies {
		if t.Name == name {
			return t.Title
		}
	}
	return ""
}

// NotFoundTitle is the title of the 404 page: the theme's, else "404".
func (v Vocabulary) NotFoundTitle() string { return cmp.Or(v.Strings.NotFound, "404") }

// englishMonths are the month names of a theme that declares none.
var englishMonths = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// Month is the name of month m: the theme's, else the English one.
func (v Vocabulary) Month(m time.Month) string {
	if len(v.Strings.Months) == 12 {
		return v.Strings.Months[m-1]
	}
	return englishMonths[m-1]
}

// PageID is the fragment of a page's JSON-LD node id: the theme's, else
// "page".
func (v Vocabulary) PageID() string { return cmp.Or(v.Strings.PageID, "page") }

// HomeAnchor is the home page's anchor: the theme's, else "home".
func (v Vocabulary) HomeAnchor() string { return cmp.Or(v.Strings.HomeAnchor, "home") }

// Load reads File from a theme. A theme without one has the zero
// Vocabulary. A problem is a *diag.Error whose Path is File, at its line.
func Load(theme fs.FS) (Vocabulary, error) {
	data, err := fs.ReadFile(theme, File)
	if errors.Is(err, fs.ErrNotExist) {
		return Vocabulary{}, nil
	}
	if err != nil {
		return Vocabulary{}, diag.Errorf(File, 0, "cannot read: %v", err)
	}
	return Parse(data)
}

// Parse reads a vocabulary from the text of a theme.toml.
func Parse(data []byte) (Vocabulary, error) {
	var v Vocabulary
	md, err := toml.Decode(string(data), &v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Vocabulary{}, (&diag.Error{Path: File, Line: pe.Position.Line, Col: pe.Position.Col,
				Err: i18n.Errorf("theme vocabulary (TOML): %v", pe.Message)}).WithHint("check the TOML syntax: key = \"value\"")
		}
		// A value of the wrong kind (a list where a text belongs).
		return Vocabulary{}, diag.Errorf(File, 0, "theme vocabulary (TOML): %v", err)
	}
	lines := keyLines(data)
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		return Vocabulary{}, diag.Errorf(File, lines[k], "unknown key %q", k).
			WithHintf("the keys are subject, related, [[taxonomies]] name and title, [strings] notFound, homeAnchor, pageId, months, videoLoad, videoNote and videoWatch")
	}
	return v, v.validate(lines)
}
