package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/build"
	"github.com/lwa-rotterdam/ezine/generator/schema"
	"github.com/lwa-rotterdam/ezine/generator/theme"
)

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", "[-source DIR] TYPE PATH",
		"Create a page from the theme's archetype for TYPE (themes/ezine/archetypes/TYPE.md),\n"+
			"which lists the front matter that type needs. PATH is relative to content/,\n"+
			"e.g. interviews/haven.md. The new page is a draft.", stderr)
	source := fs.String("source", ".", "site `folder`")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	root, err := os.OpenRoot(*source)
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot open the site folder: %v\n", *source, err)
		return exitError
	}
	defer root.Close()
	types, err := schema.Load(theme.Merge(build.ThemeLayers(root.FS(), build.Config{})))
	if err != nil {
		fmt.Fprintf(stderr, "themes/ezine/%s: %v\n", schema.Dir, err)
		return exitError
	}
	if fs.NArg() != 2 {
		fs.Usage()
		fmt.Fprintf(stderr, "\nTypes: %s\n", strings.Join(schema.Names(types), ", "))
		return exitUsage
	}
	typ, rel := fs.Arg(0), fs.Arg(1)
	t := types[typ]
	if t == nil {
		fmt.Fprintf(stderr, "no archetype %q; types: %s\n", typ, strings.Join(schema.Names(types), ", "))
		return exitUsage
	}
	rel = strings.TrimPrefix(filepath.ToSlash(rel), "content/")
	if !strings.HasSuffix(rel, ".md") || !validContentPath(rel) {
		fmt.Fprintf(stderr, "PATH %q must be a .md file inside content/, such as interviews/haven.md\n", fs.Arg(1))
		return exitUsage
	}
	name := "content/" + rel
	if _, err := root.Stat(name); err == nil {
		fmt.Fprintf(stderr, "%s already exists; choose another PATH\n", name)
		return exitError
	}
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
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
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return exitError
	}
	fmt.Fprintf(stdout, "created %s (type %s, a draft)\n", name, typ)
	if todo := placeholderSummary(t); todo != "" {
		fmt.Fprintf(stdout, "before it is published, replace the archetype's example text (%s) and every %q; check and build name each line left\n", todo, schema.Marker)
	}
	return exitOK
}

// placeholderSummary says what example text of the archetype a page must
// replace before it is published (schema.Placeholder), "" for none.
func placeholderSummary(t *schema.Type) string {
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
	if lines == 1 {
		keys = append(keys, "1 line of text")
	} else if lines > 1 {
		keys = append(keys, fmt.Sprintf("%d lines of text", lines))
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
	title := strings.ReplaceAll(strings.ReplaceAll(base, "-", " "), "_", " ")
	if r := []rune(title); len(r) > 0 {
		title = strings.ToUpper(string(r[0])) + string(r[1:])
	}
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
