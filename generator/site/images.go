package site

import (
	"cmp"
	"io/fs"
	"path"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/images"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// LeadImage is the image a page's front matter names (image, image_alt):
// the page's lead image, shown at the top and loaded first.
type LeadImage struct {
	markdown.ImageSet
	Alt string
}

// Image returns the page's lead image from its front matter, or nil when
// it names none: with its size and resized copies when the site resizes
// it (Facts.ImageSet), else at its URL. Build has checked that the file
// exists and that image_alt describes it.
func (p *Page) Image() *LeadImage {
	m := p.Meta()
	if m.Image == "" {
		return nil
	}
	alt := strings.TrimSpace(m.ImageAlt)
	if set := p.facts().ImageSet(p, m.Image); set != nil {
		return &LeadImage{ImageSet: *set, Alt: alt}
	}
	if p.leadURL == "" {
		return nil
	}
	return &LeadImage{ImageSet: markdown.ImageSet{Src: p.leadURL}, Alt: alt}
}

// leadImageURL resolves a front matter image: relative to the page's
// folder, or from the site root (a file of the static folder, or a
// published file of the content folder).
func (p *Page) leadImageURL(dest string) (string, error) {
	if markdown.HasScheme(dest) || strings.HasPrefix(dest, "//") {
		return "", i18n.Errorf("is on another site")
	}
	if !strings.HasPrefix(dest, "/") {
		return p.site.Resolve(p, dest)
	}
	// Decoded as the facts find the site's images (facts.Store.ImageSet):
	// a query or fragment is not part of the file.
	decoded, _, _, ok := markdown.SplitTarget(dest)
	if !ok {
		return "", i18n.Errorf("broken %%-escape")
	}
	rel := strings.TrimPrefix(path.Clean(decoded), "/")
	if r := p.site.resRel[rel]; r != nil {
		return r.URL, nil
	}
	if r := p.site.resOut[rel]; r != nil && images.Handles(r.Source.Rel) {
		// An image of a bundle named at its published address, which
		// differs from its path when the page has a slug of its own.
		return r.URL, nil
	}
	if fsys := p.site.cfg.FS; fsys != nil {
		if info, err := fs.Stat(fsys, "static/"+rel); err == nil && info.Mode().IsRegular() {
			return escapeURL("/" + rel), nil
		}
	}
	return "", i18n.Errorf("no file static/%s or content/%s", rel, rel)
}

// leadImages works out the URL of every page's front matter image, for
// Image, and checks that of every published page: the file must be one of
// the site's, and image_alt must say what it shows. Problems are errors
// at the line of the image key.
func (b *builder) leadImages() {
	for _, p := range b.s.all {
		if p.Source != nil && p.Source.Meta.Image != "" {
			p.leadURL, _ = p.leadImageURL(p.Source.Meta.Image)
		}
	}
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
	if _, err := p.leadImageURL(m.Image); err != nil {
		b.diags.Add(diag.Errorf(p.Source.Path, line, "image %q: %v", m.Image, err).
			WithHint("put the image beside the page (image: tekening.png) or in static/ (image: /illustraties/tekening.png)"))
		return
	}
	if why := markdown.AltProblem(strings.TrimSpace(m.ImageAlt), m.Image); why != "" {
		b.diags.Add(diag.Errorf(p.Source.Path, line, "image %q: image_alt %s", m.Image, i18n.New(why)).
			WithHint("add image_alt: what the image shows, for readers who cannot see it (image_alt: \"Tekening van drie havenkranen aan de Maas\")"))
	}
}
