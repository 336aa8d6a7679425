package content

// Ignored reports whether Load leaves a file or folder of this name out of
// the site (hidden files, editor backups, swap and lock files), for the
// dev server's watcher, which need not rebuild when only such files change.
func Ignored(name string) bool { return ignored(name) }
