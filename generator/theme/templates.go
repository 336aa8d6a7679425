package theme

import (
	"html/template"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Theme is a loaded theme.
type Theme struct {
	fs      overlay
	layouts map[string]*template.Template // by file path ("layouts/_default/single.html")
	partial *template.Template            // every partial, by name ("toc.html")
	cache   *partialCache                 // for partialCached
}

// FS returns the merged file system of the theme.
func (t *Theme) FS() fs.FS { return t.fs }

// Origin names the file that serves name (for messages), such as
// "themes/ezine/layouts/_default/single.html".
func (t *Theme) Origin(name string) string { return t.fs.origin(name) }

// Load reads and parses every layout of the theme with funcs. The
// functions "partial" and "partialCached" are added here: partial runs
// layouts/partials/NAME with the given data and returns the HTML;
// partialCached does the same once per NAME and variant values, as Hugo's
// does (see runPartialCached).
func Load(layers []Layer, funcs template.FuncMap) (*Theme, diag.List) {
	t := &Theme{fs: overlay(layers), layouts: map[string]*template.Template{}, cache: newPartialCache(partialCacheFloor)}
	// The vocabulary is read before the theme is loaded (it decides how
	// pages are read); a problem in it is the theme's problem too, so
	// that whatever loads the theme again (the dev server) reports it.
	_, diags := Vocabulary(layers)
	all := template.FuncMap{}
	for k, v := range funcs {
		all[k] = v
	}
	all["partial"] = t.runPartial
	all["partialCached"] = t.runPartialCached

	// Partials form one set that every layout can call by name.
	t.partial = template.New("partials").Funcs(all)
	var layoutFiles []string
	err := fs.WalkDir(t.fs, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".xml") && !strings.HasSuffix(p, ".json") {
			return nil
		}
		if strings.HasPrefix(p, "layouts/partials/") {
			name := strings.TrimPrefix(p, "layouts/partials/")
			if err := t.parseInto(t.partial.New(name), p); err != nil {
				diags.Add(err)
			}
			return nil
		}
		if path.Base(p) != "baseof.html" {
			layoutFiles = append(layoutFiles, p)
		}
		return nil
	})
	if err != nil {
		diags.Add(i18n.Errorf("read theme layouts: %w", err))
		return nil, diags
	}
	bases := map[string]*template.Template{}
	for _, p := range layoutFiles {
		tmpl, err := t.parseLayout(p, all, bases)
		if err != nil {
			diags.Add(err)
			continue
		}
		if tmpl != nil {
			t.layouts[p] = tmpl
		}
	}
	if len(t.layouts) == 0 && len(diags) == 0 {
		diags.Add(diag.Errorf(Dir, 0, "the theme has no layouts").
			WithHint("a theme needs at least layouts/_default/single.html and list.html"))
	}
	return t, diags
}

// parseLayout parses a layout file. A layout that defines "main" is set in
// its base: layouts/<dir>/baseof.html when there is one, else
// layouts/_default/baseof.html. Each base is parsed once and cloned.
func (t *Theme) parseLayout(p string, funcs template.FuncMap, bases map[string]*template.Template) (*template.Template, error) {
	src, err := fs.ReadFile(t.fs, p)
	if err != nil {
		return nil, i18n.Errorf("read %s: %w", t.Origin(p), err)
	}
	if !definesMain.Match(src) {
		root := template.New(p).Funcs(funcs)
		if err := t.parseInto(root, p); err != nil {
			return nil, err
		}
		return root, nil
	}
	baseName := path.Join(path.Dir(p), "baseof.html")
	if _, err := fs.Stat(t.fs, baseName); err != nil {
		baseName = "layouts/_default/baseof.html"
	}
	base, ok := bases[baseName]
	if !ok {
		base = template.New(baseName).Funcs(funcs)
		if err := t.parseInto(base, baseName); err != nil {
			base = nil
			bases[baseName] = nil
			return nil, err
		}
		bases[baseName] = base
	}
	if base == nil {
		return nil, nil // the base's error is already reported
	}
	root, err := base.Clone()
	if err != nil {
		return nil, i18n.Errorf("clone %s: %w", baseName, err)
	}
	if err := t.parseInto(root.New(p), p); err != nil {
		return nil, err
	}
	return root, nil
}

