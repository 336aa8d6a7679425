package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// seedCopyRun is the number of consecutive words that a content page may not
// share with a seed text: the e-zine carries the seeds' facts over, never
// their sentences (see ../shared/CONTENT.md).
const seedCopyRun = 10

// seedNameItemMaxWords is the longest list item, in words, that the copy check
// skips. The rules allow lists of names (the signatories of an agreement)
// to be reproduced as lists; such an item is a single organisation name
// ("Installatiewerk Zuid-Holland", "Havenbedrijf Rotterdam"), and a list of
// them repeats the seed's run of names word for word. The exemption is kept
// narrow on purpose: only list items of at most this many words are
// skipped, so a seedCopy sentence cannot hide in a list, and a skipped item
// also ends the run of words around it, so text before and after the list
// is never glued together into a run that exists in neither.
const seedNameItemMaxWords = 6

// TestContentDoesNotCopySeeds fails when any run of seedCopyRun consecutive
// words of a page under content/ also appears, consecutively, in one of the
// seed texts in ../shared/seeds/. Words are compared after removing front
// matter and Markdown syntax, lower-casing, and splitting on everything that
// is not a letter or a digit, so changed punctuation or capitals do not
// hide a seedCopy sentence.
func TestContentDoesNotCopySeeds(t *testing.T) {
	seedDir := filepath.Join("..", "shared", "seeds")
	entries, err := os.ReadDir(seedDir)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("no seed texts at %s (the shared source documents are not checked out here); skipping the copy check", seedDir)
	}
	if err != nil {
		t.Fatalf("reading seeds: %v", err)
	}
	idx := newSeedRunIndex(seedCopyRun)
	seeds := 0
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(seedDir, e.Name()))
		if err != nil {
			t.Fatalf("reading seed: %v", err)
		}
		idx.add(e.Name(), seedCheckWords(string(b)))
		seeds++
	}
	if seeds == 0 {
		t.Skipf("the seed folder %s holds no texts; skipping the copy check", seedDir)
	}

	pages := 0
	err = filepath.WalkDir("content", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".md") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		pages++
		for _, c := range idx.copies(seedCheckSegments(string(b))) {
			t.Errorf("%s: %d words in a row also appear in seed %s: %q (write the sentence in your own words)",
				filepath.ToSlash(path), seedCopyRun, c.seed, c.run)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking content/: %v", err)
	}
	if pages == 0 {
		t.Fatal("no Markdown pages under content/; the copy check would pass vacuously")
	}
}

// TestCopyMatcher checks the matcher itself on a small seed and pages that
// copy from it, so that TestContentDoesNotCopySeeds cannot pass because the
// matcher is blind.
func TestCopyMatcher(t *testing.T) {
	seed := `Zorg

De zorg is een prachtige sector. Maar ook complex. Het is belangrijk dat
beoogde studenten goed weten wat hun beroep inhoudt voordat ze aan hun
opleiding beginnen.

Deze organisaties ondertekenden het Leerwerkakkoord Energietransitie:
 • gemeente Rotterdam
 • Bouwend Nederland
 • Techniek College Rotterdam
 • Vattenfall
 • Engie Services West
 • Hogeschool Rotterdam
`
	idx := newSeedRunIndex(seedCopyRun)
	idx.add("seed.txt", seedCheckWords(seed))

	tests := []struct {
		name string
		page string
		want string // the first reported run, "" for none
	}{
		{
			name: "seedCopy sentence with other capitals and punctuation",
			page: "---\ntitle: Zorg\n---\n\nEen inleiding.\n\nHET is belangrijk, dat beoogde studenten goed weten wat hun beroep inhoudt!\n",
			want: "het is belangrijk dat beoogde studenten goed weten wat hun",
		},
		{
			name: "seedCopy sentence split by a link and emphasis",
			page: "Het is *belangrijk* dat [beoogde studenten](../verhalen/zorg.md) goed weten wat hun beroep inhoudt.\n",
			want: "het is belangrijk dat beoogde studenten goed weten wat hun",
		},
		{
			name: "seedCopy run across two sentences and inside a block",
			page: "::: citaat\nDe zorg is een prachtige sector. Maar ook complex. Het is zo.\n:::\n",
			want: "de zorg is een prachtige sector maar ook complex het",
		},
		{
			name: "seedCopy sentence in a Q&A answer",
			page: "::: qa\nV: Waarom?\nA: Het is belangrijk dat beoogde studenten goed weten wat hun beroep inhoudt.\n:::\n",
			want: "het is belangrijk dat beoogde studenten goed weten wat hun",
		},
		{
			name: "seedCopy sentence hidden in a long list item",
			page: "- Het is belangrijk dat beoogde studenten goed weten wat hun beroep inhoudt.\n",
			want: "het is belangrijk dat beoogde studenten goed weten wat hun",
		},
		{
			name: "own words",
			page: "Wie in de zorg begint, moet vooraf weten wat het werk vraagt. Daarom is er een oriëntatie.\n",
		},
		{
			name: "a list of signatories is a list of names, and exempt",
			page: "Deze partijen tekenden:\n\n- gemeente Rotterdam\n- Bouwend Nederland\n- Techniek College Rotterdam\n- Vattenfall\n- Engie Services West\n- Hogeschool Rotterdam\n",
		},
		{
			name: "seedCopy words in front matter are not page text",
			page: "---\ndescription: Het is belangrijk dat beoogde studenten goed weten wat hun beroep inhoudt.\n---\nEigen tekst.\n",
		},
		{
			name: "nine words is not yet a copy",
			page: "Het is belangrijk dat beoogde studenten goed weten wat, zegt de bron.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := idx.copies(seedCheckSegments(tt.page))
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("reported %q from %s, want no copy", got[0].run, got[0].seed)
			case tt.want != "" && len(got) == 0:
				t.Errorf("no copy reported, want %q", tt.want)
			case tt.want != "" && got[0].run != tt.want:
				t.Errorf("reported %q, want %q", got[0].run, tt.want)
			}
		})
	}
}

