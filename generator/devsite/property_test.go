package devsite

import (
	"bytes"
	"cmp"
	"context"
	"flag"
	"fmt"
	"image"
	"image/png"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/schema"
)

var (
	seedFlag  = flag.Uint64("devsite.seed", 0, "seed of TestIncrementalEqualsFull (0: from the clock; the seed is logged)")
	stepsFlag = flag.Int("devsite.steps", 60, "steps of TestIncrementalEqualsFull")
)

// TestIncrementalEqualsFull applies a random sequence of edits, creates,
// renames and deletes to a small site and checks after every step that
// the kept site is byte for byte what a full build makes of the files (or
// fails with the same errors). Every run starts with the edits that cross
// the seam between the model and the facts of its pages (see seam). Rerun
// a failure with -devsite.seed=N.
func TestIncrementalEqualsFull(t *testing.T) {
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -devsite.seed=%d)", seed, seed)
	steps := *stepsFlag
	if testing.Short() || raceEnabled {
		steps = min(steps, 12)
	}
	dir := t.TempDir()
	f := newFixture(t, dir, rand.New(rand.NewPCG(seed, 7)))
	// While a rebuild runs, the site served is the last good one, whole:
	// checked at the last moment before the rebuild's files go in.
	var d *Site
	var before served
	d, rep := openSiteWith(t, dir, func(c *Config) {
		c.BeforeSwap = func([]string) {
			if d != nil {
				before.check(t, d, true, "during the rebuild")
			}
		}
	})
	if rep.Failed {
		t.Fatalf("fixture does not build:\n%s", rep.Problems)
	}
	compare(t, d, dir, "open")
	failed := false
	for i := range steps + len(seams) {
		var op string
		var changed []string
		var after func(*Report)
		if i < len(seams) {
			op, changed, after = f.seam(t, d, seams[i])
		} else if (failed || f.marked || f.linked) && f.r.IntN(3) > 0 {
			op, changed = f.heal()
		} else {
			op, changed = f.step()
		}
		var open []string
		if f.r.IntN(3) == 0 {
			open = f.someOutputs(d)
		}
		step := fmt.Sprintf("step %d: %s", i, op)
		before = serving(d)
		rep := d.Rebuild(context.Background(), changed, open)
		t.Logf("%s: rendered %d, queued %d, failed %v", step, rep.Rendered, rep.Queued, rep.Failed)
		if after != nil {
			after(rep)
		}
		if t.Failed() {
			t.FailNow()
		}
		if rep.Failed || rep.Ignored {
			before.check(t, d, false, step+": after a rebuild that changed nothing")
		}
		failed = rep.Failed
		if f.r.IntN(4) == 0 {
			// Ask for some files before the background is done.
			for _, n := range f.someOutputs(d) {
				d.Get(n)
			}
		}
		compare(t, d, dir, step)
	}
}

// served is what a site served at one moment, and which of its outputs
// were left for later (which background rendering may write since).
type served struct {
	files map[string]*File
	lazy  map[string]bool
}

// serving stops background rendering and takes what d serves.
func serving(d *Site) served {
	d.stopBackground()
	d.outMu.Lock()
	defer d.outMu.Unlock()
	s := served{files: maps.Clone(d.files), lazy: map[string]bool{}}
	for name := range d.lazy {
		s.lazy[name] = true
	}
	return s
}

// check reports files that d serves now and s did not: a changed or new
// file, or one gone. Unless strict, files left for later may have come.
func (s served) check(t *testing.T, d *Site, strict bool, when string) {
	t.Helper()
	names := d.Names()
	for _, name := range names {
		f, _ := d.Get(name)
		if f != s.files[name] && (strict || !s.lazy[name]) {
			t.Errorf("%s: %s is served changed or new", when, name)
		}
	}
	if len(names) < len(s.files) {
		t.Errorf("%s: %d files served, %d before", when, len(names), len(s.files))
	}
}

