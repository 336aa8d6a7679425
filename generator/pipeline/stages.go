package pipeline

import (
	"io/fs"
	"path/filepath"

	"github.com/yuin/goldmark"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/images"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/markdown/blocks"
	"github.com/lwa-rotterdam/ezine/generator/render"
	"github.com/lwa-rotterdam/ezine/generator/search"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/theme"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

// The settings of each stage of Run, for the dev server, which runs the
// stages itself to rebuild only what a change touches. Run uses them too,
// so that a preview and a build can never be configured apart.

// ContentOptions are the options Run loads the content folder with: the
// e-zine's time zone and the taxonomies of the theme's vocabulary.
func ContentOptions(v vocab.Vocabulary) content.Options {
	return content.Options{Location: Location, Taxonomies: v.Names()}
}

// Vocabulary reads the theme's vocabulary (its theme.toml, see package
// vocab): the built-in theme's, unless the site's own theme folder or
// cfg.ThemeFS has one. A problem is named at the file of the layer that
// holds it.
func Vocabulary(siteFS fs.FS, cfg Config) (vocab.Vocabulary, diag.List) {
	return theme.Vocabulary(ThemeLayers(siteFS, cfg))
}

// SiteConfig is the configuration Run builds the site model with. Its
// vocabulary is Vocabulary's; a theme.toml with a problem gives none (Run
// and the theme's loading report the problem).
func SiteConfig(siteFS fs.FS, cfg Config) site.Config {
	v, _ := Vocabulary(siteFS, cfg)
	return site.Config{Vocabulary: v, BaseURL: cfg.BaseURL, Drafts: cfg.Drafts, Now: cfg.Now, FS: siteFS}
}

// ImageProcessor is the processor Run makes the site's images responsive
// with (resized copies, kept in the image cache): the facts read the
// images' sizes with it, and render writes their copies with the same one.
func ImageProcessor(cfg Config) *images.Processor {
	return images.New(images.Config{CacheDir: ImageCacheDir(cfg)})
}

// FactsConfig is the configuration Run keeps the pages' facts with (their
// converted Markdown and the site's images), with proc (ImageProcessor).
func FactsConfig(siteFS fs.FS, cfg Config, proc *images.Processor) facts.Config {
	return facts.Config{
		FS: siteFS,
		// The e-zine's magazine blocks (::: citaat, kerncijfer, figuur, qa,
		// video) on top of the standard Markdown, in the theme's words.
		Markdown: markdown.New(markdown.Options{Extensions: []goldmark.Extender{blocks.New(blockTexts(siteFS, cfg))}}),
		Images:   proc,
		// The search page needs every page's text for its index.
		TextLayout: search.SearchLayout,
	}
}

// blockTexts are the texts the magazine blocks write (the video block's),
// as the theme's vocabulary declares them.
func blockTexts(siteFS fs.FS, cfg Config) blocks.Texts {
	v, _ := Vocabulary(siteFS, cfg)
	return blocks.Texts{VideoLoad: v.Strings.VideoLoad, VideoNote: v.Strings.VideoNote, VideoWatch: v.Strings.VideoWatch}
}

// ImageCacheDir is the folder of the image cache for cfg: ImageCache, else
// <Source>/.cache/images (git-ignored), else "" for none.
func ImageCacheDir(cfg Config) string {
	if cfg.ImageCache != "" || cfg.Source == "" {
		return cfg.ImageCache
	}
	return filepath.Join(cfg.Source, ".cache", "images")
}

// ThemeLayers are the theme Run renders with: the site's own themes/ezine
// over cfg.ThemeFS, or over the built-in theme.
func ThemeLayers(siteFS fs.FS, cfg Config) []theme.Layer {
	return themeLayers(siteFS, cfg.ThemeFS)
}

// RenderOptions are the options Run renders with, with proc
// (ImageProcessor).
func RenderOptions(cfg Config, proc *images.Processor) render.Options {
	return render.Options{Inject: cfg.Inject, Workers: cfg.Workers, CardCache: CardCacheDir(cfg), Images: proc}
}

// CardCacheDir is the folder of the share card cache for cfg:
// <Source>/.cache/cards (git-ignored), beside the image cache, or "" for
// none when the site has no folder on disk.
func CardCacheDir(cfg Config) string {
	if cfg.Source == "" {
		return ""
	}
	return filepath.Join(cfg.Source, ".cache", "cards")
}
