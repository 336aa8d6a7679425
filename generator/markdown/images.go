package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// ProseSizes is the sizes attribute of an image in a page's text: the
// theme's text column is 42rem wide, with a margin of 1 to 2.5rem on each
// side on narrow screens.
const ProseSizes = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"

// ImageSet is an image of the site as a page shows it: the URL for src,
// its intrinsic size, and the resized copies a browser chooses from.
type ImageSet struct {
	Src           string           // URL for the src attribute, escaped
	Width, Height int              // intrinsic size in CSS pixels; 0 when unknown
	Candidates    []ImageCandidate // narrowest first; none for SVG
	Sizes         string           // the sizes attribute; Convert fills it in for body images
}

// ImageCandidate is one entry of a srcset: a copy of the image and its
// width in pixels.
type ImageCandidate struct {
	URL   string // escaped
	Width int
}

// Srcset returns the srcset attribute: "/a-480w.png 480w, /a-800w.png 800w".
func (s *ImageSet) Srcset() string {
	var b strings.Builder
	for i, c := range s.Candidates {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.URL)
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(c.Width))
		b.WriteByte('w')
	}
	return b.String()
}

// SizedImage is one file of an image set with its size in pixels (0 when
// unknown).
type SizedImage struct {
	URL           string // escaped
	Width, Height int
}

// Widest returns the widest copy of the set, or the image itself when
// there are none: what a link preview (og:image) should show.
func (s *ImageSet) Widest() SizedImage {
	if len(s.Candidates) == 0 {
		return SizedImage{s.Src, s.Width, s.Height}
	}
	c := s.Candidates[len(s.Candidates)-1] // narrowest first
	h := 0
	if s.Width > 0 {
		h = (c.Width*s.Height + s.Width/2) / s.Width
	}
	return SizedImage{c.URL, c.Width, h}
}

// ImgAttr is one attribute of an <img>.
type ImgAttr struct {
	Name, Value string
}

// Attrs lists the attributes an <img> showing the set gets besides src and
// alt, in a fixed order: srcset and sizes (when there are copies to choose
// from), width and height (when known, so the browser reserves the space
// before the image loads), and loading="lazy" and decoding="async" when
// lazy (every image but a page's lead image).
func (s *ImageSet) Attrs(lazy bool) []ImgAttr {
	var out []ImgAttr
	if len(s.Candidates) > 0 {
		out = append(out, ImgAttr{"srcset", s.Srcset()})
		if s.Sizes != "" {
			out = append(out, ImgAttr{"sizes", s.Sizes})
		}
	}
	if s.Width > 0 && s.Height > 0 {
		out = append(out, ImgAttr{"width", strconv.Itoa(s.Width)}, ImgAttr{"height", strconv.Itoa(s.Height)})
	}
	if lazy {
		out = append(out, lazyAttrs...)
	}
	return out
}

// lazyAttrs are the attributes of an image the reader may never scroll to.
var lazyAttrs = []ImgAttr{{"loading", "lazy"}, {"decoding", "async"}}

// imageFor asks the page for the image written as dest; nil when the page
// has none to offer (no hook, an image from elsewhere, a format that is
// not resized). A failure is reported at n's line.
func (st *docState) imageFor(n ast.Node, dest string) *ImageSet {
	if st.image == nil {
		return nil
	}
	set, err := st.image(dest)
	if err != nil {
		st.problem(n, nil, "image %q: %v", dest, err)
		return nil
	}
	if set == nil {
		return nil
	}
	out := *set
	if out.Sizes == "" {
		out.Sizes = st.sizes
	}
	return &out
}

// setImage gives an image node of the body the attributes of its set:
// the AST hook behind responsive images. goldmark's image renderer writes
// them (its attribute filter allows each of them) after src and alt.
func (st *docState) setImage(n *ast.Image, dest string) {
	attrs := lazyAttrs
	if set := st.imageFor(n, dest); set != nil {
		n.Destination = []byte(set.Src)
		attrs = set.Attrs(true)
	}
	for _, a := range attrs {
		// Values as []byte: the renderer writes attributes of that type.
		n.SetAttributeString(a.Name, []byte(a.Value))
	}
}

// ImageFor returns what the page makes of an image target that an
// extension found (the src of a figuur block): the set to show, or nil
// when the page has none, in which case src stays as ResolveDest made it.
// Problems are reported at n's line. It returns nil when pc does not come
// from Convert.
func ImageFor(pc parser.Context, n ast.Node, dest string) *ImageSet {
	if st := stateOf(pc); st != nil {
		return st.imageFor(n, dest)
	}
	return nil
}
