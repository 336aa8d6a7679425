// Package pipeline runs the whole pipeline for one site: load the content,
// model the site, render it with the theme, and write the output.
//
// In: a Config naming the site folder and the destination. Out: the
// destination replaced by the new site, or, when anything failed, left
// exactly as it was; and the problems found, sorted. Run is the same
// pipeline over an fs.FS into any output.Target, for tests and the dev
// server.
package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // dates are read in Europe/Amsterdam on any machine

	"github.com/lwa-rotterdam/ezine/generator/check"
	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/images"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/render"
	"github.com/lwa-rotterdam/ezine/generator/schema"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/theme"
	"github.com/lwa-rotterdam/ezine/themes"
)

// ThemeName is the folder name of the theme under themes/.
const ThemeName = theme.Name

// Config configures a build. Only Source is needed; the zero value of every
// other field is the default.
type Config struct {
	// Source is the site folder, holding content/ and optionally themes/
	// and static/.
	Source string
	// Destination is the output folder; "" means <Source>/public.
	Destination string
	// Drafts publishes drafts and pages with a future date.
	Drafts bool
	// BaseURL is the absolute URL the site will be served from.
	BaseURL string
	// Now is the build time for publish and expiry dates; zero means now.
	Now time.Time
	// Inject is HTML added before </body> of every page (dev server only).
	Inject string
	// Workers bounds parallelism; 0 means one per core.
	Workers int
	// ThemeFS replaces the built-in theme (tests); nil uses themes.Ezine().
	ThemeFS fs.FS
	// ImageCache is the folder where resized images are kept between
	// builds, so that a rebuild resizes only new images; it is safe to
	// delete. "" means <Source>/.cache/images, or no cache when Source is
	// "" too (a build over an fs.FS of its own).
	ImageCache string
	// FactsCache is the folder where each page's converted Markdown (its
	// facts, with the HTML) is kept between builds, so that a build
	// converts only the pages whose body, links or images changed; it is
	// safe to delete. "" means <Source>/.cache/facts, or no cache when
	// Source is "" too.
	FactsCache string
	// NoFactsCache converts every page, reading and writing no facts
	// cache.
	NoFactsCache bool
}

// Result describes a finished build.
type Result struct {
	Pages    int // HTML pages written
	Files    int // files written in all
	Duration time.Duration
	Site     *site.Site
	Facts    *facts.Store            // the facts of Site's pages, attached to it
	Images   *images.Processor       // made the images' copies; nil before the model
	Types    map[string]*schema.Type // the content types of the theme's archetypes
	Warnings diag.List
}

// Location is the time zone of dates written without one: the e-zine's.
var Location = mustLoad("Europe/Amsterdam")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is linked in
	}
	return loc
}

// Build builds the site in cfg.Source into cfg.Destination. The new site is
// written to a staging folder beside the destination and swapped in only
// when the whole build succeeded.
func Build(ctx context.Context, cfg Config) (Result, diag.List) {
	start := time.Now()
	src, err := filepath.Abs(cfg.Source)
	if err != nil {
		return Result{}, diag.List{{Err: err}}
	}
	dest := cfg.Destination
	if dest == "" {
		dest = filepath.Join(src, "public")
	}
	dest, err = filepath.Abs(dest)
	if err != nil {
		return Result{}, diag.List{{Err: err}}
	}
	if err := checkDestination(src, dest); err != nil {
		return Result{}, diag.List{{Path: dest, Err: err}}
	}
	siteFS, err := OpenSite(src)
	if err != nil {
		return Result{}, diag.List{diag.Errorf(cfg.Source, 0, "cannot open the site folder: %v", unwrapPath(err)).
			WithHint("check -source")}
	}
	defer siteFS.Close()

	stage, err := output.NewStaging(dest)
	if err != nil {
		return Result{}, diag.List{{Path: dest, Err: err}}
	}
	var diags diag.List
	if stage.StaleErr != nil {
		diags.Add(&diag.Error{Severity: diag.SevWarning, Err: i18n.Errorf("remove folders left by stopped builds: %w", stage.StaleErr)})
	}
	res, problems := Run(ctx, siteFS, stage, cfg)
	diags = append(diags, problems...)
	if diags.HasErrors() {
		if err := stage.Abort(); err != nil {
			diags.Add(i18n.Errorf("remove staging folder %s: %w", stage.Path(), err))
		}
		return res, diags
	}
	warn, err := stage.Commit()
	if err != nil {
		_ = stage.Abort()
		diags.Add(i18n.Errorf("put the new site in %s: %w", dest, err))
		return res, diags
	}
	if warn != nil {
		// The new site is published; only the old one is left over.
		diags.Add(&diag.Error{Severity: diag.SevWarning, Err: warn})
	}
	res.Warnings = diags.Warnings()
	res.Duration = time.Since(start)
	return res, diags
}

