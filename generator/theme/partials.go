package theme

import "html/template"

// Partials returns the set that holds every partial of the theme, each
// under its name ("toc.html"), for tools that read the templates rather
// than run them, such as the dev server's dependency analysis.
func (t *Theme) Partials() *template.Template { return t.partial }
