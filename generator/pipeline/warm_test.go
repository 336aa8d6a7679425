package pipeline

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/output"
)

var (
	warmSeed  = flag.Uint64("warm.seed", 0, "seed of TestWarmEqualsCold (0: from the clock; the seed is logged)")
	warmSteps = flag.Int("warm.steps", 40, "steps of TestWarmEqualsCold")
)

// TestWarmEqualsCold applies random edits to a site (bodies, titles, dates,
// terms, slugs, links to other pages' headings, pages added and removed,
// an image changed, the search page added and removed) and builds it after
// each with the on-disk page facts of the builds before, then without any:
// the two must write the same files, byte for byte, or fail with the same
// problems. Rerun a failure with -warm.seed=N.
func TestWarmEqualsCold(t *testing.T) {
	seed := *warmSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -warm.seed=%d)", seed, seed)
	steps := *warmSteps
	if testing.Short() {
		steps = min(steps, 10)
	} else if raceEnabled {
		steps = min(steps, 20) // about 20 s on two busy cores
	}
	cache, images := t.TempDir(), t.TempDir()
	f := newWarmSite(rand.New(rand.NewPCG(seed, 16)))
	// The built-in e-zine theme (ThemeFS nil): the output the cache must
	// not change.
	warm := Config{FactsCache: cache, ImageCache: images}
	cold := warm
	cold.NoFactsCache = true
	hits, failed := 0, false
	for i := range steps + 1 {
		op := "first build"
		switch {
		case failed && f.r.IntN(3) > 0:
			op = f.heal()
		case i > 0:
			op = f.step()
		}
		w, wd, wres := f.build(t, warm)
		c, cd, _ := f.build(t, cold)
		if wd != cd {
			t.Fatalf("step %d (%s): problems differ\nwarm:\n%s\ncold:\n%s", i, op, wd, cd)
		}
		if diff := diffFiles(w, c); diff != "" {
			t.Fatalf("step %d (%s): the warm build differs from the cold one: %s", i, op, diff)
		}
		if i > 0 {
			hits += wres.Facts.DiskHits()
		}
		failed = wres.Failed
		t.Logf("step %d: %s: %d files, %d pages from disk, failed %v", i, op, len(w), wres.Facts.DiskHits(), failed)
	}
	if hits == 0 {
		t.Error("no warm build took a page's facts from disk: the test tests nothing")
	}
}

// warmSite is a site in memory and the edits on it.
type warmSite struct {
	r       *rand.Rand
	fs      fstest.MapFS
	n       int
	removed []string // pages taken away, which links may still name
}

// reisPage is a bundle whose body shows the image beside it.
const reisPage = "content/verhalen/reis/index.md"

var warmSections = []string{"verhalen", "interviews", "archief"}

var warmTags = []string{"zorg", "haven", "starters", "scholing", "techniek"}

func newWarmSite(r *rand.Rand) *warmSite {
	f := &warmSite{r: r, fs: fstest.MapFS{}}
	for name, data := range map[string]string{
		"content/_index.md":                   "---\ntitle: Proef\ndescription: Een proefsite.\n---\nWelkom.\n",
		"content/verhalen/_index.md":          "---\ntitle: Verhalen\n---\nDe verhalen.\n",
		"content/interviews/_index.md":        "---\ntitle: Interviews\nweight: 2\n---\n",
		"content/deelakkoord/zorg/_index.md":  "---\ntitle: Zorg en welzijn\n---\nOver de zorg.\n",
		"content/deelakkoord/haven/_index.md": "---\ntitle: Haven\n---\nOver de haven.\n",
		"content/zoeken.md":                   "---\ntitle: Zoeken\nlayout: search\n---\n",
		"static/robots.txt":                   "User-agent: *\n",
	} {
		f.write(name, data)
	}
	for range 8 {
		f.create()
	}
	f.write(reisPage, f.frontMatter()+f.body(reisPage))
	f.write("content/verhalen/reis/foto.png", string(warmPNG(40+r.IntN(20), 30)))
	f.write("static/img/kaart.png", string(warmPNG(50, 40)))
	return f
}

