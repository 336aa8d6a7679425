package blocks

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

const article = `# Titel

Het eerste stuk tekst van het artikel.

::: kerncijfer cijfer="100" bron="../verhalen/haven.md"
opstapbanen per jaar
:::

## Het gesprek

::: qa
V: Hoe begon het?
A: Met een stage.
:::

::: figuur src="kranen.svg" alt="Tekening van havenkranen"
:::

::: video src="https://youtu.be/dQw4w9WgXcQ" titel="Film"
:::

::: citaat
Met een stage.
:::

::: bronnen
- [Het verhaal](../verhalen/haven.md)
:::
`

// TestFacts checks what the site learns about a page with blocks: its
// outline, links, summary and words.
func TestFacts(t *testing.T) {
	res, problems := convert(article)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	// The body's "# Titel" moves the outline one level down (the page
	// title is the h1); the question stays one below its section.
	wantHeadings := []markdown.Heading{
		{Level: 2, ID: "titel", Text: "Titel", Line: 1},
		{Level: 3, ID: "het-gesprek", Text: "Het gesprek", Line: 9},
		{Level: 4, ID: "hoe-begon-het", Text: "Hoe begon het?", Line: 12},
		{Level: 3, ID: "bronnen", Text: "Bronnen", Line: 26},
	}
	if !reflect.DeepEqual(res.Headings, wantHeadings) {
		t.Errorf("headings:\n got %+v\nwant %+v", res.Headings, wantHeadings)
	}
	wantLinks := []markdown.Link{
		{Dest: "/verhalen/haven/", Line: 5},
		{Dest: "/interviews/kranen.svg", Line: 16, Image: true},
		{Dest: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", Line: 19},
		{Dest: "/verhalen/haven/", Line: 27},
	}
	if !reflect.DeepEqual(res.Links, wantLinks) {
		t.Errorf("links:\n got %+v\nwant %+v", res.Links, wantLinks)
	}
	if want := "Het eerste stuk tekst van het artikel."; res.Summary != want {
		t.Errorf("summary %q, want %q", res.Summary, want)
	}
}

// TestSummaryNotFromBlocks checks that a page that opens with blocks takes
// its summary from its first paragraph of its own.
func TestSummaryNotFromBlocks(t *testing.T) {
	src := "::: kerncijfer cijfer=\"3\"\npijlers\n:::\n\n::: citaat\nDe eigen tekst.\n:::\n\nDe eigen tekst.\n"
	res, problems := convert(src)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if res.Summary != "De eigen tekst." {
		t.Errorf("summary %q", res.Summary)
	}
}

// TestWords pins what counts: the text of bodies (a label, a caption, a
// pull quote), not attribute values or the placeholder's fixed text.
func TestWords(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"Een twee drie.\n\n::: kerncijfer cijfer=\"100\"\nvier vijf\n:::\n", 5},
		{"::: video src=\"https://youtu.be/dQw4w9WgXcQ\" titel=\"Een lange titel\"\nonderschrift\n:::\n", 1},
		{"::: figuur src=\"a.svg\" alt=\"Een tekening\" credit=\"Redactie\"\n:::\n", 0},
	} {
		res, problems := convert(tc.src)
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		if res.Words != tc.want {
			t.Errorf("%q: %d words, want %d", tc.src, res.Words, tc.want)
		}
	}
}

