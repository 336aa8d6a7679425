package sitetest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// netlify.toml parses and holds what publishing needs: the build command,
// the publish folder, contexts with their base URL, and the headers.
func TestNetlifyConfig(t *testing.T) {
	var cfg struct {
		Build struct {
			Command     string
			Publish     string
			Environment map[string]string
		}
		Context map[string]struct{ Command string }
		Plugins []struct {
			Package string
			Inputs  struct{ Paths []string }
		}
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(root, "netlify.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Build.Publish != "public" || !strings.Contains(cfg.Build.Command, "go run . build") {
		t.Errorf("build %+v", cfg.Build)
	}
	gomod, _ := os.ReadFile(filepath.Join(root, "go.mod"))
	if v := cfg.Build.Environment["GO_VERSION"]; v == "" || !strings.Contains(string(gomod), "go "+v) {
		t.Errorf("GO_VERSION %q does not pin go.mod's version", v)
	}
	for ctx, want := range map[string]string{"production": "$URL", "deploy-preview": "$DEPLOY_PRIME_URL", "branch-deploy": "$DEPLOY_PRIME_URL"} {
		if c := cfg.Context[ctx].Command; !strings.Contains(c, "-baseURL") || !strings.Contains(c, want) {
			t.Errorf("context %s: %q", ctx, c)
		}
	}
	// The build's caches (.cache/) are kept between deploys.
	kept := false
	for _, p := range cfg.Plugins {
		kept = kept || p.Package == "netlify-plugin-cache" && slices.Contains(p.Inputs.Paths, ".cache")
	}
	if !kept {
		t.Errorf("no netlify-plugin-cache keeping .cache: %+v", cfg.Plugins)
	}
	all := map[string]map[string]string{}
	for _, h := range cfg.Headers {
		all[h.For] = h.Values
	}
	site := all["/*"]
	csp := site["Content-Security-Policy"]
	for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %q", want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows inline code: %s", csp)
	}
	for _, h := range []string{"Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"} {
		if site[h] == "" {
			t.Errorf("no %s header", h)
		}
	}
	for _, dir := range []string{"/css/*", "/js/*"} {
		if cc := all[dir]["Cache-Control"]; cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s Cache-Control %q", dir, cc)
		}
	}
}

// The GitHub Pages workflow restores .cache/ before it builds, from this
// run's key or, failing that, the newest of an earlier run (restore-keys:
// a stale cache is only a speed-up), and the key is new for every run,
// so that each run's cache is saved.
func TestPagesWorkflowKeepsCache(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, ".github/workflows/pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string
				Run  string
				With map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatal(err)
	}
	cacheAt, buildAt := -1, -1
	steps := wf.Jobs["build"].Steps
	for i, s := range steps {
		if strings.HasPrefix(s.Uses, "actions/cache@") && cacheAt < 0 {
			cacheAt = i
		}
		if strings.Contains(s.Run, "go run . build") {
			buildAt = i
		}
	}
	if cacheAt < 0 || buildAt < 0 || cacheAt > buildAt {
		t.Fatalf("actions/cache at step %d, the build at %d: the cache must be restored before the build", cacheAt, buildAt)
	}
	with := steps[cacheAt].With
	if with["path"] != ".cache" {
		t.Errorf("cache path %q, want .cache", with["path"])
	}
	key, restore := with["key"], strings.TrimSpace(with["restore-keys"])
	if !strings.Contains(key, "github.run_id") {
		t.Errorf("key %q is not new for every run, so a run's cache would not be saved", key)
	}
	if restore == "" || !strings.HasPrefix(key, restore) {
		t.Errorf("restore-keys %q is not a prefix of the key %q: no earlier run's cache is restored", restore, key)
	}
}
