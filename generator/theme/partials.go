package theme

import "html/template"

// Partials returns the set that holds every partial of the theme, each
// under its name ("toc.html"), for tools that read the templates rather
// than run them, such as the dev server's dependency analysis.
func (t *Theme) Partials() *template.Template { return t.partial }

// HasPartial reports whether the theme has layouts/partials/NAME.
func (t *Theme) HasPartial(name string) bool { return t.partial.Lookup(name) != nil }

// Partial runs layouts/partials/NAME with data, as the templates'
// partial function does, for the renderer's own outputs (share cards).
func (t *Theme) Partial(name string, data any) (string, error) {
	html, err := t.runPartial(name, data)
	return string(html), err
}
