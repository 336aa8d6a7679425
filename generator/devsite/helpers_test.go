package devsite

import (
	"bytes"
	"context"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
	"github.com/lwa-rotterdam/ezine/generator/internal/testdiff"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
)

// testNow is the clock of every test site: fixed, so that a full build
// and the kept site agree on which dates have passed.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const testInject = `<script src="/__ezine/reload.js" defer></script>`

// writeFiles writes files (slash paths -> contents) under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	if err := testcorpus.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
}

// fullBuild builds dir from scratch, as `build -drafts` would, into memory.
func fullBuild(t testing.TB, dir string) (map[string][]byte, diag.List) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	mem := output.NewMemory()
	_, diags := pipeline.Run(context.Background(), root.FS(), mem, pipeline.Config{Source: dir, Drafts: true, Now: testNow, Inject: testInject})
	files := map[string][]byte{}
	if len(diags.Errors()) > 0 {
		return nil, diags
	}
	for _, n := range mem.Names() {
		b, _ := mem.Get(n)
		files[n] = b
	}
	return files, diags
}

func openSite(t testing.TB, dir string) (*Site, *Report) {
	t.Helper()
	return openSiteWith(t, dir, nil)
}

// openSiteWith opens dir as openSite does, with the Config changed by
// change first.
func openSiteWith(t testing.TB, dir string, change func(*Config)) (*Site, *Report) {
	t.Helper()
	cfg := Config{Inject: testInject, Now: func() time.Time { return testNow }}
	if change != nil {
		change(&cfg)
	}
	d, rep, err := Open(context.Background(), dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d, rep
}

// compare checks that the kept site holds exactly the files of a full
// build, or fails with the same errors.
func compare(t testing.TB, d *Site, dir, step string) {
	t.Helper()
	want, wantDiags := fullBuild(t, dir)
	got := d.Problems()
	if want == nil {
		if !sameErrors(got.Errors(), wantDiags.Errors()) {
			t.Fatalf("%s: full build fails with\n%s\nkept site reports\n%s", step, wantDiags.Errors(), got.Errors())
		}
		return
	}
	if errs := got.Errors(); len(errs) > 0 {
		t.Fatalf("%s: full build succeeds, kept site reports\n%s", step, errs)
	}
	d.Settle()
	names := d.Names()
	var wantNames []string
	for n := range want {
		wantNames = append(wantNames, n)
	}
	slices.Sort(wantNames)
	if !slices.Equal(names, wantNames) {
		t.Fatalf("%s: files differ\nonly in kept site: %v\nonly in full build: %v", step, minus(names, wantNames), minus(wantNames, names))
	}
	for _, n := range names {
		f, _ := d.Get(n)
		data := fileBytes(t, d, f)
		if !bytes.Equal(data, want[n]) {
			t.Fatalf("%s: %s differs (want: the full build, got: the kept site)\n%s", step, n, testdiff.Line(want[n], data))
		}
	}
}

// fileBytes returns the content of a file of the kept site, read from the
// site folder when it is kept there.
func fileBytes(t testing.TB, d *Site, f *File) []byte {
	t.Helper()
	if f.Path == "" {
		return f.Data
	}
	file, err := d.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func sameErrors(a, b diag.List) bool {
	as, bs := strings.Split(a.Error(), "\n"), strings.Split(b.Error(), "\n")
	slices.Sort(as)
	slices.Sort(bs)
	return slices.Equal(slices.Compact(as), slices.Compact(bs))
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
