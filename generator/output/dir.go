package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Dir is a Target that writes into a directory through os.Root, which
// refuses any name (or symbolic link) that would lead outside it.
type Dir struct {
	root *os.Root
}

// OpenDir returns a Target writing into the existing directory dir.
func OpenDir(dir string) (*Dir, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Dir{root: root}, nil
}

// Create implements Target: it makes the file's folders and creates it.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	if dir := path.Dir(name); dir != "." {
		if err := d.root.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	return d.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// Close releases the directory.
func (d *Dir) Close() error { return d.root.Close() }

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
