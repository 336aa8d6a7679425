// Package themes holds the default theme, ezine, compiled into the binary
// so that a folder with only content/ builds. A site's own themes/ezine/
// folder overrides it file by file.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:ezine
var files embed.FS

// Ezine returns the built-in ezine theme's files (layouts/, assets/,
// static/, archetypes/ at its root).
func Ezine() fs.FS {
	sub, err := fs.Sub(files, "ezine")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder
	}
	return sub
}
