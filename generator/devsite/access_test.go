package devsite

import (
	"html/template"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
	"github.com/lwa-rotterdam/ezine/themes"

	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
	"github.com/lwa-rotterdam/ezine/generator/render"
)

// testFuncs are render's template functions, as a session of the built-in
// theme has them, and two of the tests' own. pagesOf wrongly says it reads
// only its arguments: the reflective rule sees it is handed a page.
var testFuncs = sync.OnceValue(func() render.Funcs {
	fs := builtinSession().Funcs()
	fs["shout"] = render.Func{Fn: func(s string) string { return s }, Reads: render.ReadsArgs}
	fs["pagesOf"] = render.Func{Fn: func(p *site.Page) []*site.Page { return nil }, Reads: render.ReadsArgs}
	return fs
})

func builtinSession() *render.Session {
	sess, diags := render.NewSession(pipeline.ThemeLayers(themes.Ezine(), pipeline.Config{}), themes.Ezine(), output.NewWriter(output.NewMemory()), render.Options{})
	if len(diags.Errors()) > 0 {
		panic(diags)
	}
	return sess
}

// analyse analyses layout on a site whose subject taxonomy is onderwerp.
func analyse(t *testing.T, layout string, partials map[string]string) *access {
	t.Helper()
	fm := testFuncs().FuncMap()
	fm["partial"] = func(string, any) (template.HTML, error) { return "", nil }
	tmpl := template.Must(template.New("layout").Funcs(fm).Parse(layout))
	ps := template.New("partials").Funcs(fm)
	for name, text := range partials {
		template.Must(ps.New(name).Parse(text))
	}
	return newAnalyzer(testFuncs(), ps, vocab.Vocabulary{Subject: "onderwerp"}).layout(tmpl)
}

func pathsOf(acc *access) []string {
	var out []string
	for _, p := range acc.paths {
		out = append(out, strings.Join(p, "."))
	}
	return out
}

func TestAccessPaths(t *testing.T) {
	tests := []struct {
		name     string
		layout   string
		partials map[string]string
		want     []string
	}{
		{"fields", `{{ .Title }} {{ .Site.Title }} {{ .Prev.Title }}`, nil,
			[]string{"Prev.Title", "Site.Title", "Title"}},
		{"range and with", `{{ range .Pages }}{{ .Lead }}{{ end }}{{ with .Parent }}{{ .URL }}{{ end }}`, nil,
			[]string{"Pages.*.Lead", "Parent.URL"}},
		{"variables hold all assignments", `{{ $p := .Next }}{{ if .IsHome }}{{ $p = .Prev }}{{ end }}{{ $p.Title }}`, nil,
			[]string{"IsHome", "Next.Title", "Prev.Title"}},
		{"dollar is the page", `{{ range .Pages }}{{ if eq .URL $.URL }}x{{ end }}{{ end }}`, nil,
			[]string{"Pages.*.URL", "URL"}},
		{"method with constant", `{{ range .Related 3 }}{{ .Title }}{{ end }}`, nil,
			[]string{"Related(3).*.Title"}},
		{"constants through a list", `{{ $p := . }}{{ range list "a" "b" }}{{ range $p.Terms . }}{{ .Title }}{{ end }}{{ end }}`, nil,
			[]string{`Terms("a").*.Title`, `Terms("b").*.Title`}},
		{"partial with dict", `{{ partial "kaart" (dict "p" .Next "h" 2) }}`, map[string]string{"kaart.html": `{{ .p.Title }}{{ .h }}`},
			[]string{"Next.Title"}},
		{"index into a list", `{{ (index .Pages 0).Title }}`, nil,
			[]string{"Pages.*.Title"}},
		{"len reads the list", `{{ len .Pages }}`, nil,
			[]string{"Pages"}},
		{"scalar function", `{{ lower .Title }} {{ longDate .Date }}`, nil,
			[]string{"Date", "Title"}},
		{"function that reads a page", `{{ jsonLD . }}`, nil,
			[]string{"Ancestors.*.Permalink", "Ancestors.*.Title", "Kind", "Lead", "Meta", "Permalink", "Site.AbsURL", "Site.Lang", "Site.Title", `Terms("onderwerp").*.Title`, "Title"}},
		{"function handed text", `{{ asset "css/main.css" }} {{ absURL .RelPermalink }} {{ hyph .Title }} {{ add 1 .Weight }}`, nil,
			[]string{"RelPermalink", "Title", "Weight"}},
		{"define and template", `{{ define "x" }}{{ .Title }}{{ end }}{{ template "x" .Parent }}`, nil,
			[]string{"Parent.Title"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acc := analyse(t, tt.layout, tt.partials)
			if acc.wide {
				t.Fatalf("wide: %v", acc.why)
			}
			if got := pathsOf(acc); !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestAccessGivesUp(t *testing.T) {
	for name, layout := range map[string]string{
		"unknown function handed a page": `{{ range pagesOf . }}{{ .Title }}{{ end }}`,
		"recursion without end":          `{{ define "t" }}{{ range .Sections }}{{ template "t" . }}{{ end }}{{ end }}{{ template "t" . }}`,
	} {
		t.Run(name, func(t *testing.T) {
			if acc := analyse(t, layout, nil); !acc.wide {
				t.Errorf("not wide: %q", pathsOf(acc))
			}
		})
	}
	// A function handed only text is fine.
	if acc := analyse(t, `{{ shout .Title }}`, nil); acc.wide {
		t.Errorf("shout .Title is wide: %v", acc.why)
	}
}

func TestLeafTypes(t *testing.T) {
	for name, want := range map[string]bool{
		"Title": true, "Date": true, "Meta": true, "Content": true, "Headings": true, "Params": true,
		"Parent": false, "Pages": false, "Site": false, "Related": false, "Terms": false, "Taxonomy": false,
	} {
		if got := isLeafType(memberType(pageType, name)); got != want {
			t.Errorf("%s: leaf %v, want %v", name, got, want)
		}
	}
	if isLeafType(nil) {
		t.Error("an unknown type is a leaf")
	}
	if got := staticType([]string{"Pages", "*", "Title"}); got != reflect.TypeFor[string]() {
		t.Errorf("Pages.*.Title is %v", got)
	}
}

// The built-in theme's layouts must not be wide: a wide layout is
// rendered again after every change, which makes the preview of a large
// site slow. A new template function that is handed pages needs a
// declaration in render of what it reads of them (render.ReadsPage).
func TestBuiltinThemeIsNotWide(t *testing.T) {
	sess := builtinSession()
	a := newAnalyzer(sess.Funcs(), sess.Theme().Partials(), testcorpus.Ezine())
	for _, name := range layoutNames(t) {
		tmpl, _ := sess.Theme().Layout([]string{name})
		if tmpl == nil {
			continue
		}
		if acc := a.layout(tmpl); acc.wide {
			t.Errorf("%s is wide: %v", name, acc.why)
		}
	}
}

func layoutNames(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, dir := range []string{"_default", "archief", "evaluatie", "fundament", "interview", "verhaal", "section", ""} {
		for _, f := range []string{"single", "list", "terms", "term", "search", "kerncijfers", "index", "404", "baseof"} {
			n := "layouts/" + f + ".html"
			if dir != "" {
				n = "layouts/" + dir + "/" + f + ".html"
			}
			names = append(names, n)
		}
	}
	return names
}
