// Package site builds the model of a site from its loaded content: which
// pages are published, at which URL, in which order, in which sections and
// taxonomy terms, and what comes before and after each page in the edition.
//
// In: a content.Tree and a Config. Out: a *Site whose pages templates read,
// and the problems found (two files for one URL, a front matter image that
// is not there). The model is structure only, and does not change once
// built: it holds front matter, never a page's Markdown. What a body
// yields (HTML, outline, words, images' sizes) is kept by package facts,
// which the model reads through the Facts interface it declares, attached
// once after Build (Site.SetFacts); the one question a conversion asks the
// model is Resolve.
package site

import (
	"cmp"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

// Kind says what a page is.
type Kind string

// The kinds of page.
const (
	KindHome     Kind = "home"
	KindSection  Kind = "section"
	KindPage     Kind = "page"
	KindTaxonomy Kind = "taxonomy"
	KindTerm     Kind = "term"
	Kind404      Kind = "404"
)

// Config configures Build. The zero value builds a plain site: no drafts,
// relative URLs only, dates in UTC.
type Config struct {
	// BaseURL is the absolute URL the site is served from, such as
	// "https://ezine.example.nl/". Empty gives root-relative permalinks.
	BaseURL string
	// Drafts publishes drafts and pages with a future publish date.
	Drafts bool
	// Now is the time against which publish and expiry dates are checked.
	Now time.Time
	// FS holds the site: Build looks in its static folder for the files
	// that front matter images name. Nothing is read from it later.
	FS fs.FS
	// Vocabulary is the theme's: the taxonomies pages are grouped by, in
	// order, and the roles they play (see package vocab). The zero value
	// groups pages in no taxonomy.
	Vocabulary vocab.Vocabulary
}

// Site is the model of a whole site.
type Site struct {
	Title       string
	Description string
	BaseURL     string // ends in "/", or is empty
	Params      map[string]any

	Home       *Page
	Sections   []*Page     // top-level sections, in order
	Pages      []*Page     // published regular pages, in order
	Edition    []*Page     // regular pages with a weight: the reading order
	Taxonomies []*Taxonomy // in the order of Config.Vocabulary
	Resources  []*Resource
	Aliases    []Alias
	// Unpublished lists the pages left out of this build (drafts, future,
	// expired), for check to report.
	Unpublished []*Page

	// all is every page that gets a file, in output order.
	all    []*Page
	byRel  map[string]*Page // content-relative source path -> page
	byURL  map[string]*Page
	resRel map[string]*Resource // content-relative source path -> file
	resOut map[string]*Resource // output file -> file
	resURL map[string]*Resource // URL (escaped) -> file
	dirs   map[string]*Page     // content folder -> its bundle or section page
	cfg    Config
	facts  Facts // attached after Build (SetFacts); nil: none

	// terms are the defined terms of each closed taxonomy (DefinedTerms).
	terms map[string][]string
}

// Resource is a file of the content folder that is not Markdown: published
// beside the pages when a published page uses it (see UsedFiles).
type Resource struct {
	Source *content.Resource
	URL    string // root-relative, path-escaped
	Output string // output file path
	Owner  *Page  // the bundle page it belongs to, or nil
}

// Alias is an old URL that redirects to a page.
type Alias struct {
	URL    string
	Output string
	Target *Page
}

// Taxonomy is one way of grouping pages, with its terms.
type Taxonomy struct {
	Name  string
	Page  *Page   // the index of terms
	Terms []*Page // term pages, by title
}

// All returns every page that is written to the output, in a fixed order:
// home, sections, regular pages, taxonomies and their terms.
func (s *Site) All() []*Page { return s.all }

// GetPage finds a page by its source path relative to the content folder
// ("interviews/zorg.md") or by its URL ("/interviews/zorg/"); nil if none.
func (s *Site) GetPage(ref string) *Page {
	if p := s.byRel[strings.TrimPrefix(ref, "/")]; p != nil {
		return p
	}
	if !strings.HasSuffix(ref, "/") && path.Ext(ref) == "" {
		ref += "/"
	}
	return s.byURL[ref]
}

// Vocabulary returns the theme's vocabulary the site was built with: its
// taxonomies and the roles they play (Subject, Related), and the texts
// the engine writes (Strings).
func (s *Site) Vocabulary() vocab.Vocabulary { return s.cfg.Vocabulary }

// Taxonomy returns the taxonomy with the given name, or nil.
func (s *Site) Taxonomy(name string) *Taxonomy {
	for _, t := range s.Taxonomies {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// AbsURL joins a root-relative URL to the base URL.
func (s *Site) AbsURL(rel string) string {
	if s.BaseURL == "" {
		return rel
	}
	return strings.TrimSuffix(s.BaseURL, "/") + rel
}

// Build makes the model from a loaded tree.
func Build(tree *content.Tree, cfg Config) (*Site, diag.List) {
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	b := &builder{
		s: &Site{
			BaseURL: normalizeBaseURL(cfg.BaseURL),
			byRel:   map[string]*Page{},
			byURL:   map[string]*Page{},
			resRel:  map[string]*Resource{},
			resOut:  map[string]*Resource{},
			resURL:  map[string]*Resource{},
			dirs:    map[string]*Page{},
			cfg:     cfg,
		},
		outputs: map[string]string{},
	}
	b.pages(tree)
	b.sections()
	b.order()
	b.taxonomies()
	b.resources(tree)
	b.aliases()
	b.finish()
	b.leadImages()
	b.diags.Sort()
	return b.s, b.diags
}

func normalizeBaseURL(u string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

type builder struct {
	s       *Site
	diags   diag.List
	outputs map[string]string // output file -> source that writes it
	expiry  string            // the home page's expiry: the site's default
	regular []*Page
	secs    map[string]*Page // section folder -> section page
	taxMeta map[string]*Page // "tax" or "tax/term" -> page from content
}

// claim records that source writes file; a second source for the same file
// is an error naming both.
func (b *builder) claim(file, source string, line int) bool {
	if prev, ok := b.outputs[file]; ok {
		b.diags.Add(diag.Errorf(source, line, "writes %s, which %s also writes", file, prev).
			WithHint("give one of them another slug or url"))
		return false
	}
	b.outputs[file] = source
	return true
}

func (b *builder) published(p *Page) bool {
	m := &p.Source.Meta
	now := b.s.cfg.Now
	pub := cmp.Or(m.PublishDate, m.Date)
	switch {
	case !m.ExpiryDate.IsZero() && !m.ExpiryDate.After(now):
		if cmp.Or(m.Expiry, b.expiry) == content.ExpiryArchive && !m.Draft {
			p.Archived = true
			return true
		}
		p.Status = StatusExpired
		return false
	case m.Draft:
		p.Status = StatusDraft
	case !pub.IsZero() && pub.After(now):
		p.Status = StatusFuture
	default:
		return true
	}
	return b.s.cfg.Drafts
}

// pages turns every loaded file into a page, leaving out what is not
// published, and gives each its URL.
func (b *builder) pages(tree *content.Tree) {
	b.secs = map[string]*Page{}
	b.taxMeta = map[string]*Page{}
	isTax := map[string]bool{}
	for _, t := range b.s.cfg.Vocabulary.Names() {
		isTax[t] = true
	}
	for _, src := range tree.Pages {
		if src.IsSection && path.Dir(src.Rel) == "." {
			b.expiry = src.Meta.Expiry // the site's default, before any page
		}
	}
	for _, src := range tree.Pages {
		p := newPage(b.s, src)
		dir := path.Dir(src.Rel)
		if dir == "." {
			dir = ""
		}
		top, _, _ := strings.Cut(dir, "/")
		if !b.published(p) {
			b.s.Unpublished = append(b.s.Unpublished, p)
			continue
		}
		switch {
		case src.IsSection && dir == "":
			p.Kind = KindHome
			p.URL = "/"
			b.s.Home = p
		case src.IsSection && isTax[top]:
			b.taxMeta[dir] = p // the taxonomy's or a term's own title and text
			continue
		case src.IsSection:
			p.Kind = KindSection
			p.URL = urlOfDir(dir)
			b.secs[dir] = p
			b.s.dirs[dir] = p
		default:
			p.Kind = KindPage
			name := strings.TrimSuffix(path.Base(src.Rel), path.Ext(src.Rel))
			parent := dir
			if src.IsBundle {
				name = path.Base(dir)
				parent = path.Dir(dir)
				if parent == "." {
					parent = ""
				}
				b.s.dirs[dir] = p
			}
			slug := cmp.Or(src.Meta.Slug, content.Slugify(name))
			if slug == "" {
				b.diags.Add(diag.Errorf(src.Path, 0, "the file name has no letters or digits to make a URL from").
					WithHint("rename the file, or set slug in the front matter"))
				continue
			}
			p.URL = urlOfDir(parent) + slug + "/"
			b.regular = append(b.regular, p)
		}
		if src.Meta.URL != "" {
			p.URL = src.Meta.URL
		}
		if content.Reserved(p.URL) {
			b.diags.Add(reservedPage(src, p.URL))
			continue
		}
		p.Permalink = b.s.AbsURL(escapeURL(p.URL))
		b.s.byRel[src.Rel] = p
	}
	if b.s.Home == nil {
		b.s.Home = &Page{Kind: KindHome, URL: "/", site: b.s, Title: "Home"}
		b.s.Home.Permalink = b.s.AbsURL("/")
	}
	home := b.s.Home
	b.s.Title = home.Title
	b.s.Description = home.Description
	if home.Source != nil {
		b.s.Params = home.Source.Meta.Params
	}
}

// reservedPage is the error for a page whose slug, folder or file name
// puts it under content.ReservedPrefix (a url there is refused when the
// front matter is loaded).
func reservedPage(src *content.Page, u string) *diag.Error {
	hint := i18n.New("rename it; %s is the preview's own", content.ReservedPrefix)
	top, _, nested := strings.Cut(src.Rel, "/")
	switch {
	case src.Meta.Slug != "" && content.Reserved("/"+src.Meta.Slug):
		return diag.Errorf(src.Path, src.Meta.Lines["slug"], "slug %q puts the page at %s", src.Meta.Slug, u).
			WithHintf("choose another slug; %s is the preview's own", content.ReservedPrefix)
	case nested:
		return diag.Errorf(src.Path, 0, "the folder %s puts the page at %s", top, u).WithHintMsg(hint)
	}
	return diag.Errorf(src.Path, 0, "the file name puts the page at %s", u).WithHintMsg(hint)
}

// urlOfDir turns a content folder into a URL prefix: "a b/c" -> "/a-b/c/".
func urlOfDir(dir string) string {
	if dir == "" {
		return "/"
	}
	var sb strings.Builder
	for seg := range strings.SplitSeq(dir, "/") {
		sb.WriteByte('/')
		sb.WriteString(content.Slugify(seg))
	}
	sb.WriteByte('/')
	return sb.String()
}

// EscapeURL percent-escapes a root-relative path for use in HTML and
// feeds, segment by segment: the one escaping of every URL of the site.
func EscapeURL(p string) string { return escapeURL(p) }

func escapeURL(p string) string {
	if plainURL(p) {
		return p // the common case, called for every link in every list
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// plainURL reports whether p holds only letters, digits, "/" and the
// unreserved "-._~", which url.PathEscape leaves as they are.
func plainURL(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

// sections makes a page for every top-level folder (and every deeper folder
// with an _index.md) and files regular pages under their nearest section.
func (b *builder) sections() {
	for _, p := range b.regular {
		dir := path.Dir(p.Source.Rel)
		if p.Source.IsBundle {
			dir = path.Dir(dir)
		}
		if dir == "." {
			p.Parent = b.s.Home
			p.Type = cmp.Or(p.Source.Meta.Type, "page")
			continue
		}
		top, _, _ := strings.Cut(dir, "/")
		p.Section = top
		if _, ok := b.secs[top]; !ok {
			sec := &Page{Kind: KindSection, URL: urlOfDir(top), site: b.s, Title: TitleFromName(top), Section: top}
			sec.Permalink = b.s.AbsURL(escapeURL(sec.URL))
			b.secs[top] = sec
		}
		parent := b.secs[top]
		for d := dir; d != top && d != "."; d = path.Dir(d) {
			if sec, ok := b.secs[d]; ok {
				parent = sec
				break
			}
		}
		p.Parent = parent
		if !p.Archived {
			parent.Pages = append(parent.Pages, p)
		}
		p.Type = cmp.Or(p.Source.Meta.Type, top)
	}
	for dir, sec := range b.secs {
		sec.Section, _, _ = strings.Cut(dir, "/")
		sec.Type = "section"
		if sec.Source != nil && sec.Source.Meta.Type != "" {
			sec.Type = sec.Source.Meta.Type
		}
		if !strings.Contains(dir, "/") {
			sec.Parent = b.s.Home
			b.s.Sections = append(b.s.Sections, sec)
		} else {
			parent := b.secs[path.Dir(dir)]
			if parent == nil {
				parent = b.secs[sec.Section]
			}
			sec.Parent = parent
			if parent != nil {
				parent.Sections = append(parent.Sections, sec)
			}
		}
	}
}

// TitleFromName makes a title from a file or folder name, for pages that
// have none of their own (a section without _index.md, a term, a page made
// with new): dashes and underscores become spaces and the first letter a
// capital, "tussen-evaluatie" -> "Tussen evaluatie".
func TitleFromName(name string) string {
	return capitalize(strings.ReplaceAll(strings.ReplaceAll(name, "-", " "), "_", " "))
}

// order sorts every list and links pages to their neighbours.
func (b *builder) order() {
	sortPages(b.regular)
	b.s.Pages = b.regular
	for i, p := range b.regular {
		p.index = i
	}
	var listed []*Page // what the cover lists: archived pages are not
	for _, p := range b.regular {
		if !p.Archived {
			listed = append(listed, p)
		}
		if p.Weight > 0 && !p.Archived {
			b.s.Edition = append(b.s.Edition, p)
		}
	}
	for i, p := range b.s.Edition {
		if i > 0 {
			p.Prev = b.s.Edition[i-1]
		}
		if i+1 < len(b.s.Edition) {
			p.Next = b.s.Edition[i+1]
		}
	}
	sortPages(b.s.Sections)
	for _, sec := range b.secs {
		sortPages(sec.Pages)
		sortPages(sec.Sections)
		for i, p := range sec.Pages {
			if i > 0 {
				p.PrevInSection = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				p.NextInSection = sec.Pages[i+1]
			}
		}
	}
	b.s.Home.Pages = listed
	b.s.Home.Sections = b.s.Sections
}

// sortPages orders by weight (pages without one last), then date (newest
// first), then title, then source path, so that the order never depends
// on the file system.
func sortPages(pages []*Page) {
	slices.SortStableFunc(pages, comparePages)
}

func comparePages(a, b *Page) int {
	wa, wb := a.Weight, b.Weight
	if (wa == 0) != (wb == 0) {
		if wa == 0 {
			return 1
		}
		return -1
	}
	return cmp.Or(
		cmp.Compare(wa, wb),
		b.Date.Compare(a.Date),
		strings.Compare(a.Title, b.Title),
		strings.Compare(a.sourceRel(), b.sourceRel()),
		strings.Compare(a.URL, b.URL),
	)
}

// finish lists every page that gets a file and checks that no two sources
// write the same file.
func (b *builder) finish() {
	s := b.s
	all := []*Page{s.Home}
	all = append(all, b.sortedSections()...)
	all = append(all, s.Pages...)
	for _, t := range s.Taxonomies {
		all = append(all, t.Page)
		all = append(all, t.Terms...)
	}
	for _, p := range all {
		if b.claim(content.OutputFile(p.URL), p.sourceName(), p.urlLine()) {
			s.byURL[p.URL] = p
			s.all = append(s.all, p)
		}
	}
	for _, r := range s.Resources {
		b.claim(r.Output, r.Source.Path, 0)
	}
	for _, a := range s.Aliases {
		b.claim(a.Output, a.Target.sourceName(), a.Target.Source.Meta.Lines["aliases"])
	}
}

func (b *builder) sortedSections() []*Page {
	dirs := make([]string, 0, len(b.secs))
	for d := range b.secs {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs)
	out := make([]*Page, len(dirs))
	for i, d := range dirs {
		out[i] = b.secs[d]
	}
	return out
}

// resources gives the content folder's other files their URLs: a bundle's
// files beside its page, and any other file at its own path. Which of them
// are published depends on the pages' Markdown (UsedFiles).
func (b *builder) resources(tree *content.Tree) {
	for _, r := range tree.Resources {
		dir := path.Dir(r.Rel)
		var owner *Page
		var ownerDir string
		for d := dir; d != "." && d != ""; d = path.Dir(d) {
			if p, ok := b.s.dirs[d]; ok && p.Kind == KindPage {
				owner, ownerDir = p, d
				break
			}
		}
		var u string
		if owner != nil {
			u = owner.URL + strings.TrimPrefix(r.Rel, ownerDir+"/")
		} else {
			if b.unpublishedBundle(dir) {
				continue
			}
			u = "/" + r.Rel
		}
		if content.Reserved(u) {
			b.diags.Add(diag.Errorf(r.Path, 0, "the file would be published at %s, which lies under %s", u, content.ReservedPrefix).
				WithHintf("move it to another folder; %s is the preview's own", content.ReservedPrefix))
			continue
		}
		res := &Resource{Source: r, URL: escapeURL(u), Output: strings.TrimPrefix(u, "/"), Owner: owner}
		b.s.Resources = append(b.s.Resources, res)
		b.s.resRel[r.Rel] = res
		b.s.resOut[res.Output] = res
		b.s.resURL[res.URL] = res
	}
}

// unpublishedBundle reports whether dir lies in the folder of a bundle that
// is not published, whose files must stay out too.
func (b *builder) unpublishedBundle(dir string) bool {
	for _, p := range b.s.Unpublished {
		if p.Source.IsBundle {
			bd := path.Dir(p.Source.Rel)
			if dir == bd || strings.HasPrefix(dir, bd+"/") {
				return true
			}
		}
	}
	return false
}

func (b *builder) aliases() {
	for _, p := range b.s.Pages {
		for _, a := range p.Source.Meta.Aliases {
			b.s.Aliases = append(b.s.Aliases, Alias{URL: a, Output: content.OutputFile(a), Target: p})
		}
	}
}

// Special returns a page that has no source and is not part of any list,
// such as the 404 page, for the renderer to give a layout.
func (s *Site) Special(kind Kind, title, url string) *Page {
	return &Page{Kind: kind, Title: title, URL: url, Permalink: s.AbsURL(escapeURL(url)), Parent: s.Home, site: s}
}

// RelPermalink is the alias's root-relative URL, escaped for use in HTML
// and redirect files.
func (a Alias) RelPermalink() string { return escapeURL(a.URL) }
