package render_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
	"github.com/lwa-rotterdam/ezine/generator/render"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// A session that writes every output of its plan writes what Render does.
func TestSessionWritesWhatRenderWrites(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":               {Data: []byte("---\ntitle: Start\n---\nWelkom.\n")},
		"content/verhalen/_index.md":      {Data: []byte("---\ntitle: Verhalen\n---\n")},
		"content/verhalen/a.md":           {Data: []byte("---\ntitle: A\nweight: 1\ntags: [zorg]\naliases: [/oud/a/]\n---\nTekst [b](b.md).\n")},
		"content/verhalen/b.md":           {Data: []byte("---\ntitle: B\nweight: 2\ntags: [zorg, haven]\ndraft: true\n---\nMeer tekst.\n")},
		"content/verhalen/c/index.md":     {Data: []byte("---\ntitle: C\n---\n![Schets van een kraan](foto.svg)\n\n[Het verslag](verslag.pdf)\n")},
		"content/verhalen/c/foto.svg":     {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"content/verhalen/c/verslag.pdf":  {Data: []byte("%PDF-1.4 verslag\n")},
		"static/robots.txt":               {Data: []byte("User-agent: *\n")},
		"static/film.mp4":                 {Data: []byte("film")},
		"static/css/extra.css":            {Data: []byte("body { color : black }\n")},
		"themes/ezine/static/extra.txt":   {Data: []byte("extra\n")},
		"themes/ezine/layouts/alias.html": {Data: []byte(`<a href="{{ .RelPermalink }}">{{ .Title }}</a>`)},
	}
	cfg := pipeline.Config{Drafts: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Inject: "<script src=/x.js></script>"}
	want := output.NewMemory()
	if _, diags := pipeline.Run(context.Background(), fsys, want, cfg); len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}

	tree, diags := content.Load(context.Background(), fsys, "content", pipeline.ContentOptions(pipeline.SiteConfig(fsys, cfg).Vocabulary))
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	s, diags := site.Build(tree, pipeline.SiteConfig(fsys, cfg))
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	proc := pipeline.ImageProcessor(cfg)
	st, diags := facts.New(s, pipeline.FactsConfig(fsys, cfg, proc))
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	s.SetFacts(st)
	got := output.NewMemory()
	sess, diags := render.NewSession(pipeline.ThemeLayers(fsys, cfg), fsys, output.NewWriter(got), pipeline.RenderOptions(cfg, proc))
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	outs, diags := sess.Plan(s, st)
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	for _, o := range outs {
		if problems := o.Write(); len(problems.Errors()) > 0 {
			t.Fatal(problems)
		}
	}
	// Outputs that say they copy a site file write exactly that file; the
	// theme's files and minified ones do not say so.
	var copies []string
	for _, o := range outs {
		if o.Copy == "" {
			continue
		}
		copies = append(copies, o.Name+" <- "+o.Copy)
		if a, _ := got.Get(o.Name); !bytes.Equal(a, fsys[o.Copy].Data) {
			t.Errorf("%s says it copies %s, but holds %q", o.Name, o.Copy, a)
		}
	}
	slices.Sort(copies)
	if want := []string{"film.mp4 <- static/film.mp4", "robots.txt <- static/robots.txt", "verhalen/c/verslag.pdf <- content/verhalen/c/verslag.pdf"}; !slices.Equal(copies, want) {
		t.Errorf("copies %q, want %q", copies, want)
	}
	gotNames, wantNames := got.Names(), want.Names()
	slices.Sort(gotNames)
	slices.Sort(wantNames)
	if !slices.Equal(gotNames, wantNames) {
		t.Fatalf("session wrote %v\nRender wrote %v", gotNames, wantNames)
	}
	for _, n := range wantNames {
		a, _ := got.Get(n)
		b, _ := want.Get(n)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs:\n%s\n%s", n, a, b)
		}
	}
	if tmpl, name := sess.AliasLayout(); tmpl == nil || name != "layouts/alias.html" {
		t.Errorf("alias layout %q", name)
	}
	if len(sess.AssetFiles()) == 0 || len(sess.Assets()) == 0 {
		t.Error("no assets")
	}
}
