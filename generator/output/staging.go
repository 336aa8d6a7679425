package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// ErrDestinationMissing is wrapped by a Commit error when the swap failed
// half way and the previous output could not be put back: the destination
// is missing, and the error says where the previous output is.
var ErrDestinationMissing = i18n.Errorf("the previous output could not be put back")

// Staging is a fresh directory beside a destination that receives a whole
// build; Commit puts it in the destination's place, Abort removes it. The
// destination is never touched until Commit.
//
// A staging folder is named ".<dest>.staging-<random>" and is held with an
// advisory lock (flock) for as long as its build runs; the kernel drops the
// lock when the process ends, however it ends. So a folder of that name
// whose lock can be taken was left by a build that was killed (SIGKILL, the
// OOM killer, a power cut), and NewStaging removes it; a folder whose lock
// is held belongs to a build running now, and is left alone.
type Staging struct {
	dest string
	dir  string
	lock *os.File // the staging folder itself, locked; nil where locks are unsupported
	ops  sysOps
	// Stale lists the folders of dead builds that NewStaging removed, and
	// StaleErr says why some could not be removed (nil when all were).
	Stale    []string
	StaleErr error
	*Dir
}

// sysOps are the file system calls that Commit and the clean-up make; tests
// replace them to inject faults (a tree that cannot be removed) that no
// file mode can cause for root.
type sysOps struct {
	removeAll func(string) error
	rename    func(from, to string) error
	exchange  func(a, b string) error
}

var osOps = sysOps{removeAll: os.RemoveAll, rename: os.Rename, exchange: exchange}

// NewStaging makes the staging directory for dest, next to it so that the
// final rename stays on one file system, and removes the staging folders
// that earlier builds into dest left when they were killed.
func NewStaging(dest string) (*Staging, error) {
	return newStaging(dest, osOps)
}

func newStaging(dest string, ops sysOps) (*Staging, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, i18n.Errorf("create %s: %w", parent, err)
	}
	dir, lock, err := makeLocked(parent, stagingPrefix(dest))
	if err != nil {
		return nil, err
	}
	d, err := OpenDir(dir)
	if err != nil {
		unlock(lock)
		os.RemoveAll(dir)
		return nil, err
	}
	s := &Staging{dest: dest, dir: dir, lock: lock, ops: ops, Dir: d}
	s.Stale, s.StaleErr = removeStale(parent, filepath.Base(dest), ops.removeAll)
	return s, nil
}

// stagingPrefix is the start of the name of dest's staging folders.
func stagingPrefix(dest string) string { return "." + filepath.Base(dest) + ".staging-" }

// oldPrefix is the start of the name under which Commit's fallback moves
// the previous output aside.
func oldPrefix(dest string) string { return "." + filepath.Base(dest) + ".old-" }

// makeLocked creates a fresh folder in parent and locks it. Between the
// mkdir and the lock another build's clean-up may take the unlocked folder
// for a dead build's and remove it; then the folder is gone, or the lock is
// on a removed folder, which the check of its identity finds, and a new
// folder is made.
func makeLocked(parent, prefix string) (string, *os.File, error) {
	for attempt := 0; attempt < 4; attempt++ {
		dir, err := os.MkdirTemp(parent, prefix)
		if err != nil {
			return "", nil, i18n.Errorf("create staging folder: %w", err)
		}
		lock, err := lockDir(dir, true)
		switch {
		case errors.Is(err, errors.ErrUnsupported):
			return dir, nil, os.Chmod(dir, 0o755)
		case errors.Is(err, os.ErrNotExist):
			continue
		case err != nil:
			os.RemoveAll(dir)
			return "", nil, i18n.Errorf("lock staging folder: %w", err)
		case !sameFile(lock, dir):
			unlock(lock)
			continue
		}
		if err := os.Chmod(dir, 0o755); err != nil { // MkdirTemp makes it 0700
			unlock(lock)
			os.RemoveAll(dir)
			return "", nil, err
		}
		return dir, lock, nil
	}
	return "", nil, i18n.Errorf("create staging folder: another build removed it as soon as it was made, four times")
}

