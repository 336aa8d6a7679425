// Package blocks is the goldmark extension for the e-zine's magazine
// blocks: a pull quote (citaat), a fact box (kerncijfer), a figure with
// caption and credit (figuur), an interview's questions and answers (qa),
// a privacy-friendly video (video), and an article's list of sources
// (bronnen). They are parsed into the AST by a
// block parser, finished by an AST transformer, and written by node
// renderers; no text or HTML is matched with patterns.
//
// # Syntax
//
// A block is a fenced container: an opening line of three colons, a name
// and attributes; a body of ordinary Markdown; and a closing line of three
// colons alone.
//
//	::: figuur src="kranen.svg" alt="Tekening van havenkranen" credit="Illustratie: redactie"
//	Optional caption in *Markdown*.
//	:::
//
// Attributes are key="value" in straight double quotes, separated by
// spaces; \" and \\ stand for a quote and a backslash inside a value. Names
// and keys are lower case. Every value is plain text, never Markdown.
// Fences may be indented up to three spaces, and blocks may stand in list
// items and block quotes. A ":::" line inside a fenced code block in a
// body is code, not a closing line.
//
// Blocks do not nest: an opening line inside an open block is an error.
// The inner block is still parsed up to its own ":::", so that one mistake
// gives one message; an opening line inside that one is plain text, so
// that blocks are never more than two deep and the parser's work stays
// linear. Headings are not allowed in bodies: they would enter the page's
// outline.
//
// # The blocks
//
//	::: citaat [bron="Naam, rol"]
//
// A pull quote: a striking sentence of the article, repeated for the eye.
// The body is Markdown. Rendered as
//
//	<figure class="citaat" aria-hidden="true"><blockquote>…</blockquote>
//	<figcaption>bron</figcaption></figure>
//
// with the figcaption only when bron is given. The figure is aria-hidden:
// a pull quote repeats text that a screen reader has just read or will
// read, so out loud it is the same sentence twice, out of place (Adrian
// Holovaty, "Pull-quotes on Web pages"; Alex Walker, "Taking the Double
// Trouble Out of Pull Quotes", SitePoint); hiding it from the
// accessibility tree is the usual remedy. What is hidden must not be
// focusable, so links in a citaat are rendered as their text, and a
// footnote reference in one is an error. And since hidden text must not
// be the only copy, a citaat whose words (fragments between "…" count
// separately) are not found in the rest of the page is a warning; a quote
// that appears once is an ordinary Markdown block quote (>).
//
//	::: kerncijfer cijfer="100" [bron="../verhalen/haven.md"]
//
// A fact box. The body is the label: one paragraph of inline Markdown,
// required. Rendered as
//
//	<div class="kerncijfer">
//	<p class="kerncijfer-getal">100</p>
//	<p class="kerncijfer-label">label <a class="kerncijfer-bron" href="…">Bron</a></p>
//	</div>
//
// A plain div, not an <aside>: the number is part of the article, not a
// landmark; a page of many fact boxes would fill the landmark list with
// identical entries. Number then label reads naturally aloud; the "Bron"
// link sits inside the label's paragraph so that the label gives it its
// purpose (WCAG 2.4.4, link purpose in context).
//
//	::: figuur src="kranen.svg" alt="Tekening van havenkranen" [credit="Illustratie: redactie"]
//
// An image. src is a file of the site: relative to the page (a bundle's
// own image) or from the site root; images from other hosts are an error,
// as third-party requests. alt is required and must describe the image:
// not empty, not a file name, not a word like "foto". The body is an
// optional caption. Rendered as
//
//	<figure class="figuur"><img src="…" alt="…" srcset="…" sizes="…" width="…" height="…" loading="lazy" decoding="async">
//	<figcaption>caption <small class="credit">credit</small></figcaption></figure>
//
// with srcset, sizes, width and height when the page resizes the image
// (see markdown.ImageFor; srcset and sizes not for SVG), and the
// figcaption only when there is a caption or a credit. A caption
// of one paragraph is written without its <p>.
//
//	::: qa
//	V: Question?
//	A: Answer.
//
//	More of the answer: any Markdown.
//	:::
//
// An interview. A line starting with "V:" starts a question (it runs until
// the "A:" line, so a long question may wrap); a line starting with "A:"
// starts its answer, which takes all that follows up to the next "V:".
// Errors: a body that does not start with a question, a question without
// an answer, an answer without a question, an empty block. Questions are
// headings, <h2 class="qa-vraag" id="…"> with ids from the page's heading
// ids, so that they are in Result.Headings and a table of contents. Their
// level is one below the last heading before the block (h2 when there is
// none, at most h6), so the outline has no gaps. Rendered as
//
//	<div class="qa">
//	<h2 id="…" class="qa-vraag">Question?</h2>
//	<div class="qa-antwoord"><p>Answer.</p>…</div>
//	</div>
//
//	::: video src="https://www.youtube.com/watch?v=ID" titel="Titel van de video"
//
// A video on YouTube (youtube.com/watch?v=, youtu.be/, /embed/, /shorts/,
// /live/, with t= as a start time) or Vimeo (vimeo.com/ID, vimeo.com/ID/key
// for an unlisted video, player.vimeo.com/video/ID). Other hosts are an
// error. The body is an optional caption. The page makes no request to the
// platform: it shows a placeholder
//
//	<figure class="video">
//	<div class="video-speler">
//	<p class="video-titel">Titel</p>
//	<button type="button" class="video-laden" data-embed="https://www.youtube-nocookie.com/embed/ID"
//	 data-titel="Titel" aria-label="Video laden: Titel" hidden>Video laden</button>
//	<p class="video-uitleg">Deze video staat op YouTube. … <a class="video-link" href="https://www.youtube.com/watch?v=ID">Bekijk „Titel” op YouTube</a></p>
//	</div>
//	<figcaption>caption</figcaption>
//	</figure>
//
// The link works without JavaScript. themes/ezine/assets/js/video.js shows
// the button and, on a click, replaces the contents of .video-speler with
// an <iframe class="video-frame"> of data-embed: YouTube's
// youtube-nocookie.com player, or Vimeo's with dnt=1. The site's
// Content-Security-Policy must allow those two hosts in frame-src.
//
//	::: bronnen
//	- [Leerwerkakkoord](https://www.rotterdam.nl/werken-leren/leerwerkakkoord/), rotterdam.nl, gepubliceerd op 4 februari 2019
//	- [Het archiefstuk over de start](../archief/start-leerwerkakkoord.md)
//	:::
//
// Where an article's facts come from, so that the prose can state them
// as facts. The body is one list (bulleted or numbered) and nothing else;
// a page has at most one. The block adds its heading, "Bronnen", with an
// id from the page's heading ids (so it is in the outline), at level 2,
// or at the level of the last heading before it when that is deeper.
// Rendered as
//
//	<section class="bronnen" aria-labelledby="bronnen">
//	<h2 id="bronnen" class="bronnen-kop">Bronnen</h2>
//	<ul>…</ul>
//	</section>
//
// # Classes for the theme
//
// bronnen, bronnen-kop; citaat; kerncijfer, kerncijfer-getal, kerncijfer-label, kerncijfer-bron;
// figuur, credit; qa, qa-vraag, qa-antwoord; video, video-speler,
// video-titel, video-laden, video-uitleg, video-link, video-frame (the
// iframe), and video-speler--geladen once the player is in. No element
// gets a style attribute or an event handler.
//
// # Page facts
//
// Text in blocks counts in the word count. A block's paragraphs are never
// the page's summary (that is the first paragraph at the top level).
// Questions are in the outline. bron and src are vetted like ordinary
// link targets (markdown.ResolveDest): relative ones resolved by the page's
// resolver, and all recorded in Result.Links for the link checker; a video
// records its link on the platform.
//
// Problems are reported with markdown.Problem at the body line of the
// opening line, or of the offending line inside the body.
package blocks

