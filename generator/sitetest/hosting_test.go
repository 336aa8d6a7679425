package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
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
