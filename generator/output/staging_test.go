package output

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// writeFile writes name into a staging folder.
func writeFile(t *testing.T, s *Staging, name, body string) {
	t.Helper()
	f, err := s.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(body))
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// leftovers lists the names in parent other than the destination's.
func leftovers(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != "public" {
			out = append(out, e.Name())
		}
	}
	return out
}

// failingRemove is a sysOps whose removeAll fails for folders holding the
// file marker, as for a read-only tree a build cannot delete (root can
// delete anything, so a file mode cannot make this fault in CI).
func failingRemove(marker string) sysOps {
	ops := osOps
	ops.removeAll = func(dir string) error {
		if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
			return &os.PathError{Op: "unlinkat", Path: filepath.Join(dir, marker), Err: syscall.EACCES}
		}
		return os.RemoveAll(dir)
	}
	return ops
}

// TestCommitReportsSwapThatHappened: when the previous output cannot be
// removed after the exchange, the new site is in place and Commit says so
// as a warning naming the folder left behind, not as a failure (review
// 3.3); the next build removes that folder once it can.
func TestCommitReportsSwapThatHappened(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, s, "index.html", "oud")
	writeFile(t, s, "vast.txt", "kan niet weg")
	if _, err := s.Commit(); err != nil {
		t.Fatal(err)
	}

	s, err = newStaging(dest, failingRemove("vast.txt"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, s, "index.html", "nieuw")
	warn, err := s.Commit()
	if err != nil {
		t.Fatalf("Commit failed after the swap happened: %v", err)
	}
	left := leftovers(t, parent)
	if warn == nil || len(left) != 1 || !strings.Contains(warn.Error(), filepath.Join(parent, left[0])) ||
		!strings.Contains(warn.Error(), "the new site is in place") || !strings.Contains(warn.Error(), "permission denied") {
		t.Fatalf("warning %v, left %v", warn, left)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "nieuw" {
		t.Errorf("destination holds %q", b)
	}

	s, err = NewStaging(dest) // the next build, where removing works
	if err != nil {
		t.Fatal(err)
	}
	if s.StaleErr != nil || len(s.Stale) != 1 || filepath.Base(s.Stale[0]) != left[0] {
		t.Errorf("stale %v, %v; want %s removed", s.Stale, s.StaleErr, left[0])
	}
	s.Abort()
	if left := leftovers(t, parent); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestCommitFallback covers the two renames used where the exchange is not
// available: success, a failure that puts the previous output back, and a
// failure that cannot (said so, with where the previous output is).
func TestCommitFallback(t *testing.T) {
	noExchange := osOps
	noExchange.exchange = func(a, b string) error { return errors.New("not supported") }
	for _, tt := range []struct {
		name     string
		failNew  bool // moving the new output in fails
		failBack bool // and putting the previous one back fails too
	}{{"ok", false, false}, {"restored", true, false}, {"lost", true, true}} {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			os.Mkdir(dest, 0o755)
			os.WriteFile(filepath.Join(dest, "index.html"), []byte("oud"), 0o644)
			ops := noExchange
			ops.rename = func(from, to string) error {
				switch {
				case tt.failNew && strings.Contains(from, ".staging-"):
					return errors.New("injected")
				case tt.failBack && strings.Contains(from, ".old-"):
					return errors.New("injected too")
				}
				return os.Rename(from, to)
			}
			s, err := newStaging(dest, ops)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, s, "index.html", "nieuw")
			warn, err := s.Commit()
			got, _ := os.ReadFile(filepath.Join(dest, "index.html"))
			switch tt.name {
			case "ok":
				if err != nil || warn != nil || string(got) != "nieuw" || len(leftovers(t, parent)) != 0 {
					t.Errorf("err %v warn %v dest %q left %v", err, warn, got, leftovers(t, parent))
				}
			case "restored":
				if err == nil || errors.Is(err, ErrDestinationMissing) || string(got) != "oud" {
					t.Errorf("err %v dest %q", err, got)
				}
			case "lost":
				if !errors.Is(err, ErrDestinationMissing) || !strings.Contains(err.Error(), ".public.old-") {
					t.Errorf("err %v", err)
				}
			}
			s.Abort()
		})
	}
}

