package site

import (
	"cmp"
	"errors"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/images"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// Image is an image file the site publishes, with the resized copies
// (variants) published beside it: every PNG, JPEG and SVG of the content
// folder (a bundle's images too) and of the site's static folder. Pages
// show it through the copies: a Markdown image, a figuur block or the
// front matter image naming the file gets srcset, sizes, width and
// height. Images are known only when Config.Images is set.
type Image struct {
	Path     string // in the site's file system: "content/verhalen/a.png", "static/x.png"
	URL      string // of the original, root-relative and escaped
	Output   string // the original's output file
	Info     *images.Info
	Variants []ImageVariant // narrowest first; none for SVG
}

// ImageVariant is one resized copy of an Image.
type ImageVariant struct {
	images.Variant
	URL    string // root-relative, escaped
	Output string // output file: "verhalen/a-800w.png"
}

// LeadImage is the image a page's front matter names (image, image_alt):
// the page's lead image, shown at the top and loaded first.
type LeadImage struct {
	markdown.ImageSet
	Alt string
}

// fallbackWidth is the widest copy used for src (and so by anything that
// ignores srcset: feed readers, link previews): sharp in a text column on
// a laptop, small enough for a phone.
const fallbackWidth = 1200

// Images returns the site's images in path order, for the renderer to
// publish their variants.
func (s *Site) Images() []*Image { return s.images }

// ImageProcessor returns the processor that makes the variants, or nil.
func (s *Site) ImageProcessor() *images.Processor { return s.cfg.Images }

// set is the image as a page shows it.
func (img *Image) set() *markdown.ImageSet {
	set := &markdown.ImageSet{Src: img.URL, Width: img.Info.Width, Height: img.Info.Height}
	for _, v := range img.Variants {
		set.Candidates = append(set.Candidates, markdown.ImageCandidate{URL: v.URL, Width: v.Width})
		if v.Width <= fallbackWidth || set.Src == img.URL {
			set.Src = v.URL
		}
	}
	return set
}

// collectImages inspects every image the site publishes: the content
// folder's (s.Resources) and the static folder's. It reads only the
// header of each; an image that cannot be read, or whose content does
// not match its name, is an error naming the file.
func (b *builder) collectImages() {
	proc := b.s.cfg.Images
	if proc == nil || b.s.cfg.FS == nil {
		return
	}
	b.s.imgByOutput = map[string]*Image{}
	add := func(fsPath, output string) {
		f, err := b.s.cfg.FS.Open(fsPath)
		if err != nil {
			b.diags.Add(diag.Errorf(fsPath, 0, "cannot read: %v", err))
			return
		}
		info, err := proc.Inspect(fsPath, f)
		_ = f.Close()
		if err != nil {
			e := diag.Errorf(fsPath, 0, "%v", err)
			if ie := (*images.Error)(nil); errors.As(err, &ie) {
				e.WithHintMsg(ie.HintMsg())
			}
			b.diags.Add(e)
			return
		}
		img := &Image{Path: fsPath, URL: escapeURL("/" + output), Output: output, Info: info}
		for _, v := range info.Variants {
			out := images.VariantName(output, v)
			img.Variants = append(img.Variants, ImageVariant{Variant: v, URL: escapeURL("/" + out), Output: out})
		}
		b.s.images = append(b.s.images, img)
		if _, dup := b.s.imgByOutput[output]; !dup {
			b.s.imgByOutput[output] = img // a clash of two files is reported by the renderer
		}
	}
	for _, r := range b.s.Resources {
		if images.Handles(r.Source.Rel) {
			add(r.Source.Path, r.Output)
		}
	}
	static, _ := content.PublishedFiles(b.s.cfg.FS, "static")
	for _, rel := range static {
		if images.Handles(rel) {
			add("static/"+rel, rel)
		}
	}
	slices.SortFunc(b.s.images, func(x, y *Image) int { return strings.Compare(x.Path, y.Path) })
}

// imageAt finds the image a page means by dest: relative to the page's
// folder (a bundle's own image), or from the site root (a file of the
// static folder, or any published file of the content folder). nil when
// the site has no such image, or does not process images.
func (p *Page) imageAt(dest string) *Image {
	s := p.site
	if s.imgByOutput == nil || p.Source == nil {
		return nil
	}
	decoded, _, _, ok := markdown.SplitTarget(dest)
	if !ok || decoded == "" {
		return nil
	}
	if strings.HasPrefix(decoded, "/") {
		return s.imgByOutput[strings.TrimPrefix(path.Clean(decoded), "/")]
	}
	if r := s.resRel[path.Join(path.Dir(p.Source.Rel), decoded)]; r != nil {
		return s.imgByOutput[r.Output]
	}
	return nil
}

// imageSet is the page's Markdown image hook (markdown.Input.Image).
func (p *Page) imageSet(dest string) (*markdown.ImageSet, error) {
	if img := p.imageAt(dest); img != nil {
		return img.set(), nil
	}
	return nil, nil
}

// Image returns the page's lead image from its front matter, or nil when
// it names none. Build has checked that the file exists and that
// image_alt describes it.
func (p *Page) Image() *LeadImage {
	m := p.Meta()
	if m.Image == "" {
		return nil
	}
	alt := strings.TrimSpace(m.ImageAlt)
	if set := p.facts().ImageSet(p, m.Image); set != nil {
		return &LeadImage{ImageSet: *set, Alt: alt}
	}
	u, err := p.leadImageURL(m.Image)
	if err != nil {
		return nil
	}
	return &LeadImage{ImageSet: markdown.ImageSet{Src: u}, Alt: alt}
}

// leadImageURL resolves a front matter image that is not one the site
// resizes (a GIF, say, or any image when images are not processed).
func (p *Page) leadImageURL(dest string) (string, error) {
	if markdown.HasScheme(dest) || strings.HasPrefix(dest, "//") {
		return "", i18n.Errorf("is on another site")
	}
	if !strings.HasPrefix(dest, "/") {
		return p.resolve(dest)
	}
	decoded, err := url.PathUnescape(dest)
	if err != nil {
		return "", i18n.Errorf("broken %%-escape")
	}
	rel := strings.TrimPrefix(path.Clean(decoded), "/")
	if r := p.site.resRel[rel]; r != nil {
		return r.URL, nil
	}
	if fsys := p.site.cfg.FS; fsys != nil {
		if info, err := fs.Stat(fsys, "static/"+rel); err == nil && info.Mode().IsRegular() {
			return escapeURL("/" + rel), nil
		}
	}
	return "", i18n.Errorf("no file static/%s or content/%s", rel, rel)
}

// checkLeadImages checks the front matter image of every published page:
// the file must be one of the site's, and image_alt must say what it
// shows. Problems are errors at the line of the image key.
func (b *builder) checkLeadImages() {
	for _, p := range b.s.Pages {
		b.checkLeadImage(p)
	}
	if h := b.s.Home; h != nil && h.Source != nil {
		b.checkLeadImage(h)
	}
	for _, sec := range b.secs {
		if sec.Source != nil {
			b.checkLeadImage(sec)
		}
	}
}

func (b *builder) checkLeadImage(p *Page) {
	m := &p.Source.Meta
	line := m.Lines["image"]
	if m.Image == "" {
		if strings.TrimSpace(m.ImageAlt) != "" {
			b.diags.Add(diag.Warnf(p.Source.Path, cmp.Or(m.Lines["image_alt"], m.Lines["imagealt"]), "image_alt without image").
				WithHint("add image: with the file the text describes, or remove image_alt"))
		}
		return
	}
	if p.imageAt(m.Image) == nil {
		if _, err := p.leadImageURL(m.Image); err != nil {
			b.diags.Add(diag.Errorf(p.Source.Path, line, "image %q: %v", m.Image, err).
				WithHint("put the image beside the page (image: tekening.png) or in static/ (image: /illustraties/tekening.png)"))
			return
		}
	}
	if why := markdown.AltProblem(strings.TrimSpace(m.ImageAlt), m.Image); why != "" {
		b.diags.Add(diag.Errorf(p.Source.Path, line, "image %q: image_alt %s", m.Image, i18n.New(why)).
			WithHint("add image_alt: what the image shows, for readers who cannot see it (image_alt: \"Tekening van drie havenkranen aan de Maas\")"))
	}
}
