package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/hyphen"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

// Func is a template function and what it reads, for an analysis that
// finds what a layout reads without running it (the dev server's, in
// generator/devsite).
type Func struct {
	Fn    any // as a template.FuncMap holds it
	Reads Reads
	// PagePaths, for Reads == ReadsPage, lists the access paths the
	// function reads of the page handed to it first, on a site of
	// vocabulary v.
	PagePaths func(v vocab.Vocabulary) []Path
}

// Reads is what a template function reads. The zero value is no
// declaration: every function of the table has one.
type Reads int

const (
	// ReadsArgs: the function reads only the values handed to it and the
	// session's fixed settings (the theme's assets, the site's base URL
	// and vocabulary), and what it returns is made of them.
	ReadsArgs Reads = iota + 1
	// BuildsMap: it returns a map of its arguments, taken as pairs of key
	// and value (dict).
	BuildsMap
	// BuildsList: it returns a list of its arguments (list).
	BuildsList
	// ReadsPage: it is handed a page first, reads PagePaths of it, and
	// returns data that holds no page (jsonLD).
	ReadsPage
)

// A Path is an access path: the fields and methods a template takes in
// turn from a value, as in .Site.Title; "*" is any element of a list.
type Path []Step

// A Step is a field, a method called with constant arguments, or "*".
type Step struct {
	Name string
	Args []any
}

// steps is the path of argument-less steps.
func steps(names ...string) Path {
	p := make(Path, len(names))
	for i, n := range names {
		p[i] = Step{Name: n}
	}
	return p
}

// Funcs are the template functions, by the name templates call them.
type Funcs map[string]Func

// FuncMap returns the functions for template.Funcs.
func (fs Funcs) FuncMap() template.FuncMap {
	m := make(template.FuncMap, len(fs))
	for name, f := range fs {
		m[name] = f.Fn
	}
	return m
}

// funcs returns the template functions. The set is small on purpose;
// everything else is a method of site.Page or site.Site.
//
//	asset "css/main.css"   URL of a fingerprinted theme asset
//	hasAsset "js/x.js"     whether the theme has that asset
//	absURL "/a/"           absolute URL when the site has a base URL
//	jsonLD .               schema.org data of the page, for a JSON-LD script
//	longDate .Date         "5 februari 2019", with the month names of the
//	                       theme's vocabulary ([strings] months)
//	isoDate .Date          "2019-02-05"
//	dict "k" v ...         a map, to pass several values to a partial
//	list a b ...           a list
//	add a b, sub a b       integer arithmetic
//	lower s                lower case
//	slugify s              URL segment of s
//	hyph s                 s with soft hyphens in its long Dutch words, for
//	                       HTML text only (titles, leads, labels); never in
//	                       attributes, <title> or JSON-LD
//	hyphHeadings .Content  converted Markdown with soft hyphens in the text
//	                       of its headings (generator/hyphen)
//	partial "name" data    (added by the theme package)
func (r *renderer) funcs() Funcs {
	return Funcs{
		"asset":        {Fn: r.asset, Reads: ReadsArgs},
		"hasAsset":     {Fn: r.hasAsset, Reads: ReadsArgs},
		"absURL":       {Fn: r.absURL, Reads: ReadsArgs},
		"jsonLD":       {Fn: jsonLD, Reads: ReadsPage, PagePaths: jsonLDReads},
		"longDate":     {Fn: r.longDate, Reads: ReadsArgs},
		"isoDate":      {Fn: isoDate, Reads: ReadsArgs},
		"dict":         {Fn: dict, Reads: BuildsMap},
		"list":         {Fn: func(v ...any) []any { return v }, Reads: BuildsList},
		"add":          {Fn: func(a, b int) int { return a + b }, Reads: ReadsArgs},
		"sub":          {Fn: func(a, b int) int { return a - b }, Reads: ReadsArgs},
		"lower":        {Fn: strings.ToLower, Reads: ReadsArgs},
		"slugify":      {Fn: content.Slugify, Reads: ReadsArgs},
		"hyph":         {Fn: hyphen.Text, Reads: ReadsArgs},
		"hyphHeadings": {Fn: hyphHeadings, Reads: ReadsArgs},
	}
}

func (r *renderer) asset(name string) (string, error) {
	u, ok := r.assets[name]
	if !ok {
		return "", i18n.Errorf("no asset %q in the theme's assets folder", name)
	}
	return u, nil
}

func (r *renderer) hasAsset(name string) bool {
	_, ok := r.assets[name]
	return ok
}

func (r *renderer) absURL(u string) string {
	if strings.HasPrefix(u, "/") {
		return r.site.AbsURL(u)
	}
	return u
}

// longDate writes t as day, month name and year, in the site's words.
func (r *renderer) longDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", t.Day(), r.site.Vocabulary().Month(t.Month()), t.Year())
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, i18n.Errorf("dict needs pairs of key and value")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, i18n.Errorf("dict key %v is not text", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func hyphHeadings(h template.HTML) template.HTML {
	return template.HTML(hyphen.Headings(string(h))) //nolint:gosec // soft hyphens added to the text of trusted HTML
}
