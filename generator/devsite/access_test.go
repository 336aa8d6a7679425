package devsite

import (
	"html/template"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/site"
	"github.com/lwa-rotterdam/ezine/themes"

	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
	"github.com/lwa-rotterdam/ezine/generator/render"
)

// testFuncs stand in for the render package's functions.
var testFuncs = template.FuncMap{
	"dateNL":   func(time.Time) string { return "" },
	"lower":    strings.ToLower,
	"shout":    func(s string) string { return s },
	"pagesOf":  func(p *site.Page) []*site.Page { return nil },
	"jsonLD":   func(p *site.Page) map[string]any { return nil },
	"partial":  func(string, any) (template.HTML, error) { return "", nil },
	"dict":     func(...any) map[string]any { return nil },
	"list":     func(...any) []any { return nil },
	"absURL":   func(string) string { return "" },
	"asset":    func(string) string { return "" },
	"isoDate":  func(time.Time) string { return "" },
	"slugify":  func(string) string { return "" },
	"add":      func(a, b int) int { return a + b },
	"sub":      func(a, b int) int { return a - b },
	"hasAsset": func(string) bool { return false },
}

func analyse(t *testing.T, layout string, partials map[string]string) *access {
	t.Helper()
	tmpl := template.Must(template.New("layout").Funcs(testFuncs).Parse(layout))
	ps := template.New("partials").Funcs(testFuncs)
	for name, text := range partials {
		template.Must(ps.New(name).Parse(text))
	}
	return newAnalyzer(testFuncs, ps).layout(tmpl)
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
		{"scalar function", `{{ lower .Title }} {{ dateNL .Date }}`, nil,
			[]string{"Date", "Title"}},
		{"page function from the table", `{{ jsonLD . }}`, nil,
			[]string{"Ancestors.*.Permalink", "Ancestors.*.Title", "Date", "Kind", "Lead", "Meta", "Permalink", "Site.AbsURL", "Site.Title", `Terms("deelakkoord").*.Title`, "Title"}},
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
// site slow. A new template function that is handed pages needs its
// access paths in pageFuncs.
func TestBuiltinThemeIsNotWide(t *testing.T) {
	cfg := pipeline.Config{}
	sess, diags := render.NewSession(pipeline.ThemeLayers(themes.Ezine(), cfg), themes.Ezine(), output.NewWriter(output.NewMemory()), render.Options{})
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	a := newAnalyzer(sess.Funcs(), sess.Theme().Partials())
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
