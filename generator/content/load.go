// Package content loads the content folder of a site: it walks the folder,
// splits each Markdown file's front matter from its body, decodes the front
// matter into typed fields, and lists the other files (images, downloads)
// as resources.
//
// In: an fs.FS holding the site and the name of its content folder. Out: a
// Tree of pages (front matter decoded, body left on disk to be read when it
// is rendered) and resources, plus every problem found as a diag.List. The
// loader refuses what a site must never publish: binary or non-UTF-8 text,
// links that leave the site, special files.
package content

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/pool"
)

// MaxFileSize caps a Markdown file: far above any article, low enough that
// a runaway file cannot exhaust memory.
const MaxFileSize = 16 << 20

// Options configures Load. The zero value loads with dates in UTC and no
// taxonomies.
type Options struct {
	// Location is the time zone of dates written without one.
	Location *time.Location
	// Taxonomies are the names of the site's taxonomies (lower case):
	// the front matter keys whose text or list of texts Meta.Terms holds.
	// A name that is also a typed key (type) keeps its typed meaning.
	Taxonomies []string
}

// Tree is the loaded content folder.
type Tree struct {
	Pages     []*Page     // in path order
	Resources []*Resource // in path order
	// Dropped counts the Markdown files that could not be loaded as pages
	// at all (unreadable, binary, not UTF-8, front matter never closed).
	// A file whose front matter has errors is loaded all the same, as an
	// Invalid page, so that its body can be checked too.
	Dropped int
}

// Page is one Markdown file with its decoded front matter.
type Page struct {
	// Path is the file's path relative to the site ("content/a/b.md").
	Path string
	// Rel is the path relative to the content folder ("a/b.md").
	Rel string
	// IsSection is true for _index.md, the page of a folder.
	IsSection bool
	// IsBundle is true for index.md: a page whose folder holds its files.
	IsBundle bool
	// Meta is the decoded front matter.
	Meta Meta
	// BodyLine is the file line the Markdown body starts on.
	BodyLine int
	// Invalid is true when the front matter has errors (reported by
	// Load): the fields in error are left at their zero value, the rest
	// and the body are as written. Such a page is never published; a
	// build goes on with it only to report every problem of the site at
	// once.
	Invalid bool

	bodyOffset int
	size       int64
}

// Resource is a file in the content folder that is not Markdown.
type Resource struct {
	Path string // relative to the site
	Rel  string // relative to the content folder
	Size int64
}

// Load walks dir in fsys and loads every file in it. Files are read and
// decoded in parallel; the result and the problems come out in path order.
func Load(ctx context.Context, fsys fs.FS, dir string, opts Options) (*Tree, diag.List) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	var diags diag.List
	info, err := fs.Stat(fsys, dir)
	if err != nil || !info.IsDir() {
		diags.Add(diag.Errorf(dir, 0, "no %s folder in the site", dir).
			WithHintf("check -source: it must point at the folder that holds %s/", dir))
		return nil, diags
	}
	var mdFiles []string
	tree := &Tree{}
	walkErr := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Add(diag.Errorf(p, 0, "cannot read: %v", unwrapPathError(err)))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		name := d.Name()
		if p != dir && Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		typ := d.Type()
		var size int64
		if typ&fs.ModeSymlink != 0 {
			// fs.Stat follows the link; an os.Root-backed FS refuses links
			// that resolve outside the site.
			target, err := fs.Stat(fsys, p)
			if err != nil {
				diags.Add(diag.Errorf(p, 0, "symbolic link cannot be followed: %s", linkProblem(err)).
					WithHint("links must point at a file inside the site; copy the file here instead"))
				return nil
			}
			if !target.Mode().IsRegular() {
				diags.Add(diag.Errorf(p, 0, "symbolic link does not point at a regular file").
					WithHint("links to folders or special files are not followed; copy the files here instead"))
				return nil
			}
			size = target.Size()
		} else if !typ.IsRegular() {
			diags.Add(diag.Errorf(p, 0, "not a regular file but %s", fileKind(typ)).
				WithHint("remove it from the content folder"))
			return nil
		} else {
			info, err := d.Info()
			if err != nil {
				diags.Add(diag.Errorf(p, 0, "cannot read: %v", unwrapPathError(err)))
				return nil
			}
			size = info.Size()
		}
		rel := strings.TrimPrefix(p, dir+"/")
		if strings.EqualFold(path.Ext(name), ".md") {
			if size > MaxFileSize {
				diags.Add(diag.Errorf(p, 0, "file is %d MB; the limit is %d MB", size>>20, MaxFileSize>>20).
					WithHint("split it into several pages"))
				return nil
			}
			mdFiles = append(mdFiles, p)
			return nil
		}
		tree.Resources = append(tree.Resources, &Resource{Path: p, Rel: rel, Size: size})
		return nil
	})
	if walkErr != nil {
		diags.Add(i18n.Errorf("walk %s: %w", dir, walkErr))
		return nil, diags
	}

	pages := make([]*Page, len(mdFiles))
	errs := make([]diag.List, len(mdFiles))
	pool.Run(ctx, len(mdFiles), 0, func(i int) {
		pages[i], errs[i] = loadPage(fsys, dir, mdFiles[i], opts)
	})
	if err := ctx.Err(); err != nil {
		diags.Add(err)
		return nil, diags
	}
	for i, p := range pages {
		diags = append(diags, errs[i]...)
		if p != nil {
			tree.Pages = append(tree.Pages, p)
		} else {
			tree.Dropped++
		}
	}
	slices.SortFunc(tree.Resources, func(a, b *Resource) int { return strings.Compare(a.Path, b.Path) })
	return tree, diags
}

