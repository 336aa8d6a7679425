package sitetest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// Exit statuses of the command (see main.go).
const (
	exitOK    = 0
	exitError = 1
)

// root is the repository's root, which holds the e-zine and the command:
// two folders up from this package's, where go test runs its tests.
var root = func() string {
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		panic(fmt.Sprintf("sitetest: %s is not the repository's root: %v", dir, err))
	}
	return dir
}()

// fromRoot resolves a path of the environment (EZINE_SITE, say) against
// the repository's root, where the README's commands are run.
func fromRoot(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}

// repoSite is the site the tests build: EZINE_SITE (a fixture, say), else
// the repo's own e-zine.
func repoSite() string {
	if s := os.Getenv("EZINE_SITE"); s != "" {
		return fromRoot(s)
	}
	return root
}

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// TestMain removes the command built for the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// command returns the program built from the repository's root, built
// on first use: with the race detector when the tests run with it, so
// that a race in a whole build fails these tests as it did in-process.
func command(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "sitetest-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "ezine")
		args := []string{"build", "-o", binPath}
		if raceEnabled {
			args = append(args, "-race")
		}
		// go test puts its own go first in PATH (Go 1.19 and later).
		cmd := exec.Command("go", append(args, ".")...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go %v: %v\n%s", args, err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// runCLI runs the command with args in an empty environment: no locale,
// so its messages are in English.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runEnv(t, nil, args...)
}

// runEnv runs the command with args and exactly the environment env
// ("LANG=nl_NL.UTF-8", …), and returns its exit status and output.
func runEnv(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(command(t), args...)
	cmd.Env = append([]string{}, env...) // not nil: nil would pass on the tests' own
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), stdout.String(), stderr.String()
	case err != nil:
		t.Fatalf("run %v: %v", args, err)
	}
	return exitOK, stdout.String(), stderr.String()
}

// writeTree writes files (path -> content) under a new folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
