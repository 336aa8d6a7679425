package render

import (
	"io/fs"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// imageOutputs plans the resized copies of the site's images (see
// site.Image): one output per copy, however many pages show the image, so
// each copy is made and written once. An output's Static names the
// original, as errors do. A copy whose file another source also writes is
// an error naming both.
func (r *renderer) imageOutputs(s *site.Site, diags *diag.List) []*Output {
	proc := s.ImageProcessor()
	if proc == nil {
		return nil
	}
	var out []*Output
	for _, img := range s.Images() {
		for _, v := range img.Variants {
			if !r.claim(v.Output, img.Path) {
				diags.Add(diag.Errorf(img.Path, 0, "its copy %d pixels wide is %s, which %s also writes", v.Width, v.Output, r.claimedBy(v.Output)).
					WithHint("rename one of them: names ending in -<width>w are the resized copies of images"))
				continue
			}
			var file string
			if strings.HasPrefix(img.Path, "content/") {
				file = img.Path // published only when used, as the original is
			}
			out = append(out, &Output{Name: v.Output, Static: img.Path, content: file, write: func() diag.List {
				data, err := fs.ReadFile(r.siteFS, img.Path)
				if err != nil {
					return diag.List{diag.Errorf(img.Path, 0, "cannot read: %v", err)}
				}
				b, err := proc.Variant(img.Path, data, img.Info, v.Variant)
				if err != nil {
					return diag.List{diag.Errorf(img.Path, 0, "resize to %d pixels wide: %v", v.Width, err)}
				}
				if err := r.w.Write(v.Output, b); err != nil {
					return diag.List{diag.Errorf(img.Path, 0, "%w", err)}
				}
				return nil
			}})
		}
	}
	return out
}