// linkProblem says in words why a symbolic link cannot be followed.
func linkProblem(err error) *i18n.Msg {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return i18n.New("its target does not exist")
	case errors.Is(err, syscall.ELOOP):
		return i18n.New("it is a loop")
	case strings.Contains(err.Error(), "escapes"):
		return i18n.New("it points outside the site (or is a loop)")
	}
	return i18n.New("%v", unwrapPathError(err))
}

// fileKind names a special file type.
func fileKind(m fs.FileMode) *i18n.Msg {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return i18n.New("a named pipe")
	case m&fs.ModeSocket != 0:
		return i18n.New("a socket")
	case m&fs.ModeDevice != 0:
		return i18n.New("a device")
	}
	return i18n.New("a special file")
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func loadPage(fsys fs.FS, dir, p string, opts Options) (*Page, diag.List) {
	var diags diag.List
	data, err := readFile(fsys, p)
	if err != nil {
		diags.Add(diag.Errorf(p, 0, "cannot read: %v", unwrapPathError(err)))
		return nil, diags
	}
	size := int64(len(data))
	data, err = normalize(data)
	if err != nil {
		var le *lineError
		if errors.As(err, &le) {
			diags.Add((&diag.Error{Path: p, Line: le.line, Col: le.col, Err: le.err}).WithHintMsg(le.hint))
		} else {
			diags.Add(diag.Errorf(p, 0, "%v", err))
		}
		return nil, diags
	}
	mt, off, err := splitFrontMatter(data)
	if err != nil {
		diags.Add(toDiag(p, err))
		if off == 0 {
			return nil, diags // the body cannot be told from the front matter
		}
	}
	for _, e := range mt.errs {
		diags.Add(toDiag(p, e))
	}
	meta, errs := decodeMeta(mt, opts)
	for _, e := range errs {
		diags.Add(toDiag(p, e))
	}
	rel := strings.TrimPrefix(p, dir+"/")
	base := path.Base(rel)
	pg := &Page{
		Path:       p,
		Rel:        rel,
		IsSection:  base == "_index.md",
		IsBundle:   base == "index.md",
		Meta:       meta,
		BodyLine:   1 + bytes.Count(data[:off], []byte("\n")),
		bodyOffset: off,
		size:       size,
	}
	for _, e := range validateMeta(pg) {
		diags.Add(toDiag(p, e))
	}
	pg.Invalid = diags.HasErrors()
	return pg, diags
}

func toDiag(p string, err error) *diag.Error {
	var le *lineError
	if errors.As(err, &le) {
		return (&diag.Error{Path: p, Line: le.line, Col: le.col, Err: le.err}).WithHintMsg(le.hint)
	}
	return diag.Errorf(p, 0, "%v", err)
}

