package content

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/adrg/frontmatter"

	"github.com/lwa-rotterdam/ezine/generator/diag"
)

// loadOne loads a single file content/p.md with the given text.
func loadOne(t *testing.T, text string) (*Page, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{"content/p.md": {Data: []byte(text)}}
	tree, diags := Load(context.Background(), fsys, "content", Options{Location: time.UTC, Taxonomies: []string{"tags"}})
	if tree == nil || len(tree.Pages) == 0 {
		return nil, diags
	}
	return tree.Pages[0], diags
}

func TestFrontMatterFormats(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		title    string
		weight   int
		tags     []string
		bodyLine int
	}{
		{"yaml", "---\ntitle: Zorg\nweight: 3\ntags: [a, b]\n---\nbody\n", "Zorg", 3, []string{"a", "b"}, 6},
		{"yaml-named", "---yaml\ntitle: Zorg\n---\nbody\n", "Zorg", 0, nil, 4},
		{"toml", "+++\ntitle = \"Haven\"\nweight = 2\ntags = [\"x\"]\n+++\nbody\n", "Haven", 2, []string{"x"}, 6},
		{"json", "{\n  \"title\": \"MKB\",\n  \"weight\": 4\n}\n\nbody\n", "MKB", 4, nil, 6},
		{"bom", "\ufeff---\ntitle: Met BOM\n---\nbody\n", "Met BOM", 0, nil, 4},
		{"crlf", "---\r\ntitle: Windows\r\nweight: 1\r\n---\r\nbody\r\n", "Windows", 1, nil, 5},
		{"lone-cr", "---\rtitle: Oud\r---\rbody\r", "Oud", 0, nil, 4},
		{"none", "# Alleen tekst\n", "", 0, nil, 1},
		{"empty-file", "", "", 0, nil, 1},
		{"empty-block", "---\n---\nbody\n", "", 0, nil, 3},
		{"leading-blank-lines", "\n\n---\ntitle: Later\n---\nbody\n", "Later", 0, nil, 6},
		{"scalar-title", "---\ntitle: 2019\n---\n", "2019", 0, nil, 4},
		{"single-tag", "---\ntags: zorg\n---\n", "", 0, []string{"zorg"}, 4},
		{"closer-at-eof", "---\ntitle: Kort\n---", "Kort", 0, nil, 3}, // an empty body, on the closing line
		{"closer-with-spaces", "---\ntitle: Ruim\n  ---  \nbody\n", "Ruim", 0, nil, 4},
		{"closer-in-body", "---\ntitle: Twee\n---\nbody\n---\nmeer\n", "Twee", 0, nil, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := loadOne(t, tt.text)
			if len(diags) > 0 || p == nil {
				t.Fatalf("unexpected problems: %v", diags)
			}
			m := p.Meta
			if m.Title != tt.title || m.Weight != tt.weight || strings.Join(m.Terms["tags"], ",") != strings.Join(tt.tags, ",") {
				t.Errorf("got title %q weight %d tags %v; want %q %d %v", m.Title, m.Weight, m.Terms["tags"], tt.title, tt.weight, tt.tags)
			}
			if p.BodyLine != tt.bodyLine {
				t.Errorf("body line %d, want %d", p.BodyLine, tt.bodyLine)
			}
		})
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		line int
		want string // in the message
	}{
		{"unterminated-yaml", "---\ntitle: x\n\nbody text\n", 1, "never closed"},
		{"unterminated-after-bom", "\ufeff---\ntitle: x\n", 1, "never closed"},
		{"unterminated-toml", "+++\ntitle = \"x\"\n", 1, "never closed"},
		{"yaml-syntax", "---\ntitle: x\nweight: 1: 2\n---\n", 3, "mapping values"},
		{"yaml-tab", "---\ntitle: x\n\tweight: 1\n---\n", 3, "front matter"},
		{"toml-syntax", "+++\ntitle = \"x\"\nweight = = 2\n+++\n", 3, "TOML"},
		{"json-syntax", "{\n  \"title\": \"x\",\n  \"weight\": ,\n}\n\n", 3, "JSON"},
		{"impossible-date", "---\ntitle: x\ndate: 2019-02-30\n---\n", 3, "not a real date"},
		{"not-a-date", "---\ndate: gisteren\n---\n", 2, "not a date"},
		{"list-for-string", "---\ntitle: [a, b]\n---\n", 2, "expected text, found a list"},
		{"map-for-string", "---\ntitle:\n  nl: x\n---\n", 2, "expected text, found a group of keys"},
		{"string-for-bool", "---\ndraft: ja\n---\n", 2, "expected true or false"},
		{"string-for-int", "---\nweight: eerste\n---\n", 2, "whole number"},
		{"fraction-for-int", "---\nweight: 1.5\n---\n", 2, "whole number"},
		{"duplicate-key", "---\ntitle: a\nTitle: b\n---\n", 3, "appears twice"},
		{"not-a-mapping", "---\n- a\n- b\n---\n", 2, "key: value"},
		{"bad-url", "---\nurl: ../../etc/\n---\n", 2, "\"..\""},
		{"bad-alias", "---\naliases: [\"/ok/\", \"http://evil.example/\"]\n---\n", 2, "not a path on this site"},
		{"bad-layout", "---\nlayout: ../../../etc/passwd\n---\n", 2, "not a plain name"},
		{"nul-byte", "---\ntitle: x\n---\nab\x00c\n", 4, "NUL"},
		{"invalid-utf8", "---\ntitle: x\n---\nab\xffc\n", 4, "UTF-8"},
		{"published-bad", "---\npublished: ooit\n---\n", 2, "onbekend"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := loadOne(t, tt.text)
			errs := diags.Errors()
			if len(errs) == 0 {
				t.Fatalf("no error; page %+v", p)
			}
			e := errs[0]
			if e.Path != "content/p.md" || e.Line != tt.line || !strings.Contains(e.Error(), tt.want) {
				t.Errorf("got %q (line %d), want line %d containing %q", e.Error(), e.Line, tt.line, tt.want)
			}
			if p != nil && (!p.Invalid || p.Meta.Layout != "" || p.Meta.URL != "" || len(p.Meta.Aliases) > 1) {
				t.Errorf("a page with errors is loaded only as Invalid, without the bad values: %+v", p.Meta)
			}
		})
	}
}