// TestProblemLines puts every kind of malformed block below a heading and
// a paragraph and checks the line of the problem.
func TestProblemLines(t *testing.T) {
	const intro = "# Titel\n\nEen alinea\nover twee regels.\n\n" // 5 lines
	for _, tc := range []struct {
		name string
		src  string
		line int // relative to the block's opening line (1)
		msg  string
	}{
		{"unknown name", "::: pullquote\nx\n:::\n", 1, `unknown block "pullquote"`},
		{"unknown attribute", "::: citaat bron=\"x\" wie=\"y\"\nEen alinea\n:::\n", 1, `unknown attribute "wie"`},
		{"duplicated attribute", "::: figuur src=\"a.svg\" src=\"b.svg\" alt=\"Een kraan\"\n:::\n", 1, `"src" given twice`},
		{"missing cijfer", "::: kerncijfer\nlabel\n:::\n", 1, `"cijfer" is missing`},
		{"missing src", "::: figuur alt=\"Een kraan\"\n:::\n", 1, `"src" is missing`},
		{"missing alt", "::: figuur src=\"a.svg\"\n:::\n", 1, `"alt" is missing`},
		{"alt a file name", "::: figuur src=\"a.svg\" alt=\"a.svg\"\n:::\n", 1, "is a file name"},
		{"missing titel", "::: video src=\"https://youtu.be/dQw4w9WgXcQ\"\n:::\n", 1, `"titel" is missing`},
		{"missing video src", "::: video titel=\"Film\"\n:::\n", 1, `"src" is missing`},
		{"unsupported video host", "::: video src=\"https://example.org/v/1\" titel=\"Film\"\n:::\n", 1, "not supported"},
		{"empty label", "::: kerncijfer cijfer=\"1\"\n:::\n", 1, "has no label"},
		{"label of two paragraphs", "::: kerncijfer cijfer=\"1\"\nlabel\n\nmeer\n:::\n", 4, "one paragraph"},
		{"unclosed", "::: citaat\nEen alinea\n\nmeer\n", 1, "not closed"},
		{"stray closing line", "tekst\n\n:::\n", 3, "closes no block"},
		{"nested", "::: qa\nV: a?\nA: b\n::: citaat\nb\n:::\n:::\n", 4, "inside another block"},
		{"heading in body", "::: citaat\nEen alinea\n\n## Kop\n:::\n", 4, "heading cannot be put"},
		{"qa without question first", "::: qa\n\nA: b\n:::\n", 3, "must start with a question"},
		{"qa two questions", "::: qa\nV: a?\nV: b?\nA: c\n:::\n", 2, "no answer"},
		{"qa two answers", "::: qa\nV: a?\nA: b\n\nc\n\nA: d\n:::\n", 7, "no question"},
		{"qa last question unanswered", "::: qa\nV: a?\nA: b\n\nV: c?\n:::\n", 5, "no answer"},
		{"qa empty", "::: qa\n:::\n", 1, "qa is empty"},
		{"bron unresolved", "::: kerncijfer cijfer=\"1\" bron=\"missing.md\"\nlabel\n:::\n", 1, "no page"},
		{"src unresolved", "::: figuur src=\"../../a.svg\" alt=\"Een kraan\"\n:::\n", 1, "outside the content folder"},
		{"footnote in citaat", "Een alinea[^1]\n\n::: citaat\nEen alinea[^1]\n:::\n\n[^1]: x\n", 4, "footnote reference"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := convert(intro + tc.src)
			errs := problems.Errors()
			if len(errs) != 1 {
				t.Fatalf("want one error, got %d:\n%v", len(errs), problems)
			}
			if want := tc.line + 5; errs[0].Line != want || !strings.Contains(errs[0].Message(), tc.msg) {
				t.Errorf("got line %d: %s\nwant line %d: …%s…", errs[0].Line, errs[0].Message(), want, tc.msg)
			}
		})
	}
}

// TestCRLF checks blocks in a body with Windows line ends.
func TestCRLF(t *testing.T) {
	lf := "Tekst.\n\n::: qa\nV: Vraag?\nA: Antwoord.\n:::\n\n::: kerncijfer cijfer=\"3\"\npijlers\n:::\n"
	resLF, problems := convert(lf)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	resCRLF, problems := convert(strings.ReplaceAll(lf, "\n", "\r\n"))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if got := strings.ReplaceAll(resCRLF.HTML, "\r", ""); got != resLF.HTML {
		t.Errorf("CRLF:\n%s\nLF:\n%s", resCRLF.HTML, resLF.HTML)
	}
}

// TestWithoutConvert uses the extension in a bare goldmark, where nobody
// collects problems: it must not panic, and must still refuse unsafe
// links.
func TestWithoutConvert(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(New(Texts{})))
	for _, file := range caseFiles(t) {
		for _, c := range readCases(t, file) {
			var buf bytes.Buffer
			if err := md.Convert([]byte(c.input), &buf); err != nil {
				t.Errorf("%s %s: %v", file, c.header, err)
			}
			if strings.Contains(c.input, "javascript:") && strings.Contains(buf.String(), `href="javascript:`) {
				t.Errorf("%s %s: unsafe link in output:\n%s", file, c.header, buf.String())
			}
		}
	}
}

