package build

import (
	"context"

	"github.com/lwa-rotterdam/ezine/generator/check"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/schema"
	"github.com/lwa-rotterdam/ezine/generator/theme"
)

// Check runs a build of the site in cfg.Source in memory, as a plain build
// would publish it, and adds what only check reports: front matter against
// the content types of the theme's archetypes, unknown keys, heading
// levels, and notes on the pages a build leaves out. Nothing is written.
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
	types, err := schema.Load(theme.Merge(ThemeLayers(siteFS, cfg)))
	if err != nil {
		diags.Add(diag.Errorf("themes/"+ThemeName+"/"+schema.Dir, 0, "%v", err))
	}
	diags = append(diags, check.Pages(res.Site, types)...)
	diags = append(diags, check.Unpublished(res.Site)...)
	diags.Sort()
	return diags
}
