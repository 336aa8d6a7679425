package facts

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/images"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
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

// fallbackWidth is the widest copy used for src (and so by anything that
// ignores srcset: feed readers, link previews): sharp in a text column on
// a laptop, small enough for a phone.
const fallbackWidth = 1200

// imageIndex is what a store knows of the site's images.
type imageIndex struct {
	list     []*Image                  // in path order
	byOutput map[string]*Image         // output file of the original -> image; nil: no images
	resRel   map[string]*site.Resource // content-relative path -> content file
}

// Images returns the site's images in path order, for the renderer to
// publish their variants.
func (st *Store) Images() []*Image { return st.img.list }

// ImageSet is the image a target in page p's body or front matter names,
// as the page shows it: relative to the page's folder (a bundle's own
// image), or from the site root (a file of the static folder, or any
// published file of the content folder). nil when the site has no such
// image, or does not process images.
func (st *Store) ImageSet(p *site.Page, dest string) *markdown.ImageSet {
	if img := st.img.at(p, dest); img != nil {
		return img.set()
	}
	return nil
}

func (ix *imageIndex) at(p *site.Page, dest string) *Image {
	if ix.byOutput == nil || p.Source == nil {
		return nil
	}
	decoded, _, _, ok := markdown.SplitTarget(dest)
	if !ok || decoded == "" {
		return nil
	}
	if strings.HasPrefix(decoded, "/") {
		return ix.byOutput[strings.TrimPrefix(path.Clean(decoded), "/")]
	}
	if r := ix.resRel[path.Join(path.Dir(p.Source.Rel), decoded)]; r != nil {
		return ix.byOutput[r.Output]
	}
	return nil
}

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

// collect inspects every image the site publishes: the content folder's
// (the model's Resources) and the static folder's. It reads only the
// header of each; an image that cannot be read, or whose content does not
// match its name, is an error naming the file.
func (ix *imageIndex) collect(model *site.Site, fsys fs.FS, proc *images.Processor) diag.List {
	if proc == nil || fsys == nil {
		return nil
	}
	var problems diag.List
	ix.byOutput = map[string]*Image{}
	ix.resRel = map[string]*site.Resource{}
	for _, r := range model.Resources {
		ix.resRel[r.Source.Rel] = r
	}
	add := func(fsPath, output string) {
		img, err := inspect(fsys, proc, fsPath, output)
		if err != nil {
			problems.Add(err)
			return
		}
		ix.list = append(ix.list, img)
		if _, dup := ix.byOutput[output]; !dup {
			ix.byOutput[output] = img // a clash of two files is reported by the renderer
		}
	}
	for _, r := range model.Resources {
		if images.Handles(r.Source.Rel) {
			add(r.Source.Path, r.Output)
		}
	}
	static, _ := content.PublishedFiles(fsys, "static")
	for _, rel := range static {
		if images.Handles(rel) {
			add("static/"+rel, rel)
		}
	}
	slices.SortFunc(ix.list, func(x, y *Image) int { return strings.Compare(x.Path, y.Path) })
	return problems
}

// inspect reads the header of the image at fsPath, published as output.
func inspect(fsys fs.FS, proc *images.Processor, fsPath, output string) (*Image, *diag.Error) {
	f, err := fsys.Open(fsPath)
	if err != nil {
		return nil, diag.Errorf(fsPath, 0, "cannot read: %v", err)
	}
	info, err := proc.Inspect(fsPath, f)
	_ = f.Close()
	if err != nil {
		e := diag.Errorf(fsPath, 0, "%v", err)
		if ie := (*images.Error)(nil); errors.As(err, &ie) {
			e.WithHintMsg(ie.HintMsg())
		}
		return nil, e
	}
	img := &Image{Path: fsPath, URL: site.EscapeURL("/" + output), Output: output, Info: info}
	for _, v := range info.Variants {
		out := images.VariantName(output, v)
		img.Variants = append(img.Variants, ImageVariant{Variant: v, URL: site.EscapeURL("/" + out), Output: out})
	}
	return img, nil
}