func TestFrontMatterTypedFields(t *testing.T) {
	amsterdam, _ := time.LoadLocation("Europe/Amsterdam")
	text := `---
title: "Zorg: een verhaal"
description: Kort
date: 2019-12-05
publishDate: 2019-12-06T10:00:00+01:00
draft: false
slug: Zorg Verhaal
aliases: ["/oud/zorg/", "oud%2Fzorg2"]
deelakkoord: [zorg]
pijler: aan-het-werk
voorbeeld: true
role: projectleider
published: onbekend
extra: 42
Tilte: typo
---
`
	fsys := fstest.MapFS{"content/p.md": {Data: []byte(text)}}
	tree, diags := Load(context.Background(), fsys, "content", Options{Location: amsterdam, Taxonomies: []string{"deelakkoord", "pijler"}})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	m := tree.Pages[0].Meta
	if m.Date.Location() != amsterdam || m.Date.Day() != 5 {
		t.Errorf("date %v not in Amsterdam", m.Date)
	}
	if m.PublishDate.Hour() != 10 {
		t.Errorf("publishDate %v", m.PublishDate)
	}
	if m.Slug != "zorg-verhaal" {
		t.Errorf("slug %q", m.Slug)
	}
	if got := strings.Join(m.Aliases, " "); got != "/oud/zorg/ /oud/zorg2/" {
		t.Errorf("aliases %q", got)
	}
	if !m.Voorbeeld || m.Role != "projectleider" || !m.Published.Unknown || m.Published.Known() {
		t.Errorf("e-zine fields: %+v", m)
	}
	if m.Params["extra"] != int64(42) || m.Params["Tilte"] != "typo" {
		t.Errorf("params %v", m.Params)
	}
	if strings.Join(m.Unknown, ",") != "extra,Tilte" {
		t.Errorf("unknown %v", m.Unknown)
	}
	if m.Lines["role"] != 12 {
		t.Errorf("line of role = %d", m.Lines["role"])
	}
}