func warmPNG(w, h int) []byte {
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h)))
	return buf.Bytes()
}

func (f *warmSite) write(name, data string) { f.fs[name] = &fstest.MapFile{Data: []byte(data)} }

func (f *warmSite) read(name string) string { return string(f.fs[name].Data) }

// frontMatter is a random front matter block: a title, a date, terms,
// sometimes a slug (which moves the page's URL) and a lead image.
func (f *warmSite) frontMatter() string {
	r := f.r
	f.n++
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Pagina %d %s\n", f.n, f.pick(warmTags))
	fmt.Fprintf(&b, "date: 2023-%02d-%02d\n", 1+r.IntN(12), 1+r.IntN(28))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "tags: [%s, %s]\n", f.pick(warmTags), f.pick(warmTags))
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "deelakkoord: [%s]\n", []string{"zorg", "haven"}[r.IntN(2)])
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "slug: verplaatst-%d\n", f.n)
	}
	if r.IntN(5) == 0 {
		b.WriteString("image: /img/kaart.png\nimage_alt: Een kaart van de haven met de kades\n")
	}
	b.WriteString("---\n\n")
	return b.String()
}

// body is a random body: two headings (anchors "deel-1" and "deel-2")
// and links to other pages, some to a heading.
func (f *warmSite) body(from string) string {
	var b strings.Builder
	for k := 1; k <= 2; k++ {
		fmt.Fprintf(&b, "## Deel %d\n\nEen alinea over %s, met *nadruk* en een zin %d.\n\n", k, f.pick(warmTags), f.r.IntN(1000))
	}
	for range f.r.IntN(3) {
		b.WriteString(f.link(from))
	}
	if from == reisPage {
		b.WriteString("![Een foto van de reis](foto.png)\n")
	}
	return b.String()
}

// link is a paragraph linking page from to another page, by a path
// relative to from, maybe to one of its headings.
func (f *warmSite) link(from string) string {
	to := f.pick(f.pages())
	if to == "" || to == from {
		return ""
	}
	rel := relPath(path.Dir(from), to)
	if k := f.r.IntN(3); k > 0 {
		rel += fmt.Sprintf("#deel-%d", k)
	}
	return fmt.Sprintf("Lees [verder over %s](%s).\n\n", path.Base(to), rel)
}

// relPath is target relative to folder dir, both under content/.
func relPath(dir, target string) string {
	up := strings.Count(strings.TrimPrefix(dir, "content"), "/")
	return strings.Repeat("../", up) + strings.TrimPrefix(target, "content/")
}

func (f *warmSite) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[f.r.IntN(len(list))]
}