import (
	"cmp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Texts are the words the blocks write that are not the page's own: the
// video block's button and its note. In VideoNote and VideoWatch,
// {platform} stands for the platform's name and {title} for the video's
// title. The site's theme declares them (vocab.Strings); every text is
// plain text, escaped as it is written.
type Texts struct {
	// VideoLoad is the button that loads the player; its accessible name
	// is VideoLoad, ": " and the title.
	VideoLoad string
	// VideoNote says where the video is and what loading it does.
	VideoNote string
	// VideoWatch is the text of the link to the video on its platform.
	VideoWatch string
}

// DefaultTexts are the texts of a theme that declares none.
var DefaultTexts = Texts{
	VideoLoad:  "Load video",
	VideoNote:  "This video is on {platform}. Only when you load it does your browser connect to {platform}, which may then set cookies.",
	VideoWatch: "Watch “{title}” on {platform}",
}

// New returns the extension that adds the e-zine blocks to a
// goldmark.Markdown, writing texts (an empty field: DefaultTexts'). Use it
// through markdown.Options{Extensions: …}, which gives it a place to
// report problems and a resolver for relative links.
func New(texts Texts) goldmark.Extender {
	texts.VideoLoad = cmp.Or(texts.VideoLoad, DefaultTexts.VideoLoad)
	texts.VideoNote = cmp.Or(texts.VideoNote, DefaultTexts.VideoNote)
	texts.VideoWatch = cmp.Or(texts.VideoWatch, DefaultTexts.VideoWatch)
	return extender{texts: texts}
}

type extender struct{ texts Texts }

func (e extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// Only lines starting with ':' reach it, so its place among the
		// block parsers matters little: after fenced code (700).
		parser.WithBlockParsers(util.Prioritized(blockParser{}, 750)),
		// After goldmark's own transformers (footnotes at 999), before
		// the markdown inspector (10,000), which must see the questions'
		// final levels.
		parser.WithASTTransformers(util.Prioritized(transformer{}, 5000)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newHTMLRenderer(e.texts), 500)))
}
