package sitetest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestCheckNextScheduledChange: check names the earliest future
// publishDate or expiryDate of any page that is not a draft, in text (a
// note at the date's line) and in JSON (a finding with a code and an RFC
// 3339 time; the output stays an array of findings).
func TestCheckNextScheduledChange(t *testing.T) {
	src := writeTree(t, map[string]string{
		"content/_index.md": "---\ntitle: Home\ndescription: Het e-zine.\n---\n",
		"content/later.md":  "---\ntitle: Later\ndescription: Later.\npublishDate: 2099-01-05T09:00:00\n---\nTekst.\n",
		"content/weg.md":    "---\ntitle: Weg\ndescription: Weg.\nexpiryDate: 2099-03-01\n---\nTekst.\n",
		"content/concept.md": "---\ntitle: Concept\ndescription: Concept.\ndraft: true\n" +
			"publishDate: 2098-01-01\n---\nTekst.\n",
	})
	_, stdout, _ := runCLI(t, "check", "-source", src)
	want := "content/later.md:4: note: next scheduled change: 2099-01-05 09:00 (content/later.md publishDate)"
	if !strings.Contains(stdout, want) {
		t.Errorf("text output lacks %q:\n%s", want, stdout)
	}
	_, stdout, _ = runCLI(t, "check", "-source", src, "-format", "json")
	var findings []map[string]any
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatalf("JSON output is not an array of findings: %v\n%s", err, stdout)
	}
	var got []map[string]any
	for _, f := range findings {
		if f["code"] == "next-scheduled-change" {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0]["time"] != "2099-01-05T09:00:00+01:00" || got[0]["path"] != "content/later.md" {
		t.Errorf("scheduled findings: %v", got)
	}
	// Nothing ahead: no such finding.
	src = writeTree(t, map[string]string{"content/_index.md": "---\ntitle: Home\ndescription: Het e-zine.\n---\n"})
	if _, stdout, _ = runCLI(t, "check", "-source", src); strings.Contains(stdout, "next scheduled change") {
		t.Errorf("a site without dates ahead: %s", stdout)
	}
}

// TestScheduledBuilds: the GitHub Pages workflow runs daily, and the
// Netlify workflow POSTs to the build hook kept as a secret, daily.
func TestScheduledBuilds(t *testing.T) {
	for file, must := range map[string]string{
		".github/workflows/pages.yml":            "go run . build",
		".github/workflows/netlify-schedule.yml": "secrets.NETLIFY_BUILD_HOOK",
	} {
		b, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		var wf struct {
			On struct {
				Schedule []struct{ Cron string }
			}
		}
		if err := yaml.Unmarshal(b, &wf); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(wf.On.Schedule) == 0 || len(strings.Fields(wf.On.Schedule[0].Cron)) != 5 {
			t.Errorf("%s: no daily schedule: %+v", file, wf.On.Schedule)
		}
		if !strings.Contains(string(b), must) {
			t.Errorf("%s lacks %q", file, must)
		}
	}
}

// TestExpiryArchiveBuild: an archived page is published with the archive
// notice, and the section's list leaves it out.
func TestExpiryArchiveBuild(t *testing.T) {
	src := writeTree(t, map[string]string{
		"content/_index.md":          "---\ntitle: Home\nexpiry: archive\n---\n",
		"content/verhalen/_index.md": "---\ntitle: Verhalen\n---\n",
		"content/verhalen/oud.md":    "---\ntitle: Het oude verhaal\ndescription: Oud.\nexpiryDate: 2023-07-01\n---\nTekst.\n",
		"content/verhalen/nieuw.md":  "---\ntitle: Het nieuwe verhaal\ndescription: Nieuw.\n---\nTekst.\n",
	})
	dest := t.TempDir() + "/public"
	if code, _, stderr := runCLI(t, "build", "-source", src, "-destination", dest); code != exitOK {
		t.Fatal(stderr)
	}
	page, err := os.ReadFile(dest + "/verhalen/oud/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Gearchiveerd op:") || !strings.Contains(string(page), "1 juli 2023") {
		t.Errorf("no archive notice on the archived page")
	}
	list, _ := os.ReadFile(dest + "/verhalen/index.html")
	if strings.Contains(string(list), "/verhalen/oud/") || !strings.Contains(string(list), "/verhalen/nieuw/") {
		t.Errorf("the section list shows the archived page, or not the other")
	}
}
