package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

func layer(name string, files map[string]string) Layer {
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return Layer{FS: fsys, Name: name}
}

var builtin = layer("themes/ezine (built in)", map[string]string{
	"layouts/_default/baseof.html": `<html>{{ block "main" . }}{{ end }}</html>`,
	"layouts/_default/single.html": `{{ define "main" }}builtin single {{ . }}{{ end }}`,
	"layouts/_default/list.html":   `{{ define "main" }}builtin list{{ end }}`,
	"layouts/partials/kop.html":    `<b>{{ . }}</b>`,
	"layouts/404.html":             `standalone`,
})

func exec(t *testing.T, th *Theme, name string, data any) string {
	t.Helper()
	tmpl, _ := th.Layout([]string{name})
	if tmpl == nil {
		t.Fatalf("no layout %s", name)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSiteOverridesFileByFile(t *testing.T) {
	site := layer("themes/ezine", map[string]string{
		"layouts/_default/single.html": `{{ define "main" }}site single {{ partial "kop" . }}{{ end }}`,
	})
	th, diags := Load([]Layer{site, builtin}, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if got := exec(t, th, "layouts/_default/single.html", "x"); got != "<html>site single <b>x</b></html>" {
		t.Errorf("single: %q", got)
	}
	if got := exec(t, th, "layouts/_default/list.html", nil); got != "<html>builtin list</html>" {
		t.Errorf("list: %q", got)
	}
	if got := exec(t, th, "layouts/404.html", nil); got != "standalone" {
		t.Errorf("404: %q", got)
	}
	if got := th.Origin("layouts/_default/single.html"); got != "themes/ezine/layouts/_default/single.html" {
		t.Errorf("origin %q", got)
	}
	if got := th.Origin("layouts/_default/list.html"); got != "themes/ezine (built in)/layouts/_default/list.html" {
		t.Errorf("origin %q", got)
	}
	tmpl, name := th.Layout([]string{"layouts/nope.html", "layouts/_default/list.html"})
	if tmpl == nil || name != "layouts/_default/list.html" {
		t.Errorf("lookup fell through to %q", name)
	}
}

func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	site := layer("themes/ezine", map[string]string{
		"layouts/_default/single.html": "{{ define \"main\" }}\nok\n{{ .Title \n{{ end }}",
		"layouts/partials/p.html":      "line1\n{{ nosuchfunc }}",
	})
	_, diags := Load([]Layer{site, builtin}, nil)
	got := diags.Error()
	for _, want := range []string{"themes/ezine/layouts/_default/single.html:4:", "themes/ezine/layouts/partials/p.html:2:", `function "nosuchfunc" not defined`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestExecErrorNamesTemplate(t *testing.T) {
	site := layer("themes/ezine", map[string]string{
		"layouts/_default/single.html": "{{ define \"main\" }}\n\n{{ .Missing }}{{ end }}",
	})
	th, _ := Load([]Layer{site, builtin}, template.FuncMap{})
	tmpl, name := th.Layout([]string{"layouts/_default/single.html"})
	err := tmpl.Execute(&strings.Builder{}, struct{ Title string }{})
	e := th.ExecError(err, name)
	if e.Path != "themes/ezine/layouts/_default/single.html" || e.Line != 3 {
		t.Errorf("got %v", e)
	}
}

func TestPartialCached(t *testing.T) {
	runs := 0
	site := layer("themes/ezine", map[string]string{
		"layouts/partials/tel.html":    `{{ count }}:{{ .n }}`,
		"layouts/_default/single.html": `{{ define "main" }}{{ partialCached "tel.html" (dict "n" 1) "a" }} {{ partialCached "tel.html" (dict "n" 2) "a" }} {{ partialCached "tel.html" (dict "n" 3) "b" 3 }}{{ end }}`,
	})
	funcs := template.FuncMap{
		"count": func() int { runs++; return runs },
		"dict":  func(k string, v any) map[string]any { return map[string]any{k: v} },
	}
	th, diags := Load([]Layer{site, builtin}, funcs)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	// The second call has the same variant, so it reuses the first's HTML
	// (data is not part of the key, as in Hugo).
	if got := exec(t, th, "layouts/_default/single.html", nil); got != "<html>1:1 1:1 2:3</html>" {
		t.Errorf("got %q", got)
	}
	th.ResetCache()
	if got := exec(t, th, "layouts/_default/single.html", nil); got != "<html>3:1 3:1 4:3</html>" {
		t.Errorf("after reset: %q", got)
	}
	tmpl, _ := th.Layout([]string{"layouts/_default/single.html"})
	bad := layer("themes/ezine", map[string]string{
		"layouts/_default/single.html": `{{ define "main" }}{{ partialCached "tel.html" . (dict "n" 1) }}{{ end }}`,
		"layouts/partials/tel.html":    `x`,
	})
	th, _ = Load([]Layer{bad, builtin}, funcs)
	tmpl, _ = th.Layout([]string{"layouts/_default/single.html"})
	if err := tmpl.Execute(&strings.Builder{}, nil); err == nil || !strings.Contains(err.Error(), "cannot be a cache key") {
		t.Errorf("a map as variant: %v", err)
	}
}

// TestVocabularyLayers: the first layer with theme.toml gives the whole
// vocabulary; a problem in it is named at that layer's file, by
// Vocabulary and by Load (which the dev server runs on a theme change).
func TestVocabularyLayers(t *testing.T) {
	base := layer("themes/ezine (built in)", map[string]string{
		"layouts/_default/single.html": `x`,
		"theme.toml":                   "subject = \"a\"\n[[taxonomies]]\nname = \"a\"\n[[taxonomies]]\nname = \"b\"\n",
	})
	v, diags := Vocabulary([]Layer{layer("themes/ezine", nil), base})
	if len(diags) > 0 || strings.Join(v.Names(), " ") != "a b" || v.Subject != "a" {
		t.Fatalf("built-in: %+v %v", v, diags)
	}
	own := layer("themes/ezine", map[string]string{"theme.toml": "[[taxonomies]]\nname = \"c\"\n"})
	if v, _ := Vocabulary([]Layer{own, base}); strings.Join(v.Names(), " ") != "c" || v.Subject != "" {
		t.Errorf("the site's theme.toml is not the whole vocabulary: %+v", v)
	}
	bad := layer("themes/ezine", map[string]string{"theme.toml": "\n[[taxonomies]]\nname = \"Twee woorden\"\n"})
	const want = `themes/ezine/theme.toml:3: taxonomy name "Twee woorden" is not a plain name`
	if _, diags := Vocabulary([]Layer{bad, base}); !strings.HasPrefix(diags.Error(), want) {
		t.Errorf("Vocabulary: %v, want %s", diags, want)
	}
	if _, diags := Load([]Layer{bad, base}, nil); !diags.HasErrors() || !strings.Contains(diags.Error(), want) {
		t.Errorf("Load: %v, want %s", diags, want)
	}
}