func TestParseOpening(t *testing.T) {
	for _, tc := range []struct {
		in    string
		name  string
		attrs []Attr
		err   string
	}{
		{in: "citaat", name: "citaat"},
		{in: "  qa  ", name: "qa"},
		{in: `figuur src="a b.svg" alt="x"`, name: "figuur", attrs: []Attr{{"src", "a b.svg"}, {"alt", "x"}}},
		{in: `k a="\"q\"" b="c:\\d" c="\x"`, name: "k", attrs: []Attr{{"a", `"q"`}, {"b", `c:\d`}, {"c", `\x`}}},
		{in: `k a=""`, name: "k", attrs: []Attr{{"a", ""}}},
		{in: `k a="x`, name: "k", err: "no closing"},
		{in: `k a=x`, name: "k", err: "double quotes"},
		{in: `k a="x"b="y"`, name: "k", attrs: []Attr{{"a", "x"}}, err: "put a space"},
		{in: `k a`, name: "k", err: "has no value"},
		{in: `k ="x"`, name: "k", err: "unexpected"},
		{in: `k a=‘x’`, name: "k", err: "straight double quotes"},
		{in: `"k"`, err: "no name"},
	} {
		o, err := parseOpening(tc.in)
		if o.name != tc.name || !reflect.DeepEqual(o.attrs, tc.attrs) {
			t.Errorf("%q: got %q %q, want %q %q", tc.in, o.name, o.attrs, tc.name, tc.attrs)
		}
		if (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
		}
	}
}

func TestParseVideoURL(t *testing.T) {
	for _, tc := range []struct {
		in, embed, watch, err string
	}{
		{in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", embed: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		{in: "http://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share", embed: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		{in: "https://youtu.be/dQw4w9WgXcQ?t=90", embed: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90", watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s"},
		{in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m3s", embed: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=3723", watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3723s"},
		{in: "https://www.youtube.com/shorts/dQw4w9WgXcQ", embed: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		{in: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=5", embed: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=5", watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5s"},
		{in: "https://vimeo.com/76979871", embed: "https://player.vimeo.com/video/76979871?dnt=1", watch: "https://vimeo.com/76979871"},
		{in: "https://player.vimeo.com/video/76979871?h=abc123def0", embed: "https://player.vimeo.com/video/76979871?dnt=1&h=abc123def0", watch: "https://vimeo.com/76979871/abc123def0"},
		{in: "https://vimeo.com/channels/staffpicks/76979871", embed: "https://player.vimeo.com/video/76979871?dnt=1", watch: "https://vimeo.com/76979871"},
		{in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=soon", err: "start time"},
		{in: `https://www.youtube.com/watch?v=dQw4w9WgXc"`, err: "not a YouTube video id"},
		{in: "https://youtu.be/", err: "not a YouTube video id"},
		{in: "https://www.youtube.com/@kanaal", err: "one YouTube video"},
		{in: "https://vimeo.com/76979871/<x>", err: "unlisted"},
		{in: "https://vimeo.com/about", err: "one Vimeo video"},
		{in: "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", err: "not supported"},
		{in: "javascript:alert(1)", err: "not a web address"},
		{in: "youtube.com/watch?v=dQw4w9WgXcQ", err: "not a web address"},
		{in: "", err: "not a web address"},
	} {
		v, err := parseVideoURL(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if v.embed() != tc.embed || v.watch() != tc.watch {
			t.Errorf("%q:\n got %s %s\nwant %s %s", tc.in, v.embed(), v.watch(), tc.embed, tc.watch)
		}
	}
}

// TestDeepNesting opens blocks inside blocks many times over: blocks
// nest at most two deep (the rest is text), so the work stays linear and
// the mistake is reported once, with the stray closing lines it leaves.
func TestDeepNesting(t *testing.T) {
	const n = 50_000
	src := strings.Repeat("::: citaat\n", n) + "tekst\n" + strings.Repeat(":::\n", n)
	_, problems := convert(src)
	var nested int
	for _, p := range problems {
		if strings.Contains(p.Message(), "inside another block") {
			nested++
			if p.Line != 2 {
				t.Errorf("nested block reported at line %d, want 2", p.Line)
			}
		}
	}
	if nested != 1 {
		t.Errorf("%d reports of a nested block, want 1", nested)
	}
}
