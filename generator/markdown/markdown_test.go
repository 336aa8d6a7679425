package markdown

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/lwa-rotterdam/ezine/generator/internal/testdiff"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// resolveForTest maps "x.md" to "/x/" and "img.png" to "/res/img.png", and
// fails on "missing.md".
func resolveForTest(dest string) (string, error) {
	if strings.HasPrefix(dest, "missing") {
		return "", errors.New("no page content/missing.md")
	}
	if p, frag, _ := strings.Cut(dest, "#"); strings.HasSuffix(p, ".md") {
		u := "/" + strings.TrimSuffix(p, ".md") + "/"
		if frag != "" {
			u += "#" + frag
		}
		return u, nil
	}
	return "/res/" + dest, nil
}

// TestGolden converts testdata/golden/*.txtar: each archive holds
// "input.md" and the expected "output.html", and "problems" when the
// conversion reports any. Run with -update to rewrite the expectations.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	c := New(Options{})
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var input []byte
			want := map[string][]byte{}
			for _, f := range ar.Files {
				if f.Name == "input.md" {
					input = f.Data
				} else {
					want[f.Name] = f.Data
				}
			}
			res, problems := c.Convert(Input{Source: input, Resolve: resolveForTest})
			got := map[string][]byte{}
			if res != nil {
				got["output.html"] = []byte(res.HTML)
				got["facts"] = []byte(fmt.Sprintf("summary: %s\nwords: %d\nheadings: %v\nlinks: %v\n", res.Summary, res.Words, res.Headings, res.Links))
			}
			if len(problems) > 0 {
				got["problems"] = []byte(problems.Error() + "\n")
			}
			if *update {
				out := &txtar.Archive{Comment: ar.Comment, Files: []txtar.File{{Name: "input.md", Data: input}}}
				for _, name := range []string{"output.html", "facts", "problems"} {
					if d, ok := got[name]; ok {
						out.Files = append(out.Files, txtar.File{Name: name, Data: d})
					}
				}
				if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"output.html", "facts", "problems"} {
				if !bytes.Equal(got[name], want[name]) {
					t.Errorf("%s differs (run go test -update to accept):\n%s", name, testdiff.Line(want[name], got[name]))
				}
			}
		})
	}
}

// unsafeHTML matches markup that must never come out of a body: script or
// frame elements, event handler or style attributes, and links or sources
// with a scheme that runs code.
var unsafeHTML = regexp.MustCompile(`<script|<iframe|<[a-z][^>]*\s(on[a-z]+|style)=|(href|src)="?\s*(javascript|vbscript|data:text)`)

func TestNoRawHTMLOrScript(t *testing.T) {
	c := New(Options{})
	inputs := []string{
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[a](javascript:alert(1))",
		"[a](JaVaScRiPt:alert(1))",
		"[a](java\tscript:alert(1))",
		"[a](&#x6A;avascript:alert(1))",
		"[a](vbscript:x)",
		"[a](data:text/html;base64,PHNjcmlwdD4=)",
		"![a](data:text/html,<script>x</script>)",
		"<javascript:alert(1)>",
		"[a][r]\n\n[r]: javascript:alert(1)",
		"# Kop {style=\"color:red\" onclick=\"x\"}",
		"<iframe src=x></iframe>",
	}
	for _, in := range inputs {
		res, _ := c.Convert(Input{Source: []byte(in)})
		if res == nil {
			continue
		}
		if m := unsafeHTML.FindString(strings.ToLower(string(res.HTML))); m != "" {
			t.Errorf("%q rendered %q, which contains %q", in, res.HTML, m)
		}
	}
}

// TestPathologicalInputs feeds shapes that make Markdown parsers
// super-linear. Each must end promptly, with output or an error at a line.
// The deadline only catches a hang; it is not a speed assertion.
func TestPathologicalInputs(t *testing.T) {
	list := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat(" ", i*2) + "- a\n")
		}
		return b.String()
	}
	refs := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[r%d]: /u%d\n", i, i)
		}
		return b.String() + "[r1]"
	}
	cases := []struct {
		name    string
		in      string
		wantErr bool
	}{
		{"nested emphasis", strings.Repeat("*a **b ", 50_000) + "c", false},
		{"unclosed links", strings.Repeat("[a](", 100_000), true},
		{"unclosed brackets", strings.Repeat("[", 200_000) + "a", true},
		{"many refdefs", refs(100_000), true},
		{"deep indented lists", list(2_000), true},
		{"deep inline lists", strings.Repeat("- ", 100_000) + "a", false},
		{"deep ordered lists", strings.Repeat("1. ", 50_000), false},
		{"deep block quotes", strings.Repeat(">", 10_000) + " a", false},
		{"padded table", "|" + strings.Repeat("a|", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|\n", 10_000), true},
		{"5 MB line", strings.Repeat("woord ", 900_000), false},
		{"quotes", strings.Repeat("\"'", 200_000), false},
		{"too big", strings.Repeat("a", MaxBodySize+1), true},
	}
	c := New(Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var problems []string
			var ok bool
			start := time.Now()
			go func() {
				defer close(done)
				res, diags := c.Convert(Input{Source: []byte(tc.in)})
				ok = res != nil
				for _, d := range diags {
					if d.Line <= 0 {
						problems = append(problems, "no line: "+d.Error())
					}
					problems = append(problems, d.Error())
				}
			}()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("still running after 30s")
			}
			t.Logf("%v ok=%v %v", time.Since(start).Round(time.Millisecond), ok, problems)
			if tc.wantErr && (ok || len(problems) == 0) {
				t.Errorf("want an error, got output")
			}
			if !tc.wantErr && !ok {
				t.Errorf("want output, got %v", problems)
			}
			for _, p := range problems {
				if strings.HasPrefix(p, "no line") {
					t.Error(p)
				}
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	tests := map[string]string{
		"Financiële zaken":         "financiele-zaken",
		"Van school naar werk":     "van-school-naar-werk",
		"(Weer) aan het werk":      "weer-aan-het-werk",
		"100 opstapbanen per jaar": "100-opstapbanen-per-jaar",
		"???":                      "",
		"Straße":                   "straße",
	}
	for in, want := range tests {
		if got := slugID(in); got != want {
			t.Errorf("slugID(%q) = %q, want %q", in, got, want)
		}
	}
	ids := newHeadingIDs()
	var got []string
	for _, h := range []string{"Zorg", "Zorg", "Zorg", "???"} {
		got = append(got, string(ids.Generate([]byte(h), 0)))
	}
	if strings.Join(got, " ") != "zorg zorg-1 zorg-2 kop" {
		t.Errorf("ids %v", got)
	}
}

func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil {
			for _, fl := range ar.Files {
				if fl.Name == "input.md" {
					f.Add(fl.Data)
				}
			}
		}
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		res, problems := c.Convert(Input{Source: src, Resolve: resolveForTest})
		if res == nil && !problems.HasErrors() {
			t.Fatal("no result and no error")
		}
		if res != nil {
			if m := unsafeHTML.FindString(strings.ToLower(res.HTML)); m != "" {
				t.Fatalf("unsafe %q in output: %s", m, res.HTML)
			}
		}
	})
}
