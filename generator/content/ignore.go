package content

import (
	"path"
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
