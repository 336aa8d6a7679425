package sitetest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/internal/testdiff"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
)

// env returns the environment of only vars, given as name, value, ….
func env(vars ...string) []string {
	var out []string
	for i := 0; i+1 < len(vars); i += 2 {
		out = append(out, vars[i]+"="+vars[i+1])
	}
	return out
}

// copyOfSite copies the repo's e-zine (content, static, themes) to a new
// folder and makes one mistake in it: an impossible date on line 4 of
// content/colofon.md.
func copyOfSite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, dir := range []string{"content", "static", "themes"} {
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(filepath.Join(root, dir))); err != nil {
			t.Fatal(err)
		}
	}
	page := filepath.Join(dst, "content", "colofon.md")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if !strings.HasPrefix(lines[3], "lastmod: ") {
		t.Fatalf("line 4 of content/colofon.md is %q, not lastmod", lines[3])
	}
	lines[3] = "lastmod: 2026-02-30"
	if err := os.WriteFile(page, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestCheckFollowsLocale: check on the e-zine with one mistake reports it
// at its line, in Dutch where the locale says so and in English without
// one, and exits 1 either way; -lang overrides the locale.
func TestCheckFollowsLocale(t *testing.T) {
	src := copyOfSite(t)
	tests := []struct {
		name    string
		env     []string
		args    []string
		want    []string
		notWant string
	}{
		{"LANG=nl", env("LANG", "nl_NL.UTF-8"), nil, []string{
			`content/colofon.md:4: lastmod: "2026-02-30" is geen bestaande datum (die dag bestaat niet)`,
			"controle: 1 fout, ",
		}, "not a real date"},
		{"no locale", env(), nil, []string{
			`content/colofon.md:4: lastmod: "2026-02-30" is not a real date (day out of range)`,
			"check: 1 error, ",
		}, "geen bestaande datum"},
		{"LC_ALL=C over LANG=nl", env("LANG", "nl_NL.UTF-8", "LC_ALL", "C"), nil, []string{"is not a real date", "check: 1 error, "}, "controle"},
		{"LC_MESSAGES=nl", env("LANG", "en_US.UTF-8", "LC_MESSAGES", "nl_NL.UTF-8"), nil, []string{"is geen bestaande datum"}, "check:"},
		{"-lang nl", env(), []string{"-lang", "nl"}, []string{"is geen bestaande datum", "controle: 1 fout, "}, "check:"},
		{"-lang en over LANG=nl", env("LANG", "nl_NL.UTF-8"), []string{"-lang=en"}, []string{"is not a real date", "check: 1 error, "}, "controle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runEnv(t, tt.env, append([]string{"check", "-source", src}, tt.args...)...)
			if code != exitError {
				t.Errorf("exit %d, want %d\n%s%s", code, exitError, stdout, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("missing %q in:\n%s", w, stdout)
				}
			}
			if strings.Contains(stdout, tt.notWant) {
				t.Errorf("%q in:\n%s", tt.notWant, stdout)
			}
		})
	}
}

// TestBuildFollowsLocale: the build's messages and summary line, too.
func TestBuildFollowsLocale(t *testing.T) {
	src := copyOfSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runEnv(t, env("LANG", "nl_NL.UTF-8"), "build", "-source", src, "-destination", dest)
	for _, w := range []string{`content/colofon.md:4: lastmod: "2026-02-30" is geen bestaande datum`, "bouwen mislukt: 1 fout; de doelmap is niet veranderd"} {
		if code != exitError || !strings.Contains(stderr, w) {
			t.Errorf("exit %d; missing %q in:\n%s", code, w, stderr)
		}
	}
}

// TestCheckJSONCodes: -format json gives each finding the same code in
// both languages, while message and hint follow the language.
func TestCheckJSONCodes(t *testing.T) {
	src := writeTree(t, brokenSite)
	type finding struct{ Path, Code, Message, Hint string }
	read := func(lang string) []finding {
		_, stdout, _ := runEnv(t, env(), "check", "-source", src, "-format", "json", "-lang", lang)
		var out []finding
		if err := json.Unmarshal([]byte(stdout), &out); err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, stdout)
		}
		return out
	}
	en, nl := read("en"), read("nl")
	if len(en) != len(nl) || len(en) < 5 {
		t.Fatalf("%d findings in English, %d in Dutch", len(en), len(nl))
	}
	codes := map[string]bool{}
	for i := range en {
		if en[i].Code == "" || en[i].Code == "other" || en[i].Code != nl[i].Code {
			t.Errorf("finding %d: code %q in English, %q in Dutch", i, en[i].Code, nl[i].Code)
		}
		if en[i].Message == nl[i].Message {
			t.Errorf("finding %d (%s): message %q is the same in both", i, en[i].Code, en[i].Message)
		}
		codes[en[i].Code] = true
	}
	for _, c := range []string{"frontmatter-bad-date", "frontmatter-unknown-key", "image-link-broken", "heading-skips-level", "draft", "block-unknown"} {
		if !codes[c] {
			t.Errorf("no finding with code %q among %v", c, codes)
		}
	}
}

// brokenSite makes one mistake of many kinds.
var brokenSite = map[string]string{
	"content/_index.md": "---\ntitle: Thuis\ndescription: Het e-zine van het Leerwerkakkoord, over wat het opleverde.\n---\n",
	"content/interviews/a.md": "---\ntitle: A\ndescription: x\ntype: interview\nvoorbeeld: true\ndeelakkoord: [zorg]\ntilte: typo\ndate: 2023-13-01\n---\n" +
		"## Begin\n\n#### Te diep\n\n[kapot](/nergens/) en [anker](#geen) en [klik hier](https://example.org/)\n",
	"content/interviews/b.md": "---\ntitle: B\ndescription: x\ndraft: true\n---\n",
	"content/c.md":            "---\ntitle: C\nweight: zwaar\n---\n![foto](c.png)\n\n::: onbekend\n:::\n",
	"content/d.md":            "---\ntitle: D\ndescription: Een pagina met een blok dat niet wordt afgesloten, voor de test.\n---\n::: citaat\nZin.\n",
}

// TestMessagesGolden compares check's report of brokenSite in English and
// in Dutch with testdata/check.en.golden and check.nl.golden (-update
// rewrites them), and checks that none of its findings has a part the
// catalogue lacks.
func TestMessagesGolden(t *testing.T) {
	src := writeTree(t, brokenSite)
	for _, lang := range []string{"en", "nl"} {
		_, stdout, _ := runEnv(t, env(), "check", "-source", src, "-lang", lang)
		golden := filepath.Join("testdata", "check."+lang+".golden")
		if *update {
			if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if stdout != string(want) {
			t.Errorf("%s differs from %s (go test -run TestMessagesGolden -update):\n%s", lang, golden, testdiff.Line(string(want), stdout))
		}
	}
	for _, f := range pipeline.Check(context.Background(), pipeline.Config{Source: src}) {
		if missing := f.MissingKeys(); len(missing) > 0 {
			t.Errorf("%s: not in the catalogue: %q", f.Error(), missing)
		}
	}
}