// fixture is a small site on disk and the operations on it.
type fixture struct {
	t   testing.TB
	dir string
	r   *rand.Rand
	n   int // names made so far
	// marked says a page may hold schema.Marker, which fails a build
	// (not the dev server): heal removes it.
	marked bool
	// linked says a page may hold an absolute link or an anchor that
	// leads nowhere, which also fails a build: heal removes them.
	linked bool
	// anchored are the pages that anchors were written to, whose
	// headings absoluteLink renames.
	anchored []string
}

var sections = []string{"verhalen", "interviews", "archief"}

var tagWords = []string{"zorg", "haven", "starters", "scholing", "techniek"}

func newFixture(t testing.TB, dir string, r *rand.Rand) *fixture {
	f := &fixture{t: t, dir: dir, r: r}
	files := map[string]string{
		"content/_index.md":                   "---\ntitle: Proef\ndescription: Een proefsite.\n---\nWelkom.\n",
		"content/verhalen/_index.md":          "---\ntitle: Verhalen\n---\nDe verhalen.\n",
		"content/interviews/_index.md":        "---\ntitle: Interviews\nweight: 2\n---\n",
		"content/deelakkoord/zorg/_index.md":  "---\ntitle: Zorg en welzijn\n---\nOver de zorg.\n",
		"content/deelakkoord/haven/_index.md": "---\ntitle: Haven\n---\nOver de haven.\n",
		"content/colofon.md":                  "---\ntitle: Colofon\n---\nGemaakt door de redactie.\n",
		"content/zoeken.md":                   "---\ntitle: Zoeken\nlayout: search\n---\n",
		"static/robots.txt":                   "User-agent: *\n",
		"static/css/extra.css":                "body { color: black }\n",
	}
	writeFiles(t, dir, files)
	for range 8 {
		f.create()
	}
	// A bundle with images beside it, one shown in its body; an image in
	// static/ that pages name in their front matter.
	f.write("content/verhalen/reis/index.md", f.page("")+"\n![Een foto van de reis](foto.png)\n")
	f.write("content/verhalen/reis/foto.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>`)
	f.png("content/verhalen/reis/foto.png")
	f.png("static/img/kaart.png")
	// Files that are published only while a page links them.
	f.write("content/verhalen/reis/plan.pdf", "%PDF-1.4 plan")
	f.write("content/verhalen/reis/notities.txt", "niet voor lezers")
	return f
}

// linkedFiles are the content files that pages link, and unlink, at random.
var linkedFiles = []string{"content/verhalen/reis/plan.pdf", "content/verhalen/reis/notities.txt", "content/verhalen/reis/foto.svg", "content/verhalen/reis/foto.png"}

// fileLink starts the line of a link to one of linkedFiles.
const fileLink = "Zie [het bestand]("

func (f *fixture) write(name, data string) {
	writeFiles(f.t, f.dir, map[string]string{name: data})
}

func (f *fixture) abs(name string) string { return filepath.Join(f.dir, filepath.FromSlash(name)) }

// page returns a page file with random front matter; link, when set, is
// a relative link target put in its body.
func (f *fixture) page(link string) string {
	r := f.r
	f.n++
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Pagina %d %s\n", f.n, tagWords[r.IntN(len(tagWords))])
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "description: Over %s en meer.\n", tagWords[r.IntN(len(tagWords))])
	}
	fmt.Fprintf(&b, "date: 2025-%02d-%02d\n", 1+r.IntN(12), 1+r.IntN(28))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "weight: %d\n", 1+r.IntN(20))
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "tags: [%s, %s]\n", tagWords[r.IntN(len(tagWords))], tagWords[r.IntN(len(tagWords))])
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "deelakkoord: [%s]\n", []string{"zorg", "haven"}[r.IntN(2)])
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(&b, "thema: [vitaliteit]\n")
	}
	switch r.IntN(8) {
	case 0:
		b.WriteString("draft: true\n")
	case 1:
		b.WriteString("publishDate: 2027-01-01\n")
	case 2:
		b.WriteString("expiryDate: 2026-01-01\n")
	}
	if r.IntN(6) == 0 {
		fmt.Fprintf(&b, "aliases: [/oud/%d/]\n", f.n)
	}
	if r.IntN(4) == 0 {
		b.WriteString("image: /img/kaart.png\nimage_alt: Een kaart van de haven met de kades\n")
	}
	b.WriteString("---\n\n")
	for range 1 + r.IntN(3) {
		fmt.Fprintf(&b, "## Kop %d\n\nEen alinea over %s, met *nadruk* en een zin.\n\n", r.IntN(100), tagWords[r.IntN(len(tagWords))])
	}
	if link != "" {
		fmt.Fprintf(&b, "Zie ook [de andere pagina](%s).\n", link)
	}
	return b.String()
}