// validateMeta checks the fields that decide where a page is written.
func validateMeta(p *Page) []*lineError {
	m := &p.Meta
	var errs []*lineError
	if m.Slug != "" {
		if s := Slugify(m.Slug); s == "" {
			errs = append(errs, &lineError{line: m.Lines["slug"], err: i18n.Errorf("slug %q has no letters or digits", m.Slug)})
			m.Slug = ""
		} else {
			m.Slug = s
		}
	}
	if m.URL != "" {
		u, err := cleanPagePath(m.URL)
		if err != nil {
			errs = append(errs, &lineError{line: m.Lines["url"], err: i18n.Errorf("url: %w", err), hint: reservedHint(err)})
			m.URL = ""
		} else {
			m.URL = u
		}
	}
	aliases := m.Aliases[:0]
	for _, a := range m.Aliases {
		u, err := cleanPagePath(a)
		if err != nil {
			errs = append(errs, &lineError{line: m.Lines["aliases"], err: i18n.Errorf("aliases: %w", err), hint: reservedHint(err)})
			continue
		}
		aliases = append(aliases, u)
	}
	m.Aliases = aliases
	if m.Layout != "" && !validName(m.Layout) {
		errs = append(errs, &lineError{line: m.Lines["layout"], err: i18n.Errorf("layout %q is not a plain name", m.Layout), hint: i18n.New("use letters, digits, - and _ only, such as \"interview\"")})
		m.Layout = ""
	}
	if m.Type != "" && !validName(m.Type) {
		errs = append(errs, &lineError{line: m.Lines["type"], err: i18n.Errorf("type %q is not a plain name", m.Type), hint: i18n.New("use letters, digits, - and _ only, such as \"interview\"")})
		m.Type = ""
	}
	return errs
}

// errReserved says a path lies under ReservedPrefix.
var errReserved = i18n.Errorf("lies under %s, which the dev server keeps for itself", ReservedPrefix)

// cleanPagePath is CleanURLPath for a page's url and aliases, which must
// also stay out of ReservedPrefix.
func cleanPagePath(raw string) (string, error) {
	u, err := CleanURLPath(raw)
	if err == nil && Reserved(u) {
		return "", i18n.Errorf("%q %w", raw, errReserved)
	}
	return u, err
}

func reservedHint(err error) *i18n.Msg {
	if errors.Is(err, errReserved) {
		return i18n.New("choose another path; %s is the preview's own", ReservedPrefix)
	}
	return nil
}

// validName reports whether s is safe as a template or folder name.
func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func readFile(fsys fs.FS, p string) ([]byte, error) {
	if rf, ok := fsys.(fs.ReadFileFS); ok {
		// The walk has checked the file's size against the cap already;
		// a file that grew since is caught below.
		data, err := rf.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if len(data) > MaxFileSize {
			return nil, i18n.Errorf("file is larger than %d MB", MaxFileSize>>20)
		}
		return data, nil
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Read one byte past the cap so that a file that grew is caught.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, i18n.Errorf("file is larger than %d MB", MaxFileSize>>20)
	}
	return data, nil
}

// normalize removes a byte order mark, turns CRLF and lone CR line ends into
// LF (which keeps line numbers), and refuses binary or non-UTF-8 text.
func normalize(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		return nil, &lineError{line: line, err: i18n.Errorf("file contains NUL bytes: it is binary, not Markdown text"), hint: i18n.New("save the file as plain UTF-8 text, or give it another extension than .md")}
	}
	if !utf8.Valid(data) {
		off := invalidUTF8(data)
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		col := off - bytes.LastIndexByte(data[:off], '\n')
		return nil, &lineError{line: line, col: col, err: i18n.Errorf("file is not valid UTF-8"), hint: i18n.New("save the file with UTF-8 encoding")}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, nil
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// Body reads the page's Markdown body from fsys again. Bodies are not kept
// in memory between loading and rendering, so that a large site's sources
// are never all held at once. A file that changed since it was loaded is an
// error: build again.
func (p *Page) Body(fsys fs.FS) ([]byte, error) {
	data, err := readFile(fsys, p.Path)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) != p.size {
		return nil, i18n.Errorf("file changed during the build; build again")
	}
	data, err = normalize(data)
	if err != nil {
		return nil, err
	}
	if p.bodyOffset > len(data) {
		return nil, i18n.Errorf("file changed during the build; build again")
	}
	return data[p.bodyOffset:], nil
}
