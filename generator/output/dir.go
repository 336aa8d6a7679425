package output

import (
	"io"
	"os"
	"path"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
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
		return nil, i18n.Errorf("%s is not a folder", dir)
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
			return i18n.Errorf("create folder %s: %w", dir, err)
		}
	}
	d.made.Store(dir, true)
	return nil
}

// Close releases the directory.
func (d *Dir) Close() error { return nil }
