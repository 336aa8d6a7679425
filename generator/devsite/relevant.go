package devsite

import (
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/content"
)

// Roots are the folders of a site whose files make it: its content, its
// own theme (under themes/) and its static files.
var Roots = []string{contentDir, "themes", "static"}

// Relevant reports whether a change at rel (a site path, slash-separated)
// can change the site: it lies in one of the Roots (in themes/ only under
// the theme in use), and it is not a file a build leaves out (hidden files,
// and in content/ what content.Load skips) or an editor's temporary file.
// The site folder itself ("") is relevant.
func Relevant(rel string, isDir bool) bool {
	if rel == "" {
		return true
	}
	top, rest, _ := strings.Cut(rel, "/")
	switch top {
	case contentDir:
		for seg := range strings.SplitSeq(rest, "/") {
			if seg != "" && content.Ignored(seg) {
				return false
			}
		}
		return true
	case "themes":
		if rest != "" && rest != themeDir[len("themes/"):] && !strings.HasPrefix(rest, themeDir[len("themes/"):]+"/") {
			return false
		}
	case "static":
	default:
		return false
	}
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	// A leftover in static/ is not published either (content.Ignored).
	return isDir || !editorTemp(base) && (top != "static" || !content.Ignored(base))
}

// editorTemp reports whether a file name is one an editor writes and
// removes while saving, or keeps beside a file: swap, lock and backup
// files (vim, emacs), safe-write copies (JetBrains, Chrome), desktop files.
func editorTemp(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || name == "4913" || name == "Thumbs.db" ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___") ||
		strings.HasSuffix(name, ".crswap")
}
