package devsite

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/render"
)

// File is one file of the site: its bytes in memory, or, for a file the
// build copies unchanged from the site folder (a video, a PDF, a photo),
// the name of that file, which is read from disk when it is served.
type File struct {
	// Data is the file's content; nil when Path is set.
	Data []byte
	// Gen is the number of the rebuild that last changed the file; the dev
	// server reloads a browser whose page has a newer Gen than it showed.
	Gen uint64
	// Path, when set, is the site file ("static/film.mp4") that this file
	// is a copy of; Open reads it. Size and ModTime are what the rebuild
	// that wrote the file found there.
	Path    string
	Size    int64
	ModTime time.Time
}

// Open opens the site file of f (f.Path set) through the site folder's
// root, so that no name or link leads outside it. It must be a regular
// file. The caller closes it.
func (d *Site) Open(f *File) (*os.File, error) {
	if f.Path == "" {
		return nil, i18n.Errorf("open: the file is held in memory")
	}
	name := filepath.FromSlash(f.Path)
	// A named pipe put in its place would block the open. (Stat follows
	// links, inside the root only.)
	if info, err := d.root.Stat(name); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, i18n.Errorf("%s is not a regular file", f.Path)
	}
	file, err := d.root.Open(name)
	if err != nil {
		return nil, err
	}
	if info, err := file.Stat(); err != nil || !info.Mode().IsRegular() {
		file.Close()
		return nil, i18n.Errorf("%s is not a regular file", f.Path)
	}
	return file, nil
}

// write renders or copies an output into the site. An output that copies
// a site file unchanged is not read: the site records which file it is,
// and Open reads it when it is served, so that large media files are not
// held in memory.
func (d *Site) write(o *render.Output) diag.List {
	if o.Copy == "" || !o.Published() {
		return o.Write()
	}
	info, err := d.root.Stat(filepath.FromSlash(o.Copy))
	if err == nil && !info.Mode().IsRegular() {
		err = i18n.Errorf("not a regular file")
	}
	if err == nil {
		// Stat does not tell whether the file can be read.
		var f *os.File
		if f, err = d.root.Open(filepath.FromSlash(o.Copy)); err == nil {
			f.Close()
		}
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return diag.List{diag.Errorf(o.Copy, 0, "cannot read: %v", err)}
	}
	f := &File{Path: o.Copy, Size: info.Size(), ModTime: info.ModTime()}
	d.outMu.Lock()
	defer d.outMu.Unlock()
	if old := d.fileLocked(o.Name); old != nil && old.Path == f.Path && old.Size == f.Size && old.ModTime.Equal(f.ModTime) {
		return nil
	}
	f.Gen = d.writeGen
	d.setFileLocked(o.Name, f)
	return nil
}

// stage starts the next version of the site: until swapIn, writes go to
// it and Get keeps serving the current one. The caller holds mu for
// writing.
func (d *Site) stage() {
	d.outMu.Lock()
	defer d.outMu.Unlock()
	d.staged = map[string]*File{}
}

// swapIn makes the staged version the served one (keep) or drops it.
func (d *Site) swapIn(keep bool) {
	d.outMu.Lock()
	defer d.outMu.Unlock()
	if keep {
		for name, f := range d.staged {
			if f == nil {
				delete(d.files, name)
			} else {
				d.files[name] = f
			}
		}
	}
	d.staged = nil
}

// fileLocked returns a file as the running rebuild sees it: its own writes
// over the served files. The caller holds outMu.
func (d *Site) fileLocked(name string) *File {
	if f, ok := d.staged[name]; ok {
		return f
	}
	return d.files[name]
}

// setFileLocked writes a file (nil removes it), into the staged version
// while a rebuild runs. The caller holds outMu.
func (d *Site) setFileLocked(name string, f *File) {
	switch {
	case d.staged != nil:
		d.staged[name] = f
	case f == nil:
		delete(d.files, name)
	default:
		d.files[name] = f
	}
}

// namesLocked lists the files as the running rebuild sees them, unsorted.
// The caller holds outMu.
func (d *Site) namesLocked() []string {
	names := make([]string, 0, len(d.files)+len(d.staged))
	for name := range d.files {
		if f, ok := d.staged[name]; !ok || f != nil {
			names = append(names, name)
		}
	}
	for name, f := range d.staged {
		if _, ok := d.files[name]; !ok && f != nil {
			names = append(names, name)
		}
	}
	return names
}
