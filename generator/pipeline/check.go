package pipeline

import (
	"context"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/check"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/output"
)

// Check runs a build of the site in cfg.Source in memory, as a plain build
// would publish it, and adds what only check reports: front matter against
// the content types of the theme's archetypes, unknown keys, heading
// levels, and notes on the pages a build leaves out. Nothing is written.
// (Archetype text left in a published page fails Run itself.)
func Check(ctx context.Context, cfg Config) diag.List {
	siteFS, err := OpenSite(cfg.Source)
	if err != nil {
		return diag.List{diag.Errorf(cfg.Source, 0, "cannot open the site folder: %v", unwrapPath(err)).WithHint("check -source")}
	}
	defer siteFS.Close()
	res, diags := Run(ctx, siteFS, output.NewMemory(), cfg)
	if res.Site == nil {
		return diags
	}
	// Run read the content types (and reported an archetype that does
	// not parse).
	diags = append(diags, check.Pages(res.Site, res.Facts, res.Types)...)
	diags = append(diags, check.Fields(res.Site, res.Types).Warnings()...)
	diags = append(diags, check.Unpublished(res.Site, res.Facts)...)
	now := cfg.Now
	if now.IsZero() {
		now = time.Now()
	}
	if next := check.NextChange(res.Site, now); next != nil {
		diags = append(diags, next)
	}
	diags.Sort()
	return diags
}