// definesMain finds {{ define "main" }} in a layout, with any trim markers.
var definesMain = regexp.MustCompile(`\{\{-?\s*define\s+"main"`)

func (t *Theme) parseInto(tmpl *template.Template, p string) error {
	src, err := fs.ReadFile(t.fs, p)
	if err != nil {
		return i18n.Errorf("read %s: %w", t.Origin(p), err)
	}
	if _, err := tmpl.Parse(string(src)); err != nil {
		return t.templateError(err, p)
	}
	return nil
}

var tmplErrRE = regexp.MustCompile(`^(?:html/)?template: ([^:]+?):(\d+)(?::(\d+))?: (.*)$`)

// templateError turns a template error into a diag.Error at the theme file
// and line it names.
func (t *Theme) templateError(err error, fallback string) *diag.Error {
	msg := err.Error()
	if m := tmplErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		file := m[1]
		if !strings.HasPrefix(file, "layouts/") {
			file = "layouts/partials/" + file
		}
		return &diag.Error{Path: t.Origin(file), Line: line, Col: col, Err: i18n.Errorf("template: %s", m[4])}
	}
	return &diag.Error{Path: t.Origin(fallback), Err: err}
}

// ExecError turns an error from executing a template into a diag.Error at
// the template file and line.
func (t *Theme) ExecError(err error, layout string) *diag.Error {
	return t.templateError(err, layout)
}

func (t *Theme) runPartial(name string, data any) (template.HTML, error) {
	if !strings.HasSuffix(name, ".html") {
		name += ".html"
	}
	if t.partial.Lookup(name) == nil {
		return "", i18n.Errorf("no partial %q in layouts/partials", name)
	}
	var b strings.Builder
	if err := t.partial.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil //nolint:gosec // output of html/template
}

// Layout returns the first of the candidate layout files that exists, and
// its name; nil when none does.
func (t *Theme) Layout(candidates []string) (*template.Template, string) {
	for _, c := range candidates {
		if tmpl := t.layouts[c]; tmpl != nil {
			return tmpl, c
		}
	}
	return nil, ""
}

// HasLayout reports whether the theme has the layout file p.
func (t *Theme) HasLayout(p string) bool { return t.layouts[p] != nil }

// cacheKey identifies one cached partial: its name and up to three
// variant values (pages, numbers, strings).
type cacheKey struct {
	name string
	vars [3]any
}

// runPartialCached runs a partial once per name and variants and reuses
// the HTML: {{ partialCached "kaart.html" (dict "p" . "h" 3) . 3 }} renders
// each page's card once, however many lists show it. As in Hugo, the data
// is not part of the key; the variants must say everything the output
// depends on. The cache lives until ResetCache (every build, and every
// rebuild of the dev server) and holds a bounded number of bytes a page
// (see partialCache and FitCache): a partial may be rendered again.
func (t *Theme) runPartialCached(name string, data any, variants ...any) (template.HTML, error) {
	key := cacheKey{name: name}
	if len(variants) > len(key.vars) {
		return "", i18n.Errorf("partialCached %q: at most %d variants", name, len(key.vars))
	}
	for i, v := range variants {
		if v != nil && !reflect.TypeOf(v).Comparable() {
			return "", i18n.Errorf("partialCached %q: variant %d (%T) cannot be a cache key; use a page, number or text", name, i+1, v)
		}
		key.vars[i] = v
	}
	if html, ok := t.cache.load(key); ok {
		return html, nil
	}
	html, err := t.runPartial(name, data)
	if err != nil {
		return "", err
	}
	t.cache.store(key, html)
	return html, nil
}

// ResetCache forgets every cached partial, for a new build of the site.
func (t *Theme) ResetCache() { t.cache.reset() }

// FitCache sizes the partialCached cache for a site of pages pages, so
// that the share of partials rendered again, and with it the time a page
// takes, does not grow with the site, while the memory the cache holds
// grows no faster than the pages.
func (t *Theme) FitCache(pages int) { t.cache.fit(pages, partialCacheFloor, partialCachePerPage) }