// checkDestination refuses destinations whose replacement would destroy
// the site itself or something that is not a previous build.
func checkDestination(src, dest string) error {
	within := func(child, parent string) bool {
		rel, err := filepath.Rel(parent, child)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	if dest == src || within(src, dest) {
		return i18n.Errorf("the destination holds the site itself; choose another -destination")
	}
	for _, d := range []string{"content", "themes", "static"} {
		if within(dest, filepath.Join(src, d)) {
			return i18n.Errorf("the destination lies inside %s/; choose another -destination", d)
		}
	}
	info, err := os.Lstat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return i18n.Errorf("the destination exists and is not a folder")
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	for _, e := range entries {
		if e.Name() == "index.html" || e.Name() == "404.html" {
			return nil
		}
	}
	return i18n.Errorf("the destination is a folder that does not look like a built site (no index.html); it would be replaced, so remove it or choose another -destination")
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Run is the pipeline over a site held in siteFS, writing into target.
func Run(ctx context.Context, siteFS fs.FS, target output.Target, cfg Config) (Result, diag.List) {
	start := time.Now()
	var diags diag.List
	// The theme says which front matter keys are taxonomies: without its
	// vocabulary, the pages could not be read as the theme means them.
	v, problems := Vocabulary(siteFS, cfg)
	if problems.HasErrors() {
		return Result{}, problems
	}
	scfg := SiteConfig(siteFS, cfg)
	tree, problems := content.Load(ctx, siteFS, "content", ContentOptions(v))
	diags = append(diags, problems...)
	// A page whose front matter has errors is loaded all the same
	// (content.Page.Invalid), and the build goes on, so that the problems
	// of its body and links are reported with those of its front matter:
	// all at once. The errors fail the build, so nothing is published.
	// Only a file that could not be loaded at all stops here: links to it
	// would all be reported as broken.
	if tree == nil || tree.Dropped > 0 {
		diags.Sort()
		return Result{}, diags
	}
	s, problems := site.Build(tree, scfg)
	proc := ImageProcessor(cfg)
	// The facts of the pages, attached once: templates read them through
	// the model, the other stages from the store.
	fc := FactsConfig(siteFS, cfg, proc)
	fc.Disk = FactsDisk(siteFS, cfg)
	st, fp := facts.New(s, fc)
	s.SetFacts(st)
	problems = append(problems, fp...)
	diags = append(diags, problems...)
	if problems.HasErrors() {
		diags.Sort()
		return Result{Site: s, Facts: st, Images: proc}, diags
	}
	if diags.HasErrors() {
		// The build has failed already: render only to find the
		// problems of the pages' bodies and links, into memory, so that
		// the target gets nothing from a failed build.
		target = output.NewMemory()
	}
	w := output.NewWriter(target)
	stats, problems := render.Render(ctx, s, st, ThemeLayers(siteFS, cfg), siteFS, w, RenderOptions(cfg, proc))
	diags = append(diags, problems...)
	if !problems.HasErrors() {
		// A link into the site that leads nowhere fails the build, as in
		// Zola: readers must never meet it.
		diags = append(diags, check.Links(s, st, w.Has)...)
	}
	diags = append(diags, check.Settings(s)...)
	types, problems := ContentTypes(siteFS, cfg)
	diags = append(diags, problems...)
	diags = append(diags, check.Placeholders(s, siteFS, types)...)
	// The errors of the archetypes' field rules ("niet leeg") fail a
	// build; their warnings are check's.
	diags = append(diags, check.Fields(s, types).Errors()...)
	diags = collapseWriteErrors(diags)
	diags.Sort()
	return Result{
		Pages:    stats.Pages,
		Files:    stats.Files,
		Duration: time.Since(start),
		Site:     s,
		Facts:    st,
		Images:   proc,
		Types:    types,
		Warnings: diags.Warnings(),
	}, diags
}

// ContentTypes reads the content types from the theme's archetypes. A
// theme without archetypes has none; an archetype that does not parse is
// an error, as its rules could not be applied.
func ContentTypes(siteFS fs.FS, cfg Config) (map[string]*schema.Type, diag.List) {
	types, err := schema.Load(theme.Merge(ThemeLayers(siteFS, cfg)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.List{diag.Errorf("themes/"+ThemeName+"/"+schema.Dir, 0, "%v", err)}
	}
	return types, nil
}

// themeLayers stacks the site's own themes/ezine over the built-in theme.
func themeLayers(siteFS, builtin fs.FS) []theme.Layer {
	if builtin == nil {
		builtin = themes.Ezine()
	}
	var layers []theme.Layer
	dir := "themes/" + ThemeName
	if info, err := fs.Stat(siteFS, dir); err == nil && info.IsDir() {
		if sub, err := fs.Sub(siteFS, dir); err == nil {
			layers = append(layers, theme.Layer{FS: sub, Name: dir})
		}
	}
	return append(layers, theme.Layer{FS: builtin, Name: dir + " (built in)"})
}