func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [")
		for i := range 9 {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = n
	}
	b.WriteString("---\n")
	start := time.Now()
	_, diags := loadOne(t, b.String())
	if !diags.HasErrors() {
		t.Fatal("alias bomb accepted")
	}
	if !strings.Contains(diags.Error(), "aliases") {
		t.Errorf("error does not explain: %v", diags)
	}
	t.Logf("rejected in %v", time.Since(start))
}

func TestDeepNesting(t *testing.T) {
	const depth = 10_000
	for _, tc := range []struct{ name, text string }{
		{"yaml-flow", "---\nx: " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n---\n"},
		{"json", "{\n\"x\": " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n}\n\n"},
		{"toml", "+++\nx = " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n+++\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Either it loads or it fails with a message at a line; it
			// must not crash or hang.
			_, diags := loadOne(t, tc.text)
			for _, e := range diags {
				if e.Path != "content/p.md" {
					t.Errorf("problem without the file: %v", e)
				}
			}
		})
	}
}

func TestHugeLine(t *testing.T) {
	text := "---\ntitle: lang\n---\n" + strings.Repeat("woord ", 5<<20/6) + "\n"
	p, diags := loadOne(t, text)
	if len(diags) > 0 || p == nil {
		t.Fatal(diags)
	}
}

func TestCleanURLPath(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"/a/b/", "/a/b/", ""},
		{"a/b", "/a/b/", ""},
		{"/a/feed.xml", "/a/feed.xml", ""},
		{"/a//b/./c", "/a/b/c/", ""},
		{`\windows\pad\`, "/windows/pad/", ""},
		{"/caf%C3%A9/", "/café/", ""},
		{"/", "/", ""},
		{"../x", "", `".."`},
		{"/a/../../x", "", `".."`},
		{"%2e%2e/x", "", `".."`},
		{"%252e%252e/x", "", `".."`},
		{`..\..\x`, "", `".."`},
		{"C:/Windows", "", "not a path"},
		{"javascript:alert(1)", "", "not a path"},
		{"https://evil.example/", "", "not a path"},
		{"/a?b", "", "? or #"},
		{"/a\x00b", "", "control"},
		{"", "", "empty"},
		{"/bad%zz", "", "broken"},
	}
	for _, tt := range tests {
		got, err := CleanURLPath(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("CleanURLPath(%q) = %q, %v; want error with %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("CleanURLPath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Zorg":                      "zorg",
		"Transport & Logistiek":     "transport-logistiek",
		"café":                      "café",
		"cafe\u0301":                "café", // NFD in, NFC out
		"a?b#c%d":                   "a-b-c-d",
		"..":                        "",
		"../../etc/passwd":          "etc.passwd"[0:0] + "etc-passwd",
		"  spaties  en  tabs\t":     "spaties-en-tabs",
		"v1.2 notes":                "v1.2-notes",
		"...verborgen":              "verborgen",
		"Financiële verantwoording": "financiële-verantwoording",
	}
	for in, want := range tests {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOutputFile(t *testing.T) {
	for in, want := range map[string]string{"/": "index.html", "/a/": "a/index.html", "/404.html": "404.html", "/a/b.xml": "a/b.xml"} {
		if got := OutputFile(in); got != want {
			t.Errorf("OutputFile(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTaxonomyKeys: the keys of the declared taxonomies are lists of
// terms in Meta.Terms, in any case and any front matter format, with a
// wrong kind of value an error at its line; an undeclared one is a param
// like any unknown key; a taxonomy named after a typed key keeps the
// typed key.
func TestTaxonomyKeys(t *testing.T) {
	opts := Options{Taxonomies: []string{"deelakkoord", "thema", "type"}}
	tests := []struct {
		name, text string
		terms      map[string][]string
		unknown    string
		problem    string
	}{
		{"yaml lists", "---\ndeelakkoord: [Zorg, \" haven \", \"\"]\nthema: opleiden\n---\n",
			map[string][]string{"deelakkoord": {"Zorg", "haven"}, "thema": {"opleiden"}}, "", ""},
		{"any case", "---\nDeelakkoord: [zorg]\n---\n", map[string][]string{"deelakkoord": {"zorg"}}, "", ""},
		{"toml", "+++\ndeelakkoord = [\"mkb\"]\n+++\n", map[string][]string{"deelakkoord": {"mkb"}}, "", ""},
		{"empty list", "---\nthema: []\n---\n", map[string][]string{"thema": nil}, "", ""},
		{"undeclared", "---\npijler: [werk]\n---\n", nil, "pijler", ""},
		{"typed key", "---\ntype: interview\n---\n", nil, "", ""},
		{"wrong kind", "---\ntitle: A\nthema: {a: 1}\n---\n", nil, "", "content/p.md:3: thema: expected text or a list of texts, found a group of keys"},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{"content/p.md": {Data: []byte(tt.text)}}
		tree, diags := Load(context.Background(), fsys, "content", opts)
		if tt.problem != "" {
			if !strings.Contains(diags.Error(), tt.problem) {
				t.Errorf("%s: problems %v, want %q", tt.name, diags, tt.problem)
			}
			continue
		}
		if len(diags) > 0 {
			t.Fatalf("%s: %v", tt.name, diags)
		}
		m := tree.Pages[0].Meta
		if !maps.EqualFunc(m.Terms, tt.terms, slices.Equal) {
			t.Errorf("%s: terms %q, want %q", tt.name, m.Terms, tt.terms)
		}
		if got := strings.Join(m.Unknown, ","); got != tt.unknown {
			t.Errorf("%s: unknown keys %q, want %q", tt.name, got, tt.unknown)
		}
		if tt.name == "typed key" && m.Type != "interview" {
			t.Errorf("type %q", m.Type)
		}
	}
}

func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\n---\nbody", "+++\ntitle = 1\n+++\n", "{\n\"a\": 1\n}\n\n", "---\n", "\ufeff---\r\na: b\r\n---\r\n",
		"---\na: &a [1]\nb: [*a, *a]\n---\n", "---\ndate: 2019-02-30\n---\n", "{\n", ";;;\n;;;\n", "---json\n{}\n---\n",
		"---\ntitle: \"a\\eb\"\n---\n", "+++\ntags = [\"\\u0085\"]\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"content/p.md": {Data: data}}
		tree, diags := Load(context.Background(), fsys, "content", Options{Taxonomies: []string{"tags", "deelakkoord", "type"}})
		if tree == nil {
			t.Fatal("Load returned no tree for an existing folder")
		}
		for _, e := range diags {
			if e.Path != "content/p.md" {
				t.Fatalf("problem not naming the file: %v", e)
			}
		}
		if !diags.HasErrors() && len(tree.Pages) != 1 {
			t.Fatalf("no error but %d pages", len(tree.Pages))
		}
		if len(tree.Pages) == 1 {
			if _, err := tree.Pages[0].Body(fsys); err != nil {
				t.Fatalf("body of a loaded page: %v", err)
			}
			// No control character of the front matter reaches a page.
			m := tree.Pages[0].Meta
			for _, v := range []any{m.Title, m.Description, m.Summary, m.ImageAlt, m.Image, m.Role, m.Source, m.Slug, m.URL} {
				if err := checkControls(v); err != nil {
					t.Fatalf("loaded with %v", err)
				}
			}
			for _, l := range append([][]string{m.Aliases}, slices.Collect(maps.Values(m.Terms))...) {
				for _, v := range l {
					if err := checkControls(v); err != nil {
						t.Fatalf("loaded with %v", err)
					}
				}
			}
			if err := checkControls(map[string]any(m.Params)); err != nil {
				t.Fatalf("loaded with %v", err)
			}
		}
	})
}

// FuzzBodyOffset checks that showing adrg/frontmatter only the file up to
// the closing line (closerEnd) finds the body where reading the whole file
// does.
func FuzzBodyOffset(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\n---\nbody", "+++\ntitle = 1\n+++\n", "\n\n---\na: 1\n --- \nb\n---\n", "---\n", ";;;\n{}\n;;;\nx",
		"---json\n{}\n---\n", "---\n---\n---\n", "---toml\na = 1\n---",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, off, err := splitFrontMatter(data)
		if err != nil || m.format == "" || bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			return
		}
		body, err := frontmatter.Parse(bytes.NewReader(data), &struct{}{}, frontmatter.NewFormat("---", "---", nop),
			frontmatter.NewFormat("---yaml", "---", nop), frontmatter.NewFormat("+++", "+++", nop),
			frontmatter.NewFormat("---toml", "---", nop), frontmatter.NewFormat(";;;", ";;;", nop),
			frontmatter.NewFormat("---json", "---", nop))
		if err != nil {
			t.Fatalf("whole file: %v", err)
		}
		if want := len(data) - len(body); off != want {
			t.Errorf("body at %d, reading the whole file finds it at %d", off, want)
		}
	})
}

func nop([]byte, any) error { return nil }

// TestFrontMatterControlCharacters: a control character in a front matter
// value (from a YAML or TOML escape, a JSON \u escape, or mojibake of a
// Windows text) would reach the page's HTML, where it is invalid, so it is
// an error at the key's line that names the character and where it is.
// Tabs and line breaks (a block scalar) are text, and stay.
func TestFrontMatterControlCharacters(t *testing.T) {
	bad := []struct {
		name, text string
		line       int
		want       string
	}{
		{"yaml-escape", "---\nweight: 1\ntitle: \"NUL \\0 BS \\b ESC \\e x\"\n---\n", 3, `title: contains the control character U+0000 after "NUL "`},
		{"yaml-bell-description", "---\ndescription: \"Bel\\a\"\n---\n", 2, `description: contains the control character U+0007 after "Bel"`},
		{"toml", "+++\ntitle = \"T\"\nimage_alt = \"Kraan\\u001b[31m\"\n+++\n", 3, `image_alt: contains the control character U+001B after "Kraan"`},
		{"json", "{\n  \"title\": \"\\u0008begin\"\n}\n", 2, `title: contains the control character U+0008 at the start`},
		{"tags", "---\ntags: [zorg, \"ha\\x7fven\"]\n---\n", 2, `tags: contains the control character U+007F after "ha"`},
		{"c1-mojibake", "---\nsummary: \"zo\\x92n dag\"\n---\n", 2, `summary: contains the control character U+0092 after "zo"`},
		{"param-nested", "---\ntitle: T\nauteur:\n  naam: \"Jan\\vPiet\"\n---\n", 3, `auteur: contains the control character U+000B after "Jan"`},
		{"param-key", "---\ntitle: T\nextra: {\"a\\eb\": 1}\n---\n", 3, `extra: contains the control character U+001B after "a"`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadOne(t, tt.text)
			errs := diags.Errors()
			if len(errs) != 1 || errs[0].Line != tt.line || !strings.Contains(errs[0].Message(), tt.want) || errs[0].Hint == "" {
				t.Fatalf("problems %v; want one error at line %d: %s (with a hint)", diags, tt.line, tt.want)
			}
		})
	}
	good := "---\ntitle: \"Tab\\there\"\ndescription: |\n  Twee\n  regels.\nsummary: \"zo’n dag – „goed”\"\n---\n"
	p, diags := loadOne(t, good)
	if len(diags) > 0 || p == nil || p.Meta.Title != "Tab\there" || p.Meta.Description != "Twee\nregels." {
		t.Fatalf("tabs and line breaks refused or changed: %v %+v", diags, p)
	}
}

// FieldNames lists every typed key once, as editors write it, and each
// decodes: the one list that decoding and check's suggestions read.
func TestFieldNames(t *testing.T) {
	names := FieldNames()
	seen := map[string]bool{}
	for _, n := range names {
		if seen[strings.ToLower(n)] {
			t.Errorf("%s listed twice", n)
		}
		seen[strings.ToLower(n)] = true
		if _, ok := knownFields[strings.ToLower(strings.ToUpper(n))]; !ok {
			t.Errorf("%s does not decode", n)
		}
	}
	for _, want := range []string{"publishDate", "expiryDate", "image_alt", "expiry", "published"} {
		if !slices.Contains(names, want) {
			t.Errorf("FieldNames lacks %s: %v", want, names)
		}
	}
	for _, tax := range []string{"tags", "deelakkoord"} {
		if slices.Contains(names, tax) {
			t.Errorf("FieldNames lists the taxonomy %s, which the theme declares", tax)
		}
	}
	if _, ok := knownFields["imagealt"]; slices.Contains(names, "imageAlt") || !ok {
		t.Error("imageAlt is an alias: accepted, not suggested")
	}
}
