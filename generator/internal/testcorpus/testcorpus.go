// Package testcorpus writes sites for tests: generated ones for the dev
// server's benchmarks, shaped like the shared benchmark corpus, and small
// ones given file by file.
package testcorpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Write writes a site of n generated pages shaped like the shared
// benchmark corpus (../shared/bench/gencorpus): four sections, YAML front
// matter with title, date, description, tags, deelakkoord and type, and
// bodies of about 800 words with headings, lists, a quote, links to other
// pages and a table on every fifth page. It returns the pages' site paths.
// The same n gives the same bytes.
func Write(dir string, n int) ([]string, error) {
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
		abs := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(abs, []byte(b.String()), 0o644); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// WriteFiles writes files (slash paths relative to dir -> contents) under
// dir, making folders as needed: a small site for a test.
func WriteFiles(dir string, files map[string]string) error {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}