// TestStaleStagingFolders: a build removes the staging folders that killed
// builds left (review 3.6: four kills left 103 MB), never the folder of a
// build running now, nor anything else beside the destination. The
// running and the killed build are real processes (this test binary run
// as a helper), killed with SIGKILL, so the lock is the kernel's.
func TestStaleStagingFolders(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	live, liveDir := startHelper(t, dest)
	dead, deadDir := startHelper(t, dest)
	if err := dead.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	dead.Wait()
	// A leftover from before locks existed, and names that are not ours.
	plain := filepath.Join(parent, ".public.staging-123")
	os.MkdirAll(filepath.Join(plain, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(plain, "a", "b", "index.html"), []byte("x"), 0o644)
	old := filepath.Join(parent, ".public.old-456")
	os.Mkdir(old, 0o755)
	other := filepath.Join(parent, ".publiek.staging-1")
	os.Mkdir(other, 0o755)
	target := t.TempDir()
	link := filepath.Join(parent, ".public.staging-link")
	os.Symlink(target, link)

	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	slices.Sort(s.Stale)
	want := []string{plain, deadDir, old}
	slices.Sort(want)
	if s.StaleErr != nil || !slices.Equal(s.Stale, want) {
		t.Errorf("removed %v (%v), want %v", s.Stale, s.StaleErr, want)
	}
	for _, gone := range want {
		if _, err := os.Lstat(gone); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there", gone)
		}
	}
	for _, kept := range []string{liveDir, other, link, target, s.Path()} {
		if _, err := os.Lstat(kept); err != nil {
			t.Errorf("%s was removed: %v", kept, err)
		}
	}
	if _, err := os.Stat(filepath.Join(liveDir, "index.html")); err != nil {
		t.Errorf("the running build's file: %v", err)
	}
	live.Process.Signal(syscall.SIGKILL)
	live.Wait()
}

// startHelper runs this test binary as a build that made a staging folder
// for dest, wrote a file into it and waits; it returns the process and the
// folder.
func startHelper(t *testing.T, dest string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$")
	cmd.Env = append(os.Environ(), "EZINE_HELPER_DEST="+dest)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin, _ := cmd.StdinPipe() // held open: the helper waits on it
	t.Cleanup(func() { stdin.Close() })
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if dir, ok := strings.CutPrefix(sc.Text(), "staging "); ok {
			return cmd, dir
		}
	}
	t.Fatalf("helper did not start: %v", sc.Err())
	return nil, ""
}

// TestHelperBuild is the helper process of TestStaleStagingFolders.
func TestHelperBuild(t *testing.T) {
	dest := os.Getenv("EZINE_HELPER_DEST")
	if dest == "" {
		t.Skip("helper process only")
	}
	s, err := NewStaging(dest)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	writeFile(t, s, "index.html", "bezig")
	fmt.Printf("staging %s\n", s.Path())
	os.Stdin.Read(make([]byte, 1)) // until killed
	os.Exit(0)
}

// TestConcurrentBuilds: builds into one destination at the same time each
// clean up stale folders as they start; none may remove another's staging
// folder (a folder is locked from the moment it is used), every commit
// succeeds, and the destination ends as one whole build with nothing left
// beside it (review 3.7).
func TestConcurrentBuilds(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	const builds, files = 6, 30
	errs := make(chan error, builds)
	for b := range builds {
		go func() {
			errs <- func() error {
				for round := range 4 {
					s, err := NewStaging(dest)
					if err != nil {
						return err
					}
					if s.StaleErr != nil {
						return s.StaleErr
					}
					for i := range files {
						f, err := s.Create(fmt.Sprintf("d%d/f%d.html", i%5, i))
						if err != nil {
							return fmt.Errorf("build %d round %d: %w", b, round, err)
						}
						fmt.Fprintf(f, "%d-%d", b, round)
						if err := f.Close(); err != nil {
							return err
						}
					}
					if warn, err := s.Commit(); err != nil || warn != nil {
						return fmt.Errorf("build %d round %d: commit: %v %v", b, round, err, warn)
					}
				}
				return nil
			}()
		}()
	}
	for range builds {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	var first string
	for i := range files {
		b, err := os.ReadFile(filepath.Join(dest, fmt.Sprintf("d%d/f%d.html", i%5, i)))
		if err != nil {
			t.Fatal(err)
		}
		if first == "" {
			first = string(b)
		} else if string(b) != first {
			t.Fatalf("destination mixes builds: %q and %q", first, b)
		}
	}
	if left := leftovers(t, parent); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
