package serve

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// unprivileged reports whether the calling test can go on in this process:
// when it runs as root (who reads any file whatever its mode, as CI
// does), it runs the test again in a process of user nobody and reports
// the result of that instead, returning false.
func unprivileged(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return true
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary and the test's temporary folders, where nobody can
	// reach them.
	dir, err := os.MkdirTemp("", "ezine-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "serve.test")
	if err := copyFile(exe, bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "TMPDIR="+dir, "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the test as user nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("the test as user nobody did not pass:\n%s", out)
	}
	t.Logf("ran as user nobody:\n%s", out)
	return false
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// A page made unreadable shows the error at once; fixing its mode alone
// (no save) clears it. A section folder made unreadable is an error too,
// in every rebuild after (as in a clean build), until its mode is fixed;
// then the site is again what a full build makes.
func TestPermissionFixClearsTheError(t *testing.T) {
	if !unprivileged(t) {
		return
	}
	r := startServer(t, smallSite, Config{})
	ev := r.listen("/verhalen/haven/")
	chmod := func(name string, m os.FileMode) {
		t.Helper()
		if err := os.Chmod(r.path(name), m); err != nil {
			t.Fatal(err)
		}
	}
	chmod("content/verhalen/haven.md", 0)
	if data := ev.expect("problems"); !strings.Contains(data, "content/verhalen/haven.md") || !strings.Contains(data, "permission denied") {
		t.Errorf("problems: %s", data)
	}
	chmod("content/verhalen/haven.md", 0o644)
	ev.expect("ok")

	chmod("content/verhalen", 0)
	if data := ev.expect("problems"); !strings.Contains(data, `"content/verhalen"`) || !strings.Contains(data, "permission denied") {
		t.Errorf("problems: %s", data)
	}
	if _, _, body := r.get("/verhalen/haven/"); !strings.Contains(body, "Het verhaal van de haven") {
		t.Error("the last good page is not served")
	}
	// Another file saved: still the error, as a clean build has it.
	r.write("content/interviews/nieuw.md", "---\ntitle: Nieuw\n---\nNieuw interview.\n")
	r.waitOut("content/interviews/nieuw.md: not rebuilt, 1 error")
	chmod("content/verhalen", 0o755)
	ev.expect("ok")
	r.eventually("/interviews/nieuw/", 200, "Nieuw interview.")
	for name, data := range fullBuild(t, r.dir) {
		if code, _, body := r.get("/" + name); code != 200 || stampRE.ReplaceAllString(body, "") != string(data) {
			t.Errorf("%s differs from a full build (%d)", name, code)
		}
	}
}
