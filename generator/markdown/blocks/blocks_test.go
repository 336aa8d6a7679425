package blocks

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/internal/testdiff"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

var update = flag.Bool("update", false, "rewrite the expected output of the cases in testdata/*.txt")

// The case files follow goldmark's extension/_test/*.txt: a header
// "N:description", the Markdown, and the expected output, separated by
// these lines.
const (
	sectionSep = "//- - - - - - - - -//"
	caseSep    = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

type testCase struct {
	header, input, output string
}

func readCases(t testing.TB, file string) []testCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	for i, chunk := range strings.Split(string(data), caseSep+"\n") {
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		parts := strings.Split(chunk, sectionSep+"\n")
		if len(parts) != 3 {
			t.Fatalf("%s: case %d has %d sections, want header, input and output", file, i+1, len(parts))
		}
		cases = append(cases, testCase{header: strings.TrimSpace(parts[0]), input: parts[1], output: parts[2]})
	}
	return cases
}

func writeCases(file string, cases []testCase) error {
	var b strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&b, "%s\n%s\n%s%s\n%s%s\n", c.header, sectionSep, c.input, sectionSep, c.output, caseSep)
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}

// resolveForTest resolves like a page at content/interviews/zorg.md: a
// Markdown file to its page's URL, any other file to its copy, with an
// error for targets outside content/ and for "missing" ones.
func resolveForTest(dest string) (string, error) {
	rel := path.Join("interviews", dest)
	switch {
	case strings.HasPrefix(rel, "../"):
		return "", errors.New("points outside the content folder")
	case strings.Contains(dest, "missing"):
		return "", fmt.Errorf("no page content/%s", rel)
	case strings.HasSuffix(rel, ".md"):
		return "/" + strings.TrimSuffix(rel, ".md") + "/", nil
	}
	return "/" + rel, nil
}

// ezineTexts are the texts the e-zine's theme declares (its theme.toml), so
// that the cases show the blocks as the site writes them.
var ezineTexts = func() Texts {
	v, err := vocab.Load(os.DirFS("../../../themes/ezine"))
	if err != nil {
		panic(err)
	}
	return Texts{VideoLoad: v.Strings.VideoLoad, VideoNote: v.Strings.VideoNote, VideoWatch: v.Strings.VideoWatch}
}()

var converter = markdown.New(markdown.Options{Extensions: []goldmark.Extender{New(ezineTexts)}})

// TestDefaultTexts: a theme that declares no texts gets the default ones,
// and every text is escaped as it is written.
func TestDefaultTexts(t *testing.T) {
	for _, tc := range []struct {
		texts Texts
		want  []string
	}{
		{Texts{}, []string{`aria-label="Load video: Film &amp; haven"`, `>Load video</button>`,
			`This video is on YouTube.`, `>Watch “Film &amp; haven” on YouTube</a>`}},
		{Texts{VideoLoad: "<Laden>", VideoWatch: "{title} @ {platform}"}, []string{`>&lt;Laden&gt;</button>`,
			`This video is on YouTube.`, `>Film &amp; haven @ YouTube</a>`}},
	} {
		c := markdown.New(markdown.Options{Extensions: []goldmark.Extender{New(tc.texts)}})
		res, diags := c.Convert(markdown.Input{Source: []byte("::: video src=\"https://youtu.be/dQw4w9WgXcQ\" titel=\"Film & haven\"\n:::\n"), Resolve: resolveForTest})
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		for _, w := range tc.want {
			if !strings.Contains(res.HTML, w) {
				t.Errorf("texts %+v: no %s in\n%s", tc.texts, w, res.HTML)
			}
		}
	}
}

func convert(src string) (*markdown.Result, diag.List) {
	return converter.Convert(markdown.Input{Source: []byte(src), Resolve: resolveForTest})
}

// render gives a case's output: its problems, "! line: message (hint)",
// then its HTML.
func render(src string) string {
	res, problems := convert(src)
	var b strings.Builder
	for _, p := range problems {
		fmt.Fprintf(&b, "! %d: %s\n", p.Line, strings.TrimPrefix(p.Error(), p.Position()+": "))
	}
	if res != nil {
		b.WriteString(res.HTML)
	}
	return b.String()
}

func caseFiles(t testing.TB) []string {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files in testdata")
	}
	return files
}

// TestCases renders every case of testdata/*.txt. Run with -update to
// rewrite the expected output, then read the diff.
func TestCases(t *testing.T) {
	for _, file := range caseFiles(t) {
		cases := readCases(t, file)
		for i, c := range cases {
			t.Run(filepath.Base(file)+"/"+c.header, func(t *testing.T) {
				got := render(c.input)
				if *update {
					cases[i].output = got
					return
				}
				if got != c.output {
					t.Errorf("input:\n%s\n%s\n\nfull output:\n%s", c.input, testdiff.Line(c.output, got), got)
				}
			})
		}
		if *update {
			if err := writeCases(file, cases); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// unsafeMarkup finds what a Content-Security-Policy without unsafe-inline
// would block, and script URLs.
var unsafeMarkup = regexp.MustCompile(`(?i)<script|<style|\sstyle=|\son[a-z]+=|javascript:`)

// TestNoInlineScriptOrStyle renders every case and checks the HTML for
// inline scripts, styles and event handlers.
func TestNoInlineScriptOrStyle(t *testing.T) {
	for _, file := range caseFiles(t) {
		for _, c := range readCases(t, file) {
			res, _ := convert(c.input)
			if res == nil {
				continue
			}
			if m := unsafeMarkup.FindString(res.HTML); m != "" {
				t.Errorf("%s %s: output holds %q:\n%s", file, c.header, m, res.HTML)
			}
		}
	}
}
