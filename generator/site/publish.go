package site

import (
	"net/url"
	"path"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// The publishing rule of the content folder: a file there that is not
// Markdown (a PDF, an image, a spreadsheet) is published only when a
// published page uses it, that is when
//
//   - a link or an image in the page's Markdown points at it, e-zine
//     blocks included (figuur src, kerncijfer bron), relative to the page
//     ("plan.pdf", "../haven/kaart.svg") or from the site root
//     ("/verhalen/haven/plan.pdf"); or
//   - the page's front matter image names it.
//
// Everything else stays out: notes, exports and data files beside a page,
// the files of drafts, and files no page links any more. A download is a
// file a page links; there is no separate list. Hidden files and editors'
// leftovers (content.Ignored) are never published, and a link to one is an
// error. This is Hugo's rule with publishResources = false, for every file
// of the content folder: resources are published when used.

// UsedFiles returns the site paths ("content/verhalen/haven/plan.pdf") of
// the content folder's files that the published pages use, by the rule
// above; only those are published. It reads the links of the pages' bodies
// from f, which converts the pages that were not converted yet.
func (s *Site) UsedFiles(f Facts) map[string]bool {
	used := map[string]bool{}
	if len(s.Resources) == 0 {
		return used // no page can use a file: the common case, at no cost
	}
	for _, p := range s.all {
		if p.Source == nil {
			continue
		}
		for _, l := range f.Result(p).Links {
			if r := p.resourceAt(l.Dest); r != nil {
				used[r.Source.Path] = true
			}
		}
		if r := p.resourceAt(p.Source.Meta.Image); r != nil {
			used[r.Source.Path] = true
		}
	}
	return used
}

// LinksFile reports whether dest, a link or image target of the page as
// its converted Markdown records it (markdown.Link.Dest), is a file of the
// content folder, which the link then makes published.
func (p *Page) LinksFile(dest string) bool { return p.resourceAt(dest) != nil }

// resourceAt finds the content file that a link target of the page means:
// relative to the page's folder, or from the site root (as links come back
// from resolving). nil when it is no file of the content folder.
func (p *Page) resourceAt(dest string) *Resource {
	s := p.site
	if dest == "" || len(s.Resources) == 0 {
		return nil
	}
	target := dest
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		target = dest[:i]
	}
	if r := s.resURL[target]; r != nil {
		return r // a relative link resolved to the file's URL: most links to files
	}
	if strings.HasSuffix(target, "/") || markdown.HasScheme(target) || strings.HasPrefix(target, "//") {
		return nil // a folder (a page), or another site
	}
	decoded, err := url.PathUnescape(target)
	if err != nil || decoded == "" {
		return nil
	}
	if strings.HasPrefix(decoded, "/") {
		return s.resOut[strings.TrimPrefix(path.Clean(decoded), "/")]
	}
	return s.resRel[path.Join(path.Dir(p.Source.Rel), decoded)]
}

// neverPublished is the error for a link to a hidden file or an editor's
// leftover, which the content folder never publishes (content.Ignored).
func neverPublished(rel string) error {
	return i18n.Errorf("content/%s is never published: hidden files and editors' leftovers (backups, merge and swap files) stay out of the site; rename the file if it belongs on it", rel)
}

// isNeverPublished reports whether a content-relative path names a hidden
// file or an editor's leftover.
func isNeverPublished(rel string) bool { return content.IgnoredPath(rel) }
