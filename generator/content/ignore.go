package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Ignored reports whether Load leaves a file or folder of this name out of
// the site, whatever links to it: hidden files and folders (a name that
// starts with a dot: .git, .DS_Store, .~lock files), and the leftovers of
// editors and tools, which are copies of the site's own text and never
// meant for readers:
//
//	*~  #*  *.bak  *.orig  *.rej       backups; git mergetool and patch leftovers
//	*.swp  *.swo  *.swx  4913          vim's swap files and its write test
//	*.tmp  *.crswap  *___jb_tmp___  *___jb_old___   safe-write copies
//	Thumbs.db  ehthumbs.db  desktop.ini  Windows' folder files
//
// Names are compared without regard to case. The static folder and the
// dev server's watcher use the same list.
func Ignored(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") {
		return true
	}
	lower := strings.ToLower(name)
	switch lower {
	case "4913", "thumbs.db", "ehthumbs.db", "desktop.ini":
		return true
	}
	switch path.Ext(lower) {
	case ".bak", ".orig", ".rej", ".swp", ".swo", ".swx", ".tmp", ".crswap":
		return true
	}
	return strings.HasSuffix(lower, "___jb_tmp___") || strings.HasSuffix(lower, "___jb_old___")
}

// IgnoredPath reports whether a slash-separated path has an Ignored file
// or folder name in it.
func IgnoredPath(p string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		if seg != "" && seg != "." && seg != ".." && Ignored(seg) {
			return true
		}
	}
	return false
}

// PublishedFiles lists the files under dir of fsys that a site publishes
// as they are (the static folder, a theme's static folder): regular files
// whose path holds no Ignored name, as slash paths relative to dir, in
// order. Files that are not regular (links to folders, devices, sockets)
// are listed apart, as paths relative to dir, for an error. A dir that
// does not exist has no files. Both the renderer (which copies the files)
// and the site model (which resizes their images) read this one list, so
// that a file is published with all its copies or not at all.
func PublishedFiles(fsys fs.FS, dir string) (files, irregular []string) {
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		if dir == "." {
			rel = p
		}
		if !d.Type().IsRegular() {
			irregular = append(irregular, rel)
			return nil
		}
		files = append(files, rel)
		return nil
	})
	slices.Sort(files)
	slices.Sort(irregular)
	return files, irregular
}
