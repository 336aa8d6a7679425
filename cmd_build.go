package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
)

func runBuild(c *call, args []string) int {
	stdout, stderr := c.stdout, c.stderr
	fs := c.newFlags("build",
		"Build the site: Markdown in <source>/content becomes a minified static site in the\n"+
			"destination. The destination is replaced only when the whole build succeeds.")
	source := fs.String("source", ".", "site `folder`, holding content/ and optionally themes/ and static/")
	dest := fs.String("destination", "", "output `folder` (default <source>/public)")
	drafts := fs.Bool("drafts", false, "also publish drafts and pages with a future publishDate")
	baseURL := fs.String("baseURL", "", "absolute `URL` the site is served from, e.g. https://ezine.example.nl/\n(default: $URL, as Netlify sets it; else links are root-relative)")
	imageCache := fs.String("imageCache", "", "`folder` where resized images are kept between builds; safe to delete\n(default <source>/.cache/images)")
	cache := fs.Bool("cache", true, "reuse each page's converted Markdown from the last build when nothing it depends on\nchanged, kept in <source>/.cache/facts (safe to delete); -cache=false converts every page")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	if *baseURL == "" {
		*baseURL = os.Getenv("URL")
	}
	if *baseURL != "" && !strings.HasPrefix(*baseURL, "http://") && !strings.HasPrefix(*baseURL, "https://") {
		c.printf(stderr, "-baseURL %q must start with http:// or https://\n", *baseURL)
		return exitUsage
	}
	if path := os.Getenv("EZINE_CPUPROFILE"); path != "" {
		// For profiling a real build (BENCHMARKS.md): go tool pprof PATH.
		stop, err := startCPUProfile(path)
		if err != nil {
			fmt.Fprintf(stderr, "EZINE_CPUPROFILE: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	res, diags := pipeline.Build(c.ctx, pipeline.Config{
		Source:       *source,
		Destination:  *dest,
		Drafts:       *drafts,
		BaseURL:      *baseURL,
		ImageCache:   *imageCache,
		NoFactsCache: !*cache,
	})
	c.printDiags(stderr, diags)
	if n := len(diags.Errors()); n > 0 {
		state := i18n.New("the destination was not changed")
		if slices.ContainsFunc(diags, func(e *diag.Error) bool { return errors.Is(e, output.ErrDestinationMissing) }) {
			state = i18n.New("the destination is missing; see above where the previous site is")
		}
		c.printf(stderr, "build failed: %s; %s\n", i18n.New("%d errors", n), state)
		return exitError
	}
	out := *dest
	if out == "" {
		out = filepath.Join(*source, "public")
	}
	c.printf(stdout, "built %s, %s in %d ms -> %s\n", i18n.New("%d pages", res.Pages), i18n.New("%d files", res.Files), res.Duration.Milliseconds(), out)
	return exitOK
}

// startCPUProfile writes a CPU profile to path until the returned function
// is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
