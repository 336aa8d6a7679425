package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/lwa-rotterdam/ezine/generator/facts"
)

// FactsCacheDir is the folder of the on-disk page facts for cfg:
// FactsCache, else <Source>/.cache/facts (git-ignored, beside the image
// and card caches), else "" for none when the site has no folder on disk
// or the cache is off (NoFactsCache).
func FactsCacheDir(cfg Config) string {
	if cfg.NoFactsCache {
		return ""
	}
	if cfg.FactsCache != "" || cfg.Source == "" {
		return cfg.FactsCache
	}
	return filepath.Join(cfg.Source, ".cache", "facts")
}

// FactsDisk is the on-disk page facts Run reuses for the site in siteFS
// and cfg, nil for none. Its keys hold the running generator
// (GeneratorID), the theme's texts that the conversion writes (the video
// block's), and the build settings that reach the pages: drafts and the
// base URL. (Those reach a conversion only through the link targets it
// resolves, which the cache checks anyway; in the key, they cost a miss
// when a setting changes and can never cost a stale page.)
func FactsDisk(siteFS fs.FS, cfg Config) *facts.Disk {
	dir := FactsCacheDir(cfg)
	if dir == "" {
		return nil
	}
	id := GeneratorID()
	if id == "" {
		return nil // no way to tell this generator from another: no cache
	}
	return facts.OpenDisk(dir, id, "drafts="+strconv.FormatBool(cfg.Drafts), "baseURL="+cfg.BaseURL,
		fmt.Sprintf("blockTexts=%q", blockTexts(siteFS, cfg)))
}

var generatorID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// GeneratorID identifies the code of the running generator: the SHA-256
// of its executable, so that any change to the converter, its extensions,
// its libraries or the Go version (each a new binary) gives new cache
// keys, including in a tree with uncommitted changes, where the module's
// build info would name the same commit. "" when the executable cannot be
// read (then nothing is cached). Computed once per process.
func GeneratorID() string { return generatorID() }
