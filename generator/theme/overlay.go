// Package theme reads a theme: its layouts (html/template files), assets
// (CSS and JS to minify and fingerprint), static files and archetypes. A
// theme is a stack of file systems, the site's own theme folder first and
// the theme built into the binary last, so a site overrides the default
// theme file by file.
//
// In: the layers of the theme and the template functions. Out: parsed
// templates and the layout lookup that picks one for each page.
package theme

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// Name is the theme's folder name under themes/, and Dir the site path of
// that folder, as messages name the theme's files ("themes/ezine/layouts").
const (
	Name = "ezine"
	Dir  = "themes/" + Name
)

// Layer is one file system of a theme with the name errors should use for
// it ("themes/ezine" for a site's folder, "themes/ezine (built in)").
type Layer struct {
	FS   fs.FS
	Name string
}

// overlay is a read-only union of layers: the first layer that has a file
// wins, and folders list the union of their entries.
type overlay []Layer

func (o overlay) Open(name string) (fs.File, error) {
	var firstErr error
	for _, l := range o {
		f, err := l.FS.Open(name)
		if err == nil {
			return f, nil
		}
		if firstErr == nil || errors.Is(firstErr, fs.ErrNotExist) {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = fs.ErrNotExist
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: unwrap(firstErr)}
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, l := range o {
		entries, err := fs.ReadDir(l.FS, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// origin names the layer that serves name, for error messages.
func (o overlay) origin(name string) string {
	for _, l := range o {
		if _, err := fs.Stat(l.FS, name); err == nil {
			return l.Name + "/" + name
		}
	}
	return name
}

// Merge returns the union of the layers as one file system, the first
// layer's files hiding the others'.
func Merge(layers []Layer) fs.FS { return overlay(layers) }