// seedRunIndex records every run of n consecutive words of the seed texts.
type seedRunIndex struct {
	n    int
	runs map[string]string // run -> seed file name
}

func newSeedRunIndex(n int) *seedRunIndex { return &seedRunIndex{n: n, runs: map[string]string{}} }

func (x *seedRunIndex) add(name string, ws []string) {
	for i := 0; i+x.n <= len(ws); i++ {
		run := strings.Join(ws[i:i+x.n], " ")
		if _, ok := x.runs[run]; !ok {
			x.runs[run] = name
		}
	}
}

type seedCopy struct{ seed, run string }

// copies returns the seedCopy runs in the segments, one per stretch of
// overlapping seedCopy runs (a seedCopy sentence of 14 words is reported once,
// by its first run, not five times).
func (x *seedRunIndex) copies(segments [][]string) []seedCopy {
	var out []seedCopy
	for _, ws := range segments {
		end := -1 // the word index up to which the last report reaches
		for i := 0; i+x.n <= len(ws); i++ {
			run := strings.Join(ws[i:i+x.n], " ")
			seed, ok := x.runs[run]
			if !ok {
				continue
			}
			if i > end {
				out = append(out, seedCopy{seed: seed, run: run})
			}
			end = i + x.n - 1
		}
	}
	return out
}

var (
	seedCheckListItem = regexp.MustCompile(`^\s*(?:[-*+•]|\d+[.)])\s+(.*)$`)
	seedCheckFence    = regexp.MustCompile(`^\s*(?::::|` + "```" + `|~~~)`)
	seedCheckQA       = regexp.MustCompile(`^\s*[VA]:\s*`)
	seedCheckLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	seedCheckRefDef   = regexp.MustCompile(`^\s*\[[^\]]+\]:\s*\S+.*$`)
	seedCheckHTML     = regexp.MustCompile(`<[^>\n]*>`)
	seedCheckURL      = regexp.MustCompile(`(?:https?://|mailto:)\S+`)
	seedCheckHeading  = regexp.MustCompile(`^\s*#{1,6}\s+`)
)

// seedCheckSegments strips the front matter and Markdown syntax from a page and
// returns its words as segments: runs of words that are read as one text.
// A list item of at most seedNameItemMaxWords words (a name in a list of names)
// is left out and ends the segment it interrupts.
func seedCheckSegments(src string) [][]string {
	body := seedCheckStripFrontMatter(src)
	var segs [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			segs = append(segs, cur)
		}
		cur = nil
	}
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimRight(line, "\r")
		if seedCheckFence.MatchString(line) || seedCheckRefDef.MatchString(line) {
			continue
		}
		line = seedCheckHeading.ReplaceAllString(line, "")
		line = seedCheckQA.ReplaceAllString(line, "")
		line = seedCheckLink.ReplaceAllString(line, "$1")
		line = seedCheckHTML.ReplaceAllString(line, " ")
		line = seedCheckURL.ReplaceAllString(line, " ")
		if m := seedCheckListItem.FindStringSubmatch(line); m != nil {
			if item := seedCheckWords(m[1]); len(item) <= seedNameItemMaxWords {
				flush()
				continue
			}
		}
		cur = append(cur, seedCheckWords(line)...)
	}
	flush()
	return segs
}

// seedCheckStripFrontMatter removes a leading YAML (---), TOML (+++) or JSON ({ })
// front matter block.
func seedCheckStripFrontMatter(src string) string {
	src = strings.TrimPrefix(src, "\ufeff")
	src = strings.ReplaceAll(src, "\r\n", "\n")
	for _, delim := range []string{"---", "+++"} {
		if strings.HasPrefix(src, delim+"\n") {
			rest := src[len(delim)+1:]
			if i := strings.Index(rest, "\n"+delim); i >= 0 {
				rest = rest[i+1+len(delim):]
				if j := strings.IndexByte(rest, '\n'); j >= 0 {
					return rest[j+1:]
				}
				return ""
			}
			if strings.HasPrefix(rest, delim+"\n") {
				return rest[len(delim)+1:]
			}
		}
	}
	if strings.HasPrefix(src, "{") {
		if i := strings.Index(src, "\n}"); i >= 0 {
			return src[i+2:]
		}
	}
	return src
}

// seedCheckWords normalises text (Unicode NFC, lower case) and returns its words:
// maximal runs of letters and digits (with their combining marks).
func seedCheckWords(s string) []string {
	s = strings.ToLower(norm.NFC.String(s))
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}
