package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
	"github.com/lwa-rotterdam/ezine/generator/schema"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/theme"
)

func runNew(c *call, args []string) int {
	ctx, stdout, stderr := c.ctx, c.stdout, c.stderr
	fs := c.newFlags("new",
		"Create a page from the theme's archetype for TYPE (themes/ezine/archetypes/TYPE.md),\n"+
			"which lists the front matter that type needs. PATH is relative to content/,\n"+
			"e.g. interviews/haven.md. The new page is a draft.")
	source := fs.String("source", ".", "site `folder`")
	if code := c.parseFlags(fs, args); code >= 0 {
		return code
	}
	root, err := os.OpenRoot(*source)
	if err != nil {
		c.printf(stderr, "%s: cannot open the site folder: %v\n", *source, err)
		return exitError
	}
	defer root.Close()
	types, err := schema.Load(theme.Merge(pipeline.ThemeLayers(root.FS(), pipeline.Config{})))
	if err != nil {
		c.printf(stderr, "themes/ezine/%s: %v\n", schema.Dir, err)
		return exitError
	}
	if fs.NArg() != 2 {
		fs.Usage()
		c.printf(stderr, "\nTypes: %s\n", strings.Join(schema.Names(types), ", "))
		return exitUsage
	}
	typ, rel := fs.Arg(0), fs.Arg(1)
	t := types[typ]
	if t == nil {
		c.printf(stderr, "no archetype %q; types: %s\n", typ, strings.Join(schema.Names(types), ", "))
		return exitUsage
	}
	rel = strings.TrimPrefix(filepath.ToSlash(rel), "content/")
	if !strings.HasSuffix(rel, ".md") || !validContentPath(rel) {
		c.printf(stderr, "PATH %q must be a .md file inside content/, such as interviews/haven.md\n", fs.Arg(1))
		return exitUsage
	}
	name := "content/" + rel
	if _, err := root.Stat(name); err == nil {
		c.printf(stderr, "%s already exists; choose another PATH\n", name)
		return exitError
	}
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		c.printf(stderr, "%s: cannot create the file: %v\n", name, err)
		return exitError
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err == nil {
		_, err = f.Write(scaffold(t.Template, rel))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		c.printf(stderr, "%s: cannot create the file: %v\n", name, err)
		return exitError
	}
	c.printf(stdout, "created %s (type %s, a draft)\n", name, typ)
	if todo := placeholderSummary(t, c.lang); todo != "" {
		c.printf(stdout, "before it is published, replace the archetype's example text (%s) and every %q; check and build name each line left\n", todo, schema.Marker)
	}
	for _, r := range ruleSummary(t, siteTerms(ctx, root.FS())) {
		fmt.Fprintln(stdout, r.Localize(c.lang))
	}
	return exitOK
}

// ruleSummary says, one line a field, what the archetype's rules ask of
// the values (schema's rules.go), as check and build apply them; terms
// gives the site's terms of a closed taxonomy.
func ruleSummary(t *schema.Type, terms func(key string) []string) []*i18n.Msg {
	var out []*i18n.Msg
	for _, f := range t.Fields {
		switch {
		case f.NonEmpty && len(terms(f.Key)) > 0:
			out = append(out, i18n.New("%s: at least one of %s", f.Key, strings.Join(terms(f.Key), ", ")))
		case f.NonEmpty:
			out = append(out, i18n.New("%s: at least one value", f.Key))
		case f.Sentence && f.MaxLen > 0:
			out = append(out, i18n.New("%s: one sentence of %d to %d characters", f.Key, f.MinLen, f.MaxLen))
		case f.MaxLen > 0:
			out = append(out, i18n.New("%s: %d to %d characters", f.Key, f.MinLen, f.MaxLen))
		case f.Sentence:
			out = append(out, i18n.New("%s: one sentence", f.Key))
		}
	}
	return out
}

// siteTerms returns the terms the site defines for each closed taxonomy,
// as a build finds them; none when the content does not load.
func siteTerms(ctx context.Context, fsys fs.FS) func(string) []string {
	v, _ := pipeline.Vocabulary(fsys, pipeline.Config{})
	tree, _ := content.Load(ctx, fsys, "content", pipeline.ContentOptions(v))
	if tree == nil {
		return func(string) []string { return nil }
	}
	s, _ := site.Build(tree, site.Config{FS: fsys, Vocabulary: v})
	return s.DefinedTerms
}

// placeholderSummary says what example text of the archetype a page must
// replace before it is published (schema.Placeholder), "" for none.
func placeholderSummary(t *schema.Type, lang i18n.Lang) string {
	var keys []string
	lines := 0
	for _, p := range t.Placeholders {
		switch {
		case p.Key == "title":
			// scaffold fills in a title that holds "…".
			if !strings.Contains(p.Text, "…") {
				keys = append(keys, p.Key)
			}
		case p.Key != "":
			keys = append(keys, p.Key)
		default:
			lines++
		}
	}
	if lines > 0 {
		keys = append(keys, i18n.Sprintf(lang, "%d lines of text", lines))
	}
	return strings.Join(keys, ", ")
}

// validContentPath refuses paths that leave content/.
func validContentPath(rel string) bool {
	if path.IsAbs(rel) || strings.Contains(rel, `\`) {
		return false
	}
	for seg := range strings.SplitSeq(rel, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// scaffold fills the archetype's title placeholder ("…") with a title
// made from the file name: "interviews/nieuw-interview.md" gives
// "Nieuw interview".
func scaffold(archetype []byte, rel string) []byte {
	base := strings.TrimSuffix(path.Base(rel), ".md")
	if base == "index" || base == "_index" {
		base = path.Base(path.Dir(rel))
	}
	title := site.TitleFromName(base)
	lines := strings.SplitAfter(string(archetype), "\n")
	for i, l := range lines {
		if i > 0 && strings.TrimSpace(l) == "---" {
			break // end of front matter
		}
		if strings.HasPrefix(l, "title:") && strings.Contains(l, "…") {
			lines[i] = fmt.Sprintf("title: %q\n", title)
			break
		}
	}
	return []byte(strings.Join(lines, ""))
}
