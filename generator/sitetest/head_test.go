package sitetest

import (
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/lwa-rotterdam/ezine/generator/internal/testdiff"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// fingerprint matches the content hash in asset names, which changes with
// every edit of the theme's CSS or JS and is not what the golden file is
// about.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js|svg)`)

// TestPageHeadGolden builds a one-article site with the built-in theme and
// a base URL, and compares the article's <head> (title, description,
// canonical link, Open Graph and Twitter meta with the lead image's widest
// copy, feed links, JSON-LD) with
// testdata/head.golden. A title and description full of characters that
// need escaping show that every value is escaped for its context.
func TestPageHeadGolden(t *testing.T) {
	src := writeTree(t, map[string]string{
		"content/_index.md":            "---\ntitle: \"Het e-zine & <co>\"\ndescription: De slotuitgave.\n---\n",
		"content/interviews/_index.md": "---\ntitle: Interviews\n---\n",
		"content/interviews/zorg.md": "---\ntitle: \"Zorg: \\\"nieuw\\\" & </script><script>alert(1)</script>\"\n" +
			"description: \"Een 'zin' met \\\"quotes\\\" & <tags>.\"\ntype: interview\nrole: projectleider\nvoorbeeld: true\n" +
			"deelakkoord: [zorg]\nweight: 1\ndate: 2023-06-30\nlastmod: 2026-11-24\n" +
			"image: /kaart.png\nimage_alt: \"Kaart van de haven & <de stad>\"\n---\n## Vraag\n\nTekst.\n",
		"static/kaart.png": testPNG(t, 1000, 600),
	})
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "-source", src, "-destination", dest, "-baseURL", "https://ezine.example.nl/"); code != exitOK {
		t.Fatalf("build: %s", stderr)
	}
	page, err := os.ReadFile(filepath.Join(dest, "interviews", "zorg", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	start, end := bytes.Index(page, []byte("<head>")), bytes.Index(page, []byte("</head>"))
	if start < 0 || end < 0 {
		t.Fatalf("no head in:\n%s", page)
	}
	head := fingerprint.ReplaceAllString(string(page[start:end+len("</head>")]), ".HASH.$1")
	head = strings.ReplaceAll(head, "><", ">\n<") + "\n" // one tag a line, for readable diffs
	golden := filepath.Join("testdata", "head.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(head), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestPageHeadGolden -update)", err)
	}
	if d := testdiff.Line(string(want), head); d != "" {
		t.Fatalf("head differs from %s (go test -run TestPageHeadGolden -update to accept) at %s", golden, d)
	}
	// Parsed as a browser would: the hostile title stays inside its
	// attribute and its JSON string; the only scripts are ours.
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	walk(doc, func(n *html.Node) {
		if n.DataAtom != atom.Script {
			return
		}
		typ, _ := attr(n, "type")
		src, _ := attr(n, "src")
		scripts = append(scripts, typ+src)
		if typ == "application/ld+json" {
			var ld struct {
				Graph []struct {
					Headline string `json:"headline"`
				} `json:"@graph"`
			}
			if err := json.Unmarshal([]byte(n.FirstChild.Data), &ld); err != nil || ld.Graph[0].Headline != `Zorg: "nieuw" & </script><script>alert(1)</script>` {
				t.Errorf("JSON-LD: %v %+v", err, ld)
			}
		}
	})
	// No video block on the page: no player script (issue 12).
	if len(scripts) != 1 || scripts[0] != "application/ld+json" {
		t.Errorf("scripts in the page: %q", scripts)
	}
}

// testPNG returns a w×h PNG of one colour.
func testPNG(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xc0
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
