package blocks

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer writes the blocks as the HTML the package doc describes.
// Every value from the page goes through util.EscapeHTML; URLs are those
// vetted when the block closed.
type htmlRenderer struct {
	html.Config
	texts Texts
}

func newHTMLRenderer(texts Texts) renderer.NodeRenderer {
	return &htmlRenderer{Config: html.NewConfig(), texts: texts}
}

func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindBlock, r.renderBlock)
	reg.Register(KindCitaat, r.renderCitaat)
	reg.Register(KindKerncijfer, r.renderKerncijfer)
	reg.Register(KindKerncijferBron, r.renderKerncijferBron)
	reg.Register(KindFiguur, r.renderFiguur)
	reg.Register(KindQA, r.renderQA)
	reg.Register(KindAntwoord, r.renderAntwoord)
	reg.Register(KindVideo, r.renderVideo)
	reg.Register(KindBronnen, r.renderBronnen)
}

func writeText(w util.BufWriter, s string) {
	_, _ = w.Write(util.EscapeHTML([]byte(s)))
}

func writeURL(w util.BufWriter, url string) {
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(url), true)))
}

// renderBlock renders a block that was reported (unknown, or nested) as
// its body alone; Convert returns no HTML for a page with errors anyway.
func (r *htmlRenderer) renderBlock(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderCitaat(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Citaat)
	if entering {
		// aria-hidden: a pull quote repeats a sentence of the article for
		// the eye; read out, it is the same sentence twice. See the
		// package doc.
		_, _ = w.WriteString("<figure class=\"citaat\" aria-hidden=\"true\">\n<blockquote>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</blockquote>\n")
	if n.Bron != "" {
		_, _ = w.WriteString("<figcaption>")
		writeText(w, n.Bron)
		_, _ = w.WriteString("</figcaption>\n")
	}
	_, _ = w.WriteString("</figure>\n")
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderKerncijfer(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Kerncijfer)
	if entering {
		_, _ = w.WriteString("<div class=\"kerncijfer\">\n<p class=\"kerncijfer-getal\">")
		writeText(w, n.Cijfer)
		_, _ = w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</div>\n")
	return ast.WalkContinue, nil
}

// renderKerncijferBron writes the source link inside the label's
// paragraph, so that the label gives "Bron" its purpose (WCAG 2.4.4, link
// purpose in context).
func (r *htmlRenderer) renderKerncijferBron(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(" <a class=\"kerncijfer-bron\" href=\"")
		writeURL(w, node.(*KerncijferBron).URL)
		_, _ = w.WriteString("\">Bron</a>")
	}
	return ast.WalkSkipChildren, nil
}

func (r *htmlRenderer) renderFiguur(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Figuur)
	if entering {
		_, _ = w.WriteString("<figure class=\"figuur\">\n<img src=\"")
		writeURL(w, n.Src)
		_, _ = w.WriteString("\" alt=\"")
		writeText(w, n.Alt)
		_ = w.WriteByte('"')
		if n.Image != nil {
			for _, a := range n.Image.Attrs(true) {
				_, _ = w.WriteString(" " + a.Name + "=\"")
				writeText(w, a.Value)
				_ = w.WriteByte('"')
			}
		} else {
			_, _ = w.WriteString(" loading=\"lazy\" decoding=\"async\"")
		}
		if r.XHTML {
			_, _ = w.WriteString(" />\n")
		} else {
			_, _ = w.WriteString(">\n")
		}
		r.openCaption(w, n, n.Credit)
		return ast.WalkContinue, nil
	}
	r.closeCaption(w, n, n.Credit)
	_, _ = w.WriteString("</figure>\n")
	return ast.WalkContinue, nil
}

// openCaption starts the <figcaption> of a figure whose children are its
// caption, when it has a caption or a credit.
func (r *htmlRenderer) openCaption(w util.BufWriter, n ast.Node, credit string) {
	if !n.HasChildren() && credit == "" {
		return
	}
	_, _ = w.WriteString("<figcaption>")
	if _, inline := n.FirstChild().(*ast.TextBlock); n.HasChildren() && !inline {
		_ = w.WriteByte('\n')
	}
}

func (r *htmlRenderer) closeCaption(w util.BufWriter, n ast.Node, credit string) {
	if !n.HasChildren() && credit == "" {
		return
	}
	if credit != "" {
		if _, inline := n.FirstChild().(*ast.TextBlock); inline {
			_ = w.WriteByte(' ')
		}
		_, _ = w.WriteString("<small class=\"credit\">")
		writeText(w, credit)
		_, _ = w.WriteString("</small>")
	}
	_, _ = w.WriteString("</figcaption>\n")
}

func (r *htmlRenderer) renderQA(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"qa\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderAntwoord(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"qa-antwoord\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// renderVideo writes the placeholder: the title, a button that
// themes/ezine/assets/js/video.js shows and turns into the player, and a
// link to the video on its platform, which works without JavaScript. The
// page itself makes no request to the platform.
func (r *htmlRenderer) renderVideo(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Video)
	if !entering {
		r.closeCaption(w, n, "")
		_, _ = w.WriteString("</figure>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<figure class=\"video\">\n<div class=\"video-speler\">\n<p class=\"video-titel\">")
	writeText(w, n.Titel)
	_, _ = w.WriteString("</p>\n")
	// hidden until the script runs: without it the button could do nothing.
	_, _ = w.WriteString("<button type=\"button\" class=\"video-laden\" data-embed=\"")
	writeURL(w, n.Embed)
	_, _ = w.WriteString("\" data-titel=\"")
	writeText(w, n.Titel)
	_, _ = w.WriteString("\" aria-label=\"")
	writeText(w, r.texts.VideoLoad+": "+n.Titel)
	_, _ = w.WriteString("\" hidden>")
	writeText(w, r.texts.VideoLoad)
	_, _ = w.WriteString("</button>\n<p class=\"video-uitleg\">")
	vars := strings.NewReplacer("{platform}", n.Platform, "{title}", n.Titel)
	writeText(w, vars.Replace(r.texts.VideoNote))
	_, _ = w.WriteString(" <a class=\"video-link\" href=\"")
	writeURL(w, n.Watch)
	_, _ = w.WriteString("\">")
	writeText(w, vars.Replace(r.texts.VideoWatch))
	_, _ = w.WriteString("</a></p>\n</div>\n")
	r.openCaption(w, n, "")
	return ast.WalkContinue, nil
}

// renderBronnen writes the list of sources as a section labelled by its
// heading, so that it is found in the outline and by landmark navigation.
func (r *htmlRenderer) renderBronnen(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</section>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<section class=\"bronnen\"")
	if h, ok := node.FirstChild().(*ast.Heading); ok {
		if id, ok := h.AttributeString("id"); ok {
			_, _ = w.WriteString(" aria-labelledby=\"")
			_, _ = w.Write(util.EscapeHTML(id.([]byte)))
			_ = w.WriteByte('"')
		}
	}
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}