// sameFile reports whether the open file f is still the one at name.
func sameFile(f *os.File, name string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Lstat(name)
	return err == nil && os.SameFile(a, b)
}

// removeStale removes the staging folders (and folders moved aside by
// Commit's fallback) of builds into parent/base whose lock nobody holds:
// their builds are dead. It returns the folders removed and the problems.
func removeStale(parent, base string, removeAll func(string) error) ([]string, error) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil, i18n.Errorf("look for folders of stopped builds: %w", err)
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, "."+base+".staging-") && !strings.HasPrefix(name, "."+base+".old-") {
			continue // a symbolic link is never followed, nor removed
		}
		full := filepath.Join(parent, name)
		lock, err := lockDir(full, false)
		switch {
		case errors.Is(err, errLocked), errors.Is(err, os.ErrNotExist):
			continue // a build running now, or one that just removed it
		case errors.Is(err, errors.ErrUnsupported):
			return nil, nil // no locks: no way to tell dead builds from live ones
		case err != nil:
			errs = append(errs, i18n.Errorf("%s: %w", full, err))
			continue
		}
		if err := removeAll(full); err != nil {
			errs = append(errs, err)
		} else {
			removed = append(removed, full)
		}
		unlock(lock)
	}
	return removed, errors.Join(errs...)
}

// Path returns the staging directory.
func (s *Staging) Path() string { return s.dir }

// Abort removes the staging directory and leaves the destination as it was.
func (s *Staging) Abort() error {
	s.Dir.Close()
	defer s.release()
	return s.ops.removeAll(s.dir)
}

// release drops the staging folder's lock.
func (s *Staging) release() {
	unlock(s.lock)
	s.lock = nil
}

// Commit replaces the destination with the staging directory: in one
// atomic exchange where the system offers it, else by two renames, and
// then removes the previous output.
//
// err is set when the new output was not put in place; the destination is
// then as it was, unless err wraps ErrDestinationMissing. Once the new
// output is in place, a failure to remove the previous one does not undo
// that: it comes back as warning, naming the folder left behind (which a
// later build removes as a dead build's, once it can).
func (s *Staging) Commit() (warning, err error) {
	s.Dir.Close()
	defer s.release()
	info, err := os.Lstat(s.dest)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, s.ops.rename(s.dir, s.dest)
	case err != nil:
		return nil, err
	case !info.IsDir():
		return nil, i18n.Errorf("%s exists and is not a folder", s.dest)
	}
	// The previous output is locked while it is moved and removed, so that
	// another build's clean-up does not take it for a dead build's folder.
	prev, err := lockDir(s.dest, true)
	if err == nil {
		defer unlock(prev)
	}
	if err := s.ops.exchange(s.dir, s.dest); err == nil {
		return s.removePrevious(s.dir), nil // s.dir now holds the previous output
	}
	old := filepath.Join(filepath.Dir(s.dir), oldPrefix(s.dest)+strings.TrimPrefix(filepath.Base(s.dir), stagingPrefix(s.dest)))
	if err := s.ops.rename(s.dest, old); err != nil {
		return nil, i18n.Errorf("move previous output aside: %w", err)
	}
	if err := s.ops.rename(s.dir, s.dest); err != nil {
		if rerr := s.ops.rename(old, s.dest); rerr != nil {
			return nil, i18n.Errorf("move new output into place: %w; %w: it is at %s (%v), move it back to %s",
				err, ErrDestinationMissing, old, rerr, s.dest)
		}
		return nil, i18n.Errorf("move new output into place: %w", err)
	}
	return s.removePrevious(old), nil
}

// removePrevious removes the previous output after the swap; a failure is
// a warning: the new output is in place.
func (s *Staging) removePrevious(dir string) error {
	if err := s.ops.removeAll(dir); err != nil {
		return i18n.Errorf("the new site is in place, but the previous one could not be removed: %w; remove %s by hand, or the next build will try again", err, dir)
	}
	return nil
}
