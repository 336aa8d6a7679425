package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
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
