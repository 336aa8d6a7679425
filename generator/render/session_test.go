package render_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
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

	got := output.NewMemory()
	sess, s, st := newSession(t, fsys, cfg, got)
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

// newSession loads the site in fsys as pipeline.Run does and opens a
// session on it that writes into target.
func newSession(t *testing.T, fsys fstest.MapFS, cfg pipeline.Config, target output.Target) (*render.Session, *site.Site, *facts.Store) {
	t.Helper()
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
	sess, diags := render.NewSession(pipeline.ThemeLayers(fsys, cfg), fsys, output.NewWriter(target), pipeline.RenderOptions(cfg, proc))
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	return sess, s, st
}

// pngOf is a PNG image of w by h pixels.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Plan says of every output what it is and which file it is made from.
func TestPlanKinds(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":              {Data: []byte("---\ntitle: Start\n---\n")},
		"content/verhalen/_index.md":     {Data: []byte("---\ntitle: Verhalen\n---\n")},
		"content/verhalen/a.md":          {Data: []byte("---\ntitle: A\ntags: [zorg]\naliases: [/oud/a/]\n---\nTekst.\n")},
		"content/verhalen/c/index.md":    {Data: []byte("---\ntitle: C\n---\n![Een grijs vlak](foto.png)\n\n[Het verslag](verslag.pdf)\n")},
		"content/verhalen/c/foto.png":    {Data: pngOf(t, 600, 10)},
		"content/verhalen/c/verslag.pdf": {Data: []byte("%PDF-1.4 verslag\n")},
		"content/zoeken.md":              {Data: []byte("---\ntitle: Zoeken\nlayout: search\n---\n")},
		"static/film.mp4":                {Data: []byte("film")},
		"themes/ezine/static/extra.txt":  {Data: []byte("extra\n")},
	}
	cfg := pipeline.Config{BaseURL: "https://example.org/", Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	sess, s, st := newSession(t, fsys, cfg, output.NewMemory())
	outs, diags := sess.Plan(s, st)
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	byName := map[string]*render.Output{}
	for _, o := range outs {
		if o.Kind == 0 {
			t.Errorf("%s: no kind", o.Name)
		}
		byName[o.Name] = o
	}
	tests := []struct {
		name   string
		kind   render.Kind
		source string
	}{
		{"verhalen/a/index.html", render.KindPage, ""},
		{"index.html", render.KindList, ""},
		{"verhalen/index.html", render.KindList, ""},
		{"tags/zorg/index.html", render.KindList, ""},
		{"404.html", render.Kind404, ""},
		{"oud/a/index.html", render.KindAlias, ""},
		{"verhalen/c/verslag.pdf", render.KindResource, ""},
		{"verhalen/c/foto.png", render.KindResource, ""},
		{"verhalen/c/foto-480w.png", render.KindImageCopy, "content/verhalen/c/foto.png"},
		{"film.mp4", render.KindStatic, "static/film.mp4"},
		{"extra.txt", render.KindThemeStatic, "themes/ezine/static/extra.txt"},
		{"verhalen/a/deelkaart.png", render.KindCard, ""},
		{"feed.xml", render.KindHosting, ""},
		{"_redirects", render.KindHosting, ""},
		{"zoekindex.json", render.KindSearch, ""},
	}
	for _, tt := range tests {
		o := byName[tt.name]
		switch {
		case o == nil:
			t.Errorf("%s: not in the plan", tt.name)
		case o.Kind != tt.kind || o.Source != tt.source:
			t.Errorf("%s: %v from %q, want %v from %q", tt.name, o.Kind, o.Source, tt.kind, tt.source)
		}
	}
}

// A file that another output also writes is reported once, naming both,
// and is left out of the plan; the output that claimed the name first
// stays, once.
func TestPlanReportsAClashOnce(t *testing.T) {
	tests := []struct {
		name  string
		file  string // the static file that clashes
		out   string // the output both write
		kind  render.Kind
		error string
	}{
		{"with a page", "static/a/index.html", "a/index.html", render.KindPage,
			"static/a/index.html: writes a/index.html, which content/a.md also writes (rename or remove one of them)"},
		{"with a feed", "static/feed.xml", "feed.xml", render.KindStatic,
			"static/feed.xml: writes feed.xml, which the generator writes itself (rename or remove the file)"},
		{"with a resized copy", "static/img/kraan-480w.png", "img/kraan-480w.png", render.KindImageCopy,
			"static/img/kraan-480w.png: writes img/kraan-480w.png, which static/img/kraan.png also writes (rename or remove one of them)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/a.md":         {Data: []byte("---\ntitle: A\n---\nTekst.\n")},
				"static/img/kraan.png": {Data: pngOf(t, 600, 10)},
				tt.file:                {Data: pngOf(t, 10, 10)}, // any bytes; a PNG where a PNG is expected
			}
			cfg := pipeline.Config{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			sess, s, st := newSession(t, fsys, cfg, output.NewMemory())
			outs, diags := sess.Plan(s, st)
			var errs []string
			for _, e := range diags.Errors() {
				errs = append(errs, e.Error())
			}
			if !slices.Equal(errs, []string{tt.error}) {
				t.Errorf("errors %q, want %q", errs, tt.error)
			}
			var kinds []render.Kind
			for _, o := range outs {
				if o.Name == tt.out {
					kinds = append(kinds, o.Kind)
				}
			}
			if !slices.Equal(kinds, []render.Kind{tt.kind}) {
				t.Errorf("%s planned as %v, want once as %v", tt.out, kinds, tt.kind)
			}
		})
	}
}
