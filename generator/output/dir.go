package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// Dir is a Target that writes into a directory. Names are checked
// lexically (no "..", no absolute paths), folders are made by Dir itself,
// and files are created exclusively without following a symbolic link, so
// nothing can land outside the directory. os.Root would re-check every
// path component with its own system calls on each of thousands of
// files; the folder cache and plain calls keep a build's writes cheap.
type Dir struct {
	dir  string
	made sync.Map // folders known to exist
}

// OpenDir returns a Target writing into the existing directory dir.
func OpenDir(dir string) (*Dir, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	return &Dir{dir: dir}, nil
}

// Create implements Target: it makes the file's folders and creates it.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	if err := d.mkdirAll(path.Dir(name)); err != nil {
		return nil, err
	}
	return os.OpenFile(filepath.Join(d.dir, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o644)
}

// mkdirAll makes folder dir (slash-separated, relative) and its parents,
// refusing to go through anything that is not a plain folder.
func (d *Dir) mkdirAll(dir string) error {
	if dir == "." {
		return nil
	}
	if _, ok := d.made.Load(dir); ok {
		return nil
	}
	if err := d.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	full := filepath.Join(d.dir, filepath.FromSlash(dir))
	if err := os.Mkdir(full, 0o755); err != nil {
		info, lerr := os.Lstat(full)
		if lerr != nil || !info.IsDir() { // a file or a symbolic link is in the way
			return fmt.Errorf("create folder %s: %w", dir, err)
		}
	}
	d.made.Store(dir, true)
	return nil
}

// Close releases the directory.
func (d *Dir) Close() error { return nil }

// Staging is a fresh directory beside a destination that receives a whole
// build; Commit puts it in the destination's place, Abort removes it. The
// destination is never touched until Commit.
type Staging struct {
	dest string
	dir  string
	*Dir
}

// NewStaging makes the staging directory for dest, next to it so that the
// final rename stays on one file system.
func NewStaging(dest string) (*Staging, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".staging-")
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	d, err := OpenDir(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Staging{dest: dest, dir: dir, Dir: d}, nil
}

// Path returns the staging directory.
func (s *Staging) Path() string { return s.dir }

// Abort removes the staging directory and leaves the destination as it was.
func (s *Staging) Abort() error {
	s.Dir.Close()
	return os.RemoveAll(s.dir)
}

// Commit replaces the destination with the staging directory: in one
// atomic exchange where the system offers it, else by two renames, and
// then removes the previous output.
func (s *Staging) Commit() error {
	s.Dir.Close()
	info, err := os.Lstat(s.dest)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.Rename(s.dir, s.dest)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s exists and is not a folder", s.dest)
	}
	if err := exchange(s.dir, s.dest); err == nil {
		return os.RemoveAll(s.dir) // now holds the previous output
	}
	old := strings.Replace(s.dir, ".staging-", ".old-", 1)
	if err := os.Rename(s.dest, old); err != nil {
		return fmt.Errorf("move previous output aside: %w", err)
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		_ = os.Rename(old, s.dest) // put the previous output back
		return fmt.Errorf("move new output into place: %w", err)
	}
	return os.RemoveAll(old)
}
