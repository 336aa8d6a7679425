package devsite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/content"
)

// writeCorpus writes a site of n generated pages shaped like the shared
// benchmark corpus (../shared/bench/gencorpus): four sections, YAML front
// matter with title, date, description, tags, deelakkoord and type, and
// bodies of about 800 words with headings, lists, a quote, links to other
// pages and a table on every fifth page. It returns the pages' site paths.
func writeCorpus(tb testing.TB, dir string, n int) []string {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	sections := []string{"interviews", "verhalen", "tussenevaluatie", "archief"}
	types := []string{"interview", "verhaal", "evaluatie", "archief"}
	deel := []string{"haven", "zorg", "energietransitie", "bouw-en-techniek", "transport-en-logistiek", "facilitaire-dienstverlening", "mkb"}
	tags := []string{"scholing", "vakmanschap", "arbeidsmarkt", "instroom", "doorstroom", "loopbaan", "gezondheid", "veiligheid", "digitalisering", "duurzaamheid", "werkdruk", "inclusie", "praktijkleren", "begeleiding", "samenwerking", "regio", "innovatie", "financiering", "onderzoek", "leren"}
	words := strings.Fields("de het een en van in op met voor door aan bij naar over als dat die dit werkgever werknemer medewerkers sector opleiding leerlingen studenten docenten bedrijf organisatie afspraken akkoord uitvoering ontwikkeling overleg samenwerking partners opgave doelen resultaten evaluatie middelen regeling onderzoek kwaliteit vakkennis ervaring werkplek haven ziekenhuis netwerk nieuwe belangrijke regionale gezamenlijke duurzame versterken verbeteren uitwerken realiseren ondersteunen organiseren")
	phrase := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = words[r.IntN(len(words))]
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:]
	}
	slugs := make([]string, n)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("%s/%05d-%s", sections[i%4], i, strings.ReplaceAll(strings.ToLower(phrase(3)), " ", "-"))
	}
	var paths []string
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\ndate: 2021-%02d-%02d\ndescription: %q\ntags:\n", phrase(5), 1+r.IntN(12), 1+r.IntN(28), phrase(18)+".")
		for k := range 2 + r.IntN(3) {
			fmt.Fprintf(&b, "  - %s\n", tags[(i+k*7)%len(tags)])
		}
		fmt.Fprintf(&b, "deelakkoord: %s\ntype: %s\n---\n\n", deel[r.IntN(len(deel))], types[i%4])
		for h := range 4 {
			fmt.Fprintf(&b, "## %s\n\n", phrase(3))
			for range 3 {
				fmt.Fprintf(&b, "%s *%s* [%s](/%s/). %s.\n\n", phrase(30), phrase(1), phrase(2), slugs[r.IntN(n)], phrase(25))
			}
			switch h {
			case 0:
				for range 4 {
					fmt.Fprintf(&b, "- %s.\n", phrase(10))
				}
				b.WriteString("\n")
			case 1:
				for k := range 4 {
					fmt.Fprintf(&b, "%d. %s.\n", k+1, phrase(10))
				}
				b.WriteString("\n")
				if i%5 == 0 {
					b.WriteString("| Onderdeel | Status | Aantal |\n| --- | --- | ---: |\n")
					for range 5 {
						fmt.Fprintf(&b, "| %s | %s | %d |\n", phrase(2), phrase(1), r.IntN(400))
					}
					b.WriteString("\n")
				}
			case 2:
				fmt.Fprintf(&b, "> %s.\n>\n> — %s\n\n", phrase(20), phrase(1))
			}
		}
		p := "content/" + slugs[i] + ".md"
		paths = append(paths, p)
		writeFiles(tb, dir, map[string]string{p: b.String()})
	}
	return paths
}

// BenchmarkSaveToReady measures, in sites of 1,000 and 10,000 generated
// pages, the time from a saved file to its page rebuilt and ready to serve
// (Rebuild with the changed path, then Get of the page). Each save appends
// a sentence to one page, as an editor does. What the change leaves for
// the background (lists that show the page) is done between saves,
// outside the timer, as it is between an editor's saves. The p50 and p90
// of the iterations are reported.
//
//	go test -run '^$' -bench SaveToReady -benchtime 200x ./generator/devsite
func BenchmarkSaveToReady(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("body/pages=%d", n), func(b *testing.B) { benchSave(b, n, false) })
		b.Run(fmt.Sprintf("frontmatter/pages=%d", n), func(b *testing.B) { benchSave(b, n, true) })
	}
}

func benchSave(b *testing.B, n int, frontMatter bool) {
	dir := b.TempDir()
	pages := writeCorpus(b, dir, n)
	d, rep := openSite(b, dir)
	if rep.Failed {
		b.Fatal(rep.Problems)
	}
	d.Settle()
	page := pages[n/2]
	abs := filepath.Join(dir, filepath.FromSlash(page))
	orig, err := os.ReadFile(abs)
	if err != nil {
		b.Fatal(err)
	}
	var out string
	for _, p := range d.model.All() {
		if p.File() == page {
			out = content.OutputFile(p.URL)
		}
	}
	var times []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		data := append([]byte(nil), orig...)
		if frontMatter {
			data = []byte(strings.Replace(string(data), "title: \"", fmt.Sprintf("title: \"%d ", i), 1))
		} else {
			data = append(data, fmt.Sprintf("\nEen nieuwe zin, nummer %d.\n", i)...)
		}
		if err := os.WriteFile(abs, data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		rep := d.Rebuild(context.Background(), []string{page}, nil)
		f, ok := d.Get(out)
		times = append(times, time.Since(start))
		b.StopTimer()
		if rep.Failed || !ok || len(f.Data) == 0 {
			b.Fatalf("rebuild failed: %v", rep.Problems)
		}
		d.Settle()
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(times)
	ms := func(q float64) float64 {
		return float64(times[int(q*float64(len(times)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.5), "ms-p50")
	b.ReportMetric(ms(0.9), "ms-p90")
}
