package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, nil, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{nil, exitUsage, "", "Usage:"},
		{[]string{"help"}, exitOK, "Commands:", ""},
		{[]string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{[]string{"build", "-h"}, exitOK, "", "-destination folder"},
		{[]string{"build", "-nope"}, exitUsage, "", "flag provided but not defined"},
		{[]string{"build", "extra"}, exitUsage, "", `unexpected argument "extra"`},
		{[]string{"build", "-baseURL", "ftp://x"}, exitUsage, "", "must start with http"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tt.args, code, stdout, stderr)
		}
	}
}

// TestEveryCommandPrintsItsLine: each command's -h starts with its own
// line of the command list, found by name (commandNamed), so the list and
// the flags' usage cannot drift apart; a name the list lacks is a panic.
func TestEveryCommandPrintsItsLine(t *testing.T) {
	for _, cmd := range commands() {
		code, _, stderr := runCLI(t, cmd.name, "-h")
		want := "Usage: go run . " + cmd.name + " " + commandNamed(cmd.name).args + "\n"
		if code != exitOK || !strings.HasPrefix(stderr, want) {
			t.Errorf("%s -h: exit %d, stderr starts %q, want %q", cmd.name, code, stderr[:min(len(stderr), len(want))], want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("commandNamed of an unknown name returned")
		}
	}()
	commandNamed("frobnicate")
}

func TestBuildCommand(t *testing.T) {
	src := t.TempDir()
	page := filepath.Join(src, "content", "a.md")
	os.MkdirAll(filepath.Dir(page), 0o755)
	os.WriteFile(page, []byte("---\ntitle: A\n---\nTekst.\n"), 0o644)
	dest := filepath.Join(t.TempDir(), "out")

	code, stdout, stderr := runCLI(t, "build", "-source", src, "-destination", dest)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`^built \d+ pages, \d+ files in \d+ ms -> `).MatchString(stdout) || strings.Count(stdout, "\n") != 1 {
		t.Errorf("summary line: %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(dest, "a", "index.html")); err != nil {
		t.Error(err)
	}

	os.WriteFile(page, []byte("---\ntitle: A\ndate: 2019-02-30\n---\n"), 0o644)
	os.WriteFile(filepath.Join(src, "content", "b.md"), []byte("---\ntitle: [B]\n---\n"), 0o644)
	code, stdout, stderr = runCLI(t, "build", "-source", src, "-destination", dest)
	if code != exitError || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	want := "content/a.md:3: date: \"2019-02-30\" is not a real date (day out of range)\n" +
		"content/b.md:2: title: expected text, found a list\n" +
		"build failed: 2 errors; the destination was not changed\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}

	code, _, stderr = runCLI(t, "build", "-source", filepath.Join(src, "typo"))
	if code != exitError || !strings.Contains(stderr, "cannot open the site folder") {
		t.Errorf("missing site: exit %d, %q", code, stderr)
	}
}

// TestBuildFactsCache: build keeps the pages' facts in <source>/.cache/facts
// and reads them back (the output is the same); -cache=false writes none.
func TestBuildFactsCache(t *testing.T) {
	files := map[string]string{
		"content/a.md": "---\ntitle: A\n---\nNaar [b](b.md).\n",
		"content/b.md": "---\ntitle: B\n---\nTekst.\n",
	}
	entries := func(src string) int {
		n := 0
		filepath.WalkDir(filepath.Join(src, ".cache", "facts"), func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
	read := func(dest string) string {
		b, err := os.ReadFile(filepath.Join(dest, "a", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	src := writeTree(t, files)
	var pages []string
	for i := range 2 {
		dest := filepath.Join(t.TempDir(), "out")
		if code, _, stderr := runCLI(t, "build", "-source", src, "-destination", dest); code != exitOK {
			t.Fatalf("build %d: exit %d: %s", i, code, stderr)
		}
		pages = append(pages, read(dest))
	}
	if n := entries(src); n != 2 {
		t.Errorf("%d entries in .cache/facts, want one for each page", n)
	}
	if pages[0] != pages[1] || !strings.Contains(pages[1], `href="/b/"`) && !strings.Contains(pages[1], `href=/b/`) {
		t.Errorf("the second build's page differs or lacks its link:\n%s\n%s", pages[0], pages[1])
	}
	off := writeTree(t, files)
	dest := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "build", "-cache=false", "-source", off, "-destination", dest); code != exitOK {
		t.Fatalf("-cache=false: exit %d: %s", code, stderr)
	}
	if n := entries(off); n != 0 || read(dest) != pages[0] {
		t.Errorf("-cache=false: %d entries, page %s", n, read(dest))
	}
}

// writeTree writes files (path -> content) under a new folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheckCommand(t *testing.T) {
	src := writeTree(t, map[string]string{
		"content/_index.md": "---\ntitle: Thuis\ndescription: x\n---\n",
		"content/interviews/a.md": "---\ntitle: A\ndescription: x\ntype: interview\nvoorbeeld: true\ndeelakkoord: [zorg]\ntilte: typo\n---\n" +
			"## Begin\n\n#### Te diep\n\n[kapot](/nergens/) en [anker](#geen)\n",
		"content/interviews/b.md": "---\ntitle: B\ndescription: x\ndraft: true\n---\n",
	})
	code, stdout, _ := runCLI(t, "check", "-source", src)
	if code != exitError {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{
		`content/interviews/a.md:1: missing front matter key "role", required for pages of type "interview"`,
		`content/interviews/a.md:7: warning: unknown front matter key "tilte" (did you mean "title"?`,
		`content/interviews/a.md:11: heading "Te diep" skips from level 2 to 4 (use ###)`,
		`content/interviews/a.md:13: link "/nergens/": no page or file at that address`,
		`content/interviews/a.md:13: link "#geen": content/interviews/a.md has no heading with id "geen"`,
		`content/interviews/a.md:3: warning: description is 1 characters long, shorter than a sentence`,
		`content/interviews/b.md: note: draft: not published`,
		"check: 4 errors, 2 warnings, 1 note\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("missing %q in:\n%s", want, stdout)
		}
	}

	code, stdout, _ = runCLI(t, "check", "-source", src, "-format", "json")
	var findings []struct {
		Path, Severity, Message string
		Line                    int
	}
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil || code != exitError || len(findings) != 7 {
		t.Fatalf("json: exit %d, %v, %d findings:\n%s", code, err, len(findings), stdout)
	}
	if f := findings[0]; f.Path != "content/interviews/a.md" || f.Line != 1 || f.Severity != "error" {
		t.Errorf("first finding %+v", f)
	}
}

// The repo's own e-zine passes check.
func TestCheckRepoContent(t *testing.T) {
	code, stdout, stderr := runCLI(t, "check", "-source", ".")
	if code != exitOK {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestNewCommand(t *testing.T) {
	src := writeTree(t, map[string]string{"content/_index.md": "---\ntitle: Thuis\n---\n",
		"content/deelakkoord/zorg/_index.md": "---\ntitle: Zorg\n---\n", "content/deelakkoord/haven/_index.md": "---\ntitle: Haven\n---\n"})
	code, stdout, stderr := runCLI(t, "new", "-source", src, "interview", "interviews/nieuw-gesprek.md")
	if code != exitOK || !strings.Contains(stdout, "created content/interviews/nieuw-gesprek.md") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(src, "content/interviews/nieuw-gesprek.md"))
	if !strings.HasPrefix(string(b), "---\ntitle: \"Nieuw gesprek\"\n") || !strings.Contains(string(b), "voorbeeld: true") {
		t.Errorf("scaffold:\n%s", b)
	}
	if !strings.Contains(stdout, "replace the archetype's example text (description, role, ") {
		t.Errorf("new does not name the example text to replace: %s", stdout)
	}
	// new names the rules of the archetype's comments, with the site's
	// terms, as check and build apply them.
	if !strings.Contains(stdout, "\ndescription: one sentence of 50 to 160 characters\ndeelakkoord: at least one of haven, zorg\n") {
		t.Errorf("new does not name the field rules: %s", stdout)
	}
	// A fresh page is a draft that builds, and check lists it.
	if code, _, stderr := runCLI(t, "build", "-source", src); code != exitOK {
		t.Errorf("build of a new page: %s", stderr)
	}
	// Published as it is, its example text fails the build, by the rule
	// new read.
	page := filepath.Join(src, "content/interviews/nieuw-gesprek.md")
	b, _ = os.ReadFile(page)
	if err := os.WriteFile(page, []byte(strings.Replace(string(b), "draft: true", "draft: false", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "build", "-source", src); code != exitError || !strings.Contains(stderr, "content/interviews/nieuw-gesprek.md:3: description is the example text") {
		t.Errorf("build of an unfinished page: exit %d\n%s", code, stderr)
	}
	if err := os.WriteFile(page, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"interview", "interviews/nieuw-gesprek.md"}, exitError, "already exists"},
		{[]string{"gedicht", "x.md"}, exitUsage, `no archetype "gedicht"; types: archief, default`},
		{[]string{"interview", "../buiten.md"}, exitUsage, "inside content/"},
		{[]string{"interview", "x.txt"}, exitUsage, "must be a .md file"},
		{[]string{"interview"}, exitUsage, "Types: archief"},
	} {
		code, _, stderr := runCLI(t, append([]string{"new", "-source", src}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, %q", tc.args, code, stderr)
		}
	}
}

// The repo's e-zine builds byte-identically twice.
func TestRepoBuildIsDeterministic(t *testing.T) {
	var trees [2]map[string]string
	for i := range trees {
		dest := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := runCLI(t, "build", "-source", ".", "-destination", dest); code != exitOK {
			t.Fatal(stderr)
		}
		trees[i] = map[string]string{}
		filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(dest, p)
				trees[i][rel] = string(b)
			}
			return nil
		})
	}
	if len(trees[0]) != len(trees[1]) {
		t.Fatalf("%d files, then %d", len(trees[0]), len(trees[1]))
	}
	for name, body := range trees[0] {
		if trees[1][name] != body {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestMessagesEscapeControls: a file name with terminal escapes (colour,
// window title, bell) is printed in backslash notation by every command,
// never raw (review 2026-12, 5.5).
func TestMessagesEscapeControls(t *testing.T) {
	src := t.TempDir()
	name := "\x1b[31mrood\x1b]0;TITLE\a.md"
	page := filepath.Join(src, "content", "test", name)
	os.MkdirAll(filepath.Dir(page), 0o755)
	os.WriteFile(page, []byte("---\ntitle: Rood\n---\nZie [niets](nergens.md).\n"), 0o644)
	for _, args := range [][]string{
		{"build", "-source", src, "-destination", filepath.Join(t.TempDir(), "out")},
		{"check", "-source", src},
	} {
		code, stdout, stderr := runCLI(t, args...)
		out := stdout + stderr
		if code != exitError {
			t.Errorf("%s: exit %d", args[0], code)
		}
		if strings.ContainsAny(out, "\x1b\a") {
			t.Errorf("%s printed raw control characters: %q", args[0], out)
		}
		if want := `content/test/\x1b[31mrood\x1b]0;TITLE\a.md:4: link "nergens.md"`; !strings.Contains(out, want) {
			t.Errorf("%s: output lacks %s:\n%s", args[0], want, out)
		}
	}
}

// TestBuildOverReadOnlySite reproduces review 3.3: the previous public/ is
// read-only, so after the swap the old tree cannot be removed. The new site
// is published, so the build says so: exit 0, the summary line, and a
// warning naming the folder left behind, which a later build removes once
// it can. Root may delete read-only files, so as root the test runs itself
// again as the unprivileged user nobody.
func TestBuildOverReadOnlySite(t *testing.T) {
	if os.Getuid() == 0 {
		runAsNobody(t, "TestBuildOverReadOnlySite")
		return
	}
	src := t.TempDir()
	page := filepath.Join(src, "content", "a.md")
	os.MkdirAll(filepath.Dir(page), 0o755)
	os.WriteFile(page, []byte("---\ntitle: A\n---\nOud.\n"), 0o644)
	if code, _, stderr := runCLI(t, "build", "-source", src); code != exitOK {
		t.Fatalf("first build: %d %s", code, stderr)
	}
	public := filepath.Join(src, "public")
	chmodTree(t, public, false)
	t.Cleanup(func() { chmodTree(t, src, true) })
	os.WriteFile(page, []byte("---\ntitle: A\n---\nNieuw.\n"), 0o644)

	code, stdout, stderr := runCLI(t, "build", "-source", src)
	if code != exitOK || !strings.HasPrefix(stdout, "built ") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	if strings.Contains(stderr, "not changed") || !strings.Contains(stderr, "warning: the new site is in place, but the previous one could not be removed") ||
		!strings.Contains(stderr, filepath.Join(src, ".public.staging-")) {
		t.Errorf("stderr: %s", stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(public, "a", "index.html")); !strings.Contains(string(b), "Nieuw.") {
		t.Errorf("the new site is not in place: %s", b)
	}

	chmodTree(t, src, true) // the editor fixes the modes; the next build tidies up
	if code, _, stderr := runCLI(t, "build", "-source", src); code != exitOK || stderr != "" {
		t.Errorf("third build: %d %s", code, stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(src, ".public.*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// chmodTree makes the tree at root writable by its owner, or read-only.
func chmodTree(t *testing.T, root string, writable bool) {
	t.Helper()
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		mode := os.FileMode(0o444)
		if d.IsDir() {
			mode = 0o555
		}
		if writable {
			mode |= 0o200
		}
		return os.Chmod(p, mode)
	})
}

// runAsNobody runs the test named test in a copy of this test binary as the
// user nobody (uid 65534), and fails when it fails.
func runAsNobody(t *testing.T, test string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	dir, err := os.MkdirTemp("", "ezine-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "ezine.test")
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+test+"$", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TMPDIR=" + os.TempDir()}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		t.Fatalf("as nobody:\n%s", out)
	case err != nil:
		t.Skipf("cannot run as nobody: %v", err)
	case !strings.Contains(string(out), "PASS"):
		t.Fatalf("as nobody:\n%s", out)
	}
}

// TestCheckAndBuildAgreeOnFiles: check notes the files of content/ that a
// build leaves out because no page uses them, and the build publishes
// exactly the others; editors' leftovers are not even mentioned.
func TestCheckAndBuildAgreeOnFiles(t *testing.T) {
	src := writeTree(t, map[string]string{
		"content/verhalen/haven/index.md":      "---\ntitle: Haven\ndescription: De haven.\n---\nHet [plan](plan.pdf).\n",
		"content/verhalen/haven/plan.pdf":      "%PDF",
		"content/verhalen/haven/notities.txt":  "telefoonnummer",
		"content/verhalen/haven/index.md.orig": "merge",
	})
	code, stdout, _ := runCLI(t, "check", "-source", src)
	if code != exitOK || !strings.Contains(stdout, "content/verhalen/haven/notities.txt: note: not published: no published page links to it") ||
		strings.Contains(stdout, "plan.pdf") || strings.Contains(stdout, ".orig") {
		t.Errorf("check: exit %d\n%s", code, stdout)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "-source", src, "-destination", dest); code != exitOK {
		t.Fatalf("build: %s", stderr)
	}
	var got []string
	filepath.WalkDir(filepath.Join(dest, "verhalen"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return nil
	})
	// No share cards: the build has no base URL.
	if want := "verhalen/haven/index.html verhalen/haven/plan.pdf verhalen/index.html"; strings.Join(got, " ") != want {
		t.Errorf("published %v, want %s", got, want)
	}
}

// TestAllProblemsAtOnce: a file with an impossible date, a wrongly typed
// field, a broken link and a "klik hier" link gets four findings from
// check and from build, in YAML and in TOML: decoding goes on after the
// first bad field, and the body is checked although the front matter has
// errors.
func TestAllProblemsAtOnce(t *testing.T) {
	body := "\nHet verslag staat [klik hier](https://example.org/verslag/), de cijfers [op een pagina](/nergens/).\n"
	for name, page := range map[string]string{
		"yaml": "---\ntitle: Het verslag\ndescription: Het verslag van het Leerwerkakkoord over de jaren 2019 tot 2023.\ndate: 2019-02-30\nweight: zwaar\n---\n" + body,
		"toml": "+++\ntitle = \"Het verslag\"\ndescription = \"Het verslag van het Leerwerkakkoord over de jaren 2019 tot 2023.\"\ndate = 2019-02-30\nweight = \"zwaar\"\n+++\n" + body,
	} {
		t.Run(name, func(t *testing.T) {
			src := writeTree(t, map[string]string{
				"content/_index.md":  "---\ntitle: Thuis\ndescription: Het e-zine van het Leerwerkakkoord, over wat het opleverde.\n---\n",
				"content/verslag.md": page,
			})
			wantLines := []string{"content/verslag.md:4: ", "content/verslag.md:5: ", "content/verslag.md:8: link \"/nergens/\"", "content/verslag.md:8: warning: link text \"klik hier\""}
			code, stdout, _ := runCLI(t, "check", "-source", src)
			if code != exitError || !strings.Contains(stdout, "check: 3 errors, 1 warning, 0 notes") {
				t.Errorf("check: exit %d\n%s", code, stdout)
			}
			code, _, stderr := runCLI(t, "build", "-source", src, "-destination", filepath.Join(t.TempDir(), "public"))
			if code != exitError || !strings.Contains(stderr, "build failed: 3 errors") {
				t.Errorf("build: exit %d\n%s", code, stderr)
			}
			for _, w := range wantLines {
				if !strings.Contains(stdout, w) || !strings.Contains(stderr, w) {
					t.Errorf("missing %q in check:\n%s\nor build:\n%s", w, stdout, stderr)
				}
			}
		})
	}
}
