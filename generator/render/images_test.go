package render_test

import (
	"bytes"
	"context"
	"image/jpeg"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/internal/testphoto"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
	"github.com/lwa-rotterdam/ezine/generator/render"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// TestImageOutputsShareOneJob: the original and the copies of an image
// are made together: a damaged photo is one decode and the same problem
// from each of its outputs; once the file is fixed, writing an output
// again makes it from the file as it is then (the dev server's case).
func TestImageOutputsShareOneJob(t *testing.T) {
	var good bytes.Buffer
	if err := jpeg.Encode(&good, testphoto.Quadrants(600, 300), nil); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/a/index.md": {Data: []byte("---\ntitle: A\n---\n![Een kraan aan de kade](foto.jpg)\n")},
		"content/a/foto.jpg": {Data: good.Bytes()[:good.Len()/2]}, // whole header, half the pixels
	}
	cfg := pipeline.Config{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
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
	mem := output.NewMemory()
	sess, diags := render.NewSession(pipeline.ThemeLayers(fsys, cfg), fsys, output.NewWriter(mem), pipeline.RenderOptions(cfg, proc))
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	outs, _ := sess.Plan(s, st)
	var mine []*render.Output
	for _, o := range outs {
		if strings.HasPrefix(o.Name, "a/foto") {
			mine = append(mine, o)
		}
	}
	if len(mine) != 3 { // the original, 480w, 600w
		t.Fatalf("%d outputs of the photo, want 3", len(mine))
	}
	var problems []string
	for _, o := range mine {
		for _, e := range o.Write().Errors() {
			problems = append(problems, e.Error())
		}
	}
	if len(problems) != 3 || problems[0] != problems[1] || problems[1] != problems[2] || !strings.Contains(problems[0], "content/a/foto.jpg: cannot decode the image: the file is cut short") {
		t.Errorf("problems:\n%s\nwant the same one from each output", strings.Join(problems, "\n"))
	}
	if d := proc.Stats().Decoded; d != 1 {
		t.Errorf("%d decodes for one damaged photo, want 1", d)
	}
	fsys["content/a/foto.jpg"] = &fstest.MapFile{Data: good.Bytes()}
	if p := mine[1].Write(); len(p.Errors()) > 0 {
		t.Errorf("after the fix: %v", p)
	}
	if b, ok := mem.Get(mine[1].Name); !ok || len(b) == 0 {
		t.Errorf("%s not written after the fix", mine[1].Name)
	}
}
