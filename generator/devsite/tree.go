package devsite

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
)

// contentDir is the content folder of a site.
const contentDir = "content"

// tree is the loaded content folder as it is on disk now, kept between
// rebuilds. A change reloads only the files under the changed paths, with
// content.Load itself on a view of the site that shows nothing else, so
// that a file loads exactly as in a full build.
type tree struct {
	pages map[string]*content.Page     // by site path ("content/a.md")
	res   map[string]*content.Resource // by site path
	diags map[string]diag.List         // load problems, by the path they name
	opts  content.Options              // as a build loads (the theme's taxonomies)
}

func newTree() *tree {
	return &tree{pages: map[string]*content.Page{}, res: map[string]*content.Resource{}, diags: map[string]diag.List{}}
}

// within reports whether p is dir or lies under it.
func within(p, dir string) bool {
	return dir == "" || p == dir || strings.HasPrefix(p, dir+"/")
}

// reload forgets what the tree holds at or under each of paths (site
// paths inside the content folder, or the folder itself) and loads what is
// there now.
func (t *tree) reload(ctx context.Context, fsys fs.FS, paths []string) error {
	for _, p := range paths {
		for k := range t.pages {
			if within(k, p) {
				delete(t.pages, k)
			}
		}
		for k := range t.res {
			if within(k, p) {
				delete(t.res, k)
			}
		}
		for k := range t.diags {
			if within(k, p) || k == "" {
				delete(t.diags, k)
			}
		}
		// "no content folder": reported again below if it is still so.
		delete(t.diags, contentDir)
		view := fsys
		if p != contentDir {
			view = &subtreeFS{fsys: fsys, dir: p}
		}
		loaded, diags := content.Load(ctx, view, contentDir, t.opts)
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, d := range diags {
			t.diags[d.Path] = append(t.diags[d.Path], d)
		}
		if loaded == nil {
			continue
		}
		for _, pg := range loaded.Pages {
			t.pages[pg.Path] = pg // an Invalid one too, as a build keeps it
		}
		for _, r := range loaded.Resources {
			t.res[r.Path] = r
		}
	}
	return nil
}

// problems returns the load problems, sorted.
func (t *tree) problems() diag.List {
	var out diag.List
	for _, l := range t.diags {
		out = append(out, l...)
	}
	out.Sort()
	return out
}

// unloadable reports whether an error names a Markdown file that could not
// be loaded as a page at all (content.Tree.Dropped), or the content folder:
// a build stops there, as links to the file would all be reported broken.
func (t *tree) unloadable() bool {
	for p, l := range t.diags {
		if !l.HasErrors() || t.pages[p] != nil {
			continue
		}
		if p == "" || p == contentDir || path.Ext(p) == ".md" {
			return true
		}
	}
	return false
}

// contentTree returns the tree as content.Load returns it: pages in the
// order of a walk (folder by folder, names sorted), resources by path.
func (t *tree) contentTree() *content.Tree {
	ct := &content.Tree{}
	for _, p := range t.pages {
		ct.Pages = append(ct.Pages, p)
	}
	slices.SortFunc(ct.Pages, func(a, b *content.Page) int { return walkOrder(a.Path, b.Path) })
	for _, r := range t.res {
		ct.Resources = append(ct.Resources, r)
	}
	slices.SortFunc(ct.Resources, func(a, b *content.Resource) int { return strings.Compare(a.Path, b.Path) })
	return ct
}

// walkOrder compares paths as fs.WalkDir visits them: segment by segment.
func walkOrder(a, b string) int {
	for {
		sa, ra, moreA := strings.Cut(a, "/")
		sb, rb, moreB := strings.Cut(b, "/")
		if c := strings.Compare(sa, sb); c != 0 {
			return c
		}
		if !moreA || !moreB {
			switch {
			case moreA:
				return 1
			case moreB:
				return -1
			}
			return 0
		}
		a, b = ra, rb
	}
}

// subtreeFS shows only dir, everything under it, and the folders above it
// (each listing only the next folder down).
type subtreeFS struct {
	fsys fs.FS
	dir  string
}

func (s *subtreeFS) visible(name string) bool {
	return within(name, s.dir) || name == "." || strings.HasPrefix(s.dir, name+"/")
}

func (s *subtreeFS) Open(name string) (fs.File, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return s.fsys.Open(name)
}

func (s *subtreeFS) Stat(name string) (fs.FileInfo, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return fs.Stat(s.fsys, name)
}

func (s *subtreeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if within(name, s.dir) {
		return fs.ReadDir(s.fsys, name)
	}
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	// A folder above dir lists only the next one down, found without
	// reading the whole folder (which may hold thousands of pages).
	rest := strings.TrimPrefix(s.dir, name+"/")
	if name == "." {
		rest = s.dir
	}
	next, _, _ := strings.Cut(rest, "/")
	child := path.Join(name, next)
	info, err := lstat(s.fsys, child)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return []fs.DirEntry{fs.FileInfoToDirEntry(info)}, nil
}

func lstat(fsys fs.FS, name string) (fs.FileInfo, error) {
	if l, ok := fsys.(fs.ReadLinkFS); ok {
		return l.Lstat(name)
	}
	return fs.Stat(fsys, name)
}

// has reports whether the tree holds anything at or under p: a page, a
// resource or a problem.
func (t *tree) has(p string) bool {
	if t.pages[p] != nil || t.res[p] != nil || t.diags[p] != nil {
		return true
	}
	for k := range t.pages {
		if within(k, p) {
			return true
		}
	}
	for k := range t.res {
		if within(k, p) {
			return true
		}
	}
	for k := range t.diags {
		if within(k, p) {
			return true
		}
	}
	return false
}