// pages lists the Markdown files of the site, sorted.
func (f *fixture) pages() []string {
	var out []string
	filepath.WalkDir(f.abs("content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			rel, _ := filepath.Rel(f.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func (f *fixture) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[f.r.IntN(len(list))]
}

// create adds a page in a random section, sometimes a new one.
func (f *fixture) create() []string {
	sec := f.pick(sections)
	if f.r.IntN(6) == 0 {
		sec = fmt.Sprintf("rubriek%d", f.n)
	}
	name := fmt.Sprintf("content/%s/stuk-%d.md", sec, f.n)
	f.write(name, f.page(""))
	return []string{name}
}

// someOutputs returns a few names of the site's files.
func (f *fixture) someOutputs(d *Site) []string {
	names := d.Names()
	var out []string
	for range 3 {
		if n := f.pick(names); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// step applies one random operation and returns what it did and the paths
// a watcher would report.
func (f *fixture) step() (string, []string) {
	r := f.r
	pages := f.pages()
	p := f.pick(pages)
	switch op := r.IntN(17); {
	case op < 3 && p != "": // append a sentence, now and then the placeholder
		b, _ := os.ReadFile(f.abs(p))
		n := r.IntN(1000)
		if n%8 == 0 {
			f.marked = true
			os.WriteFile(f.abs(p), append(b, "\n"+schema.Marker+".\n"...), 0o644)
			return "mark " + p + " unfinished", []string{p}
		}
		os.WriteFile(f.abs(p), append(b, fmt.Sprintf("\nNog een zin %d.\n", n)...), 0o644)
		return "append to " + p, []string{p}
	case op < 5 && p != "": // new front matter, same body
		b, _ := os.ReadFile(f.abs(p))
		_, body, _ := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
		fm, _, _ := strings.Cut(f.page(""), "\n---\n")
		os.WriteFile(f.abs(p), []byte(fm+"\n---\n"+body), 0o644)
		return "new front matter for " + p, []string{p}
	case op < 6:
		return "create " + "page", f.create()
	case op < 7 && p != "":
		os.Remove(f.abs(p))
		return "delete " + p, []string{p}
	case op < 8 && p != "": // rename a page, maybe to another section
		to := path.Join(path.Dir(p), fmt.Sprintf("hernoemd-%d.md", f.n))
		if r.IntN(2) == 0 {
			to = fmt.Sprintf("content/%s/hernoemd-%d.md", f.pick(sections), f.n)
		}
		f.n++
		os.MkdirAll(filepath.Dir(f.abs(to)), 0o755)
		os.Rename(f.abs(p), f.abs(to))
		return "rename " + p + " to " + to, []string{p, to}
	case op < 9: // rename a section folder
		from := "content/" + f.pick(sections)
		to := fmt.Sprintf("content/verplaatst-%d", f.n)
		f.n++
		if os.Rename(f.abs(from), f.abs(to)) != nil {
			return "rename nothing", nil
		}
		return "rename " + from + " to " + to, []string{from, to}
	case op < 10 && p != "": // link to another page (which may go later)
		q := f.pick(pages)
		rel, _ := filepath.Rel(path.Dir(p), q)
		b, _ := os.ReadFile(f.abs(p))
		os.WriteFile(f.abs(p), append(b, fmt.Sprintf("\nLees [verder](%s).\n", filepath.ToSlash(rel))...), 0o644)
		return "link " + p + " to " + q, []string{p}
	case op < 11 && p != "": // break the front matter, or fix it
		b, _ := os.ReadFile(f.abs(p))
		if strings.Contains(string(b), "title: [") {
			os.WriteFile(f.abs(p), []byte(strings.Replace(string(b), "title: [", "title: ", 1)), 0o644)
			return "fix " + p, []string{p}
		}
		os.WriteFile(f.abs(p), []byte(strings.Replace(string(b), "title: ", "title: [", 1)), 0o644)
		return "break " + p, []string{p}
	case op < 12 && r.IntN(2) == 0: // an image changes size
		name := f.pick([]string{"content/verhalen/reis/foto.png", "static/img/kaart.png"})
		f.png(name)
		return "redraw " + name, []string{name}
	case op < 12: // the bundle's image
		img := "content/verhalen/reis/foto.svg"
		if _, err := os.Stat(f.abs(img)); err == nil && r.IntN(2) == 0 {
			os.Remove(f.abs(img))
			return "delete " + img, []string{img}
		}
		f.write(img, fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d 1"/>`, 1+r.IntN(9)))
		return "write " + img, []string{img}
	case op < 13: // a static file
		name := f.pick([]string{"static/robots.txt", "static/css/extra.css", "static/nieuw.txt"})
		if r.IntN(3) == 0 {
			os.Remove(f.abs(name))
			return "delete " + name, []string{name}
		}
		f.write(name, fmt.Sprintf("/* %d */\n", r.IntN(1000)))
		return "write " + name, []string{name}
	case op < 14: // a section's or the home page's own title
		name := f.pick([]string{"content/_index.md", "content/verhalen/_index.md", "content/interviews/_index.md"})
		f.write(name, fmt.Sprintf("---\ntitle: Titel %d\n---\nTekst %d.\n", r.IntN(100), r.IntN(100)))
		return "retitle " + name, []string{name}
	case op < 15: // the theme: a partial of the site's own
		name := "themes/ezine/layouts/partials/concept.html"
		if _, err := os.Stat(f.abs(name)); err == nil && r.IntN(2) == 0 {
			os.Remove(f.abs(name))
			return "delete " + name, []string{name}
		}
		if r.IntN(3) == 0 {
			f.write(name, `{{ if .IsDraft }<span>kapot</span>{{ end }}`)
			return "break " + name, []string{name}
		}
		f.write(name, fmt.Sprintf(`{{ if .IsDraft }}<span class="concept">Concept %d</span>{{ end }}`, r.IntN(100)))
		return "write " + name, []string{name}
	case op < 16 && p != "":
		return f.absoluteLink(p, pages)
	case r.IntN(3) == 0 && p != "": // link a file of the content folder: it is published
		file := f.pick(linkedFiles)
		rel, _ := filepath.Rel(path.Dir(p), file)
		b, _ := os.ReadFile(f.abs(p))
		os.WriteFile(f.abs(p), append(b, fmt.Sprintf("\n%s%s).\n", fileLink, filepath.ToSlash(rel))...), 0o644)
		return "link " + p + " to " + file, []string{p}
	case r.IntN(2) == 0 && p != "": // unlink the files: they are no longer published
		b, _ := os.ReadFile(f.abs(p))
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(l, fileLink) {
				lines = append(lines, l)
			}
		}
		os.WriteFile(f.abs(p), []byte(strings.Join(lines, "\n")), 0o644)
		return "unlink files from " + p, []string{p}
	default: // touch without change
		if p == "" {
			return "nothing", nil
		}
		now := time.Now()
		os.Chtimes(f.abs(p), now, now)
		return "touch " + p, []string{p}
	}
}

// absLink starts the line of a link by URL or by anchor alone, which
// check.Links checks after rendering; heal drops every such line.
const absLink = "Ga naar ["

// absoluteLink adds to page p a link by URL to another page, to a page
// that is not there, to a heading of another page or of p itself, or to a
// heading that is not there; or it renames the headings of a page that
// anchors point to (a new body: the quick path), so that they lead
// nowhere, or somewhere again.
func (f *fixture) absoluteLink(p string, pages []string) (string, []string) {
	q := f.pick(pages)
	if f.r.IntN(3) == 0 && len(f.anchored) > 0 {
		q = f.pick(f.anchored)
		b, err := os.ReadFile(f.abs(q))
		if err != nil {
			return "rename nothing", nil
		}
		from, to := "## Kop ", "## Kopje "
		if strings.Contains(string(b), to) {
			from, to = to, from
		}
		os.WriteFile(f.abs(q), []byte(strings.ReplaceAll(string(b), from, to)), 0o644)
		return "rename the headings of " + q, []string{q}
	}
	var target string
	switch f.r.IntN(5) {
	case 0:
		target = pageURL(q)
	case 1:
		target = fmt.Sprintf("/nergens-%d/", f.r.IntN(3))
	case 2:
		target = pageURL(q) + "#" + f.headingID(q)
		f.anchored = append(f.anchored, q)
	case 3:
		target = "#" + f.headingID(p)
	default:
		target = pageURL(q) + "#geen-kop"
	}
	f.linked = true
	b, _ := os.ReadFile(f.abs(p))
	os.WriteFile(f.abs(p), append(b, fmt.Sprintf("\n%sdaar](%s).\n", absLink, target)...), 0o644)
	return "link " + p + " to " + target, []string{p}
}

// pageURL is the URL of the page file name.
func pageURL(name string) string {
	u := strings.TrimSuffix(strings.TrimPrefix(name, "content"), ".md")
	return strings.TrimSuffix(u, "/index") + "/"
}

// headingID returns the id of a heading of the page file name, at random.
func (f *fixture) headingID(name string) string {
	b, _ := os.ReadFile(f.abs(name))
	var ids []string
	for _, l := range strings.Split(string(b), "\n") {
		if kop, ok := strings.CutPrefix(l, "## "); ok {
			ids = append(ids, strings.ToLower(strings.ReplaceAll(kop, " ", "-")))
		}
	}
	return cmp.Or(f.pick(ids), "geen-kop")
}

// seams are the edits every run starts with, one of each kind that
// crosses the seam between the model and its facts store.
var seams = []string{"front matter", "body", "body image", "front matter image", "anchor", "heading"}

// seamPage is the bundle whose edits the seams are: its body shows
// seamImage, its front matter (after the first seam) names /img/kaart.png.
const (
	seamPage  = "content/verhalen/reis/index.md"
	seamImage = "content/verhalen/reis/foto.png"
)

// seam makes one edit of kind and returns what it did, the paths a
// watcher would report, and a check of the rebuild's report:
//   - front matter: the page gets new front matter (published, naming an
//     image of the static folder): a new model and a new store;
//   - body: only the body changes: the same model, whose page keeps its
//     file, and new facts for the file in the same store;
//   - body image: the image the page shows in its body is drawn anew at
//     another size: new image facts (srcset, width) in a new store;
//   - front matter image: the same for the image its front matter names;
//   - anchor: the colofon links a heading of the page by anchor;
//   - heading: the page's headings are renamed (the quick path), so that
//     the anchor leads nowhere: the other page's link check changes.
func (f *fixture) seam(t *testing.T, d *Site, kind string) (string, []string, func(*Report)) {
	t.Helper()
	switch kind {
	case "front matter":
		b, _ := os.ReadFile(f.abs(seamPage))
		_, body, _ := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
		f.write(seamPage, "---\ntitle: De reis\nweight: 3\nimage: /img/kaart.png\nimage_alt: Een kaart van de haven met de kades\n---\n"+body)
		store := d.store
		return "seam: new front matter for " + seamPage, []string{seamPage}, func(rep *Report) {
			if rep.Failed || !rep.Full || d.store == store {
				t.Errorf("new front matter: failed %v, full %v, new store %v; want a new model and store", rep.Failed, rep.Full, d.store != store)
			}
		}
	case "body":
		model, store := d.model, d.store
		page := d.byFile[seamPage]
		src := page.Source
		b, _ := os.ReadFile(f.abs(seamPage))
		f.write(seamPage, string(b)+"\nEen nieuwe zin over de reis.\n")
		return "seam: new body for " + seamPage, []string{seamPage}, func(rep *Report) {
			if rep.Failed || rep.Full || d.model != model || d.store != store {
				t.Errorf("new body: failed %v, full %v; want the quick path, the same model and store", rep.Failed, rep.Full)
			}
			if page.Source != src || d.store.Source(page) == src || !strings.Contains(d.store.HTML(page), "nieuwe zin") {
				t.Error("new body: the model's page changed, or its facts are not those of the new file")
			}
		}
	case "body image":
		f.png(seamImage)
		return "seam: redraw " + seamImage, []string{seamImage}, nil
	case "anchor":
		p := "content/colofon.md" // published, as not every page is
		target := pageURL(seamPage) + "#" + f.headingID(seamPage)
		f.linked = true
		b, _ := os.ReadFile(f.abs(p))
		f.write(p, string(b)+fmt.Sprintf("\n%sdaar](%s).\n", absLink, target))
		return "seam: link " + p + " to " + target, []string{p}, nil
	case "heading":
		b, _ := os.ReadFile(f.abs(seamPage))
		f.write(seamPage, strings.ReplaceAll(string(b), "## Kop ", "## Kopje "))
		return "seam: rename the headings of " + seamPage, []string{seamPage}, func(rep *Report) {
			if rep.Full || !strings.Contains(rep.Problems.Error(), seamPage+" has no heading") {
				t.Errorf("renamed headings: full %v, problems\n%s\nwant the quick path and the anchor to %s reported", rep.Full, rep.Problems, seamPage)
			}
		}
	default:
		f.png("static/img/kaart.png")
		return "seam: redraw static/img/kaart.png", []string{"static/img/kaart.png"}, nil
	}
}

// heal fixes broken front matter and drops placeholders and links to pages
// that are gone, so that a random run does not spend most of its steps
// failing.
func (f *fixture) heal() (string, []string) {
	f.marked, f.linked = false, false
	var changed []string
	for _, p := range f.pages() {
		b, _ := os.ReadFile(f.abs(p))
		text := strings.Replace(string(b), "title: [", "title: ", 1)
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			if schema.FindMarker(l) >= 0 || strings.HasPrefix(l, absLink) {
				continue
			}
			if i := strings.Index(l, "](../"); i >= 0 || strings.HasPrefix(l, "Lees [verder](") || strings.HasPrefix(l, fileLink) {
				_, target, _ := strings.Cut(l, "](")
				target = strings.TrimSuffix(strings.TrimSuffix(target, "."), ")")
				if _, err := os.Stat(filepath.Join(filepath.Dir(f.abs(p)), filepath.FromSlash(target))); err != nil || f.r.IntN(2) == 0 {
					continue
				}
			}
			lines = append(lines, l)
		}
		if out := strings.Join(lines, "\n"); out != string(b) {
			os.WriteFile(f.abs(p), []byte(out), 0o644)
			changed = append(changed, p)
		}
	}
	partial := "themes/ezine/layouts/partials/concept.html"
	if b, err := os.ReadFile(f.abs(partial)); err == nil && strings.Contains(string(b), "kapot") {
		f.write(partial, `{{ if .IsDraft }}<span class="concept">Concept</span>{{ end }}`)
		changed = append(changed, partial)
	}
	return fmt.Sprintf("heal %d files", len(changed)), changed
}

// png writes a PNG of a random size at name.
func (f *fixture) png(name string) {
	w, h := 200+f.r.IntN(700), 100+f.r.IntN(300)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		f.t.Fatal(err)
	}
	f.write(name, buf.String())
}