// pages lists the site's regular pages, sorted.
func (f *warmSite) pages() []string {
	var out []string
	for name := range f.fs {
		if strings.HasSuffix(name, ".md") && !strings.HasSuffix(name, "_index.md") && name != "content/zoeken.md" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func (f *warmSite) create() string {
	name := fmt.Sprintf("content/%s/stuk-%d.md", f.pick(warmSections), f.n)
	f.write(name, f.frontMatter()+f.body(name))
	return name
}

// split cuts a page file into its front matter block and its body.
func split(file string) (string, string) {
	fm, body, _ := strings.Cut(strings.TrimPrefix(file, "---\n"), "\n---\n")
	return "---\n" + fm + "\n---\n", body
}

var warmTitle = regexp.MustCompile(`(?m)^title: .*$`)

var warmDate = regexp.MustCompile(`(?m)^date: .*$`)

// step applies one random edit and says which.
func (f *warmSite) step() string {
	r := f.r
	p := f.pick(f.pages())
	if p == "" {
		return "create " + f.create()
	}
	if r.IntN(8) == 0 {
		p = reisPage // the image's page: its own edits, and its image's
	}
	if _, ok := f.fs[p]; !ok {
		return "create " + f.create()
	}
	fm, body := split(f.read(p))
	switch op := r.IntN(14); op {
	case 0: // body text
		f.write(p, fm+body+fmt.Sprintf("Nog een zin %d.\n", r.IntN(1000)))
		return "append to " + p
	case 1: // title only
		f.write(p, warmTitle.ReplaceAllString(fm, fmt.Sprintf("title: Nieuwe titel %d", r.IntN(1000)))+body)
		return "new title for " + p
	case 2: // date only
		f.write(p, warmDate.ReplaceAllString(fm, fmt.Sprintf("date: 2022-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)))+body)
		return "new date for " + p
	case 3, 4: // new front matter (terms, slug: the page may move), same body
		f.write(p, f.frontMatter()+body)
		return "new front matter for " + p
	case 5: // a link to another page's heading
		f.write(p, fm+body+f.link(p))
		return "link from " + p
	case 6: // a heading renamed, or back (links to its anchor break)
		if strings.Contains(body, "## Deel 2 anders") {
			body = strings.Replace(body, "## Deel 2 anders", "## Deel 2", 1)
		} else {
			body = strings.Replace(body, "## Deel 2\n", "## Deel 2 anders\n", 1)
		}
		f.write(p, fm+body)
		return "rename a heading of " + p
	case 7:
		return "create " + f.create()
	case 8: // a page removed (links to it break until it is back)
		delete(f.fs, p)
		f.removed = append(f.removed, p)
		return "remove " + p
	case 9: // a removed page back, with new front matter (maybe a new URL)
		return f.heal()
	case 10, 11: // the image in a body, at another size
		f.write("content/verhalen/reis/foto.png", string(warmPNG(40+r.IntN(20), 20+r.IntN(20))))
		return "change the image"
	case 12: // the search page (which needs every page's plain text)
		if _, ok := f.fs["content/zoeken.md"]; ok {
			delete(f.fs, "content/zoeken.md")
			return "remove the search page"
		}
		f.write("content/zoeken.md", "---\ntitle: Zoeken\nlayout: search\n---\n")
		return "add the search page"
	default: // a whole new body
		f.write(p, fm+f.body(p))
		return "new body for " + p
	}
}

// heal undoes an edit that fails the build: a removed page comes back,
// or a renamed heading gets its name (and anchor) back.
func (f *warmSite) heal() string {
	if len(f.removed) > 0 {
		q := f.removed[0]
		f.removed = f.removed[1:]
		f.write(q, f.frontMatter()+f.body(q))
		return "restore " + q
	}
	for _, p := range f.pages() {
		if b := f.read(p); strings.Contains(b, "## Deel 2 anders") {
			f.write(p, strings.Replace(b, "## Deel 2 anders", "## Deel 2", 1))
			return "rename the heading of " + p + " back"
		}
	}
	return "create " + f.create()
}

// warmBuild is what one build of the property test made.
type warmBuild struct {
	Failed bool
	Facts  interface{ DiskHits() int }
}

// build builds the site into memory and returns its files, its problems
// as text (one a line) and whether it failed.
func (f *warmSite) build(t *testing.T, cfg Config) (map[string][]byte, string, warmBuild) {
	t.Helper()
	cfg.Now = testNow
	mem := output.NewMemory()
	res, diags := Run(context.Background(), f.fs, mem, cfg)
	files := map[string][]byte{}
	for _, n := range mem.Names() {
		files[n], _ = mem.Get(n)
	}
	var problems strings.Builder
	for _, d := range diags {
		fmt.Fprintln(&problems, d)
	}
	return files, problems.String(), warmBuild{Failed: diags.HasErrors(), Facts: res.Facts}
}

// diffFiles names the first file that two outputs do not share or hold
// differently, with the first differing bytes; "" when they are equal.
func diffFiles(a, b map[string][]byte) string {
	var names []string
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		x, inA := a[n]
		y, inB := b[n]
		switch {
		case !inA:
			return n + " only in the cold build"
		case !inB:
			return n + " only in the warm build"
		case !bytes.Equal(x, y):
			i := 0
			for i < len(x) && i < len(y) && x[i] == y[i] {
				i++
			}
			lo := max(0, i-80)
			return fmt.Sprintf("%s at byte %d:\nwarm: %q\ncold: %q", n, i, x[lo:min(len(x), i+80)], y[lo:min(len(y), i+80)])
		}
	}
	return ""
}
